/*
 * stat.c — stat, lstat, fstat, newfstatat and statx. struct stat comes from inode_fill_stat
 * (inode.c); statx adds btime and the mount id and reports in stx_mask what Linux 6.x
 * reports for tmpfs (see statx_result_mask).
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <linux/magic.h>
#include "replayer/kernel/faults.h"

int kernel_stat(struct file *f, struct stat *st)
{
    inode_fill_stat(f->inode, st);
    return 0;
}

/* Resolve dirfd+path for the stat family; an empty path with AT_EMPTY_PATH is dirfd itself. */
static int stat_lookup(int dirfd, const char *upath, int flags, struct inode **out)
{
    unsigned lf = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
    if (flags & AT_EMPTY_PATH) {
        lf |= LOOKUP_EMPTY;
        if (!upath) {
            return vfs_lookup_at(dirfd, "", lf, out);
        }
    }
    char *path;
    int err = getname(upath, &path);
    if (err)
        return err;
    err = vfs_lookup_at(dirfd, path, lf, out);
    kfree(path);
    return err;
}

static long stat_to_user(struct inode *inode, void *ubuf)
{
    struct stat st;
    inode_fill_stat(inode, &st);
    return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_newfstatat(int dirfd, const char *upath, void *ubuf, int flags)
{
    if ((unsigned)flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
                                       AT_STATX_SYNC_TYPE))
        return -EINVAL;
    struct inode *inode;
    int err = stat_lookup(dirfd, upath, flags, &inode);
    if (err)
        return err;
    long ret = stat_to_user(inode, ubuf);
    inode_put(inode);
    return ret;
}

long sys_stat(const char *upath, void *ubuf)
{
    return sys_newfstatat(AT_FDCWD, upath, ubuf, 0);
}

long sys_lstat(const char *upath, void *ubuf)
{
    return sys_newfstatat(AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat(int fd, void *ubuf)
{
    struct file *f = fd_get_any(fd);
    if (!f)
        return -EBADF;
    long ret = stat_to_user(f->inode, ubuf);
    file_put(f);
    return ret;
}

/* What Linux 6.x puts in stx_mask: the basic stats and the mount id; btime only on tmpfs
   and only when asked; and on tmpfs (multigrain timestamps) mtime and ctime only when one
   of them was asked for. */
static unsigned statx_result_mask(struct inode *inode, unsigned req)
{
    unsigned mask = STATX_BASIC_STATS | (FAULT_ON(STATX_NO_MNT_ID) ? 0 : STATX_MNT_ID);
    if (inode->sb->magic == TMPFS_MAGIC) {
        if (req & STATX_BTIME)
            mask |= STATX_BTIME;
        if (!(req & (STATX_MTIME | STATX_CTIME)))
            mask &= ~(unsigned)(STATX_MTIME | STATX_CTIME);
    }
    return mask;
}

static void ts(struct statx_timestamp *t, vfs_time v)
{
    t->tv_sec = v.sec;
    t->tv_nsec = (uint32_t)v.nsec;
}

long sys_statx(int dirfd, const char *upath, int flags, unsigned mask, void *ubuf)
{
    if ((unsigned)flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
                                       AT_STATX_SYNC_TYPE))
        return -EINVAL;
    if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
        return -EINVAL;
    if (mask & STATX__RESERVED)
        return -EINVAL;
    struct inode *inode;
    int err = stat_lookup(dirfd, upath, flags, &inode);
    if (err)
        return err;
    struct statx sx;
    memset(&sx, 0, sizeof(sx));
    sx.stx_mask = statx_result_mask(inode, mask);
    sx.stx_blksize = inode->sb->blksize ? inode->sb->blksize : PAGE_SIZE;
    sx.stx_nlink = inode->nlink;
    sx.stx_uid = inode->uid;
    sx.stx_gid = inode->gid;
    sx.stx_mode = (uint16_t)inode->mode;
    sx.stx_ino = inode->ino;
    sx.stx_size = inode->size;
    sx.stx_blocks = inode->blocks;
    if (inode->sb->magic == TMPFS_MAGIC)
        sx.stx_attributes_mask = STATX_ATTR_IMMUTABLE | STATX_ATTR_APPEND | STATX_ATTR_NODUMP |
                                 STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX;
    else
        sx.stx_attributes_mask = STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX;
    if (inode == inode->sb->root)
        sx.stx_attributes |= STATX_ATTR_MOUNT_ROOT;
    ts(&sx.stx_atime, inode->atime);
    if (sx.stx_mask & STATX_BTIME)
        ts(&sx.stx_btime, inode->btime);
    if (sx.stx_mask & STATX_CTIME)
        ts(&sx.stx_ctime, inode->ctime);
    if (sx.stx_mask & STATX_MTIME)
        ts(&sx.stx_mtime, inode->mtime);
    /* User encoding of dev_t: major in bits 8..19, minor in 0..7 and 20..31. */
    sx.stx_rdev_major = (inode->rdev >> 8) & 0xfff;
    sx.stx_rdev_minor = (inode->rdev & 0xff) | ((inode->rdev >> 12) & ~0xffu);
    sx.stx_dev_major = (inode->sb->dev >> 8) & 0xfff;
    sx.stx_dev_minor = (inode->sb->dev & 0xff) | ((inode->sb->dev >> 12) & ~0xffu);
    sx.stx_mnt_id = (uint64_t)inode->sb->mnt_id;
    inode_put(inode);
    return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}
