/* wait.c — wait queues (see wait.h): sleepers are re-made runnable and re-test their condition. */
#include "kernel/proc/proc.h"
#include "kernel/proc/wait.h"
#include "kernel/errno.h"
#include "kernel/signal.h"

void wq_init(struct waitqueue *wq)
{
    wq->head = NULL;
}

void wq_wake_all(struct waitqueue *wq)
{
    struct task *t = wq->head;
    wq->head = NULL;
    while (t) {
        struct task *next = t->wq_next;
        t->wq_next = NULL;
        t->wq = NULL;
        if (t->state == TASK_ZOMBIE && wq_watch_woken)
            wq_watch_woken(t);
        sched_wakeup(t);
        t = next;
    }
}

static void wq_remove(struct waitqueue *wq, struct task *t)
{
    for (struct task **pp = &wq->head; *pp; pp = &(*pp)->wq_next)
        if (*pp == t) {
            *pp = t->wq_next;
            break;
        }
    t->wq_next = NULL;
    t->wq = NULL;
}

/* Sleep until ready(arg); give_up(t) returns the error that ends the wait early, or 0. */
static int wait_until(struct waitqueue *wq, bool (*ready)(void *arg), void *arg, int (*give_up)(struct task *t))
{
    struct task *t = current_task();
    while (!ready(arg)) {
        int r = give_up(t);
        if (r)
            return r;
        t->wq_next = wq->head;
        wq->head = t;
        t->wq = wq;
        t->state = TASK_SLEEPING;
        schedule();
        if (t->wq)
            wq_remove(wq, t);
    }
    return 0;
}

static int any_signal(struct task *t)
{
    return signal_pending(t) ? -ERESTARTSYS : 0;   /* delivery makes it EINTR or a restart (kernel/signal.h) */
}

static int fatal_signal(struct task *t)
{
    return signal_fatal_pending(t) ? -EINTR : 0;
}

int wq_wait(struct waitqueue *wq, bool (*ready)(void *arg), void *arg)
{
    return wait_until(wq, ready, arg, any_signal);
}

int wq_wait_killable(struct waitqueue *wq, bool (*ready)(void *arg), void *arg)
{
    return wait_until(wq, ready, arg, fatal_signal);
}
