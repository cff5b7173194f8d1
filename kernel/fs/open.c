/*
 * open.c — opening files (open, openat, openat2, creat, close) and the attribute syscalls
 * Linux keeps next to them: access/faccessat/faccessat2, chdir/fchdir/chroot, chmod family,
 * chown family, umask, truncate/ftruncate.
 *
 * Linux's order of checks is kept, because the checker compares errno values: flags are
 * validated first (EINVAL), then the path is copied (EFAULT, ENAMETOOLONG), then an fd is
 * reserved (EMFILE), then the walk and the open itself (ENOENT, EACCES, EISDIR...).
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"
#include <linux/openat2.h>

#define OPEN_HOW_SIZE_VER0 24   /* sizeof the first struct open_how (kernel-internal in Linux) */

/* Flags open() keeps (others are silently ignored, as Linux does). */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | \
    O_DSYNC | FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | \
    __O_SYNC | O_PATH | __O_TMPFILE)
#define O_PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

static unsigned current_umask(void)
{
    struct task *t = current_task();
    return t && t->fs ? t->fs->umask : 022;
}

static int may_open(struct inode *inode, int acc_mode, unsigned flags)
{
    switch (inode->mode & S_IFMT) {
    case S_IFLNK:
        return -ELOOP;
    case S_IFDIR:
        if (acc_mode & MAY_WRITE)
            return -EISDIR;
        break;
    case S_IFSOCK:
        return -ENXIO;
    case S_IFCHR:
    case S_IFBLK:
        if (inode->sb->mnt_flags & ST_NODEV)
            return -EACCES;   /* a device node on a nodev mount (/tmp) */
        break;
    }
    int err = inode_permission(inode, acc_mode);
    if (err)
        return err;
    if ((flags & O_NOATIME) && !inode_owner_or_root(inode))
        return -EPERM;
    return 0;
}

int vfs_open_inode(struct inode *inode, unsigned flags, struct file **out)
{
    struct file *f = file_alloc(inode, flags);
    if (!f)
        return -ENOMEM;
    if (flags & O_PATH) {
        f->ops = NULL;
    } else {
        f->ops = inode->fops;
        if (f->ops && f->ops->open) {
            int err = f->ops->open(inode, f);
            if (err) {
                f->ops = NULL;
                file_put(f);
                return err;
            }
        }
    }
    *out = f;
    return 0;
}

/* Create the last component in dir (O_CREAT, nothing there yet). */
static int open_create(struct inode *dir, const char *name, size_t len, unsigned mode, struct inode **out)
{
    if (dir->nlink == 0)
        return -ENOENT;
    int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
    if (err)
        return err;
    if (!dir->iops || !dir->iops->mknod)
        return -EACCES;
    return dir->iops->mknod(dir, name, len, S_IFREG | (mode & ~current_umask() & 07777), 0, out);
}

/* Resolve path for an open with O_CREAT: follows a trailing symlink (creating its target if
   missing) unless O_EXCL or O_NOFOLLOW; *created tells whether the file is new. */
static int open_lookup_create(int dirfd, const char *path, unsigned flags, unsigned lflags, unsigned mode,
                              struct inode **out, bool *created)
{
    struct inode *dir = NULL;
    const char *last;
    size_t len;
    bool slash;
    char *linkbuf = NULL;
    int err = vfs_lookup_parent_flags(dirfd, path, lflags, &dir, &last, &len, &slash);
    for (int links = 0; !err; links++) {
        struct inode *found;
        /* ".", ".." or "/" at the end, or a trailing slash: EISDIR before any lookup */
        if (len == 0 || (len == 1 && last[0] == '.') || (len == 2 && last[0] == '.' && last[1] == '.') ||
            slash) {
            err = -EISDIR;
            break;
        }
        err = dir->iops->lookup(dir, last, len, &found);
        if (err == -ENOENT) {
            err = open_create(dir, last, len, mode, &found);
            if (!err) {
                *created = true;
                *out = inode_get(found);
            }
            break;
        }
        if (err)
            break;
        while (found->mounted)
            found = found->mounted->root;
        if (flags & O_EXCL) {
            err = -EEXIST;
            break;
        }
        if (!S_ISLNK(found->mode)) {
            if (S_ISDIR(found->mode))
                err = -EISDIR;
            else
                *out = inode_get(found);
            break;
        }
        if (flags & O_NOFOLLOW) {
            err = -ELOOP;
            break;
        }
        if (links >= FS_SYMLOOP_MAX || (lflags & LOOKUP_NO_SYMLINKS)) {
            err = -ELOOP;
            break;
        }
        struct inode *magic = found->iops->magic_link ? found->iops->magic_link(found) : NULL;
        if (magic) {
            if (S_ISDIR(magic->mode)) {
                inode_put(magic);
                err = -EISDIR;
            } else {
                *out = magic;
            }
            break;
        }
        /* Follow the link: its target is looked up from dir, like a new path. */
        const char *target;
        int tlen = found->iops->get_link(found, &target);
        if (tlen <= 0) {
            err = tlen ? tlen : -ENOENT;
            break;
        }
        char *copy = kmalloc((size_t)tlen + 1);
        if (!copy) {
            err = -ENOMEM;
            break;
        }
        memcpy(copy, target, (size_t)tlen);
        copy[tlen] = 0;
        kfree(linkbuf);
        linkbuf = copy;
        inode_touch_a(found);
        struct inode *ndir;
        err = vfs_lookup_parent_from(dir, linkbuf, lflags, &ndir, &last, &len, &slash);
        inode_put(dir);
        dir = err ? NULL : ndir;
    }
    inode_put(dir);
    kfree(linkbuf);
    return err;
}

/* Flags as F_GETFL will show them. */
static unsigned file_flags(unsigned flags, bool largefile)
{
    if (flags & O_PATH)
        return flags & (O_PATH_FLAGS & ~O_CLOEXEC);
    flags &= ~(unsigned)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
    if (largefile)
        flags |= O_LARGEFILE;
    return flags;
}

/* Validate flags as Linux's build_open_flags does; fills *acc_mode and the cleaned flags. */
static int open_check_flags(unsigned *flagsp, unsigned *modep, int *acc_mode, bool strict)
{
    unsigned flags = *flagsp;
    if (strict && (flags & ~(unsigned)VALID_OPEN_FLAGS))
        return -EINVAL;
    flags &= VALID_OPEN_FLAGS;
    if (flags & (O_CREAT | __O_TMPFILE))
        *modep &= 07777;
    else if (strict && *modep)
        return -EINVAL;
    else
        *modep = 0;
    if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
        return -EINVAL;
    if (flags & __O_TMPFILE) {
        if ((flags & O_TMPFILE) != O_TMPFILE || (flags & O_CREAT))
            return -EINVAL;
        if ((flags & O_ACCMODE) != O_WRONLY && (flags & O_ACCMODE) != O_RDWR)
            return -EINVAL;
    }
    if (flags & O_PATH) {
        if (strict && (flags & ~(unsigned)O_PATH_FLAGS))
            return -EINVAL;
        flags &= O_PATH_FLAGS;
        *acc_mode = 0;
    } else {
        unsigned acc = flags & O_ACCMODE;
        if (strict && acc == 3)
            return -EINVAL;
        *acc_mode = (acc == O_RDONLY ? MAY_READ : 0) | (acc == O_WRONLY ? MAY_WRITE : 0) |
                    (acc == O_RDWR ? MAY_READ | MAY_WRITE : 0);
        if (flags & O_TRUNC)
            *acc_mode |= MAY_WRITE;
    }
    if (flags & __O_SYNC)
        flags |= O_DSYNC;
    *flagsp = flags;
    return 0;
}

/* The open itself, on a kernel path string, after flag validation. */
static int open_path(int dirfd, const char *path, unsigned flags, unsigned lflags, unsigned mode,
                     int acc_mode, bool largefile, struct file **out)
{
    struct inode *inode = NULL;
    bool created = false;
    int err;
    if (flags & __O_TMPFILE) {
        struct inode *dir;
        err = vfs_lookup_at(dirfd, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY | lflags, &dir);
        if (err)
            return err;
        err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
        if (!err)
            err = dir->iops && dir->iops->tmpfile
                      ? dir->iops->tmpfile(dir, mode & ~current_umask(), &inode)
                      : -EOPNOTSUPP;
        inode_put(dir);
        if (err)
            return err;
        inode->linkable = !(flags & O_EXCL);
        inode_get(inode);
        created = true;
    } else if (flags & O_CREAT) {
        err = open_lookup_create(dirfd, path, flags, lflags, mode, &inode, &created);
        if (err)
            return err;
    } else {
        unsigned lf = ((flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) | lflags;
        if (flags & O_DIRECTORY)
            lf |= LOOKUP_DIRECTORY;
        err = vfs_lookup_at(dirfd, path, lf, &inode);
        if (err)
            return err;
    }
    if ((flags & O_DIRECTORY) && !(flags & __O_TMPFILE) && !S_ISDIR(inode->mode)) {
        err = -ENOTDIR;
        goto out;
    }
    if (!(flags & O_PATH)) {
        err = created ? 0 : may_open(inode, acc_mode, flags);
        if (err)
            goto out;
    } else if (S_ISLNK(inode->mode) && !(flags & O_NOFOLLOW)) {
        err = -ELOOP;
        goto out;
    }
    if ((flags & O_TRUNC) && !created && S_ISREG(inode->mode) && !(flags & O_PATH)) {
        err = vfs_truncate(inode, 0);
        if (err)
            goto out;
        inode_touch_mc(inode);
    }
    err = vfs_open_inode(inode, file_flags(flags, largefile), out);
out:
    inode_put(inode);
    return err;
}

int kernel_open(const char *path, int flags, struct file **out)
{
    unsigned fl = (unsigned)flags, mode = 0;
    int acc;
    int err = open_check_flags(&fl, &mode, &acc, false);
    return err ? err : open_path(AT_FDCWD, path, fl, 0, mode, acc, true, out);
}

int kernel_open_exec(const char *path, struct file **out)
{
    struct inode *inode;
    int err = vfs_lookup_at(AT_FDCWD, path, LOOKUP_FOLLOW, &inode);
    if (err)
        return err;
    /* Linux's may_open with MAY_EXEC: only a regular file on an exec mount, with an x bit. */
    if (!S_ISREG(inode->mode) || (inode->sb->mnt_flags & ST_NOEXEC))
        err = -EACCES;
    else
        err = inode_permission(inode, MAY_EXEC);
    if (!err)
        err = vfs_open_inode(inode, O_RDONLY | O_LARGEFILE, out);
    inode_put(inode);
    return err;
}

static long do_sys_open(int dirfd, const char *upath, unsigned flags, unsigned mode, unsigned lflags,
                        bool strict)
{
    int acc;
    int err = open_check_flags(&flags, &mode, &acc, strict);
    if (err)
        return err;
    char *path;
    err = getname(upath, &path);
    if (err)
        return err;
    struct fdtable *fdt = fd_current();
    struct file *f = NULL;
    /* Linux reserves the fd before walking the path: EMFILE wins over ENOENT. */
    err = fdt ? fd_check_free(fdt) : -EBADF;
    if (err < 0)
        goto out;
    err = open_path(dirfd, path, flags, lflags, mode, acc, true, &f);
    if (err)
        goto out;
    err = fd_alloc(fdt, f, 0, flags & O_CLOEXEC);
    if (err < 0)
        file_put(f);
out:
    kfree(path);
    return err;
}

long sys_open(const char *path, int flags, unsigned mode)
{
    return do_sys_open(AT_FDCWD, path, (unsigned)flags, mode, 0, false);
}

long sys_openat(int dirfd, const char *path, int flags, unsigned mode)
{
    return do_sys_open(dirfd, path, (unsigned)flags, mode, 0, false);
}

long sys_creat(const char *path, unsigned mode)
{
    return do_sys_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, 0, false);
}

long sys_openat2(int dirfd, const char *path, void *uhow, size_t size)
{
    struct open_how how = { 0 };
    if (size < OPEN_HOW_SIZE_VER0)
        return -EINVAL;
    if (size > PAGE_SIZE)
        return -E2BIG;
    if (size > sizeof(how)) {
        /* Unknown trailing fields must be zero. */
        char c;
        for (size_t i = sizeof(how); i < size; i++) {
            if (copy_from_user(&c, (char *)uhow + i, 1))
                return -EFAULT;
            if (c)
                return -E2BIG;
        }
        size = sizeof(how);
    }
    if (copy_from_user(&how, uhow, size))
        return -EFAULT;
    if (how.flags >> 32)
        return -EINVAL;
    if (how.resolve & ~(uint64_t)(RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS |
                                  RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_CACHED))
        return -EINVAL;
    if ((how.resolve & RESOLVE_BENEATH) && (how.resolve & RESOLVE_IN_ROOT))
        return -EINVAL;
    if (how.mode >> 32)
        return -EINVAL;
    /* Nothing here waits for I/O, so RESOLVE_CACHED only refuses what would write. */
    if ((how.resolve & RESOLVE_CACHED) && (how.flags & (O_TRUNC | O_CREAT | __O_TMPFILE)))
        return -EAGAIN;
    unsigned lflags = (how.resolve & RESOLVE_NO_XDEV ? LOOKUP_NO_XDEV : 0) |
                      (how.resolve & RESOLVE_NO_MAGICLINKS ? LOOKUP_NO_MAGICLINKS : 0) |
                      (how.resolve & RESOLVE_NO_SYMLINKS ? LOOKUP_NO_SYMLINKS : 0) |
                      (how.resolve & RESOLVE_BENEATH ? LOOKUP_BENEATH : 0) |
                      (how.resolve & RESOLVE_IN_ROOT ? LOOKUP_IN_ROOT : 0) |
                      (how.resolve & RESOLVE_CACHED ? LOOKUP_CACHED : 0);
    return do_sys_open(dirfd, path, (unsigned)how.flags, (unsigned)how.mode, lflags, true);
}

long sys_close(int fd)
{
    struct fdtable *fdt = fd_current();
    struct file *f = fdt && fd >= 0 ? fd_remove(fdt, (unsigned)fd) : NULL;
    if (!f)
        return -EBADF;
    fd_close(fdt, f);
    return 0;
}

/* ---- truncate ---- */

int vfs_truncate(struct inode *inode, int64_t size)
{
    if (size < 0)
        return -EINVAL;
    if (S_ISDIR(inode->mode))
        return -EISDIR;
    if (!S_ISREG(inode->mode) || !inode->iops || !inode->iops->truncate)
        return -EINVAL;
    if ((uint64_t)size != inode->size) {
        int err = inode->seals ? memfd_check_size(inode, (uint64_t)size) : 0;
        if (!err)
            err = inode->iops->truncate(inode, (uint64_t)size);
        if (err)
            return err;
        inode_touch_mc(inode);
    }
    return 0;
}

long sys_truncate(const char *upath, int64_t length)
{
    if (length < 0)
        return -EINVAL;
    char *path;
    int err = getname(upath, &path);
    if (err)
        return err;
    struct inode *inode;
    err = vfs_lookup_at(AT_FDCWD, path, LOOKUP_FOLLOW, &inode);
    kfree(path);
    if (err)
        return err;
    if (S_ISDIR(inode->mode))
        err = -EISDIR;
    else if (!S_ISREG(inode->mode))
        err = -EINVAL;
    else
        err = inode_permission(inode, MAY_WRITE);
    if (!err)
        err = vfs_truncate(inode, length);
    inode_put(inode);
    return err;
}

long sys_ftruncate(int fd, int64_t length)
{
    if (length < 0)
        return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    int err;
    if (!S_ISREG(f->inode->mode) || !f->writable)
        err = -EINVAL;
    else
        err = vfs_truncate(f->inode, length);
    file_put(f);
    return err;
}
