/*
 * tmpfs.c — tmpfs directories, symlinks and special nodes, and tmpfs super blocks.
 *
 * A directory keeps its entries in a list, newest first, each with an offset taken from
 * a per-directory counter that only grows (first entry 3). getdents64 follows Linux 6.x's
 * "stable offsets" (fs/libfs.c offset_readdir), which the recorded traces show:
 *   - the listing is in list order (newest first), after . (pos 0) and .. (pos 1);
 *   - an entry's d_off is the offset of the entry listed after it, or 0x7fffffff (EOD);
 *   - resuming at pos p starts at the entry with the smallest offset >= p and continues in
 *     list order; if there is none it starts again at the head (Linux does exactly that).
 * rename moves the entry to the head; over an existing target it takes the target's offset;
 * RENAME_EXCHANGE keeps each name's offset.
 */
#include "kernel/fs/tmpfs.h"
#include <linux/fs.h>
#include <linux/magic.h>
#include "replayer/kernel/faults.h"

#define DIR_OFFSET_MIN 3
#define DIR_OFFSET_FIRST 2
#define DIR_OFFSET_EOD 0x7fffffff

struct tmpfs_dirent {
    struct tmpfs_dirent *next, *prev;
    int64_t offset;
    struct inode *inode;
    size_t len;
    char name[];
};

struct tmpfs_dir {
    struct tmpfs_dirent *head;
    int64_t next_offset;
};

static struct tmpfs_dir *dir_of(struct inode *dir)
{
    return dir->priv;
}

static struct tmpfs_dirent *dir_find(struct inode *dir, const char *name, size_t len)
{
    for (struct tmpfs_dirent *d = dir_of(dir)->head; d; d = d->next)
        if (d->len == len && !memcmp(d->name, name, len))
            return d;
    return NULL;
}

static void list_unlink(struct tmpfs_dir *td, struct tmpfs_dirent *d)
{
    if (d->prev)
        d->prev->next = d->next;
    else
        td->head = d->next;
    if (d->next)
        d->next->prev = d->prev;
    d->next = d->prev = NULL;
}

static void list_push_head(struct tmpfs_dir *td, struct tmpfs_dirent *d)
{
    d->prev = NULL;
    d->next = td->head;
    if (td->head)
        td->head->prev = d;
    td->head = d;
}

/* Add an entry for inode (the caller accounts nlink). */
static int dir_add(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
    struct tmpfs_dirent *d = kzalloc(sizeof(*d) + len + 1);
    if (!d)
        return -ENOMEM;
    memcpy(d->name, name, len);
    d->len = len;
    d->inode = inode;
    d->offset = dir_of(dir)->next_offset++;
    list_push_head(dir_of(dir), d);
    dir->size += TMPFS_BOGO_DIRENT;
    inode_touch_mc(dir);
    return 0;
}

static void dir_remove(struct inode *dir, struct tmpfs_dirent *d)
{
    list_unlink(dir_of(dir), d);
    kfree(d);
    dir->size -= TMPFS_BOGO_DIRENT;
    inode_touch_mc(dir);
}

static void dir_destroy(struct inode *dir)
{
    struct tmpfs_dir *td = dir_of(dir);
    while (td->head) {
        struct tmpfs_dirent *d = td->head;
        td->head = d->next;
        kfree(d);
    }
    kfree(td);
    if (dir->parent != dir)
        inode_put(dir->parent);   /* a directory holds its parent, for ".." of a removed one */
}

/* Point a directory's ".." at parent, moving the reference it holds. */
static void set_parent(struct inode *dir, struct inode *parent)
{
    struct inode *old = dir->parent;
    dir->parent = inode_get(parent);
    if (old && old != dir)
        inode_put(old);
}

struct inode *tmpfs_new_dir(struct super_block *sb, unsigned mode, struct inode *parent)
{
    struct inode *inode = inode_alloc(sb, S_IFDIR | (mode & 07777));
    struct tmpfs_dir *td = kzalloc(sizeof(*td));
    if (!inode || !td) {
        kfree(inode);
        kfree(td);
        return NULL;
    }
    td->next_offset = DIR_OFFSET_MIN;
    inode->priv = td;
    inode->destroy = dir_destroy;
    inode->iops = &tmpfs_dir_iops;
    inode->fops = &tmpfs_dir_fops;
    inode->parent = parent ? inode_get(parent) : inode;
    inode->size = 2 * TMPFS_BOGO_DIRENT;
    inode->nlink = 2;
    return inode;
}

static int tmpfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct tmpfs_dirent *d = dir_find(dir, name, len);
    if (!d)
        return -ENOENT;
    *out = d->inode;
    return 0;
}

/* Link a new inode into dir and hand it out. */
static int add_new(struct inode *dir, const char *name, size_t len, struct inode *inode,
                   struct inode **out)
{
    if (!inode)
        return -ENOMEM;
    int err = dir_add(dir, name, len, inode);
    if (err) {
        inode_maybe_free(inode);
        return err;
    }
    if (!S_ISDIR(inode->mode))
        inode->nlink = 1;
    if (out)
        *out = inode;
    return 0;
}

static void symlink_destroy(struct inode *inode)
{
    kfree(inode->priv);
}

static int tmpfs_get_link(struct inode *inode, const char **target)
{
    *target = inode->priv;
    return (int)inode->size;
}

void tmpfs_init_special(struct inode *inode, unsigned mode, uint32_t rdev)
{
    inode->rdev = rdev;
    if (S_ISFIFO(mode))
        inode->fops = &fifo_fops;
    else if (S_ISCHR(mode))
        inode->fops = &chrdev_fops;
    else if (S_ISBLK(mode))
        inode->fops = &blkdev_fops;
    else
        inode->fops = NULL;   /* sockets: open gives ENXIO (open.c) */
}

static int tmpfs_mknod(struct inode *dir, const char *name, size_t len, unsigned mode, uint32_t rdev,
                       struct inode **out)
{
    struct inode *inode;
    if (S_ISREG(mode)) {
        inode = tmpfs_new_file(dir->sb, mode);
    } else {
        inode = inode_alloc(dir->sb, mode);
        if (inode)
            tmpfs_init_special(inode, mode, rdev);
    }
    return add_new(dir, name, len, inode, out);
}

static int tmpfs_mkdir(struct inode *dir, const char *name, size_t len, unsigned mode, struct inode **out)
{
    int err = add_new(dir, name, len, tmpfs_new_dir(dir->sb, mode, dir), out);
    if (!err)
        dir->nlink++;
    return err;
}

static int tmpfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
                         struct inode **out)
{
    size_t tlen = strlen(target);
    struct inode *inode = inode_alloc(dir->sb, S_IFLNK | 0777);
    char *copy = kmalloc(tlen + 1);
    if (!inode || !copy) {
        kfree(inode);
        kfree(copy);
        return -ENOMEM;
    }
    memcpy(copy, target, tlen + 1);
    inode->priv = copy;
    inode->size = tlen;
    if (tlen > 128)
        inode->blocks = PAGE_SIZE / 512;   /* tmpfs keeps targets over 128 bytes in a page */
    inode->destroy = symlink_destroy;
    inode->iops = &tmpfs_symlink_iops;
    return add_new(dir, name, len, inode, out);
}

static int tmpfs_link(struct inode *target, struct inode *dir, const char *name, size_t len)
{
    int err = dir_add(dir, name, len, target);
    if (err)
        return err;
    if (!FAULT_ON(LINK_NLINK))
        target->nlink++;
    target->linkable = false;
    inode_touch_c(target);
    return 0;
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len)
{
    struct tmpfs_dirent *d = dir_find(dir, name, len);
    if (!d)
        return -ENOENT;
    struct inode *inode = d->inode;
    dir_remove(dir, d);
    inode->nlink--;
    inode_touch_c(inode);
    inode->ctime = dir->ctime;
    inode_maybe_free(inode);
    return 0;
}

static int tmpfs_rmdir(struct inode *dir, const char *name, size_t len)
{
    struct tmpfs_dirent *d = dir_find(dir, name, len);
    if (!d)
        return -ENOENT;
    struct inode *inode = d->inode;
    dir_remove(dir, d);
    dir->nlink--;
    inode->nlink = 0;
    inode->ctime = dir->ctime;
    inode_maybe_free(inode);
    return 0;
}

static bool tmpfs_empty(struct inode *dir)
{
    return dir_of(dir)->head == NULL;
}

/* A target that a rename replaces loses its name (and a directory both its links). */
static void drop_replaced(struct inode *ndir, struct inode *victim)
{
    if (S_ISDIR(victim->mode)) {
        victim->nlink = 0;
        ndir->nlink--;
    } else {
        victim->nlink--;
    }
    victim->ctime = ndir->ctime;
    inode_maybe_free(victim);
}

static int tmpfs_rename(struct inode *odir, const char *oname, size_t olen,
                        struct inode *ndir, const char *nname, size_t nlen, unsigned flags)
{
    struct tmpfs_dirent *od = dir_find(odir, oname, olen);
    struct tmpfs_dirent *nd = dir_find(ndir, nname, nlen);
    if (!od)
        return -ENOENT;
    struct inode *src = od->inode;
    vfs_time now = vfs_now();

    if (flags & RENAME_EXCHANGE) {
        struct inode *dst = nd->inode;
        od->inode = dst;
        nd->inode = src;
        if (odir != ndir && S_ISDIR(src->mode) != S_ISDIR(dst->mode)) {
            if (S_ISDIR(src->mode)) { odir->nlink--; ndir->nlink++; }
            else { odir->nlink++; ndir->nlink--; }
        }
        if (S_ISDIR(src->mode))
            set_parent(src, ndir);
        if (S_ISDIR(dst->mode))
            set_parent(dst, odir);
        list_unlink(dir_of(odir), od);
        list_push_head(dir_of(odir), od);
        list_unlink(dir_of(ndir), nd);
        list_push_head(dir_of(ndir), nd);
        src->ctime = dst->ctime = now;
    } else if (nd) {
        struct inode *victim = nd->inode;
        nd->inode = src;
        list_unlink(dir_of(ndir), nd);
        list_push_head(dir_of(ndir), nd);
        dir_remove(odir, od);
        if (S_ISDIR(src->mode) && odir != ndir) {
            odir->nlink--;
            ndir->nlink++;
        }
        ndir->mtime = ndir->ctime = now;
        drop_replaced(ndir, victim);
    } else {
        int err = dir_add(ndir, nname, nlen, src);
        if (err)
            return err;
        dir_remove(odir, od);
        if (S_ISDIR(src->mode) && odir != ndir) {
            odir->nlink--;
            ndir->nlink++;
        }
    }
    if (S_ISDIR(src->mode) && src->parent != ndir)
        set_parent(src, ndir);
    odir->mtime = odir->ctime = ndir->mtime = ndir->ctime = src->ctime = now;
    return 0;
}

static int tmpfs_tmpfile(struct inode *dir, unsigned mode, struct inode **out)
{
    struct inode *inode = tmpfs_new_file(dir->sb, mode);
    if (!inode)
        return -ENOMEM;
    *out = inode;   /* nlink 0: freed when the last file closes, unless linkat() names it */
    return 0;
}

static int tmpfs_name_of(struct inode *dir, struct inode *child, char *buf, size_t size)
{
    for (struct tmpfs_dirent *d = dir_of(dir)->head; d; d = d->next) {
        if (d->inode == child) {
            memcpy(buf, d->name, MIN(d->len, size));
            return (int)d->len;
        }
    }
    return -ENOENT;
}

static bool tmpfs_for_each_child(struct inode *dir, bool (*fn)(void *, struct inode *, const char *, size_t),
                                 void *arg)
{
    for (struct tmpfs_dirent *d = dir_of(dir)->head; d; d = d->next)
        if (fn(arg, d->inode, d->name, d->len))
            return true;
    return false;
}

/* getdents64, see the comment at the top. */
static int tmpfs_iterate(struct file *f, struct dir_context *ctx)
{
    struct inode *dir = f->inode;
    if (ctx->pos == 0 && FAULT_ON(GETDENTS_NO_DOTS))
        ctx->pos = DIR_OFFSET_FIRST;
    if (ctx->pos == 0) {
        if (!ctx->emit(ctx, ".", 1, dir->ino, dtype_of(S_IFDIR)))
            return 0;
        ctx->pos = 1;
    }
    if (ctx->pos == 1) {
        if (!ctx->emit(ctx, "..", 2, dir->parent->ino, dtype_of(S_IFDIR)))
            return 0;
        ctx->pos = DIR_OFFSET_FIRST;
    }
    if (ctx->pos == DIR_OFFSET_EOD)
        return 0;
    struct tmpfs_dirent *d = NULL;
    if (ctx->pos != DIR_OFFSET_FIRST) {
        for (struct tmpfs_dirent *e = dir_of(dir)->head; e; e = e->next)
            if (e->offset >= ctx->pos && (!d || e->offset < d->offset))
                d = e;
    }
    if (!d)
        d = dir_of(dir)->head;
    for (; d; d = d->next) {
        ctx->pos = d->offset;
        if (!ctx->emit(ctx, d->name, d->len, d->inode->ino, dtype_of(d->inode->mode)))
            return 0;
    }
    ctx->pos = DIR_OFFSET_EOD;
    return 0;
}

static long dir_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)f, (void)to, (void)pos;
    return -EISDIR;
}

static int64_t dir_llseek(struct file *f, int64_t off, int whence)
{
    if (whence == SEEK_CUR)
        off += f->pos;
    else if (whence != SEEK_SET)
        return -EINVAL;
    if (off < 0)
        return -EINVAL;
    f->pos = off;
    return off;
}

static const struct super_ops tmpfs_super_ops = {
    .statfs = tmpfs_statfs,
};

/* Depth first without recursion (a program may nest directories as deep as it likes):
   descend into a non-empty subdirectory, climb back through parent pointers once it is empty.
   Only a mount recurses, and mounts do not nest deeply. */
void tmpfs_wipe(struct inode *top)
{
    if (top->destroy != dir_destroy)
        return;   /* not a tmpfs directory */
    struct inode *cur = top;
    for (;;) {
        struct tmpfs_dir *td = dir_of(cur);
        struct tmpfs_dirent *d = td->head;
        if (!d) {
            if (cur == top)
                return;
            cur = cur->parent;
            continue;
        }
        struct inode *child = d->inode;
        if (S_ISDIR(child->mode)) {
            if (child->mounted) {
                tmpfs_wipe(child->mounted->root);
                child->mounted = NULL;
            }
            if (child->destroy == dir_destroy && dir_of(child)->head) {
                cur = child;
                continue;
            }
            child->nlink = 0;
            cur->nlink--;
        } else {
            child->nlink--;
        }
        list_unlink(td, d);
        kfree(d);
        cur->size -= TMPFS_BOGO_DIRENT;
        inode_maybe_free(child);
    }
}

struct super_block *tmpfs_create(const char *name)
{
    struct super_block *sb = sb_create(name, TMPFS_MAGIC);
    if (!sb)
        return NULL;
    sb->ops = &tmpfs_super_ops;
    sb->root = tmpfs_new_dir(sb, 01777, NULL);
    if (!sb->root) {
        kfree(sb);
        return NULL;
    }
    return sb;
}

const struct inode_ops tmpfs_dir_iops = {
    .lookup = tmpfs_lookup,
    .mknod = tmpfs_mknod,
    .mkdir = tmpfs_mkdir,
    .symlink = tmpfs_symlink,
    .link = tmpfs_link,
    .unlink = tmpfs_unlink,
    .rmdir = tmpfs_rmdir,
    .rename = tmpfs_rename,
    .empty = tmpfs_empty,
    .tmpfile = tmpfs_tmpfile,
    .name_of = tmpfs_name_of,
    .for_each_child = tmpfs_for_each_child,
};

const struct file_ops tmpfs_dir_fops = {
    .read = dir_read,
    .llseek = dir_llseek,
    .iterate = tmpfs_iterate,
};

const struct inode_ops tmpfs_symlink_iops = {
    .get_link = tmpfs_get_link,
};
