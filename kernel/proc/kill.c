/*
 * kill.c — sending signals, with default actions only: kill, tkill, tgkill and the
 * kernel's own sends (parent death). A signal whose disposition is SIG_DFL and whose
 * default is to terminate marks the target, which exits on its way back to user mode
 * (a sleeping target is woken, its blocking call ends with -EINTR). Ignored signals,
 * default-ignored ones (SIGCHLD, SIGURG, SIGWINCH, SIGCONT) and, without job control,
 * the stop signals are dropped. A signal with a handler stays pending: handlers are not
 * run yet (delivery is the next step, in this directory and signal.c).
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include <asm/signal.h>

#define SIGBIT(s) (1UL << ((s) - 1))
#define IGNORED_BY_DEFAULT (SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) | SIGBIT(SIGCONT))
#define STOPPING (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

void signal_send(struct task *t, int sig)
{
    if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD || sig < 1 || sig > TASK_NSIG)
        return;
    uint64_t bit = SIGBIT(sig);
    uint64_t handler = t->sigactions[sig - 1].handler;
    if (sig != SIGKILL && sig != SIGSTOP) {
        if (handler == (uint64_t)SIG_IGN)
            return;
        if (handler == (uint64_t)SIG_DFL && (bit & (IGNORED_BY_DEFAULT | STOPPING)))
            return;
    } else if (sig == SIGSTOP) {
        return;                        /* no job control yet */
    }
    t->sigpending |= bit;
    if (signal_fatal_pending(t) && t->state == TASK_SLEEPING)
        sched_wakeup(t);
}

/* A pending, unblocked signal whose action is to terminate: its number, else 0. */
int signal_fatal_pending(struct task *t)
{
    uint64_t p = t->sigpending & ~(t->sigmask & ~SIGBIT(SIGKILL));
    for (int sig = 1; p && sig <= TASK_NSIG; sig++, p >>= 1)
        if ((p & 1) && (sig == SIGKILL || t->sigactions[sig - 1].handler == (uint64_t)SIG_DFL))
            return sig;
    return 0;
}

static bool may_signal(const struct task *from, const struct task *to)
{
    return from->euid == 0 || from->uid == to->uid || from->uid == to->suid || from->euid == to->uid ||
           from->euid == to->suid;
}

static int send_checked(struct task *t, int sig)
{
    if (!may_signal(current_task(), t))
        return -EPERM;
    if (sig)
        signal_send(t, sig);
    return 0;
}

long sys_kill(int pid, int sig)
{
    struct task *self = current_task();
    if (sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    if (pid > 0) {
        struct task *t = task_by_pid(pid);
        if (!t || t->tid != t->pid)
            return -ESRCH;
        return send_checked(t, sig);
    }
    if (pid == INT32_MIN)
        return -ESRCH;          /* -INT_MIN has no group */
    /* A group (pid 0: ours; < -1: -pid) or everyone but init and ourselves (-1). */
    int pgid = pid == 0 ? self->pgid : -pid;
    int found = 0, sent = 0, err = -ESRCH;
    for (struct task *t = task_first(); t; t = task_next(t)) {
        if (t->state == TASK_ZOMBIE || !t->mm)
            continue;
        if (pid == -1 ? (t->pid == INIT_PID || t == self) : t->pgid != pgid)
            continue;
        found++;
        int r = send_checked(t, sig);
        if (r == 0)
            sent++;
        else
            err = r;
    }
    return sent ? 0 : found ? err : -ESRCH;
}

long sys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0 || tid <= 0 || sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    struct task *t = task_by_pid(tid);
    if (!t || t->pid != tgid || t->state == TASK_ZOMBIE)
        return -ESRCH;
    return send_checked(t, sig);
}

long sys_tkill(int tid, int sig)
{
    if (tid <= 0 || sig < 0 || sig > TASK_NSIG)
        return -EINVAL;
    struct task *t = task_by_pid(tid);
    if (!t || t->state == TASK_ZOMBIE)
        return -ESRCH;
    return send_checked(t, sig);
}

long sys_rt_sigpending(uint64_t *uset, size_t size)
{
    if (size > 8)
        return -EINVAL;
    struct task *t = current_task();
    uint64_t p = t->sigpending & t->sigmask;
    return copy_to_user(uset, &p, size) ? -EFAULT : 0;
}
