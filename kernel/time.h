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
/* How far time_follow has moved clockid's clocks so far (0 outside check mode). */
int64_t time_skew_ns(int clockid);
/* Now, for a deadline taken when clockid's skew was skew_then: a move since then is taken out,
 * so a timeout armed before the program's first clock read (relative, as on Linux) still comes
 * due after its length instead of at once. */
uint64_t time_now_since(int clockid, int64_t skew_then);
void time_init(void);
/* Called on every timer tick (interrupts off). */
void time_tick(void);
void nanosleep_tick(void);   /* nanosleep.c: wake sleepers to re-check their deadlines */

#endif
