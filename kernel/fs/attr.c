/*
 * attr.c — the syscalls about a file's attributes and a process's place in the tree, which
 * Linux keeps in fs/open.c, fs/attr.c, fs/utimes.c and fs/d_path.c: access/faccessat/
 * faccessat2, chdir/fchdir/chroot/getcwd, the chmod and chown families, umask, and
 * utimensat/utimes/utime/futimesat.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/proc/task.h"
#include "kernel/uaccess.h"
#include <linux/time_types.h>

#define UTIME_NOW_K ((1l << 30) - 1l)
#define UTIME_OMIT_K ((1l << 30) - 2l)

/* Path lookup from a user string, with *at flags already turned into lookup flags. */
static int lookup_user(int dirfd, const char *upath, unsigned lf, struct inode **out)
{
    char *path;
    int err = getname(upath, &path);
    if (err)
        return err;
    err = vfs_lookup_at(dirfd, path, lf, out);
    kfree(path);
    return err;
}

/* The *at lookup: flags may hold AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH and what extra allows
   (EINVAL for anything else); a NULL path is EFAULT. */
static int lookup_at(int dirfd, const char *upath, int flags, unsigned extra, struct inode **out)
{
    if ((unsigned)flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH) & ~extra)
        return -EINVAL;
    if (!upath)
        return -EFAULT;
    unsigned lf = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
    if (flags & AT_EMPTY_PATH)
        lf |= LOOKUP_EMPTY;
    return lookup_user(dirfd, upath, lf, out);
}

/* ---- access ---- */

long sys_faccessat2(int dirfd, const char *upath, int mode, int flags)
{
    if ((unsigned)mode & ~7u)
        return -EINVAL;
    struct inode *inode;
    int err = lookup_at(dirfd, upath, flags, AT_EACCESS, &inode);
    if (err)
        return err;
    /* The check uses the real ids unless AT_EACCESS. */
    struct task *t = current_task();
    unsigned saved_uid = t->euid, saved_gid = t->egid;
    if (!(flags & AT_EACCESS)) {
        t->euid = t->uid;
        t->egid = t->gid;
    }
    err = mode ? inode_permission(inode, mode) : 0;
    t->euid = saved_uid;
    t->egid = saved_gid;
    inode_put(inode);
    return err;
}

long sys_faccessat(int dirfd, const char *upath, int mode)
{
    return sys_faccessat2(dirfd, upath, mode, 0);
}

long sys_access(const char *upath, int mode)
{
    return sys_faccessat2(AT_FDCWD, upath, mode, 0);
}

/* ---- cwd and root ---- */

static int set_cwd(struct inode *inode, bool root)
{
    int err = S_ISDIR(inode->mode) ? inode_permission(inode, MAY_EXEC) : -ENOTDIR;
    if (err)
        return err;
    struct fs_context *fs = current_task()->fs;
    struct inode **slot = root ? &fs->root : &fs->cwd;
    struct inode *old = *slot;
    *slot = inode_get(inode);
    inode_put(old);
    return 0;
}

long sys_chdir(const char *upath)
{
    struct inode *inode;
    int err = lookup_user(AT_FDCWD, upath, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &inode);
    if (err)
        return err;
    err = set_cwd(inode, false);
    inode_put(inode);
    return err;
}

long sys_fchdir(int fd)
{
    struct file *f = fd_get_any(fd);
    if (!f)
        return -EBADF;
    int err = set_cwd(f->inode, false);
    file_put(f);
    return err;
}

long sys_chroot(const char *upath)
{
    struct inode *inode;
    int err = lookup_user(AT_FDCWD, upath, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &inode);
    if (err)
        return err;
    err = S_ISDIR(inode->mode) ? inode_permission(inode, MAY_EXEC) : -ENOTDIR;
    if (!err && !fs_capable())
        err = -EPERM;
    if (!err)
        err = set_cwd(inode, true);
    inode_put(inode);
    return err;
}

long sys_getcwd(char *ubuf, size_t size)
{
    char *buf = kmalloc(FS_PATH_MAX);
    if (!buf)
        return -ENOMEM;
    long ret = vfs_d_path(vfs_cwd(), buf, FS_PATH_MAX);
    if (ret >= 0) {
        size_t len = (size_t)ret + 1;
        if (len > size)
            ret = -ERANGE;
        else
            ret = copy_to_user(ubuf, buf, len) ? -EFAULT : (long)len;
    }
    kfree(buf);
    return ret;
}

long sys_umask(int mask)
{
    struct fs_context *fs = current_task()->fs;
    unsigned old = fs->umask;
    fs->umask = (unsigned)mask & 0777;
    return old;
}

/* ---- chmod and chown ---- */

/* What a chmod or chown asks for (Linux's struct iattr, reduced); -1 leaves an id as it is. */
struct attr_req {
    unsigned mode, uid, gid;
};

/* The change itself, after the file is found: chmod_inode or chown_inode. */
typedef int (*setattr_fn)(struct inode *inode, const struct attr_req *req);

/* Linux's notify_change refuses a symlink's mode first (EOPNOTSUPP), then setattr_prepare
   wants the owner or root. */
static int chmod_inode(struct inode *inode, const struct attr_req *req)
{
    if (S_ISLNK(inode->mode))
        return -EOPNOTSUPP;
    if (!inode_owner_or_root(inode))
        return -EPERM;
    unsigned mode = req->mode & 07777;
    struct task *t = current_task();
    if (t && t->euid != 0 && t->egid != inode->gid)
        mode &= ~(unsigned)S_ISGID;
    inode->mode = (inode->mode & S_IFMT) | mode;
    inode_touch_c(inode);
    return 0;
}

static int chown_inode(struct inode *inode, const struct attr_req *req)
{
    unsigned uid = req->uid, gid = req->gid;
    struct task *t = current_task();
    bool root = fs_capable();
    if (uid != (unsigned)-1 && uid != inode->uid && !root)
        return -EPERM;
    if (gid != (unsigned)-1 && gid != inode->gid && !root &&
        !(t->euid == inode->uid && gid == t->egid))
        return -EPERM;
    if (uid != (unsigned)-1)
        inode->uid = uid;
    if (gid != (unsigned)-1)
        inode->gid = gid;
    /* Changing the owner of a non-directory drops setuid, and setgid when it means "group
       executable" (Linux's ATTR_KILL_SUID/SGID). */
    if (!S_ISDIR(inode->mode) && (uid != (unsigned)-1 || gid != (unsigned)-1)) {
        unsigned kill = S_ISUID;
        if (inode->mode & S_IXGRP)
            kill |= S_ISGID;
        if (S_ISREG(inode->mode))
            inode->mode &= ~kill;
    }
    inode_touch_c(inode);
    return 0;
}

static long setattr_at(int dirfd, const char *upath, int flags, setattr_fn fn, struct attr_req req)
{
    struct inode *inode;
    int err = lookup_at(dirfd, upath, flags, 0, &inode);
    if (err)
        return err;
    err = fn(inode, &req);
    inode_put(inode);
    return err;
}

static long setattr_fd(int fd, setattr_fn fn, struct attr_req req)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    int err = fn(f->inode, &req);
    file_put(f);
    return err;
}

long sys_fchmodat2(int dirfd, const char *upath, unsigned mode, int flags)
{
    return setattr_at(dirfd, upath, flags, chmod_inode, (struct attr_req){ .mode = mode });
}

long sys_fchmodat(int dirfd, const char *upath, unsigned mode)
{
    return sys_fchmodat2(dirfd, upath, mode, 0);
}

long sys_chmod(const char *upath, unsigned mode)
{
    return sys_fchmodat2(AT_FDCWD, upath, mode, 0);
}

long sys_fchmod(int fd, unsigned mode)
{
    return setattr_fd(fd, chmod_inode, (struct attr_req){ .mode = mode });
}

long sys_fchownat(int dirfd, const char *upath, unsigned uid, unsigned gid, int flags)
{
    return setattr_at(dirfd, upath, flags, chown_inode, (struct attr_req){ .uid = uid, .gid = gid });
}

long sys_chown(const char *upath, unsigned uid, unsigned gid)
{
    return sys_fchownat(AT_FDCWD, upath, uid, gid, 0);
}

long sys_lchown(const char *upath, unsigned uid, unsigned gid)
{
    return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, unsigned uid, unsigned gid)
{
    return setattr_fd(fd, chown_inode, (struct attr_req){ .uid = uid, .gid = gid });
}

/* ---- timestamps ---- */

static bool nsec_valid(long nsec)
{
    return nsec == UTIME_OMIT_K || nsec == UTIME_NOW_K || (nsec >= 0 && nsec <= 999999999);
}

/* times == NULL: both now. Otherwise each may be UTIME_NOW or UTIME_OMIT. */
static int utimes_inode(struct inode *inode, const struct __kernel_timespec *times)
{
    bool only_now = !times || (times[0].tv_nsec == UTIME_NOW_K && times[1].tv_nsec == UTIME_NOW_K);
    if (only_now) {
        if (!inode_owner_or_root(inode)) {
            int err = inode_permission(inode, MAY_WRITE);
            if (err)
                return err;
        }
    } else if (!inode_owner_or_root(inode)) {
        return -EPERM;
    }
    vfs_time now = vfs_now();
    vfs_time *dst[2] = { &inode->atime, &inode->mtime };
    for (int i = 0; i < 2; i++) {
        if (!times || times[i].tv_nsec == UTIME_NOW_K)
            *dst[i] = now;
        else if (times[i].tv_nsec != UTIME_OMIT_K)
            *dst[i] = (vfs_time){ times[i].tv_sec, (long)times[i].tv_nsec };
    }
    inode->ctime = now;
    return 0;
}

static long do_utimes(int dirfd, const char *upath, const struct __kernel_timespec *times, int flags)
{
    if (times && (!nsec_valid((long)times[0].tv_nsec) || !nsec_valid((long)times[1].tv_nsec)))
        return -EINVAL;
    struct inode *inode;
    int err;
    if (!upath && dirfd != AT_FDCWD) {
        if (flags)
            return -EINVAL;
        struct file *f = fd_get(dirfd);
        if (!f)
            return -EBADF;
        inode = inode_get(f->inode);
        file_put(f);
    } else {
        err = lookup_at(dirfd, upath, flags, 0, &inode);
        if (err)
            return err;
    }
    err = utimes_inode(inode, times);
    inode_put(inode);
    return err;
}

long sys_utimensat(int dirfd, const char *upath, const void *utimes, int flags)
{
    struct __kernel_timespec ts[2];
    if (utimes) {
        if (copy_from_user(ts, utimes, sizeof(ts)))
            return -EFAULT;
        if (ts[0].tv_nsec == UTIME_OMIT_K && ts[1].tv_nsec == UTIME_OMIT_K)
            return 0;
    }
    return do_utimes(dirfd, upath, utimes ? ts : NULL, flags);
}

/* utimes/futimesat take struct timeval pairs (seconds, microseconds). */
long sys_futimesat(int dirfd, const char *upath, const void *utv)
{
    struct __kernel_timespec ts[2];
    if (utv) {
        struct { long sec, usec; } tv[2];
        if (copy_from_user(tv, utv, sizeof(tv)))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            if (tv[i].usec < 0 || tv[i].usec >= 1000000)
                return -EINVAL;
            ts[i].tv_sec = tv[i].sec;
            ts[i].tv_nsec = tv[i].usec * 1000;
        }
    }
    return do_utimes(dirfd, upath, utv ? ts : NULL, 0);
}

long sys_utimes(const char *upath, const void *utv)
{
    return sys_futimesat(AT_FDCWD, upath, utv);
}

long sys_utime(const char *upath, const void *ubuf)
{
    struct __kernel_timespec ts[2];
    if (ubuf) {
        struct { long actime, modtime; } ub;
        if (copy_from_user(&ub, ubuf, sizeof(ub)))
            return -EFAULT;
        ts[0] = (struct __kernel_timespec){ ub.actime, 0 };
        ts[1] = (struct __kernel_timespec){ ub.modtime, 0 };
    }
    return do_utimes(AT_FDCWD, upath, ubuf ? ts : NULL, 0);
}
