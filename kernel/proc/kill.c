/*
 * kill.c — sending signals: kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo,
 * rt_sigpending and the kernel's own sends (signal_send). The siginfo each one carries is
 * Linux's (SI_USER for kill, SI_TKILL for tkill/tgkill, SI_KERNEL from the kernel); queueing
 * and delivery are in ../signal_deliver.c.
 */
#include "kernel/proc/proc.h"
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include <asm/signal.h>

void signal_send(struct task *t, int sig)
{
    signal_send_info(t, sig, NULL);
}

/* Signals whose default action is to stop the task or to do nothing (kernel/signal.h). */
#define NOT_FATAL_BY_DEFAULT (IGNORED_BY_DEFAULT | STOPPING)

/* A pending, unblocked signal whose action is to terminate: its number, else 0. */
int signal_fatal_pending(struct task *t)
{
    uint64_t p = signal_pending_set(t) & ~(t->sigmask & ~SIGBIT(SIGKILL));   /* own and process-wide */
    for (int sig = 1; p && sig <= TASK_NSIG; sig++, p >>= 1)
        if ((p & 1) && (sig == SIGKILL || (t->sigactions[sig - 1].handler == (uint64_t)SIG_DFL &&
                                           !(SIGBIT(sig) & NOT_FATAL_BY_DEFAULT))))
            return sig;
    return 0;
}

static void user_info(siginfo_t *info, int sig, int code)
{
    struct task *self = current_task();
    memset(info, 0, sizeof *info);
    info->si_signo = sig;
    info->si_code = code;
    info->si_pid = self->pid;
    info->si_uid = self->uid;
}

static bool may_signal(const struct task *from, const struct task *to)
{
    return from->euid == 0 || from->uid == to->uid || from->uid == to->suid || from->euid == to->uid ||
           from->euid == to->suid;
}

static int send_info_checked(struct task *t, int sig, const siginfo_t *info, bool process)
{
    if (!may_signal(current_task(), t) && !(sig == SIGCONT && t->sid == current_task()->sid))
        return -EPERM;   /* check_kill_permission: SIGCONT is allowed within the session */
    return sig ? signal_queue(t, sig, info, process) : 0;   /* process: the shared pending set */
}

static int send_checked(struct task *t, int sig, int code)
{
    siginfo_t info;
    user_info(&info, sig, code);
    return send_info_checked(t, sig, &info, code == SI_USER);   /* kill: process-directed */
}

long sys_kill(int pid, int sig)
{
    struct task *self = current_task();
    if (sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    if (pid > 0) {
        struct task *t = task_by_pid(pid);   /* any thread's id names its process */
        if (!t)
            return -ESRCH;
        return send_checked(t, sig, SI_USER);
    }
    if (pid == INT32_MIN)
        return -ESRCH;          /* -INT_MIN has no group */
    /* A group (pid 0: ours; < -1: -pid) or everyone but init and ourselves (-1). */
    int pgid = pid == 0 ? self->pgid : -pid;
    int found = 0, sent = 0, err = -ESRCH, not_eperm = 0;
    for (struct task *t = task_first(); t; t = task_next(t)) {
        if (t->state == TASK_ZOMBIE || !t->mm || t->tid != t->pid)
            continue;           /* one send per process, to its leader or another thread */
        if (pid == -1 ? (t->pid == INIT_PID || t->pid == self->pid) : t->pgid != pgid)
            continue;
        found++;
        int r = send_checked(t, sig, SI_USER);
        if (r == 0)
            sent++;
        else
            err = r;
        if (r != -EPERM)
            not_eperm = r;
    }
    if (pid == -1)              /* Linux reports no EPERM for kill(-1), only other errors */
        return found ? not_eperm : -ESRCH;
    return sent ? 0 : found ? err : -ESRCH;
}

long sys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0 || tid <= 0 || sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    struct task *t = task_by_pid(tid);
    if (!t || t->pid != tgid || t->state == TASK_ZOMBIE)
        return -ESRCH;
    return send_checked(t, sig, SI_TKILL);
}

long sys_tkill(int tid, int sig)
{
    if (tid <= 0 || sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    struct task *t = task_by_pid(tid);
    if (!t || t->state == TASK_ZOMBIE)
        return -ESRCH;
    return send_checked(t, sig, SI_TKILL);
}

long sys_rt_sigpending(uint64_t *uset, size_t size)
{
    if (size > 8)
        return -EINVAL;
    struct task *t = current_task();
    uint64_t p = signal_pending_set(t) & t->sigmask;   /* the thread's own and the shared ones */
    return copy_to_user(uset, &p, size) ? -EFAULT : 0;
}

/* rt_sigqueueinfo/rt_tgsigqueueinfo: the caller's siginfo, but not posing as the kernel or kill. */
static int queueinfo(struct task *t, int sig, const siginfo_t *uinfo, bool process)
{
    siginfo_t info;
    if (copy_from_user(&info, uinfo, sizeof info))
        return -EFAULT;
    if ((info.si_code >= 0 || info.si_code == SI_TKILL) && t != current_task())
        return -EPERM;
    info.si_signo = sig;
    return send_info_checked(t, sig, &info, process);
}

long sys_rt_sigqueueinfo(int pid, int sig, const siginfo_t *uinfo)
{
    if (sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    struct task *t = pid > 0 ? task_by_pid(pid) : NULL;   /* any thread's id names its process */
    if (!t)
        return -ESRCH;
    return queueinfo(t, sig, uinfo, true);
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, const siginfo_t *uinfo)
{
    if (tgid <= 0 || tid <= 0 || sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    struct task *t = task_by_pid(tid);
    if (!t || t->pid != tgid || t->state == TASK_ZOMBIE)
        return -ESRCH;
    return queueinfo(t, sig, uinfo, false);
}
