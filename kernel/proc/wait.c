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

int wq_wait(struct waitqueue *wq, bool (*ready)(void *arg), void *arg)
{
    struct task *t = current_task();
    while (!ready(arg)) {
        if (signal_pending(t))
            return -ERESTARTSYS;   /* delivery makes it EINTR or a restart (kernel/signal.h) */
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
