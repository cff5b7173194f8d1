/*
 * sync.c — sync, syncfs, fsync, fdatasync and sync_file_range. Everything is in memory, so
 * there is nothing to write back; only the checks remain (EBADF, and EINVAL for files without
 * an fsync op: pipes and devices; sync_file_range's flags and range, ESPIPE for those).
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"

long sys_sync(void)
{
    return 0;
}

long sys_syncfs(int fd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    file_put(f);
    return 0;
}

long sys_fsync(int fd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    /* tmpfs files and directories have an fsync op (a no-op); devices and pipes do not */
    long ret = S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode) ? 0 : -EINVAL;
    file_put(f);
    return ret;
}

long sys_fdatasync(int fd)
{
    return sys_fsync(fd);
}

#define SYNC_FILE_RANGE_VALID 7   /* WAIT_BEFORE | WRITE | WAIT_AFTER */

/* Linux's sync_file_range: flags, then the range (no negative offset or end, no overflow),
 * then the file type (regular, block device, directory, symlink; others ESPIPE). */
long sys_sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned flags)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret = 0;
    int64_t end = (int64_t)((uint64_t)offset + (uint64_t)nbytes);
    unsigned mode = f->inode->mode;
    if ((flags & ~SYNC_FILE_RANGE_VALID) || offset < 0 || end < 0 || end < offset)
        ret = -EINVAL;
    else if (!S_ISREG(mode) && !S_ISBLK(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
        ret = -ESPIPE;
    file_put(f);
    return ret;
}
