/*
 * timerfd.c — timerfd_create/settime/gettime, after Linux's fs/timerfd.c. A timer is an
 * expiry time on its clock and an interval; expirations are counted lazily, whenever the timer
 * is looked at (read, poll, gettime), so no kernel timer is needed: a waiting reader or poller
 * sleeps through ev_wait, which re-tests at every tick. read returns the count (8 bytes) and
 * resets it; gettime gives the time left to the next expiry and the interval.
 */
#include "kernel/events/evwait.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include <linux/timerfd.h>
#include <asm/poll.h>

#define NSEC 1000000000ULL
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9

struct timerfd {
    int clockid;
    uint64_t expires;    /* on clockid; 0 = disarmed */
    int64_t skew;        /* the clock's skew when armed (time_now_since) */
    uint64_t interval;
    uint64_t ticks;      /* expirations not yet read */
    uint64_t edges;      /* times ticks went from 0 to more: Linux wakes pollers only then, as
                            its timer is re-armed by the read, not by the expiry */
};

static const struct file_ops timerfd_fops;

static int time_clock(int clockid)
{
    return clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM ? CLOCK_REALTIME : CLOCK_MONOTONIC;
}

/* Count the expirations up to now and move the expiry forward (or disarm a one-shot). */
static void timerfd_update(struct timerfd *t)
{
    if (!t->expires)
        return;
    uint64_t now = time_now_since(time_clock(t->clockid), t->skew);
    if (now < t->expires)
        return;
    uint64_t n = t->interval ? (now - t->expires) / t->interval + 1 : 1;
    if (!t->ticks)
        t->edges++;
    t->ticks += n;
    t->expires = t->interval ? t->expires + n * t->interval : 0;
}

static bool expired(void *arg)
{
    struct timerfd *t = arg;
    timerfd_update(t);
    return t->ticks > 0;
}

static long timerfd_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)pos;
    struct timerfd *t = f->priv;
    if (to->count < sizeof(uint64_t))
        return -EINVAL;
    if (!expired(t)) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        int err = ev_wait(NULL, expired, t, EV_FOREVER);
        if (err)
            return err;
    }
    uint64_t v = t->ticks;
    if (copy_to_iter(to, &v, sizeof v) < sizeof v)
        return -EFAULT;
    t->ticks = 0;
    return sizeof v;
}

static unsigned timerfd_poll(struct file *f, struct waitqueue **wq)
{
    if (wq)
        *wq = NULL;   /* time-driven */
    return expired(f->priv) ? POLLIN | POLLRDNORM : 0;
}

static void timerfd_release(struct file *f)
{
    kfree(f->priv);
}

static const struct file_ops timerfd_fops = {
    .read = timerfd_read,
    .poll = timerfd_poll,
    .release = timerfd_release,
};

long sys_timerfd_create(int clockid, int flags)
{
    if ((unsigned)flags & ~(unsigned)(TFD_CLOEXEC | TFD_NONBLOCK))
        return -EINVAL;
    if (clockid != CLOCK_MONOTONIC && clockid != CLOCK_REALTIME && clockid != CLOCK_BOOTTIME &&
        clockid != CLOCK_REALTIME_ALARM && clockid != CLOCK_BOOTTIME_ALARM)
        return -EINVAL;
    struct timerfd *t = kzalloc(sizeof(*t));
    if (!t)
        return -ENOMEM;
    t->clockid = clockid;
    return anon_fd_create(&timerfd_fops, t, O_RDWR | ((unsigned)flags & O_NONBLOCK), flags & TFD_CLOEXEC);
}

static bool ts_valid(const struct __kernel_timespec *ts)
{
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long long)NSEC;
}

static uint64_t ts_ns(const struct __kernel_timespec *ts)
{
    return (uint64_t)ts->tv_sec * NSEC + (uint64_t)ts->tv_nsec;
}

static struct __kernel_timespec ns_ts(uint64_t ns)
{
    return (struct __kernel_timespec){ (long long)(ns / NSEC), (long long)(ns % NSEC) };
}

static struct __kernel_itimerspec current_setting(struct timerfd *t)
{
    timerfd_update(t);
    struct __kernel_itimerspec cur = { ns_ts(t->interval), ns_ts(0) };
    if (t->expires) {
        uint64_t now = time_now_since(time_clock(t->clockid), t->skew);
        cur.it_value = ns_ts(t->expires > now ? t->expires - now : 1);
    }
    return cur;
}

uint64_t ev_event_count(struct file *f)
{
    if (f->ops != &timerfd_fops)
        return 0;
    struct timerfd *t = f->priv;
    timerfd_update(t);
    return t->edges;
}

/* The timerfd behind fd, with a reference: EBADF, or EINVAL for another kind of file. */
static struct timerfd *timerfd_lookup(int fd, struct file **fp, long *err)
{
    struct file *f = fd_get(fd);
    *err = -EBADF;
    if (!f)
        return NULL;
    if (f->ops != &timerfd_fops) {
        file_put(f);
        *err = -EINVAL;
        return NULL;
    }
    *fp = f;
    return f->priv;
}

long sys_timerfd_settime(int fd, int flags, const struct __kernel_itimerspec *unew,
                         struct __kernel_itimerspec *uold)
{
    struct __kernel_itimerspec nv;
    if (copy_from_user(&nv, unew, sizeof nv))
        return -EFAULT;
    if (((unsigned)flags & ~(unsigned)(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
        !ts_valid(&nv.it_value) || !ts_valid(&nv.it_interval))
        return -EINVAL;
    struct file *f;
    long err;
    struct timerfd *t = timerfd_lookup(fd, &f, &err);
    if (!t)
        return err;
    struct __kernel_itimerspec old = current_setting(t);
    t->ticks = 0;
    t->interval = ts_ns(&nv.it_interval);
    t->expires = 0;
    t->skew = time_skew_ns(time_clock(t->clockid));
    uint64_t value = ts_ns(&nv.it_value);
    if (value) {
        if (flags & TFD_TIMER_ABSTIME)
            t->expires = value ? value : 1;
        else
            t->expires = time_now_ns(time_clock(t->clockid)) + value;
    }
    file_put(f);
    if (uold && copy_to_user(uold, &old, sizeof old))
        return -EFAULT;
    return 0;
}

long sys_timerfd_gettime(int fd, struct __kernel_itimerspec *ucur)
{
    struct file *f;
    long err;
    struct timerfd *t = timerfd_lookup(fd, &f, &err);
    if (!t)
        return err;
    struct __kernel_itimerspec cur = current_setting(t);
    file_put(f);
    return copy_to_user(ucur, &cur, sizeof cur) ? -EFAULT : 0;
}
