/*
 * timer.c — the kernel timer list (see timer.h): deadlines kept in order, the expired ones
 * run from the timer tick. Also the futex waiters' tick, so that time.c calls one function.
 */
#include "kernel/kernel.h"
#include "kernel/timer.h"
#include "kernel/time.h"
#include "kernel/futex.h"
#include <linux/time.h>

static struct ktimer *timers;   /* earliest deadline first */

void ktimer_cancel(struct ktimer *t)
{
    if (!t->armed)
        return;
    for (struct ktimer **pp = &timers; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    t->next = NULL;
    t->armed = false;
}

void ktimer_arm(struct ktimer *t, uint64_t deadline)
{
    ktimer_cancel(t);
    t->deadline = deadline;
    struct ktimer **pp = &timers;
    while (*pp && (*pp)->deadline <= deadline)
        pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
    t->armed = true;
}

/* Every pending deadline was taken on the clock before the move: it keeps its distance. */
void ktimer_clock_moved(int64_t delta)
{
    for (struct ktimer *t = timers; t; t = t->next)
        t->deadline += (uint64_t)delta;
}

void ktimer_tick(void)
{
    uint64_t now = time_now_ns(CLOCK_MONOTONIC);
    while (timers && timers->deadline <= now) {
        struct ktimer *t = timers;
        timers = t->next;
        t->next = NULL;
        t->armed = false;
        t->fn(t);
    }
    futex_tick();
}
