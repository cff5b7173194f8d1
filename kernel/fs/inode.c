/*
 * inode.c — inode life cycle, timestamps, permission checks and stat.
 *
 * An inode lives while a directory entry names it (nlink > 0) or something holds a
 * reference (an open file, a cwd, a path walk in progress); inode_maybe_free() is called
 * whenever either drops and frees it when both are gone.
 */
#include "kernel/fs/vfs.h"
#include "kernel/proc/task.h"
#include "kernel/time.h"

struct inode *inode_alloc(struct super_block *sb, unsigned mode)
{
    struct inode *inode = kzalloc(sizeof(*inode));
    if (!inode)
        return NULL;
    inode->ino = sb->next_ino++;
    sb->used_inodes++;
    inode->sb = sb;
    inode->mode = mode;
    struct task *t = current_task();
    inode->uid = t ? t->euid : 0;
    inode->gid = t ? t->egid : 0;
    vfs_time now = vfs_now();
    inode->atime = inode->mtime = inode->ctime = inode->btime = now;
    return inode;
}

struct inode *inode_get(struct inode *inode)
{
    if (inode)
        inode->refs++;
    return inode;
}

void inode_maybe_free(struct inode *inode)
{
    if ((inode->nlink > 0 && !inode->anon) || inode->refs > 0 || inode == inode->sb->root)
        return;
    if (inode->destroy)
        inode->destroy(inode);
    inode->sb->used_inodes--;
    kfree(inode->dead_path);
    xattr_free_all(inode);
    kfree(inode);
}

void inode_put(struct inode *inode)
{
    if (!inode)
        return;
    if (--inode->refs == 0)
        inode_maybe_free(inode);
}

vfs_time vfs_now(void)
{
    uint64_t ns = time_now_ns(CLOCK_REALTIME);
    vfs_time t = { (int64_t)(ns / 1000000000ull), (long)(ns % 1000000000ull) };
    return t;
}

void inode_touch_mc(struct inode *inode)
{
    inode->mtime = inode->ctime = vfs_now();
}

void inode_touch_c(struct inode *inode)
{
    inode->ctime = vfs_now();
}

static bool time_le(vfs_time a, vfs_time b)
{
    return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec);
}

/* relatime (the default mount option): update atime only if it is not newer than mtime or
   ctime, or is more than a day old. */
void inode_touch_a(struct inode *inode)
{
    vfs_time now = vfs_now();
    if (time_le(inode->atime, inode->mtime) || time_le(inode->atime, inode->ctime) ||
        now.sec - inode->atime.sec >= 24 * 60 * 60)
        inode->atime = now;
}

bool fs_capable(void)
{
    struct task *t = current_task();
    return !t || t->euid == 0;
}

bool inode_owner_or_root(struct inode *inode)
{
    struct task *t = current_task();
    unsigned uid = t ? t->euid : 0;
    return uid == 0 || uid == inode->uid;
}

/* Linux's generic_permission for a caller with euid/egid and no supplementary groups. Root
   may do anything, except execute a file that has no execute bit at all. */
int inode_permission(struct inode *inode, int mask)
{
    struct task *t = current_task();
    unsigned uid = t ? t->euid : 0, gid = t ? t->egid : 0;
    unsigned mode = inode->mode;
    if (uid == 0) {
        if (!(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111))
            return 0;
        return -EACCES;
    }
    unsigned bits;
    if (uid == inode->uid)
        bits = (mode >> 6) & 7;
    else if (gid == inode->gid)
        bits = (mode >> 3) & 7;
    else
        bits = mode & 7;
    return ((unsigned)mask & ~bits) ? -EACCES : 0;
}

void inode_fill_stat(struct inode *inode, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_dev = inode->sb->dev;
    st->st_ino = inode->ino;
    st->st_nlink = inode->nlink;
    st->st_mode = inode->mode;
    st->st_uid = inode->uid;
    st->st_gid = inode->gid;
    st->st_rdev = inode->rdev;
    st->st_size = (long)inode->size;
    st->st_blksize = inode->sb->blksize ? inode->sb->blksize : PAGE_SIZE;
    st->st_blocks = (long)inode->blocks;
    st->st_atime = inode->atime.sec;
    st->st_atime_nsec = inode->atime.nsec;
    st->st_mtime = inode->mtime.sec;
    st->st_mtime_nsec = inode->mtime.nsec;
    st->st_ctime = inode->ctime.sec;
    st->st_ctime_nsec = inode->ctime.nsec;
}

unsigned dtype_of(unsigned mode)
{
    return (mode & S_IFMT) >> 12;   /* DT_* values are the S_IFMT bits shifted, as in Linux */
}
