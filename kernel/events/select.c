/*
 * select.c — select and pselect6, after Linux's core_sys_select: nfds is cut to the size of
 * the fd table as Linux sizes it; the sets are copied in and out in whole 64-bit words (so a
 * bit above nfds in the last word comes back cleared, one in a later word is untouched); a set
 * bit for a closed fd is EBADF; each ready bit counts, so one fd in two sets counts twice.
 * Timeouts are written back (select as a timeval, pselect6 as a timespec).
 */
#include "kernel/events/poll_common.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include "kernel/net/socket_abi.h"
#include <asm/poll.h>
#include "replayer/kernel/faults.h"

#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET (POLLPRI)
#define NSETS 3

struct select_run {
    int n;
    size_t words;
    uint64_t *in[NSETS], *out[NSETS];
    struct poll_queues q;
};

/* Linux's fdt->max_fds for a table whose highest open fd is hi: 64, then powers of two of 128. */
static int linux_max_fds(void)
{
    struct fdtable *fdt = fd_current();
    int hi = -1;
    for (unsigned i = 0; i < fdt->size; i++)
        if (fdt->files[i])
            hi = (int)i;
    if (hi < 64)
        return 64;
    unsigned nr = (unsigned)hi / 128 + 1, p = 1;
    while (p < nr)
        p <<= 1;
    return (int)(p * 128);
}

static int select_pass(struct select_run *r)
{
    static const unsigned want[NSETS] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
    int count = 0;
    poll_queues_reset(&r->q);
    for (int s = 0; s < NSETS; s++)
        memset(r->out[s], 0, r->words * 8);
    for (int fd = 0; fd < r->n; fd++) {
        uint64_t bit = 1ULL << (fd % 64);
        size_t w = (size_t)fd / 64;
        unsigned asked = 0;
        for (int s = 0; s < NSETS; s++)
            if (r->in[s][w] & bit)
                asked |= 1u << s;
        if (!asked)
            continue;
        struct file *f = fd_get(fd);
        if (!f)
            return -EBADF;
        struct waitqueue *wq = NULL;
        unsigned mask = vfs_poll(f, &wq);
        poll_queues_add(&r->q, wq);
        file_put(f);
        for (int s = 0; s < NSETS; s++)
            if ((asked & (1u << s)) && (mask & want[s])) {
                r->out[s][w] |= bit;
                count++;
            }
    }
    return count;
}

static bool select_ready(void *arg)
{
    return select_pass(arg) != 0;
}

static long do_select(int n, void *const usets[NSETS], uint64_t deadline, bool zero)
{
    if (n < 0)
        return -EINVAL;
    n = MIN(n, linux_max_fds());
    struct select_run r = { .n = n, .words = ((size_t)n + 63) / 64 };
    size_t bytes = r.words * 8;
    uint64_t *mem = kzalloc(bytes * NSETS * 2 + 8);
    if (!mem)
        return -ENOMEM;
    long ret = -EFAULT;
    for (int s = 0; s < NSETS; s++) {
        r.in[s] = mem + r.words * (size_t)s;
        r.out[s] = mem + r.words * (size_t)(NSETS + s);
        if (usets[s] && copy_from_user(r.in[s], usets[s], bytes))
            goto out;
    }
    if (zero && FAULT_ON(SELECT_ZERO_TIMEOUT)) {
        ret = 0;
        goto out;
    }
    ret = select_pass(&r);
    if (!ret && !zero) {
        int err = ev_wait(poll_queues_one(&r.q), select_ready, &r, deadline);
        ret = err == -ETIMEDOUT ? 0 : err ? err : select_pass(&r);
    }
    if (ret < 0)
        goto out;
    for (int s = 0; s < NSETS; s++)
        if (usets[s] && copy_to_user(usets[s], r.out[s], bytes)) {
            ret = -EFAULT;
            break;
        }
out:
    kfree(mem);
    return ret;
}

long sys_select(int n, void *inp, void *outp, void *exp, struct old_timeval *utv)
{
    struct poll_timeout t = { .deadline = EV_FOREVER };
    if (utv) {
        struct old_timeval tv;
        if (copy_from_user(&tv, utv, sizeof tv))
            return -EFAULT;
        long long sec = tv.tv_sec + tv.tv_usec / 1000000, nsec = (tv.tv_usec % 1000000) * 1000;
        if (sec < 0 || nsec < 0)
            return -EINVAL;
        t.given = true;
        t.zero = !sec && !nsec;
        t.deadline = ev_deadline_after((uint64_t)sec * 1000000000ULL + (uint64_t)nsec);
    }
    void *const sets[NSETS] = { inp, outp, exp };
    long ret = do_select(n, sets, t.deadline, t.zero);
    return poll_timeout_put(&t, utv, true, ret);
}

long sys_pselect6(int n, void *inp, void *outp, void *exp, struct __kernel_timespec *utsp, const void *usig)
{
    struct poll_timeout t;
    int err = poll_timeout_get(utsp, &t);
    if (err)
        return err;
    struct { const void *set; size_t size; } sig = { NULL, 0 };
    if (usig && copy_from_user(&sig, usig, sizeof sig))
        return -EFAULT;
    uint64_t saved;
    bool swapped;
    err = ev_sigmask_install(sig.set, sig.size, &saved, &swapped);
    if (err)
        return err;
    void *const sets[NSETS] = { inp, outp, exp };
    long ret = do_select(n, sets, t.deadline, t.zero);
    ev_sigmask_restore(saved, swapped, ret == -EINTR);
    return poll_timeout_put(&t, utsp, false, ret);
}
