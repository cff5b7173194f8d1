/*
 * time.h — kernel clocks. CLOCK_REALTIME is the CMOS RTC's epoch read at boot plus the
 * monotonic clock; CLOCK_MONOTONIC counts from boot (the LAPIC timer, see arch).
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H
#include <stdint.h>
#include <linux/time.h>

uint64_t time_now_ns(int clockid);
/* Check mode: from now on the clocks of clockid's kind run from shown_ns (the recorded value the
 * program was just shown), once per trace; time_follow_reset() at each trace's start. */
void time_follow(int clockid, uint64_t shown_ns);
void time_follow_reset(void);
void time_init(void);
/* Called on every timer tick (interrupts off). */
void time_tick(void);
void nanosleep_tick(void);   /* nanosleep.c: wake sleepers to re-check their deadlines */

#endif
