/*
 * time.c — the kernel's clocks and the time syscalls. CLOCK_MONOTONIC (and BOOTTIME,
 * MONOTONIC_RAW, the coarse variants) count from boot; CLOCK_REALTIME adds the RTC's epoch
 * read at boot. Time is a world input: check mode replaces the values with recorded ones.
 * Root may set the wall clock (clock_settime, settimeofday) and the timezone gettimeofday
 * reports; the monotonic clocks cannot be set.
 */
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/proc/proc.h"
#include "arch/x86_64/arch.h"
#include <linux/time_types.h>

static uint64_t epoch_ns;

void time_init(void)
{
    arch_timer_start();
    epoch_ns = (uint64_t)arch_rtc_epoch() * 1000000000ULL;
}

void time_tick(void)
{
    nanosleep_tick();
    ktimer_tick();      /* timer.c: alarms, POSIX timers, futex timeouts */
}

/* Linux's clock ids: 0-9 and 11 (10 is unused); negative ids are CPU-time clocks of a
 * process or thread, ((~pid) << 3) | type, with pid 0 meaning the caller. */
static bool clock_valid(int clockid)
{
    return clockid >= CLOCK_REALTIME && clockid <= CLOCK_TAI && clockid != 10;
}

static bool realtime_based(int clockid)
{
    return clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_COARSE || clockid == CLOCK_REALTIME_ALARM ||
           clockid == CLOCK_TAI;
}

/* Check mode shows the program the recorded clock values. From the first one on, the kernel's
 * clocks follow them (time_follow), so that the absolute deadlines a program computes from what
 * it was shown (futex, clock_nanosleep, timers) fall due when they would have. Outside check
 * mode the skews stay 0. Index 0: the realtime-based clocks; 1: the monotonic ones. */
static int64_t skew_ns[2];
static bool skew_set[2];

uint64_t time_now_ns(int clockid)
{
    uint64_t mono = arch_monotonic_ns();
    bool real = realtime_based(clockid);
    return (real ? epoch_ns + mono : mono) + (uint64_t)skew_ns[real ? 0 : 1];
}

void time_follow(int clockid, uint64_t shown_ns)
{
    if (!clock_valid(clockid))
        return;
    int base = realtime_based(clockid) ? 0 : 1;
    if (skew_set[base])
        return;
    skew_set[base] = true;
    int64_t delta = (int64_t)(shown_ns - time_now_ns(clockid));
    skew_ns[base] += delta;
    if (base == 1)
        ktimer_clock_moved(delta);   /* alarms, itimers, POSIX timers: armed relative to now */
}

int64_t time_skew_ns(int clockid)
{
    return skew_ns[realtime_based(clockid) ? 0 : 1];
}

uint64_t time_now_since(int clockid, int64_t skew_then)
{
    return time_now_ns(clockid) - (uint64_t)(time_skew_ns(clockid) - skew_then);
}

static int sys_tz[2];   /* settimeofday's struct timezone: minuteswest, dsttime */

void time_follow_reset(void)
{
    skew_set[0] = skew_set[1] = false;
    skew_ns[0] = skew_ns[1] = 0;
    sys_tz[0] = sys_tz[1] = 0;
}

/* CPU-time clocks: 0 and the time, or -EINVAL. */
static int cpu_clock_ns(int clockid, uint64_t *ns)
{
    struct task *t = current_task();
    if (clockid < 0) {
        if ((clockid & 7) == 7 || (clockid & 3) == 3)
            return -EINVAL;
        int pid = ~(clockid >> 3);
        if (pid && !(t = task_by_pid(pid)))
            return -EINVAL;
    } else if (clockid != CLOCK_PROCESS_CPUTIME_ID && clockid != CLOCK_THREAD_CPUTIME_ID) {
        return -EINVAL;
    }
    *ns = task_cputime_ns(t);
    return 0;
}

long sys_clock_gettime(int clockid, struct __kernel_timespec *uts)
{
    uint64_t ns;
    if (clockid < 0 || clockid == CLOCK_PROCESS_CPUTIME_ID || clockid == CLOCK_THREAD_CPUTIME_ID) {
        int r = cpu_clock_ns(clockid, &ns);
        if (r < 0)
            return r;
    } else if (!clock_valid(clockid)) {
        return -EINVAL;
    } else {
        ns = time_now_ns(clockid);
    }
    struct __kernel_timespec ts = { (long long)(ns / 1000000000ULL), (long long)(ns % 1000000000ULL) };
    return copy_to_user(uts, &ts, sizeof ts);
}

#define LINUX_HZ 250

long sys_clock_getres(int clockid, struct __kernel_timespec *uts)
{
    uint64_t ignored;
    if (clockid < 0 ? cpu_clock_ns(clockid, &ignored) < 0 : !clock_valid(clockid))
        return -EINVAL;
    bool coarse = clockid == CLOCK_REALTIME_COARSE || clockid == CLOCK_MONOTONIC_COARSE;
    /* Coarse clocks tick with Linux's jiffy, not ours: Debian's kernels use HZ=250. */
    struct __kernel_timespec ts = { 0, coarse ? 1000000000 / LINUX_HZ : 1 };
    return uts ? copy_to_user(uts, &ts, sizeof ts) : 0;
}

long sys_gettimeofday(struct __kernel_old_timeval *utv, void *utz)
{
    if (utv) {
        uint64_t ns = time_now_ns(CLOCK_REALTIME);
        struct __kernel_old_timeval tv = { (long)(ns / 1000000000ULL), (long)(ns % 1000000000ULL / 1000) };
        if (copy_to_user(utv, &tv, sizeof tv))
            return -EFAULT;
    }
    if (utz && copy_to_user(utz, sys_tz, sizeof sys_tz))
        return -EFAULT;
    return 0;
}

/* ---- setting the wall clock (Linux's do_sys_settimeofday64) ---- */

#define TIME_SETTOD_SEC_MAX 8276644036LL   /* KTIME_SEC_MAX less 30 years of uptime */

/* A new wall-clock time and/or timezone (either may be NULL): validated, then root only. */
static long settime(const struct __kernel_timespec *ts, const int *tz)
{
    if (ts && (ts->tv_sec < 0 || ts->tv_sec >= TIME_SETTOD_SEC_MAX || ts->tv_nsec < 0 ||
               ts->tv_nsec >= 1000000000LL))
        return -EINVAL;
    if (current_task()->euid != 0)
        return -EPERM;   /* CAP_SYS_TIME */
    if (tz) {
        if (tz[0] > 15 * 60 || tz[0] < -15 * 60)
            return -EINVAL;
        sys_tz[0] = tz[0];
        sys_tz[1] = tz[1];
    }
    if (ts)
        skew_ns[0] += (int64_t)((uint64_t)ts->tv_sec * 1000000000ULL + (uint64_t)ts->tv_nsec -
                                time_now_ns(CLOCK_REALTIME));
    return 0;
}

long sys_clock_settime(int clockid, const struct __kernel_timespec *uts)
{
    /* Only CLOCK_REALTIME has a setter (Linux 6.x: the CPU-time clocks have none either). */
    if (clockid != CLOCK_REALTIME)
        return -EINVAL;
    struct __kernel_timespec ts;
    if (copy_from_user(&ts, uts, sizeof ts))
        return -EFAULT;
    return settime(&ts, NULL);
}

long sys_settimeofday(const struct __kernel_old_timeval *utv, const void *utz)
{
    struct __kernel_timespec ts;
    int tz[2];
    if (utv) {
        struct __kernel_old_timeval tv;
        if (copy_from_user(&tv, utv, sizeof tv))
            return -EFAULT;
        if (tv.tv_usec > 1000000 || tv.tv_usec < 0)
            return -EINVAL;
        ts = (struct __kernel_timespec){ tv.tv_sec, (long long)tv.tv_usec * 1000 };
    }
    if (utz && copy_from_user(tz, utz, sizeof tz))
        return -EFAULT;
    return settime(utv ? &ts : NULL, utz ? tz : NULL);
}

long sys_time(long *ut)
{
    long t = (long)(time_now_ns(CLOCK_REALTIME) / 1000000000ULL);
    if (ut && copy_to_user(ut, &t, sizeof t))
        return -EFAULT;
    return t;
}
