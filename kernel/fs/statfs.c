/*
 * statfs.c — statfs and fstatfs. Each super block fills its own answer (tmpfs, pipefs);
 * tmpfs reports its size like a default Linux tmpfs (as many inodes as blocks, free counts
 * going down as files and pages are used), of a notional size: the figures are a world
 * input that differs between machines anyway.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <asm/statfs.h>
#include <linux/magic.h>

/* Mount flags as statfs reports them (Linux keeps these out of its uapi). */
#define ST_VALID 0x0020
#define ST_RELATIME 0x1000

#define TMPFS_NOTIONAL_PAGES 65536

void generic_statfs(struct super_block *sb, struct statfs *st)
{
    memset(st, 0, sizeof(*st));
    st->f_type = (long)sb->magic;
    st->f_bsize = PAGE_SIZE;
    st->f_namelen = FS_NAME_MAX;
    st->f_frsize = PAGE_SIZE;
    /* Linux's tmpfs fsid comes from a random uuid: ours is only unique per mount, and
       never equal to an st_dev (the checker maps both as device ids). */
    st->f_fsid.val[0] = (int)(0x6b667300u + (unsigned)sb->mnt_id);
    st->f_fsid.val[1] = (int)sb->dev;
    st->f_flags = ST_VALID | ST_RELATIME | sb->mnt_flags;
}

void tmpfs_statfs(struct super_block *sb, struct statfs *st)
{
    generic_statfs(sb, st);
    if (sb->magic != TMPFS_MAGIC)
        return;   /* proc and the like: no sizes */
    st->f_blocks = TMPFS_NOTIONAL_PAGES;
    st->f_bfree = st->f_bavail = TMPFS_NOTIONAL_PAGES - MIN(sb->used_pages, TMPFS_NOTIONAL_PAGES);
    st->f_files = TMPFS_NOTIONAL_PAGES;
    st->f_ffree = TMPFS_NOTIONAL_PAGES - MIN(sb->used_inodes, TMPFS_NOTIONAL_PAGES);
}

static long statfs_inode(struct inode *inode, void *ubuf)
{
    struct statfs st;
    if (inode->sb->ops && inode->sb->ops->statfs)
        inode->sb->ops->statfs(inode->sb, &st);
    else
        tmpfs_statfs(inode->sb, &st);
    return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statfs(const char *upath, void *ubuf)
{
    char *path;
    int err = getname(upath, &path);
    if (err)
        return err;
    struct inode *inode;
    err = vfs_lookup_at(AT_FDCWD, path, LOOKUP_FOLLOW, &inode);
    kfree(path);
    if (err)
        return err;
    long ret = statfs_inode(inode, ubuf);
    inode_put(inode);
    return ret;
}

long sys_fstatfs(int fd, void *ubuf)
{
    struct file *f = fd_get_any(fd);
    if (!f)
        return -EBADF;
    long ret = statfs_inode(f->inode, ubuf);
    file_put(f);
    return ret;
}
