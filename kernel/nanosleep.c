/*
 * nanosleep.c — nanosleep and clock_nanosleep. A sleeper waits on timer_wq, which the timer
 * tick wakes; each sleeper re-checks its own deadline, so wake-ups come at the first tick
 * after the deadline (10 ms granularity, as with a HZ=100 Linux without hrtimers).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/proc/wait.h"
#include "kernel/signal.h"
#include <linux/time_types.h>

static struct waitqueue timer_wq;

void nanosleep_tick(void)
{
    wq_wake_all(&timer_wq);
}

struct deadline { int clockid; uint64_t at; int64_t skew; };

static bool deadline_passed(void *arg)
{
    struct deadline *d = arg;
    return time_now_since(d->clockid, d->skew) >= d->at;
}

static long do_sleep(int clockid, int flags, const struct __kernel_timespec *ureq, struct __kernel_timespec *urem)
{
    struct __kernel_timespec req;
    if (copy_from_user(&req, ureq, sizeof req))
        return -EFAULT;
    if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000LL)
        return -EINVAL;
    uint64_t ns = (uint64_t)req.tv_sec * 1000000000ULL + (uint64_t)req.tv_nsec;
    struct deadline d = { clockid, (flags & TIMER_ABSTIME) ? ns : time_now_ns(clockid) + ns, time_skew_ns(clockid) };
    /* Interrupted: Linux's hrtimer_nanosleep answers -ERESTART_RESTARTBLOCK (relative, with the
     * remainder written) or -ERESTARTNOHAND (absolute); delivery makes it EINTR under a handler.
     * Without one the call reruns from its arguments (no restart_syscall block is kept). */
    int r = wq_wait(&timer_wq, deadline_passed, &d) ? -ERESTART_RESTARTBLOCK : 0;
    if (r && (flags & TIMER_ABSTIME))
        return -ERESTARTNOHAND;
    if (r && urem) {
        uint64_t now = time_now_since(clockid, d.skew), left = d.at > now ? d.at - now : 0;
        struct __kernel_timespec rem = { (long long)(left / 1000000000ULL), (long long)(left % 1000000000ULL) };
        if (copy_to_user(urem, &rem, sizeof rem))
            return -EFAULT;
    }
    return r;
}

long sys_nanosleep(const struct __kernel_timespec *ureq, struct __kernel_timespec *urem)
{
    return do_sleep(CLOCK_MONOTONIC, 0, ureq, urem);
}

long sys_clock_nanosleep(int clockid, int flags, const struct __kernel_timespec *ureq, struct __kernel_timespec *urem)
{
    /* Linux: clocks without a sleep method answer EOPNOTSUPP, unknown ones EINVAL. */
    switch (clockid) {
    case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_BOOTTIME: case CLOCK_TAI:
    case CLOCK_REALTIME_ALARM: case CLOCK_BOOTTIME_ALARM:
        break;
    case CLOCK_MONOTONIC_RAW: case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
        return -EOPNOTSUPP;
    case CLOCK_THREAD_CPUTIME_ID:
        return -EOPNOTSUPP;     /* clock_nanosleep(2) says EINVAL; Linux 6.x answers this */
    case CLOCK_PROCESS_CPUTIME_ID:
        return -EOPNOTSUPP;     /* Linux sleeps until the process used that much CPU: not here yet */
    default:
        return -EINVAL;
    }
    /* Linux ignores flag bits other than TIMER_ABSTIME. */
    bool real = clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM || clockid == CLOCK_TAI;
    return do_sleep(real ? CLOCK_REALTIME : CLOCK_MONOTONIC, flags, ureq, urem);
}
