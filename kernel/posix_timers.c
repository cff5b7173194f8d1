/*
 * posix_timers.c — timer_create, timer_settime, timer_gettime, timer_getoverrun and
 * timer_delete. Notification by SIGEV_SIGNAL (to the process), SIGEV_THREAD_ID (to one
 * thread of it) or SIGEV_NONE (the timer only counts). Ids are per process, counted up from
 * 0 as on the recording kernel. Expiry runs from the tick (timer.c); realtime deadlines are
 * converted to the monotonic clock when armed. The signal carries Linux's siginfo: SI_TIMER,
 * the timer id, the overrun count and sigev_value.
 * Exec deletes the process's timers, the end of the process them and its id counter (pids
 * are reused in check mode). Not yet: CPU-time clocks count wall time.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/signal.h"
#include <linux/time.h>
#include <linux/time_types.h>
#include <asm/siginfo.h>

#define NSEC_PER_SEC 1000000000ULL

struct ptimer {
    struct ptimer *next;
    int pid, id;
    int clockid, notify, signo, target_tid;
    uint64_t value;                 /* sigev_value */
    struct ktimer kt;
    uint64_t interval;              /* ns */
    int overrun, overrun_last;
};

struct ptimer_ids {                 /* the next id, per process */
    struct ptimer_ids *next;
    int pid, next_id;
};

static struct ptimer *ptimers;
static struct ptimer_ids *id_counters;

static struct ptimer *ptimer_find(int id)
{
    int pid = current_task()->pid;
    for (struct ptimer *p = ptimers; p; p = p->next)
        if (p->pid == pid && p->id == id)
            return p;
    return NULL;
}

static int ptimer_new_id(int pid)
{
    struct ptimer_ids *c;
    for (c = id_counters; c; c = c->next)
        if (c->pid == pid)
            break;
    if (!c) {
        c = kzalloc(sizeof *c);
        if (!c)
            return -ENOMEM;
        c->pid = pid;
        c->next = id_counters;
        id_counters = c;
    }
    if (c->next_id == INT32_MAX)
        return -EAGAIN;
    return c->next_id++;
}

static void ptimer_unlink(struct ptimer *dead)
{
    for (struct ptimer **pp = &ptimers; *pp; pp = &(*pp)->next)
        if (*pp == dead) {
            *pp = dead->next;
            break;
        }
    ktimer_cancel(&dead->kt);
}

static void ptimer_expired(struct ktimer *kt)
{
    struct ptimer *p = container_of(kt, struct ptimer, kt);
    if (p->interval)
        ktimer_arm(kt, kt->deadline + p->interval);
    if (p->notify == SIGEV_NONE)
        return;
    bool to_thread = p->notify == (SIGEV_SIGNAL | SIGEV_THREAD_ID);
    struct task *t = task_by_pid(to_thread ? p->target_tid : p->pid);
    if (!t || t->state == TASK_ZOMBIE || t->state == TASK_DEAD) {
        if (!task_by_pid(p->pid)) {       /* the process is gone */
            ptimer_unlink(p);
            kfree(p);
        }
        return;
    }
    if (signal_pending_set(t) & SIGBIT(p->signo)) {
        p->overrun++;          /* the last one is not delivered yet */
        return;
    }
    p->overrun_last = p->overrun;
    p->overrun = 0;
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = p->signo;
    info.si_code = SI_TIMER;
    info.si_tid = p->id;
    info.si_overrun = p->overrun_last;
    info.si_value.sival_ptr = (void *)p->value;
    signal_queue(t, p->signo, &info, !to_thread);   /* SIGEV_SIGNAL: to the process */
}

static bool clock_has_timers(int clockid)
{
    switch (clockid) {
    case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_BOOTTIME: case CLOCK_TAI:
    case CLOCK_REALTIME_ALARM: case CLOCK_BOOTTIME_ALARM:
    case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
        return true;
    default:
        return false;
    }
}

long sys_timer_create(int clockid, const sigevent_t *uevent, int *uid)
{
    if (clockid == CLOCK_MONOTONIC_RAW || clockid == CLOCK_REALTIME_COARSE || clockid == CLOCK_MONOTONIC_COARSE)
        return -EOPNOTSUPP;
    if (!clock_has_timers(clockid))
        return -EINVAL;
    struct task *self = current_task();
    if (!sigqueue_room(self))
        return -EAGAIN;                 /* Linux preallocates the timer's siginfo (RLIMIT_SIGPENDING) */
    struct ptimer *p = kzalloc(sizeof *p);
    if (!p)
        return -ENOMEM;
    p->pid = self->pid;
    p->clockid = clockid;
    p->kt.fn = ptimer_expired;
    if (uevent) {
        sigevent_t ev;
        if (copy_from_user(&ev, uevent, sizeof ev)) {
            kfree(p);
            return -EFAULT;
        }
        p->notify = ev.sigev_notify;
        p->signo = ev.sigev_signo;
        p->value = (uint64_t)ev.sigev_value.sival_ptr;
        p->target_tid = ev.sigev_notify_thread_id;
        bool ok;
        switch (p->notify) {
        case SIGEV_SIGNAL | SIGEV_THREAD_ID: {
            struct task *t = task_by_pid(p->target_tid);
            ok = t && t->pid == self->pid && p->signo > 0 && p->signo <= TASK_NSIG;
            break;
        }
        case SIGEV_SIGNAL: case SIGEV_THREAD:
            ok = p->signo > 0 && p->signo <= TASK_NSIG;
            break;
        case SIGEV_NONE:
            ok = true;
            break;
        default:
            ok = false;
        }
        if (!ok) {
            kfree(p);
            return -EINVAL;
        }
    }
    int id = ptimer_new_id(self->pid);
    if (id < 0) {
        kfree(p);
        return id;
    }
    p->id = id;
    if (!uevent) {
        p->notify = SIGEV_SIGNAL;
        p->signo = SIGALRM;
        p->value = (uint64_t)id;
    }
    if (copy_to_user(uid, &id, sizeof id)) {
        kfree(p);
        return -EFAULT;
    }
    p->next = ptimers;
    ptimers = p;
    return 0;
}

static uint64_t ts_ns(const struct __kernel_timespec *ts)
{
    return (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

static struct __kernel_timespec ns_ts(uint64_t ns)
{
    return (struct __kernel_timespec){ (long long)(ns / NSEC_PER_SEC), (long long)(ns % NSEC_PER_SEC) };
}

static bool ts_valid(const struct __kernel_timespec *ts)
{
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long long)NSEC_PER_SEC;
}

static struct __kernel_itimerspec ptimer_get(const struct ptimer *p)
{
    struct __kernel_itimerspec v = { ns_ts(p->interval), { 0, 0 } };
    if (p->kt.armed) {
        uint64_t now = time_now_ns(CLOCK_MONOTONIC);
        v.it_value = ns_ts(p->kt.deadline > now ? p->kt.deadline - now : p->notify == SIGEV_NONE ? 0 : 1);
    }
    return v;
}

long sys_timer_gettime(int id, struct __kernel_itimerspec *uvalue)
{
    struct ptimer *p = ptimer_find(id);
    if (!p)
        return -EINVAL;
    struct __kernel_itimerspec v = ptimer_get(p);
    return copy_to_user(uvalue, &v, sizeof v) ? -EFAULT : 0;
}

long sys_timer_settime(int id, int flags, const struct __kernel_itimerspec *unew, struct __kernel_itimerspec *uold)
{
    if (!unew)
        return -EINVAL;
    struct __kernel_itimerspec nv;
    if (copy_from_user(&nv, unew, sizeof nv))
        return -EFAULT;
    if (!ts_valid(&nv.it_value) || !ts_valid(&nv.it_interval))
        return -EINVAL;
    struct ptimer *p = ptimer_find(id);
    if (!p)
        return -EINVAL;
    struct __kernel_itimerspec old = ptimer_get(p);
    ktimer_cancel(&p->kt);
    p->overrun = p->overrun_last = 0;
    uint64_t value = ts_ns(&nv.it_value);
    p->interval = value ? ts_ns(&nv.it_interval) : 0;
    if (value) {
        uint64_t mono = time_now_ns(CLOCK_MONOTONIC), deadline = mono + value;
        if (flags & TIMER_ABSTIME) {
            bool real = p->clockid == CLOCK_REALTIME || p->clockid == CLOCK_REALTIME_ALARM || p->clockid == CLOCK_TAI;
            uint64_t now = real ? time_now_ns(CLOCK_REALTIME) : mono;
            deadline = value > now ? mono + (value - now) : mono;
        }
        ktimer_arm(&p->kt, deadline);
    }
    return uold && copy_to_user(uold, &old, sizeof old) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id)
{
    struct ptimer *p = ptimer_find(id);
    return p ? p->overrun_last : -EINVAL;
}

long sys_timer_delete(int id)
{
    struct ptimer *p = ptimer_find(id);
    if (!p)
        return -EINVAL;
    ptimer_unlink(p);
    kfree(p);
    return 0;
}

void posix_timers_exit(int pid)
{
    posix_timers_exec(pid);
    for (struct ptimer_ids **pp = &id_counters; *pp; pp = &(*pp)->next)
        if ((*pp)->pid == pid) {
            struct ptimer_ids *c = *pp;
            *pp = c->next;
            kfree(c);
            break;
        }
}

void posix_timers_exec(int pid)
{
    for (struct ptimer *p = ptimers, *next; p; p = next) {
        next = p->next;
        if (p->pid == pid) {
            ptimer_unlink(p);
            kfree(p);
        }
    }
}
