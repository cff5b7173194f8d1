/*
 * xattr.c — extended attributes (setxattr, getxattr, listxattr, removexattr and their l*
 * and f* forms), kept per inode in a small list, as tmpfs keeps them in memory. The
 * namespaces are Linux's: "user." (regular files and directories only, with the file's
 * permissions), "trusted." (root only; invisible to others), "security."; anything else,
 * "system." included, is not supported here (EOPNOTSUPP; an ACL read says ENODATA).
 * Values are compared byte for byte by the checker, so the list order follows Linux's.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <linux/xattr.h>

#define XATTR_NAME_MAX_K 255
#define XATTR_SIZE_MAX_K 65536
#define XATTR_LIST_MAX_K 65536

struct xattr {
    struct xattr *next;
    size_t size;
    char *value;
    char name[];
};

static struct xattr *find(struct inode *inode, const char *name)
{
    for (struct xattr *x = inode->xattrs; x; x = x->next)
        if (!strcmp(x->name, name))
            return x;
    return NULL;
}

void xattr_free_all(struct inode *inode)
{
    while (inode->xattrs) {
        struct xattr *x = inode->xattrs;
        inode->xattrs = x->next;
        kfree(x->value);
        kfree(x);
    }
}

static bool prefixed(const char *name, const char *prefix)
{
    return !strncmp(name, prefix, strlen(prefix));
}

/* Linux's xattr_permission plus the handler lookup. */
static int xattr_check(struct inode *inode, const char *name, int mask)
{
    if (prefixed(name, XATTR_TRUSTED_PREFIX)) {
        if (!fs_capable())
            return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
        return 0;
    }
    if (prefixed(name, XATTR_USER_PREFIX)) {
        if (!S_ISREG(inode->mode) && !S_ISDIR(inode->mode))
            return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
        return inode_permission(inode, mask);
    }
    if (prefixed(name, XATTR_SECURITY_PREFIX))
        return 0;
    if (!(mask & MAY_WRITE) && (!strcmp(name, XATTR_NAME_POSIX_ACL_ACCESS) ||
                                !strcmp(name, XATTR_NAME_POSIX_ACL_DEFAULT)))
        return -ENODATA;
    return -EOPNOTSUPP;
}

static int get_name(const char *uname, char *name)
{
    long n = strncpy_from_user(name, uname, XATTR_NAME_MAX_K + 1);
    if (n == -ENAMETOOLONG || n == 0)
        return -ERANGE;
    return n < 0 ? (int)n : 0;
}

/* The inode for path (following symlinks unless nofollow) or for fd; a reference. */
static int target(const char *upath, int fd, bool nofollow, struct inode **out)
{
    if (!upath) {
        struct file *f = fd_get(fd);
        if (!f)
            return -EBADF;
        *out = inode_get(f->inode);
        file_put(f);
        return 0;
    }
    char *path;
    int err = getname(upath, &path);
    if (err)
        return err;
    err = vfs_lookup_at(AT_FDCWD, path, nofollow ? 0 : LOOKUP_FOLLOW, out);
    kfree(path);
    return err;
}

static long do_setxattr(const char *upath, int fd, bool nofollow, const char *uname, const void *uvalue,
                        size_t size, int flags)
{
    if ((unsigned)flags & ~(unsigned)(XATTR_CREATE | XATTR_REPLACE))
        return -EINVAL;
    char name[XATTR_NAME_MAX_K + 1];
    int err = get_name(uname, name);
    if (err)
        return err;
    if (size > XATTR_SIZE_MAX_K)
        return -E2BIG;
    char *value = kmalloc(size ? size : 1);
    if (!value)
        return -ENOMEM;
    if (size && copy_from_user(value, uvalue, size)) {
        kfree(value);
        return -EFAULT;
    }
    struct inode *inode;
    err = target(upath, fd, nofollow, &inode);
    if (err) {
        kfree(value);
        return err;
    }
    err = xattr_check(inode, name, MAY_WRITE);
    struct xattr *x = err ? NULL : find(inode, name);
    if (!err && x && (flags & XATTR_CREATE))
        err = -EEXIST;
    if (!err && !x && (flags & XATTR_REPLACE))
        err = -ENODATA;
    if (!err && !x) {
        x = kzalloc(sizeof(*x) + strlen(name) + 1);
        if (!x) {
            err = -ENOMEM;
        } else {
            memcpy(x->name, name, strlen(name) + 1);
            x->next = inode->xattrs;
            inode->xattrs = x;
        }
    }
    if (!err) {
        kfree(x->value);
        x->value = value;
        x->size = size;
        value = NULL;
        inode_touch_c(inode);
    }
    kfree(value);
    inode_put(inode);
    return err;
}

static long do_getxattr(const char *upath, int fd, bool nofollow, const char *uname, void *uvalue, size_t size)
{
    char name[XATTR_NAME_MAX_K + 1];
    int err = get_name(uname, name);
    if (err)
        return err;
    struct inode *inode;
    err = target(upath, fd, nofollow, &inode);
    if (err)
        return err;
    long ret = xattr_check(inode, name, MAY_READ);
    struct xattr *x = ret ? NULL : find(inode, name);
    if (!ret && !x)
        ret = -ENODATA;
    if (!ret) {
        if (size == 0)
            ret = (long)x->size;
        else if (x->size > MIN(size, (size_t)XATTR_SIZE_MAX_K))
            ret = -ERANGE;
        else
            ret = copy_to_user(uvalue, x->value, x->size) ? -EFAULT : (long)x->size;
    }
    inode_put(inode);
    return ret;
}

static long do_listxattr(const char *upath, int fd, bool nofollow, char *ulist, size_t size)
{
    struct inode *inode;
    int err = target(upath, fd, nofollow, &inode);
    if (err)
        return err;
    size_t total = 0;
    bool root = fs_capable();
    for (struct xattr *x = inode->xattrs; x; x = x->next)
        if (root || !prefixed(x->name, XATTR_TRUSTED_PREFIX))
            total += strlen(x->name) + 1;
    long ret = (long)total;
    if (size && total > MIN(size, (size_t)XATTR_LIST_MAX_K)) {
        ret = -ERANGE;
    } else if (size) {
        /* Linux 6.x lists them in descending name order (its rbtree's order). */
        size_t off = 0;
        const char *prev = NULL;
        for (;;) {
            struct xattr *best = NULL;
            for (struct xattr *x = inode->xattrs; x; x = x->next) {
                if (!root && prefixed(x->name, XATTR_TRUSTED_PREFIX))
                    continue;
                if ((!prev || strcmp(x->name, prev) < 0) && (!best || strcmp(x->name, best->name) > 0))
                    best = x;
            }
            if (!best)
                break;
            size_t n = strlen(best->name) + 1;
            if (copy_to_user(ulist + off, best->name, n)) {
                ret = -EFAULT;
                break;
            }
            off += n;
            prev = best->name;
        }
    }
    inode_put(inode);
    return ret;
}

static long do_removexattr(const char *upath, int fd, bool nofollow, const char *uname)
{
    char name[XATTR_NAME_MAX_K + 1];
    int err = get_name(uname, name);
    if (err)
        return err;
    struct inode *inode;
    err = target(upath, fd, nofollow, &inode);
    if (err)
        return err;
    err = xattr_check(inode, name, MAY_WRITE);
    if (!err) {
        err = -ENODATA;
        for (struct xattr **pp = &inode->xattrs; *pp; pp = &(*pp)->next) {
            if (!strcmp((*pp)->name, name)) {
                struct xattr *x = *pp;
                *pp = x->next;
                kfree(x->value);
                kfree(x);
                inode_touch_c(inode);
                err = 0;
                break;
            }
        }
    }
    inode_put(inode);
    return err;
}

long sys_setxattr(const char *path, const char *name, const void *value, size_t size, int flags)
{
    return do_setxattr(path, -1, false, name, value, size, flags);
}

long sys_lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags)
{
    return do_setxattr(path, -1, true, name, value, size, flags);
}

long sys_fsetxattr(int fd, const char *name, const void *value, size_t size, int flags)
{
    return do_setxattr(NULL, fd, false, name, value, size, flags);
}

long sys_getxattr(const char *path, const char *name, void *value, size_t size)
{
    return do_getxattr(path, -1, false, name, value, size);
}

long sys_lgetxattr(const char *path, const char *name, void *value, size_t size)
{
    return do_getxattr(path, -1, true, name, value, size);
}

long sys_fgetxattr(int fd, const char *name, void *value, size_t size)
{
    return do_getxattr(NULL, fd, false, name, value, size);
}

long sys_listxattr(const char *path, char *list, size_t size)
{
    return do_listxattr(path, -1, false, list, size);
}

long sys_llistxattr(const char *path, char *list, size_t size)
{
    return do_listxattr(path, -1, true, list, size);
}

long sys_flistxattr(int fd, char *list, size_t size)
{
    return do_listxattr(NULL, fd, false, list, size);
}

long sys_removexattr(const char *path, const char *name)
{
    return do_removexattr(path, -1, false, name);
}

long sys_lremovexattr(const char *path, const char *name)
{
    return do_removexattr(path, -1, true, name);
}

long sys_fremovexattr(int fd, const char *name)
{
    return do_removexattr(NULL, fd, false, name);
}
