/*
 * ioctl.c — the ioctl syscall: the commands every fd understands (FIOCLEX, FIONCLEX,
 * FIONBIO, FIOASYNC, and FIONREAD on regular files), then the file's own ioctl op. A file
 * without one is not a terminal or device: ENOTTY, which is what TCGETS gives on pipes,
 * files and /dev/null.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <asm/ioctls.h>

long sys_ioctl(int fd, unsigned cmd, unsigned long arg)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret = 0;
    int on;
    switch (cmd) {
    case FIOCLEX:
    case FIONCLEX:
        fd_set_cloexec(fd_current(), (unsigned)fd, cmd == FIOCLEX);
        break;
    case FIONBIO:
    case FIOASYNC:
        if (copy_from_user(&on, (void *)arg, sizeof(on))) {
            ret = -EFAULT;
            break;
        }
        if (cmd == FIONBIO)
            f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~(unsigned)O_NONBLOCK;
        else
            f->flags = on ? f->flags | FASYNC : f->flags & ~(unsigned)FASYNC;
        break;
    case FIONREAD:
        if (S_ISREG(f->inode->mode)) {
            int n = (int)((int64_t)f->inode->size - f->pos);
            ret = copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
            break;
        }
        /* fall through */
    default:
        ret = f->ops && f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
    }
    file_put(f);
    return ret;
}
