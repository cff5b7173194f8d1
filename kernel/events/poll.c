/*
 * poll.c — poll and ppoll, after Linux's fs/select.c: one pass asks every file its readiness
 * (vfs_poll) masked by what was asked plus POLLERR|POLLHUP, which Linux always reports; a
 * negative fd is skipped (revents 0) and a closed one says POLLNVAL. A zero timeout is still
 * one pass. The pass repeats after each wakeup until something is ready, the timeout passes
 * or a signal is pending (EINTR). revents are written back for every entry in any case;
 * ppoll also installs its signal mask for the wait and writes the time left back.
 */
#include "kernel/signal.h"
#include "kernel/events/poll_common.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <asm/poll.h>
#include "replayer/kernel/faults.h"

struct poll_run {
    struct pollfd *fds;
    unsigned n;
    struct poll_queues q;
};

static int poll_pass(struct poll_run *r)
{
    int count = 0;
    poll_queues_reset(&r->q);
    for (unsigned i = 0; i < r->n; i++) {
        struct pollfd *p = &r->fds[i];
        p->revents = 0;
        if (p->fd < 0)
            continue;
        struct file *f = fd_get(p->fd);
        if (!f) {
            p->revents = POLLNVAL;
            count++;
            continue;
        }
        struct waitqueue *wq = NULL;
        unsigned mask = vfs_poll(f, &wq);
        poll_queues_add(&r->q, wq);
        file_put(f);
        p->revents = (short)(mask & ((unsigned)(unsigned short)p->events | POLLERR | POLLHUP));
        if (FAULT_ON(POLL_NO_POLLHUP))
            p->revents &= (short)~POLLHUP;
        if (p->revents)
            count++;
    }
    return count;
}

static bool poll_ready(void *arg)
{
    return poll_pass(arg) > 0;
}

static long do_poll(struct pollfd *ufds, unsigned nfds, uint64_t deadline, bool zero)
{
    if (nfds > fd_limit())
        return -EINVAL;
    struct poll_run r = { .n = nfds };
    r.fds = kmalloc(sizeof(struct pollfd) * (nfds ? nfds : 1));
    if (!r.fds)
        return -ENOMEM;
    long ret = -EFAULT;
    if (copy_from_user(r.fds, ufds, sizeof(struct pollfd) * nfds))
        goto out;
    ret = poll_pass(&r);
    if (!ret && !zero) {
        int err = ev_wait(poll_queues_one(&r.q), poll_ready, &r, deadline);
        ret = err == -ETIMEDOUT ? 0 : err ? err : poll_pass(&r);
    }
    for (unsigned i = 0; i < nfds; i++)
        if (copy_to_user(&ufds[i].revents, &r.fds[i].revents, sizeof(short))) {
            ret = -EFAULT;
            break;
        }
out:
    kfree(r.fds);
    return ret;
}

long sys_poll(struct pollfd *ufds, unsigned nfds, int timeout_ms)
{
    uint64_t deadline = timeout_ms < 0 ? EV_FOREVER : ev_deadline_after((uint64_t)timeout_ms * 1000000ULL);
    long ret = do_poll(ufds, nfds, deadline, timeout_ms == 0);
    return ret == -EINTR ? -ERESTART_RESTARTBLOCK : ret;   /* as Linux's poll (restart_block) */
}

long sys_ppoll(struct pollfd *ufds, unsigned nfds, struct __kernel_timespec *utsp, const void *usigmask,
               size_t sigsetsize)
{
    struct poll_timeout t;
    int err = poll_timeout_get(utsp, &t);
    if (err)
        return err;
    uint64_t saved;
    bool swapped;
    err = ev_sigmask_install(usigmask, sigsetsize, &saved, &swapped);
    if (err)
        return err;
    long ret = do_poll(ufds, nfds, t.deadline, t.zero);
    ev_sigmask_restore(saved, swapped, ret == -EINTR);
    return poll_timeout_put(&t, utsp, false, ret);
}
