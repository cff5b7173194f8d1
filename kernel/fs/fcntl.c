/*
 * fcntl.c — dup, dup2, dup3, fcntl and close_range: everything that works on the fd table
 * itself or on an open file's flags. Close-on-exec lives in the fd table (fdtable.c) and
 * only there. Record locks (F_GETLK/F_SETLK...) are in locks.c.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/locks.h"
#include "kernel/proc/task.h"
#include <linux/close_range.h>
#include "replayer/kernel/faults.h"

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME)

long sys_dup(int fd)
{
    struct file *f = fd_get_any(fd);
    if (!f)
        return -EBADF;
    int nfd = fd_alloc(fd_current(), f, 0, false);
    if (nfd < 0)
        file_put(f);
    return nfd;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
    if ((unsigned)flags & ~(unsigned)O_CLOEXEC)
        return -EINVAL;
    if (oldfd == newfd)
        return -EINVAL;
    if (newfd < 0 || (unsigned)newfd >= fd_limit())
        return -EBADF;
    struct file *f = fd_get_any(oldfd);
    if (!f)
        return -EBADF;
    bool cloexec = (flags & O_CLOEXEC) && !FAULT_ON(DUP3_CLOEXEC);
    int ret = fd_install_at(fd_current(), (unsigned)newfd, f, cloexec);
    if (ret < 0)
        file_put(f);
    return ret;
}

long sys_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd) {
        struct file *f = fd_get_any(oldfd);
        if (!f)
            return -EBADF;
        file_put(f);
        return newfd;
    }
    return sys_dup3(oldfd, newfd, 0);
}

static long set_fl(struct file *f, unsigned long arg)
{
    if ((arg & O_NOATIME) && !(f->flags & O_NOATIME) && !inode_owner_or_root(f->inode))
        return -EPERM;
    f->flags = ((unsigned)arg & SETFL_MASK) | (f->flags & ~(unsigned)SETFL_MASK);
    return 0;
}

/* Commands an O_PATH fd allows; the others give EBADF. */
static bool path_fd_cmd(unsigned cmd)
{
    return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD ||
           cmd == F_GETFL;
}

long sys_fcntl(int fd, unsigned cmd, unsigned long arg)
{
    struct file *f = fd_get_any(fd);
    if (!f)
        return -EBADF;
    long ret;
    if ((f->flags & O_PATH) && !path_fd_cmd(cmd)) {
        ret = -EBADF;
        goto out;
    }
    struct fdtable *fdt = fd_current();
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg >= fd_limit()) {
            ret = -EINVAL;
            break;
        }
        ret = fd_alloc(fdt, file_get(f), (unsigned)arg, cmd == F_DUPFD_CLOEXEC);
        if (ret < 0)
            file_put(f);
        break;
    case F_GETFD:
        ret = fd_get_cloexec(fdt, (unsigned)fd) ? FD_CLOEXEC : 0;
        break;
    case F_SETFD:
        fd_set_cloexec(fdt, (unsigned)fd, arg & FD_CLOEXEC);
        ret = 0;
        break;
    case F_GETFL:
        ret = f->flags;
        break;
    case F_SETFL:
        ret = set_fl(f, arg);
        break;
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
        ret = f->ops && f->ops->fcntl ? f->ops->fcntl(f, cmd, arg) : -EBADF;
        break;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        ret = locks_fcntl(f, cmd, (void *)arg);
        break;
    case F_GETOWN:
    case F_SETOWN:
    case F_GETSIG:
    case F_SETSIG:
        ret = 0;
        break;
    case F_GETLEASE:
        ret = F_UNLCK;
        break;
    case F_GET_SEALS:
    case F_ADD_SEALS:
        ret = memfd_fcntl(f, cmd, arg);
        break;
    default:
        ret = -EINVAL;
    }
out:
    file_put(f);
    return ret;
}

long sys_close_range(unsigned first, unsigned last, unsigned flags)
{
    if (flags & ~(unsigned)(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
        return -EINVAL;
    if (first > last)
        return -EINVAL;
    struct task *t = current_task();
    struct fdtable *fdt = t->files;
    if ((flags & CLOSE_RANGE_UNSHARE) && fdt->refs > 1) {
        struct fdtable *copy = fdtable_clone(fdt);
        if (!copy)
            return -ENOMEM;
        fdtable_put(fdt);
        t->files = fdt = copy;
    }
    for (unsigned fd = first; fd < fdt->size && fd <= last; fd++) {
        if (!fdt->files[fd])
            continue;
        if (flags & CLOSE_RANGE_CLOEXEC)
            fd_set_cloexec(fdt, fd, true);
        else
            fd_close(fdt, fd_remove(fdt, fd));
    }
    return 0;
}
