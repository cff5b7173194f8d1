/*
 * path_walk.c — turning a path into an inode, as Linux's link_path_walk does: start at the
 * root (absolute path), the cwd (AT_FDCWD) or a directory fd; each component needs search
 * permission on the directory it is looked up in; "." stays, ".." goes up (never above the
 * process root, and across a mount to the covered directory's parent); a mounted file
 * system's root replaces the directory it covers; symlinks are followed inside the path,
 * at its end when asked (or when a '/' follows), at most 40 times per walk (ELOOP); a
 * trailing '/' demands a directory.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"
#include <linux/magic.h>

struct inode *vfs_root_inode;

struct inode *vfs_root(void)
{
    struct task *t = current_task();
    return t && t->fs ? t->fs->root : vfs_root_inode;
}

struct inode *vfs_cwd(void)
{
    struct task *t = current_task();
    return t && t->fs ? t->fs->cwd : vfs_root_inode;
}

int getname(const char *upath, char **out)
{
    char *buf = kmalloc(FS_PATH_MAX);
    if (!buf)
        return -ENOMEM;
    long n = strncpy_from_user(buf, upath, FS_PATH_MAX);
    if (n < 0) {
        kfree(buf);
        return (int)n;
    }
    *out = buf;
    return 0;
}

struct walk {
    struct inode *root;
    int links;
    unsigned flags;        /* the LOOKUP_NO_* / LOOKUP_BENEATH / LOOKUP_IN_ROOT restrictions */
    struct inode *base;    /* where the walk started (for BENEATH / IN_ROOT) */
};

#define LOOKUP_SCOPED (LOOKUP_BENEATH | LOOKUP_IN_ROOT)

static void walk_init(struct walk *w, struct inode *base, unsigned flags)
{
    w->root = (flags & LOOKUP_IN_ROOT) && base ? base : vfs_root();
    w->links = 0;
    w->flags = flags;
    w->base = base ? base : w->root;
}

static struct inode *cross_mounts(struct inode *inode)
{
    while (inode->mounted)
        inode = inode->mounted->root;
    return inode;
}

/* Look up one component in dir (which the caller checked is a searchable directory). */
static int step(struct walk *w, struct inode *dir, const char *name, size_t len, struct inode **out)
{
    if (len > FS_NAME_MAX)
        return -ENAMETOOLONG;
    if (len == 1 && name[0] == '.') {
        *out = dir;
        return 0;
    }
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        /* Linux's RCU walk cannot check ".." in a scoped lookup: RESOLVE_CACHED says EAGAIN. */
        if ((w->flags & LOOKUP_CACHED) && (w->flags & LOOKUP_SCOPED) &&
            !((w->flags & LOOKUP_IN_ROOT) && dir == w->root))
            return -EAGAIN;
        if ((w->flags & LOOKUP_BENEATH) && dir == w->base)
            return -EXDEV;
        *out = dir == w->root ? dir : dir->parent;
        if ((w->flags & LOOKUP_NO_XDEV) && (*out)->sb != dir->sb)
            return (w->flags & LOOKUP_CACHED) ? -EAGAIN : -EXDEV;
        return 0;
    }
    if (!dir->iops || !dir->iops->lookup)
        return -ENOTDIR;
    /* /proc/<pid> entries are revalidated, which RESOLVE_CACHED's walk cannot do. */
    if ((w->flags & LOOKUP_CACHED) && dir->sb->magic == PROC_SUPER_MAGIC && dir != dir->sb->root)
        return -EAGAIN;
    int err = dir->iops->lookup(dir, name, len, out);
    /* A name that is not there is not in Linux's dentry cache either (no negative entry
       has been made for it, as far as we can tell): RESOLVE_CACHED cannot say ENOENT. */
    if (err == -ENOENT && (w->flags & LOOKUP_CACHED))
        return -EAGAIN;
    if (!err)
        *out = cross_mounts(*out);
    if (!err && (w->flags & LOOKUP_NO_XDEV) && (*out)->sb != dir->sb)
        return (w->flags & LOOKUP_CACHED) ? -EAGAIN : -EXDEV;   /* the RCU walk gives up first */
    return err;
}

static int may_search(struct inode *dir)
{
    if (!S_ISDIR(dir->mode))
        return -ENOTDIR;
    return inode_permission(dir, MAY_EXEC);
}

static int resolve(struct walk *w, struct inode *cur, const char *p, unsigned flags, struct inode **out);

static int follow_link(struct walk *w, struct inode *dir, struct inode *link, struct inode **out)
{
    if (++w->links > FS_SYMLOOP_MAX || (w->flags & LOOKUP_NO_SYMLINKS))
        return -ELOOP;
    if ((w->flags & LOOKUP_CACHED) && link->sb->magic == PROC_SUPER_MAGIC)
        return -EAGAIN;   /* /proc's links are computed, never cached */
    struct inode *magic = link->iops && link->iops->magic_link ? link->iops->magic_link(link) : NULL;
    if (magic) {
        int err = (w->flags & LOOKUP_NO_MAGICLINKS) ? -ELOOP
                : (w->flags & LOOKUP_NO_XDEV) && magic->sb != dir->sb ? -EXDEV
                : (w->flags & LOOKUP_SCOPED) ? -EXDEV : 0;
        if (err) {
            inode_put(magic);
            return err;
        }
        *out = magic;
        inode_put(magic);   /* the walk holds no references; the target lives on in its owner */
        return 0;
    }
    const char *target;
    int tlen = link->iops && link->iops->get_link ? link->iops->get_link(link, &target) : -EINVAL;
    if (tlen < 0)
        return tlen;
    if (tlen == 0)
        return -ENOENT;
    inode_touch_a(link);
    return resolve(w, dir, target, LOOKUP_FOLLOW, out);
}

/* Walk the whole of p from cur. */
static int resolve(struct walk *w, struct inode *cur, const char *p, unsigned flags, struct inode **out)
{
    if (*p == '/') {
        if (w->flags & LOOKUP_BENEATH)
            return -EXDEV;
        /* An absolute symlink jumping to another mount's root (the path argument may). */
        if ((w->flags & LOOKUP_NO_XDEV) && w->links > 0 && cur->sb != w->root->sb)
            return -EXDEV;
        cur = w->root;
        while (*p == '/')
            p++;
    }
    if (!*p) {
        *out = cur;
        return 0;
    }
    for (;;) {
        size_t len = 0;
        while (p[len] && p[len] != '/')
            len++;
        const char *rest = p + len;
        bool slash = *rest == '/';
        while (*rest == '/')
            rest++;
        bool last = !*rest;
        int err = may_search(cur);
        if (err)
            return err;
        struct inode *next;
        err = step(w, cur, p, len, &next);
        if (err)
            return err;
        if (S_ISLNK(next->mode) && (!last || slash || (flags & LOOKUP_FOLLOW))) {
            err = follow_link(w, cur, next, &next);
            if (err)
                return err;
        }
        if (last) {
            if (slash && !S_ISDIR(next->mode))
                return -ENOTDIR;
            *out = next;
            return 0;
        }
        cur = next;
        p = rest;
    }
}

/* The directory a relative path starts from. With allow_any, dirfd may name any file
   (AT_EMPTY_PATH). */
static int start_dir(int dirfd, bool allow_any, struct inode **out)
{
    if (dirfd == AT_FDCWD) {
        *out = vfs_cwd();
        return 0;
    }
    struct file *f = fd_get_any(dirfd);
    if (!f)
        return -EBADF;
    struct inode *inode = f->inode;
    file_put(f);   /* the fd table still holds the file, and the walk does not sleep */
    if (!allow_any && !S_ISDIR(inode->mode))
        return -ENOTDIR;
    *out = inode;
    return 0;
}

int vfs_lookup_at(int dirfd, const char *path, unsigned lookup_flags, struct inode **out)
{
    struct walk w;
    struct inode *start = NULL, *res;
    int err;
    if (!*path) {
        if (!(lookup_flags & LOOKUP_EMPTY))
            return -ENOENT;
        err = start_dir(dirfd, true, &res);
        if (err)
            return err;
    } else {
        /* A scoped walk starts at dirfd even for an absolute path (which BENEATH refuses). */
        if (*path != '/' || (lookup_flags & LOOKUP_SCOPED)) {
            err = start_dir(dirfd, false, &start);
            if (err)
                return err;
        }
        walk_init(&w, start, lookup_flags);
        err = resolve(&w, start ? start : w.root, path, lookup_flags, &res);
        if (err)
            return err;
    }
    if ((lookup_flags & LOOKUP_DIRECTORY) && !S_ISDIR(res->mode))
        return -ENOTDIR;
    *out = inode_get(res);
    return 0;
}

static int lookup_parent(struct inode *start, const char *path, unsigned lflags, struct inode **dir,
                         const char **last, size_t *lastlen, bool *trailing_slash);

int vfs_lookup_parent_at(int dirfd, const char *path, struct inode **dir, const char **last,
                         size_t *lastlen, bool *trailing_slash)
{
    return vfs_lookup_parent_flags(dirfd, path, 0, dir, last, lastlen, trailing_slash);
}

int vfs_lookup_parent_flags(int dirfd, const char *path, unsigned lflags, struct inode **dir,
                            const char **last, size_t *lastlen, bool *trailing_slash)
{
    if (!*path)
        return -ENOENT;
    struct inode *start = NULL;
    if (*path != '/' || (lflags & LOOKUP_SCOPED)) {
        int err = start_dir(dirfd, false, &start);
        if (err)
            return err;
    }
    return lookup_parent(start, path, lflags, dir, last, lastlen, trailing_slash);
}

int vfs_lookup_parent_from(struct inode *start, const char *path, unsigned lookup_flags, struct inode **dir,
                           const char **last, size_t *lastlen, bool *trailing_slash)
{
    return lookup_parent(start, path, lookup_flags, dir, last, lastlen, trailing_slash);
}

static int lookup_parent(struct inode *start, const char *path, unsigned lflags, struct inode **dir,
                         const char **last, size_t *lastlen, bool *trailing_slash)
{
    if (!*path)
        return -ENOENT;
    size_t end = strlen(path);
    bool slash = false;
    while (end > 0 && path[end - 1] == '/') {
        end--;
        slash = true;
    }
    size_t begin = end;
    while (begin > 0 && path[begin - 1] != '/')
        begin--;
    struct walk w;
    struct inode *res;
    int err;
    walk_init(&w, start, lflags);
    if (!start || (*path == '/' && !(lflags & LOOKUP_SCOPED)))
        start = w.root;
    if (*path == '/' && (lflags & LOOKUP_BENEATH))
        return -EXDEV;
    if (begin > 0) {
        char *prefix = kmalloc(begin + 1);
        if (!prefix)
            return -ENOMEM;
        memcpy(prefix, path, begin);
        prefix[begin] = 0;
        err = resolve(&w, start, prefix, LOOKUP_FOLLOW | lflags, &res);
        kfree(prefix);
        if (err)
            return err;
    } else {
        res = start;
    }
    err = may_search(res);
    if (err)
        return err;
    if (end - begin > FS_NAME_MAX)
        return -ENAMETOOLONG;
    *dir = inode_get(res);
    *last = path + begin;
    *lastlen = end - begin;
    *trailing_slash = slash;
    return 0;
}
