/*
 * eventfd.c — eventfd and eventfd2, after Linux's fs/eventfd.c: an 8-byte counter. A read
 * takes the whole count (or 1 with EFD_SEMAPHORE) and blocks, or fails with EAGAIN, while it
 * is 0; a write adds and blocks while the sum would pass 0xfffffffffffffffe; buffers shorter
 * than 8 bytes and writing 0xffffffffffffffff are EINVAL. poll: IN while the count is non-zero,
 * OUT while one more can be added, ERR at the (unreachable by write) maximum.
 */
#include "kernel/events/evwait.h"
#include "kernel/fs/vfs.h"
#include <asm/poll.h>

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC O_CLOEXEC
#define EFD_NONBLOCK O_NONBLOCK
#define ULLONG_MAX_ 0xffffffffffffffffULL

struct eventfd {
    uint64_t count;
    unsigned flags;
    struct waitqueue wq;
};

static const struct file_ops eventfd_fops;

static bool can_read(void *arg)
{
    return ((struct eventfd *)arg)->count > 0;
}

struct write_wait {
    struct eventfd *e;
    uint64_t add;
};

static bool can_add(void *arg)
{
    struct write_wait *w = arg;
    return ULLONG_MAX_ - w->e->count > w->add;
}

static long eventfd_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)pos;
    struct eventfd *e = f->priv;
    if (to->count < sizeof(uint64_t))
        return -EINVAL;
    if (!e->count) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        int err = ev_wait(&e->wq, can_read, e, EV_FOREVER);
        if (err)
            return err;
    }
    uint64_t v = (e->flags & EFD_SEMAPHORE) ? 1 : e->count;
    if (copy_to_iter(to, &v, sizeof v) < sizeof v)
        return -EFAULT;
    e->count -= v;
    wq_wake_all(&e->wq);
    return sizeof v;
}

static long eventfd_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)pos;
    struct eventfd *e = f->priv;
    uint64_t v;
    if (from->count < sizeof v)
        return -EINVAL;
    if (copy_from_iter(from, &v, sizeof v) < sizeof v)
        return -EFAULT;
    if (v == ULLONG_MAX_)
        return -EINVAL;
    struct write_wait w = { e, v };
    if (!can_add(&w)) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        int err = ev_wait(&e->wq, can_add, &w, EV_FOREVER);
        if (err)
            return err;
    }
    e->count += v;
    if (v)
        wq_wake_all(&e->wq);
    return sizeof v;
}

static unsigned eventfd_poll(struct file *f, struct waitqueue **wq)
{
    struct eventfd *e = f->priv;
    if (wq)
        *wq = &e->wq;
    unsigned mask = 0;
    if (e->count > 0)
        mask |= POLLIN | POLLRDNORM;
    if (e->count == ULLONG_MAX_)
        mask |= POLLERR;
    if (ULLONG_MAX_ - 1 > e->count)
        mask |= POLLOUT | POLLWRNORM;
    return mask;
}

static void eventfd_release(struct file *f)
{
    kfree(f->priv);
}

static const struct file_ops eventfd_fops = {
    .read = eventfd_read,
    .write = eventfd_write,
    .poll = eventfd_poll,
    .release = eventfd_release,
};

long sys_eventfd2(unsigned initval, int flags)
{
    if ((unsigned)flags & ~(unsigned)(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE))
        return -EINVAL;
    struct eventfd *e = kzalloc(sizeof(*e));
    if (!e)
        return -ENOMEM;
    e->count = initval;
    e->flags = (unsigned)flags & EFD_SEMAPHORE;
    wq_init(&e->wq);
    return anon_fd_create(&eventfd_fops, e, O_RDWR | ((unsigned)flags & O_NONBLOCK), flags & EFD_CLOEXEC);
}

long sys_eventfd(unsigned initval)
{
    return sys_eventfd2(initval, 0);
}
