/*
 * timer.h — kernel timers: a callback run from the timer tick once CLOCK_MONOTONIC reaches a
 * deadline (timer.c). Used by alarm/setitimer (itimer.c) and the POSIX timers
 * (posix_timers.c). The resolution is the tick (1/TIMER_HZ s), as for nanosleep.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H
#include <stdint.h>
#include <stdbool.h>

struct ktimer {
    uint64_t deadline;                 /* CLOCK_MONOTONIC ns */
    void (*fn)(struct ktimer *t);      /* runs in the tick, interrupts off; may re-arm */
    struct ktimer *next;
    bool armed;
};

void ktimer_arm(struct ktimer *t, uint64_t deadline);   /* (re)arm; a passed deadline fires at the next tick */
void ktimer_cancel(struct ktimer *t);
void ktimer_tick(void);                                 /* from time_tick(): run the expired timers */
void ktimer_clock_moved(int64_t delta);                 /* time_follow moved CLOCK_MONOTONIC: so do the deadlines */

void posix_timers_exec(int pid);   /* posix_timers.c: execve deletes the process's POSIX timers */
void posix_timers_exit(int pid);   /* the process ended: its timers and its timer ids */
void itimers_exit(int pid);        /* itimer.c: the process ended: its alarm and itimers */

#endif
