/*
 * itimer.c — alarm, setitimer and getitimer. ITIMER_REAL runs on CLOCK_MONOTONIC and sends
 * SIGALRM to the process at expiry, re-arming itself with its interval; alarm rounds the
 * time left to whole seconds as Linux does (half a second or more rounds up, anything left
 * reports at least 1). ITIMER_VIRTUAL and ITIMER_PROF are accepted and read back as set,
 * but do not count CPU time (not implemented). One set per process, kept here by pid: not
 * inherited by fork (a new pid), kept across exec (the same pid), as in Linux; dropped when
 * the process ends (itimers_exit).
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
#include <asm/signal.h>

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_USEC 1000ULL

struct itimers {
    struct itimers *next;
    int pid;
    struct ktimer real;
    uint64_t real_interval;               /* ns */
    struct __kernel_old_itimerval cpu[2]; /* ITIMER_VIRTUAL, ITIMER_PROF: stored only */
};

static struct itimers *all_itimers;

static struct itimers *itimers_of(int pid, bool create)
{
    for (struct itimers *it = all_itimers; it; it = it->next)
        if (it->pid == pid)
            return it;
    if (!create)
        return NULL;
    struct itimers *it = kzalloc(sizeof *it);
    if (!it)
        return NULL;
    it->pid = pid;
    it->next = all_itimers;
    all_itimers = it;
    return it;
}

static void itimers_free(struct itimers *dead)
{
    for (struct itimers **pp = &all_itimers; *pp; pp = &(*pp)->next)
        if (*pp == dead) {
            *pp = dead->next;
            break;
        }
    ktimer_cancel(&dead->real);
    kfree(dead);
}

static void real_expired(struct ktimer *kt)
{
    struct itimers *it = container_of(kt, struct itimers, real);
    struct task *t = task_by_pid(it->pid);
    if (!t || t->state == TASK_ZOMBIE || t->state == TASK_DEAD) {
        itimers_free(it);     /* the process is gone */
        return;
    }
    signal_send_process(t, SIGALRM, NULL);   /* SI_KERNEL, to the process (kernel/signal_queue.c) */
    if (it->real_interval)
        ktimer_arm(kt, kt->deadline + it->real_interval);
}

static uint64_t tv_ns(const struct __kernel_old_timeval *tv)
{
    return (uint64_t)tv->tv_sec * NSEC_PER_SEC + (uint64_t)tv->tv_usec * NSEC_PER_USEC;
}

static struct __kernel_old_timeval ns_tv(uint64_t ns)
{
    return (struct __kernel_old_timeval){ (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / NSEC_PER_USEC) };
}

/* ITIMER_REAL as it stands: the time left (at least 1 us while armed, as Linux) and the interval. */
static struct __kernel_old_itimerval real_get(const struct itimers *it)
{
    struct __kernel_old_itimerval v = { { 0, 0 }, { 0, 0 } };
    if (!it)
        return v;
    if (it->real.armed) {
        uint64_t now = time_now_ns(CLOCK_MONOTONIC);
        v.it_value = ns_tv(it->real.deadline > now ? it->real.deadline - now : NSEC_PER_USEC);
        if (!v.it_value.tv_sec && !v.it_value.tv_usec)
            v.it_value.tv_usec = 1;
    }
    v.it_interval = ns_tv(it->real_interval);
    return v;
}

static int do_getitimer(int which, struct __kernel_old_itimerval *v)
{
    struct itimers *it = itimers_of(current_task()->pid, false);
    switch (which) {
    case ITIMER_REAL:
        *v = real_get(it);
        return 0;
    case ITIMER_VIRTUAL:
    case ITIMER_PROF:
        if (it)
            *v = it->cpu[which - 1];
        else
            memset(v, 0, sizeof *v);
        return 0;
    default:
        return -EINVAL;
    }
}

static int do_setitimer(int which, const struct __kernel_old_itimerval *nv, struct __kernel_old_itimerval *old)
{
    if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
        return -EINVAL;
    struct itimers *it = itimers_of(current_task()->pid, true);
    if (!it)
        return -ENOMEM;
    do_getitimer(which, old);
    if (which != ITIMER_REAL) {
        it->cpu[which - 1] = *nv;
        if (!nv->it_value.tv_sec && !nv->it_value.tv_usec)
            memset(&it->cpu[which - 1], 0, sizeof it->cpu[0]);
        return 0;
    }
    ktimer_cancel(&it->real);
    it->real.fn = real_expired;
    uint64_t value = tv_ns(&nv->it_value);
    it->real_interval = value ? tv_ns(&nv->it_interval) : 0;
    if (value)
        ktimer_arm(&it->real, time_now_ns(CLOCK_MONOTONIC) + value);
    return 0;
}

static bool tv_valid(const struct __kernel_old_timeval *tv)
{
    return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

long sys_getitimer(int which, struct __kernel_old_itimerval *uvalue)
{
    struct __kernel_old_itimerval v;
    int r = do_getitimer(which, &v);
    if (r < 0)
        return r;
    return copy_to_user(uvalue, &v, sizeof v) ? -EFAULT : 0;
}

long sys_setitimer(int which, const struct __kernel_old_itimerval *unew, struct __kernel_old_itimerval *uold)
{
    struct __kernel_old_itimerval nv = { { 0, 0 }, { 0, 0 } }, old;
    if (unew) {
        if (copy_from_user(&nv, unew, sizeof nv))
            return -EFAULT;
        if (!tv_valid(&nv.it_value) || !tv_valid(&nv.it_interval))
            return -EINVAL;
    }
    int r = do_setitimer(which, &nv, &old);
    if (r < 0)
        return r;
    return uold && copy_to_user(uold, &old, sizeof old) ? -EFAULT : 0;
}

long sys_alarm(unsigned seconds)
{
    struct __kernel_old_itimerval nv = { { 0, 0 }, { (long)seconds, 0 } }, old;
    if (do_setitimer(ITIMER_REAL, &nv, &old) < 0)
        return 0;
    long secs = old.it_value.tv_sec;
    if ((!secs && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
        secs++;
    return secs;
}

void itimers_exit(int pid)
{
    struct itimers *it = itimers_of(pid, false);
    if (it)
        itimers_free(it);
}
