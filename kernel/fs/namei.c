/*
 * namei.c — the syscalls that change names: mkdir, mknod, rmdir, unlink, symlink, link,
 * rename (with RENAME_NOREPLACE and RENAME_EXCHANGE) and readlink. The path walk itself is
 * in path_walk.c; the file system does the change (inode_ops), these functions do Linux's
 * checks, in Linux's order, so that every errno matches:
 *   - creating (filename_create, may_create): "." / ".." / "/" as the last component gives
 *     EEXIST; an existing name EEXIST; a trailing '/' on a new non-directory ENOENT; a
 *     removed directory ENOENT; then write+search permission on the directory (EACCES);
 *   - deleting (may_delete): write+search permission, the sticky bit (EPERM), and the type
 *     (ENOTDIR, EISDIR), a mount point or root EBUSY.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"

/* A path's parent and last component, from a user string. */
struct nd {
    char *path;
    struct inode *dir;
    const char *last;
    size_t len;
    bool slash;
};

enum last_type { LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT };

static enum last_type last_type(const struct nd *nd)
{
    if (nd->len == 0)
        return LAST_ROOT;
    if (nd->len == 1 && nd->last[0] == '.')
        return LAST_DOT;
    if (nd->len == 2 && nd->last[0] == '.' && nd->last[1] == '.')
        return LAST_DOTDOT;
    return LAST_NORM;
}

static int nd_parent(int dirfd, const char *upath, struct nd *nd)
{
    memset(nd, 0, sizeof(*nd));
    int err = getname(upath, &nd->path);
    if (err)
        return err;
    err = vfs_lookup_parent_at(dirfd, nd->path, &nd->dir, &nd->last, &nd->len, &nd->slash);
    if (err) {
        kfree(nd->path);
        nd->path = NULL;
    }
    return err;
}

static void nd_done(struct nd *nd)
{
    inode_put(nd->dir);
    kfree(nd->path);
}

/* The inode the last component names, or NULL (mounts crossed). */
static struct inode *nd_child(struct nd *nd)
{
    struct inode *child;
    if (last_type(nd) != LAST_NORM || nd->dir->iops->lookup(nd->dir, nd->last, nd->len, &child))
        return NULL;
    while (child->mounted)
        child = child->mounted->root;
    return child;
}

static unsigned umask_now(void)
{
    struct task *t = current_task();
    return t && t->fs ? t->fs->umask : 022;
}

/* Linux's filename_create + may_create; want_dir allows a trailing slash. */
static int may_create(struct nd *nd, bool want_dir)
{
    if (last_type(nd) != LAST_NORM)
        return -EEXIST;
    if (nd_child(nd))
        return -EEXIST;
    if (nd->slash && !want_dir)
        return -ENOENT;
    if (nd->dir->nlink == 0)
        return -ENOENT;
    return inode_permission(nd->dir, MAY_WRITE | MAY_EXEC);
}

/* The sticky bit: only the file's or the directory's owner (or root) may remove or rename. */
static bool sticky_denies(struct inode *dir, struct inode *victim)
{
    if (!(dir->mode & S_ISVTX))
        return false;
    struct task *t = current_task();
    unsigned uid = t ? t->euid : 0;
    return uid != 0 && uid != victim->uid && uid != dir->uid;
}

static bool is_mount_root(struct inode *inode)
{
    return inode == inode->sb->root;
}

static int may_delete(struct inode *dir, struct inode *victim, bool isdir)
{
    if (!victim)
        return -ENOENT;
    int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
    if (err)
        return err;
    if (sticky_denies(dir, victim))
        return -EPERM;
    if (isdir) {
        if (!S_ISDIR(victim->mode))
            return -ENOTDIR;
        if (is_mount_root(victim))
            return -EBUSY;
    } else if (S_ISDIR(victim->mode)) {
        return -EISDIR;
    }
    if (dir->nlink == 0)
        return -ENOENT;
    return 0;
}

/* ---- mkdir, mknod, symlink ---- */

long sys_mkdirat(int dirfd, const char *upath, unsigned mode)
{
    struct nd nd;
    int err = nd_parent(dirfd, upath, &nd);
    if (err)
        return err;
    err = may_create(&nd, true);
    if (!err)
        err = nd.dir->iops->mkdir ? nd.dir->iops->mkdir(nd.dir, nd.last, nd.len,
                                                         mode & 01777 & ~umask_now(), NULL)
                                  : -EPERM;
    nd_done(&nd);
    return err;
}

long sys_mkdir(const char *upath, unsigned mode)
{
    return sys_mkdirat(AT_FDCWD, upath, mode);
}

long sys_mknodat(int dirfd, const char *upath, unsigned mode, unsigned dev)
{
    switch (mode & S_IFMT) {
    case 0:
    case S_IFREG:
    case S_IFCHR:
    case S_IFBLK:
    case S_IFIFO:
    case S_IFSOCK:
        break;
    case S_IFDIR:
        return -EPERM;
    default:
        return -EINVAL;
    }
    struct nd nd;
    int err = nd_parent(dirfd, upath, &nd);
    if (err)
        return err;
    err = may_create(&nd, false);
    if (!err && (S_ISCHR(mode) || S_ISBLK(mode)) && !fs_capable())
        err = -EPERM;
    if (!err) {
        unsigned type = (mode & S_IFMT) ? mode & S_IFMT : S_IFREG;
        /* dev is the user's dev_t (old 16-bit or new 32-bit encoding, as Linux's new_decode_dev) */
        err = nd.dir->iops->mknod
                  ? nd.dir->iops->mknod(nd.dir, nd.last, nd.len, type | (mode & 07777 & ~umask_now()),
                                        (S_ISCHR(mode) || S_ISBLK(mode)) ? dev : 0, NULL)
                  : -EPERM;
    }
    nd_done(&nd);
    return err;
}

long sys_mknod(const char *upath, unsigned mode, unsigned dev)
{
    return sys_mknodat(AT_FDCWD, upath, mode, dev);
}

long sys_symlinkat(const char *utarget, int dirfd, const char *upath)
{
    char *target;
    int err = getname(utarget, &target);
    if (err)
        return err;
    struct nd nd;
    if (!*target) {
        err = -ENOENT;
        goto out;
    }
    err = nd_parent(dirfd, upath, &nd);
    if (err)
        goto out;
    err = may_create(&nd, false);
    if (!err)
        err = nd.dir->iops->symlink ? nd.dir->iops->symlink(nd.dir, nd.last, nd.len, target, NULL)
                                    : -EPERM;
    nd_done(&nd);
out:
    kfree(target);
    return err;
}

long sys_symlink(const char *target, const char *upath)
{
    return sys_symlinkat(target, AT_FDCWD, upath);
}

/* ---- rmdir, unlink ---- */

static long do_rmdir(int dirfd, const char *upath)
{
    struct nd nd;
    int err = nd_parent(dirfd, upath, &nd);
    if (err)
        return err;
    switch (last_type(&nd)) {
    case LAST_DOTDOT: err = -ENOTEMPTY; goto out;
    case LAST_DOT: err = -EINVAL; goto out;
    case LAST_ROOT: err = -EBUSY; goto out;
    case LAST_NORM: break;
    }
    struct inode *victim = nd_child(&nd);
    err = may_delete(nd.dir, victim, true);
    if (err)
        goto out;
    err = -EPERM;
    if (!nd.dir->iops->rmdir || !victim->iops || !victim->iops->empty)
        goto out;
    if (victim->mounted || victim == vfs_root()) {
        err = -EBUSY;
        goto out;
    }
    if (!victim->iops->empty(victim)) {
        err = -ENOTEMPTY;
        goto out;
    }
    err = nd.dir->iops->rmdir(nd.dir, nd.last, nd.len);
out:
    nd_done(&nd);
    return err;
}

/* An open file losing its last name keeps its path for /proc's "(deleted)" links. */
static void remember_path(struct inode *inode)
{
    char *buf = kmalloc(FS_PATH_MAX);
    if (buf && vfs_d_path(inode, buf, FS_PATH_MAX) >= 0) {
        kfree(inode->dead_path);
        inode->dead_path = buf;
    } else {
        kfree(buf);
    }
}

static long do_unlink(int dirfd, const char *upath)
{
    struct nd nd;
    int err = nd_parent(dirfd, upath, &nd);
    if (err)
        return err;
    if (last_type(&nd) != LAST_NORM) {
        err = -EISDIR;
        goto out;
    }
    struct inode *victim = nd_child(&nd);
    if (nd.slash) {
        err = !victim ? -ENOENT : S_ISDIR(victim->mode) ? -EISDIR : -ENOTDIR;
        goto out;
    }
    err = may_delete(nd.dir, victim, false);
    if (!err && victim->refs > 0 && victim->nlink == 1)
        remember_path(victim);
    if (!err)
        err = nd.dir->iops->unlink ? nd.dir->iops->unlink(nd.dir, nd.last, nd.len) : -EPERM;
out:
    nd_done(&nd);
    return err;
}

long sys_unlinkat(int dirfd, const char *upath, int flags)
{
    if ((unsigned)flags & ~(unsigned)AT_REMOVEDIR)
        return -EINVAL;
    return flags & AT_REMOVEDIR ? do_rmdir(dirfd, upath) : do_unlink(dirfd, upath);
}

long sys_unlink(const char *upath)
{
    return do_unlink(AT_FDCWD, upath);
}

long sys_rmdir(const char *upath)
{
    return do_rmdir(AT_FDCWD, upath);
}

/* ---- link ---- */

long sys_linkat(int olddirfd, const char *uold, int newdirfd, const char *unew, int flags)
{
    if ((unsigned)flags & ~(unsigned)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    char *oldpath;
    int err;
    struct inode *target;
    unsigned lf = (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0;
    if (flags & AT_EMPTY_PATH)
        lf |= LOOKUP_EMPTY;
    err = getname(uold, &oldpath);
    if (err)
        return err;
    err = vfs_lookup_at(olddirfd, oldpath, lf, &target);
    kfree(oldpath);
    if (err)
        return err;
    struct nd nd;
    err = nd_parent(newdirfd, unew, &nd);
    if (err)
        goto out_target;
    err = may_create(&nd, false);
    if (err)
        goto out;
    if (nd.dir->sb != target->sb) {
        err = -EXDEV;
        goto out;
    }
    if (S_ISDIR(target->mode)) {
        err = -EPERM;
        goto out;
    }
    if (target->nlink == 0 && !target->linkable) {
        err = -ENOENT;
        goto out;
    }
    err = nd.dir->iops->link ? nd.dir->iops->link(target, nd.dir, nd.last, nd.len) : -EPERM;
out:
    nd_done(&nd);
out_target:
    inode_put(target);
    return err;
}

long sys_link(const char *uold, const char *unew)
{
    return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* ---- rename ---- */

/* Is a an ancestor of (or the same as) b, within one file system? */
static bool is_ancestor(struct inode *a, struct inode *b)
{
    for (struct inode *i = b;; i = i->parent) {
        if (i == a)
            return true;
        if (i->parent == i || i == i->sb->root)
            return false;
    }
}

long sys_renameat2(int olddirfd, const char *uold, int newdirfd, const char *unew, unsigned flags)
{
    if (flags & ~(unsigned)(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
        return -EINVAL;
    if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
        return -EINVAL;
    if ((flags & RENAME_WHITEOUT) && (flags & RENAME_EXCHANGE))
        return -EINVAL;
    if ((flags & RENAME_WHITEOUT) && !fs_capable())
        return -EPERM;
    struct nd o, n;
    int err = nd_parent(olddirfd, uold, &o);
    if (err)
        return err;
    err = nd_parent(newdirfd, unew, &n);
    if (err) {
        nd_done(&o);
        return err;
    }
    err = -EXDEV;
    if (o.dir->sb != n.dir->sb)
        goto out;
    err = -EBUSY;
    if (last_type(&o) != LAST_NORM)
        goto out;
    if (flags & RENAME_NOREPLACE)
        err = -EEXIST;
    if (last_type(&n) != LAST_NORM)
        goto out;
    struct inode *src = nd_child(&o), *dst = nd_child(&n);
    err = -ENOENT;
    if (!src)
        goto out;
    err = -EEXIST;
    if ((flags & RENAME_NOREPLACE) && dst)
        goto out;
    if (flags & RENAME_EXCHANGE) {
        err = -ENOENT;
        if (!dst)
            goto out;
        err = -ENOTDIR;
        if (!S_ISDIR(dst->mode) && n.slash)
            goto out;
    }
    err = -ENOTDIR;
    if (!S_ISDIR(src->mode) && (o.slash || (!(flags & RENAME_EXCHANGE) && n.slash)))
        goto out;
    /* The source may not be an ancestor of the new parent ... */
    err = -EINVAL;
    if (o.dir != n.dir && S_ISDIR(src->mode) && is_ancestor(src, n.dir))
        goto out;
    /* ... nor the target an ancestor of the old parent. */
    err = (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
    if (dst && o.dir != n.dir && S_ISDIR(dst->mode) && is_ancestor(dst, o.dir))
        goto out;
    err = 0;
    if (src == dst)
        goto out;
    bool is_dir = S_ISDIR(src->mode);
    err = may_delete(o.dir, src, is_dir);
    if (err)
        goto out;
    if (!dst)
        err = n.dir->nlink == 0 ? -ENOENT : inode_permission(n.dir, MAY_WRITE | MAY_EXEC);
    else
        err = may_delete(n.dir, dst, (flags & RENAME_EXCHANGE) ? S_ISDIR(dst->mode) : is_dir);
    if (err)
        goto out;
    if (o.dir != n.dir) {
        if (is_dir && (err = inode_permission(src, MAY_WRITE)))
            goto out;
        if ((flags & RENAME_EXCHANGE) && S_ISDIR(dst->mode) && (err = inode_permission(dst, MAY_WRITE)))
            goto out;
    }
    err = -EBUSY;
    if (src->mounted || (dst && dst->mounted) || src == vfs_root())
        goto out;
    err = -EPERM;
    if (!o.dir->iops->rename || (dst && S_ISDIR(dst->mode) && !dst->iops->empty))
        goto out;
    if (dst && S_ISDIR(dst->mode) && !(flags & RENAME_EXCHANGE) && !dst->iops->empty(dst)) {
        err = -ENOTEMPTY;
        goto out;
    }
    err = o.dir->iops->rename(o.dir, o.last, o.len, n.dir, n.last, n.len, flags & ~RENAME_WHITEOUT);
    /* A whiteout is a 0:0 character device left at the old name (tmpfs supports them). */
    if (!err && (flags & RENAME_WHITEOUT))
        err = o.dir->iops->mknod(o.dir, o.last, o.len, S_IFCHR, 0, NULL);
out:
    nd_done(&o);
    nd_done(&n);
    return err;
}

long sys_renameat(int olddirfd, const char *uold, int newdirfd, const char *unew)
{
    return sys_renameat2(olddirfd, uold, newdirfd, unew, 0);
}

long sys_rename(const char *uold, const char *unew)
{
    return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* ---- readlink ---- */

long sys_readlinkat(int dirfd, const char *upath, char *ubuf, int size)
{
    if (size <= 0)
        return -EINVAL;
    char *path;
    int err = getname(upath, &path);
    if (err)
        return err;
    struct inode *inode;
    err = vfs_lookup_at(dirfd, path, LOOKUP_EMPTY, &inode);
    if (err) {
        kfree(path);
        return err;
    }
    long ret;
    const char *target;
    if (!S_ISLNK(inode->mode) || !inode->iops || !inode->iops->get_link) {
        ret = *path ? -EINVAL : -ENOENT;
    } else {
        int len = inode->iops->get_link(inode, &target);
        if (len > size)
            len = size;
        inode_touch_a(inode);
        ret = len < 0 ? len : copy_to_user(ubuf, target, (size_t)len) ? -EFAULT : len;
    }
    kfree(path);
    inode_put(inode);
    return ret;
}

long sys_readlink(const char *upath, char *ubuf, int size)
{
    return sys_readlinkat(AT_FDCWD, upath, ubuf, size);
}
