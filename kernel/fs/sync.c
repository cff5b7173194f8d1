/*
 * sync.c — sync, syncfs, fsync and fdatasync. Everything is in memory, so there is nothing
 * to write back; only the fd checks remain (EBADF, and EINVAL for files without an fsync
 * op: pipes and devices).
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
