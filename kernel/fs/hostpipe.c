/*
 * hostpipe.c — the program's stdout and stderr. In the recording sandbox fds 1 and 2 are
 * write ends of pipes that the recorder reads; here they are write-only files on a pipefs
 * inode (so fstat says S_IFIFO, lseek says ESPIPE, TCGETS says ENOTTY) whose bytes go to the
 * host through console_write(1 or 2). The reader never goes away and never falls behind.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/pipe.h"
#include "kernel/console.h"
#include <asm/poll.h>
#include <asm/ioctls.h>
#include "kernel/uaccess.h"

static long hostpipe_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)pos;
    int stream = (int)f->aux;
    char buf[512];
    long done = 0;
    while (from->count) {
        size_t want = MIN(from->count, sizeof(buf));
        size_t got = copy_from_iter(from, buf, want);
        if (got)
            console_write(stream, buf, got);
        done += (long)got;
        if (got < want)
            return done ? done : -EFAULT;
    }
    if (done)
        inode_touch_mc(f->inode);
    return done;
}

static unsigned hostpipe_poll(struct file *f, struct waitqueue **wq)
{
    (void)f;
    if (wq)
        *wq = NULL;
    return POLLOUT | POLLWRNORM;
}

static long hostpipe_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
    (void)f;
    if (cmd != FIONREAD)
        return -ENOTTY;
    int n = 0;   /* the host drains it at once */
    return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

static long hostpipe_fcntl(struct file *f, unsigned cmd, unsigned long arg)
{
    (void)f;
    if (cmd == F_GETPIPE_SZ)
        return PIPE_DEF_BUFFERS * PAGE_SIZE;
    /* F_SETPIPE_SZ: accepted with Linux's rounding, nothing to resize. */
    if (arg > (1ul << 31))
        return -EINVAL;
    unsigned long size = PAGE_SIZE;
    while (size < arg)
        size <<= 1;
    if (size > 1024 * 1024 && !fs_capable())
        return -EPERM;
    return (long)size;
}

static const struct file_ops hostpipe_fops = {
    .write = hostpipe_write,
    .poll = hostpipe_poll,
    .ioctl = hostpipe_ioctl,
    .fcntl = hostpipe_fcntl,
};

struct file *hostpipe_open(int stream)
{
    struct super_block *sb = pipefs_sb();
    struct inode *inode = sb ? inode_alloc(sb, S_IFIFO | 0600) : NULL;
    if (!inode)
        return NULL;
    inode->nlink = 1;
    inode->anon = true;
    inode->fops = &hostpipe_fops;
    struct file *f = file_alloc(inode, O_WRONLY);
    if (!f) {
        kfree(inode);
        return NULL;
    }
    f->ops = &hostpipe_fops;
    f->aux = (unsigned long)stream;
    return f;
}
