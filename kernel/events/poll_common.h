/*
 * poll_common.h — what poll, select and epoll share: the set of wait queues one readiness
 * pass met (to sleep on the queue itself when there was exactly one), and the timeouts of
 * ppoll/select/pselect6, whose time left Linux writes back (poll_select_finish).
 */
#ifndef KERNEL_EVENTS_POLL_COMMON_H
#define KERNEL_EVENTS_POLL_COMMON_H
#include "kernel/events/evwait.h"
#include "kernel/fs/vfs.h"

struct poll_queues {
    struct waitqueue *one;
    bool several;   /* more than one queue, or a file with none (time-driven) */
    bool any;
};

static inline void poll_queues_reset(struct poll_queues *q)
{
    q->one = NULL;
    q->several = false;
    q->any = false;
}

static inline void poll_queues_add(struct poll_queues *q, struct waitqueue *wq)
{
    if (!wq || (q->any && q->one != wq))
        q->several = true;
    q->one = wq;
    q->any = true;
}

/* The queue to sleep on, or NULL when ev_wait must poll at each tick. */
static inline struct waitqueue *poll_queues_one(const struct poll_queues *q)
{
    return q->several ? NULL : q->one;
}

struct poll_timeout {
    uint64_t deadline;
    int64_t skew;   /* CLOCK_MONOTONIC's skew when the deadline was taken (time_now_since) */
    bool zero;      /* a zero timeout: one pass, nothing written back */
    bool given;
};

/* From a user timespec (NULL: forever). */
int poll_timeout_get(const struct __kernel_timespec *uts, struct poll_timeout *t);
/* Write the time left back (as a timeval when tv) unless the timeout was zero or absent;
 * returns ret, or -EFAULT... as Linux: a failed write-back does not change a result. */
long poll_timeout_put(const struct poll_timeout *t, void *uts, bool tv, long ret);

#endif
