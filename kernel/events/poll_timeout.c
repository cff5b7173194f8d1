/*
 * poll_timeout.c — timeouts of ppoll, select and pselect6 (see poll_common.h): validated as
 * Linux's poll_select_set_timeout, and the time left written back afterwards as
 * poll_select_finish does (zero once expired; nothing for a zero or absent timeout).
 */
#include "kernel/signal.h"
#include "kernel/events/poll_common.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/net/socket_abi.h"

int poll_timeout_get(const struct __kernel_timespec *uts, struct poll_timeout *t)
{
    t->given = uts != NULL;
    t->zero = false;
    t->skew = time_skew_ns(CLOCK_MONOTONIC);
    int err = ev_timespec_deadline(uts, &t->deadline);
    if (err || !uts)
        return err;
    struct __kernel_timespec ts;
    if (copy_from_user(&ts, uts, sizeof ts))
        return -EFAULT;
    t->zero = !ts.tv_sec && !ts.tv_nsec;
    return 0;
}

long poll_timeout_put(const struct poll_timeout *t, void *uts, bool tv, long ret)
{
    if (!t->given || t->zero || t->deadline == EV_FOREVER)
        return ret == -EINTR ? -ERESTARTNOHAND : ret;   /* ppoll/select/pselect6, as Linux */
    uint64_t now = time_now_since(CLOCK_MONOTONIC, t->skew);
    uint64_t left = t->deadline > now ? t->deadline - now : 0;
    if (tv) {
        struct old_timeval v = { (long)(left / 1000000000ULL), (long)(left % 1000000000ULL / 1000) };
        copy_to_user(uts, &v, sizeof v);
    } else {
        struct __kernel_timespec v = { (long long)(left / 1000000000ULL), (long long)(left % 1000000000ULL) };
        copy_to_user(uts, &v, sizeof v);
    }
    return ret == -EINTR ? -ERESTARTNOHAND : ret;   /* ppoll/select/pselect6, as Linux */
}
