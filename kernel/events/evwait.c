/*
 * evwait.c — sleeping for the event files and sockets (see evwait.h).
 *
 * A task sleeps on one wait queue at a time (kernel/proc/wait.c). When the condition depends
 * on one queue and there is no deadline, ev_wait sleeps there. Otherwise (several queues, a
 * timeout, or a time-driven file such as a timerfd) it re-tests at every timer tick: asleep on
 * the tick's queue when kernel/time exports it (tick_waitqueue), else by giving the CPU to
 * whoever is runnable and halting until the next interrupt. Either way a sleep with tick
 * (10 ms) granularity, never a busy loop. A multi-queue sleep from kernel/proc would make the
 * wake-ups exact; this file is the one place to change then.
 */
#include "kernel/events/evwait.h"
#include "kernel/proc/proc.h"
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "arch/x86_64/arch.h"

#define NSEC_PER_SEC 1000000000ULL
bool ev_signal_pending(void)
{
    return signal_pending(current_task());   /* kernel/signal_deliver.c: not blocked, not ignored */
}

/* skew: the clock's skew when the deadline was taken (see time_now_since). */
static bool past(uint64_t deadline, int64_t skew)
{
    return deadline != EV_FOREVER && time_now_since(CLOCK_MONOTONIC, skew) >= deadline;
}

/* The queue the timer tick wakes, when kernel/time exports it (nanosleep sleeps there). */
struct waitqueue *tick_waitqueue(void) __attribute__((weak));

struct tick_wait {
    bool (*ready)(void *arg);
    void *arg;
    uint64_t deadline;
    int64_t skew;
};

static bool tick_ready(void *p)
{
    struct tick_wait *w = p;
    return w->ready(w->arg) || ev_signal_pending() || past(w->deadline, w->skew);
}

int ev_wait(struct waitqueue *wq, bool (*ready)(void *arg), void *arg, uint64_t deadline)
{
    int64_t skew = time_skew_ns(CLOCK_MONOTONIC);   /* the deadline was just taken */
    for (;;) {
        if (ready(arg))
            return 0;
        if (ev_signal_pending())
            return -EINTR;
        if (past(deadline, skew))
            return -ETIMEDOUT;
        if (wq && deadline == EV_FOREVER)
            return wq_wait(wq, ready, arg) ? -EINTR : 0;   /* wq_wait's -ERESTARTSYS */
        if (tick_waitqueue) {
            struct tick_wait w = { ready, arg, deadline, skew };
            if (wq_wait(tick_waitqueue(), tick_ready, &w))
                return -EINTR;   /* wq_wait's -ERESTARTSYS */
            continue;
        }
        /* Without it: let others run, then halt until the next interrupt. */
        schedule();
        if (ready(arg))
            return 0;
        arch_idle();
    }
}

uint64_t ev_deadline_after(uint64_t ns)
{
    if (ns == EV_FOREVER)
        return EV_FOREVER;
    uint64_t now = time_now_ns(CLOCK_MONOTONIC);
    return ns > EV_FOREVER - now - 1 ? EV_FOREVER - 1 : now + ns;
}

int ev_timespec_deadline(const struct __kernel_timespec *uts, uint64_t *deadline)
{
    *deadline = EV_FOREVER;
    if (!uts)
        return 0;
    struct __kernel_timespec ts;
    if (copy_from_user(&ts, uts, sizeof ts))
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long long)NSEC_PER_SEC)
        return -EINVAL;
    uint64_t sec = (uint64_t)ts.tv_sec;
    *deadline = sec > (EV_FOREVER / NSEC_PER_SEC) - 1 ? EV_FOREVER - 1
                                                       : ev_deadline_after(sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec);
    return 0;
}

/* ---- watches ---- */

/* Numbers the wake-ups of watches in the order they happen (epoll's ready-list order). */
static uint64_t watch_wakeups;

void wq_watch_woken(struct task *sentinel)
{
    container_of(sentinel, struct wq_watch, sentinel)->fired_seq = ++watch_wakeups;
}

void wq_watch_arm(struct wq_watch *w, struct waitqueue *wq)
{
    wq_watch_disarm(w);
    if (!wq)
        return;
    w->sentinel.state = TASK_ZOMBIE;
    w->sentinel.wq = wq;
    w->sentinel.wq_next = wq->head;
    wq->head = &w->sentinel;
    w->wq = wq;
}

bool wq_watch_fired(const struct wq_watch *w)
{
    return w->wq && w->sentinel.wq == NULL;
}

void wq_watch_disarm(struct wq_watch *w)
{
    if (w->wq && w->sentinel.wq) {
        for (struct task **pp = &w->wq->head; *pp; pp = &(*pp)->wq_next)
            if (*pp == &w->sentinel) {
                *pp = w->sentinel.wq_next;
                break;
            }
    }
    w->sentinel.wq = NULL;
    w->sentinel.wq_next = NULL;
    w->wq = NULL;
    w->fired_seq = 0;
}

/* ---- signal masks for ppoll, pselect6, epoll_pwait ---- */

/* Kept for delivery to restore after the handler runs (kernel/signal.c, once delivery exists). */
void signal_set_saved_mask(uint64_t mask) __attribute__((weak));

int ev_sigmask_install(const void *umask, size_t sigset_size, uint64_t *saved, bool *swapped)
{
    struct task *t = current_task();
    *swapped = false;
    *saved = t->sigmask;
    if (!umask)
        return 0;
    if (sigset_size != sizeof(uint64_t))
        return -EINVAL;
    uint64_t set;
    if (copy_from_user(&set, umask, sizeof set))
        return -EFAULT;
    t->sigmask = set & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    *swapped = true;
    return 0;
}

void ev_sigmask_restore(uint64_t saved, bool swapped, bool interrupted)
{
    if (!swapped)
        return;
    if (interrupted && signal_set_saved_mask)
        signal_set_saved_mask(saved);   /* the handler runs under the temporary mask */
    else
        current_task()->sigmask = saved;
}
