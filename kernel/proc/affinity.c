/*
 * affinity.c — CPU affinity and the scheduling-policy calls, answered as Linux answers them
 * on the recording machine: two CPUs online (mask 0x3), a 32-byte kernel cpumask (what
 * sched_getaffinity returns there), SCHED_OTHER with priority 0. The kernel itself runs on
 * one CPU; the masks are per thread, inherited at clone, and only reported back.
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/time_types.h>

#define NR_CPUS 2
#define CPUS_ONLINE ((1UL << NR_CPUS) - 1)
#define CPUMASK_SIZE 32             /* bytes: cpumask_size() on the recording kernel */
#define RR_INTERVAL_NS 100000000ULL /* sched_rr_get_interval for SCHED_OTHER: Linux's 100 ms */

static uint64_t cpus_of(const struct task *t)
{
    return CPUS_ONLINE & ~t->cpus_cleared;
}

/* For /proc/<pid>/status's Cpus_allowed (kernel/fs/proc_pid_status.c). */
uint64_t task_cpus_allowed(const struct task *t)
{
    return cpus_of(t);
}

/* pid 0 is the caller; otherwise any thread by its tid. */
static struct task *sched_target(int pid)
{
    if (pid < 0)
        return NULL;
    struct task *t = pid ? task_by_pid(pid) : current_task();
    return t && t->state != TASK_ZOMBIE && t->state != TASK_DEAD ? t : NULL;
}

long sys_sched_getaffinity(int pid, unsigned len, void *umask)
{
    if (len * 8 < NR_CPUS || (len & (sizeof(long) - 1)))
        return -EINVAL;
    struct task *t = sched_target(pid);
    if (!t)
        return -ESRCH;
    unsigned n = MIN(len, CPUMASK_SIZE);
    uint8_t mask[CPUMASK_SIZE] = { 0 };
    uint64_t cpus = cpus_of(t);
    memcpy(mask, &cpus, sizeof cpus);
    return copy_to_user(umask, mask, n) ? -EFAULT : (long)n;
}

long sys_sched_setaffinity(int pid, unsigned len, const void *umask)
{
    uint8_t mask[CPUMASK_SIZE] = { 0 };
    if (copy_from_user(mask, umask, MIN(len, CPUMASK_SIZE)))
        return -EFAULT;
    struct task *t = sched_target(pid);
    if (!t)
        return -ESRCH;
    uint64_t cpus;
    memcpy(&cpus, mask, sizeof cpus);
    if (!(cpus & CPUS_ONLINE))
        return -EINVAL;
    t->cpus_cleared = ~cpus;
    return 0;
}

/* getcpu: the kernel runs everything on one CPU; report the first CPU the thread may use. */
long sys_getcpu(unsigned *ucpu, unsigned *unode, void *unused)
{
    (void)unused;
    uint64_t cpus = cpus_of(current_task());
    unsigned cpu = 0, node = 0;
    while (!(cpus & (1UL << cpu)))
        cpu++;
    if (ucpu && copy_to_user(ucpu, &cpu, sizeof cpu))
        return -EFAULT;
    if (unode && copy_to_user(unode, &node, sizeof node))
        return -EFAULT;
    return 0;
}

long sys_sched_getscheduler(int pid)
{
    if (pid < 0)
        return -EINVAL;
    return sched_target(pid) ? SCHED_NORMAL : -ESRCH;
}

long sys_sched_getparam(int pid, struct sched_param *uparam)
{
    if (!uparam || pid < 0)
        return -EINVAL;
    if (!sched_target(pid))
        return -ESRCH;
    struct sched_param p = { 0 };
    return copy_to_user(uparam, &p, sizeof p) ? -EFAULT : 0;
}

/* Only SCHED_OTHER/BATCH/IDLE with priority 0 are accepted; real-time ones need
 * RLIMIT_RTPRIO, which is 0 here (EPERM). Nothing changes how the kernel schedules. */
static long set_policy(int pid, int policy, const struct sched_param *uparam)
{
    if (!uparam || pid < 0)
        return -EINVAL;
    struct sched_param p;
    if (copy_from_user(&p, uparam, sizeof p))
        return -EFAULT;
    struct task *t = sched_target(pid);
    if (!t)
        return -ESRCH;
    if (policy < 0)
        return p.sched_priority == 0 ? 0 : -EINVAL;
    policy &= ~SCHED_RESET_ON_FORK;
    switch (policy) {
    case SCHED_NORMAL: case SCHED_BATCH: case SCHED_IDLE:
        return p.sched_priority == 0 ? 0 : -EINVAL;
    case SCHED_FIFO: case SCHED_RR:
        if (p.sched_priority < 1 || p.sched_priority > 99)
            return -EINVAL;
        return current_task()->euid == 0 ? 0 : -EPERM;
    default:
        return -EINVAL;
    }
}

long sys_sched_setscheduler(int pid, int policy, const struct sched_param *uparam)
{
    if (policy < 0)
        return -EINVAL;
    return set_policy(pid, policy, uparam);
}

long sys_sched_setparam(int pid, const struct sched_param *uparam)
{
    return set_policy(pid, -1, uparam);
}

long sys_sched_get_priority_max(int policy)
{
    return policy == SCHED_FIFO || policy == SCHED_RR ? 99 :
           policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE || policy == SCHED_DEADLINE ? 0 :
           -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
    return policy == SCHED_FIFO || policy == SCHED_RR ? 1 :
           policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE || policy == SCHED_DEADLINE ? 0 :
           -EINVAL;
}

long sys_sched_rr_get_interval(int pid, struct __kernel_timespec *uts)
{
    if (pid < 0)
        return -EINVAL;
    if (!sched_target(pid))
        return -ESRCH;
    struct __kernel_timespec ts = { 0, (long long)RR_INTERVAL_NS };
    return copy_to_user(uts, &ts, sizeof ts) ? -EFAULT : 0;
}
