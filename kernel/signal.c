/*
 * signal.c — signal dispositions and masks, kept as Linux keeps them and reported back
 * exactly. Sending, with default actions only, is in proc/kill.c; running handlers
 * (signal frames, rt_sigreturn) does not exist yet.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/proc/task.h"
#include "kernel/proc/wait.h"
#include <asm/signal.h>

#define KSIGSET_SIZE 8
#define SIGBIT(s) (1UL << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

long sys_rt_sigaction(int sig, const struct k_sigaction *uact, struct k_sigaction *uold, size_t sigsetsize)
{
    struct task *t = current_task();
    if (sigsetsize != KSIGSET_SIZE)
        return -EINVAL;
    if (sig < 1 || sig > TASK_NSIG)
        return -EINVAL;
    struct k_sigaction act;
    if (uact) {
        if (copy_from_user(&act, uact, sizeof act))
            return -EFAULT;
        if (sig == SIGKILL || sig == SIGSTOP)
            return -EINVAL;
    }
    if (uold && copy_to_user(uold, &t->sigactions[sig - 1], sizeof *uold))
        return -EFAULT;
    if (uact) {
        act.mask &= ~UNBLOCKABLE;
        t->sigactions[sig - 1] = act;
    }
    return 0;
}

long sys_rt_sigprocmask(int how, const uint64_t *uset, uint64_t *uold, size_t sigsetsize)
{
    struct task *t = current_task();
    if (sigsetsize != KSIGSET_SIZE)
        return -EINVAL;
    uint64_t set = 0;
    if (uset) {
        if (copy_from_user(&set, uset, sizeof set))
            return -EFAULT;
        if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
            return -EINVAL;
    }
    if (uold && copy_to_user(uold, &t->sigmask, sizeof t->sigmask))
        return -EFAULT;
    if (uset) {
        if (how == SIG_BLOCK)
            t->sigmask |= set;
        else if (how == SIG_UNBLOCK)
            t->sigmask &= ~set;
        else
            t->sigmask = set;
        t->sigmask &= ~UNBLOCKABLE;
    }
    return 0;
}

/* pause and rt_sigsuspend wait for a signal. With default actions only, the one that can
 * end the wait is one that ends the process; so they sleep until then (never spin). */
static struct waitqueue pause_wq;

static bool never(void *arg)
{
    (void)arg;
    return false;
}

long sys_pause(void)
{
    return wq_wait(&pause_wq, never, NULL);
}

long sys_rt_sigsuspend(const uint64_t *umask, size_t sigsetsize)
{
    struct task *t = current_task();
    uint64_t mask;
    if (sigsetsize != KSIGSET_SIZE)
        return -EINVAL;
    if (copy_from_user(&mask, umask, sizeof mask))
        return -EFAULT;
    uint64_t saved = t->sigmask;
    t->sigmask = mask & ~UNBLOCKABLE;
    long r = wq_wait(&pause_wq, never, NULL);
    t->sigmask = saved;
    return r;
}
