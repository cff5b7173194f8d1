/*
 * signal.c — the signal system calls that work on the task's own state: dispositions
 * (rt_sigaction), the mask (rt_sigprocmask), waiting for a signal (pause, rt_sigsuspend,
 * rt_sigtimedwait), the alternate stack (sigaltstack) and rt_sigreturn. Sending is in
 * proc/kill.c, the queue and delivery in signal_deliver.c, the frame in arch/x86_64/signal.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/signal.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/wait.h"
#include "kernel/events/evwait.h"
#include "kernel/time.h"
#include "arch/x86_64/arch.h"
#include <linux/signal.h>
#include <linux/time_types.h>

#define KSIGSET_SIZE 8
#define UAPI_SA_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER | \
                       SA_RESETHAND | 0x800UL /* SA_EXPOSE_TAGBITS */ | SA_RESTORER)

/* POSIX: setting SIG_IGN (or SIG_DFL for a default-ignored signal) discards it if pending. */
static void discard_if_ignored(struct task *t, int sig)
{
    uint64_t h = t->sigactions[sig - 1].handler;
    if (h == (uint64_t)SIG_IGN || (h == (uint64_t)SIG_DFL && (SIGBIT(sig) & IGNORED_BY_DEFAULT)))
        signal_flush(t, SIGBIT(sig));   /* from every thread and the shared set */
}

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
        act.mask &= ~SIG_UNBLOCKABLE;
        act.flags &= UAPI_SA_FLAGS;     /* unknown bits are dropped, as Linux 5.11+ does */
        t->sigactions[sig - 1] = act;
        thread_group_share_sigaction(t, sig);   /* threads share their handlers (proc/thread.c) */
        discard_if_ignored(t, sig);
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
        t->sigmask &= ~SIG_UNBLOCKABLE;
    }
    return 0;
}

/* pause and rt_sigsuspend sleep until a signal is delivered (a handler runs or the task dies). */
static struct waitqueue pause_wq;

static bool never(void *arg)
{
    (void)arg;
    return false;
}

long sys_pause(void)
{
    wq_wait(&pause_wq, never, NULL);
    return -ERESTARTNOHAND;
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
    t->sigmask = mask & ~SIG_UNBLOCKABLE;
    wq_wait(&pause_wq, never, NULL);
    signal_set_saved_mask(saved);   /* back after the handler (its frame keeps it) */
    return -ERESTARTNOHAND;
}

long sys_rt_sigtimedwait(const uint64_t *uthese, siginfo_t *uinfo, const struct __kernel_timespec *uts,
                         size_t sigsetsize)
{
    struct task *t = current_task();
    uint64_t set, deadline = EV_FOREVER;
    if (sigsetsize != KSIGSET_SIZE)
        return -EINVAL;
    if (copy_from_user(&set, uthese, sizeof set))
        return -EFAULT;
    set &= ~SIG_UNBLOCKABLE;
    if (uts) {
        int err = ev_timespec_deadline(uts, &deadline);
        if (err)
            return err;
    }
    siginfo_t info;
    int sig = signal_take(t, set, &info);
    if (!sig) {
        if (deadline != EV_FOREVER && time_now_ns(CLOCK_MONOTONIC) >= deadline)
            return -EAGAIN;
        uint64_t old = t->sigmask;
        t->sigmask &= ~set;         /* the awaited signals wake us (Linux's real_blocked) */
        int r = ev_wait(NULL, never, NULL, deadline);
        t->sigmask = old;
        sig = signal_take(t, set, &info);
        if (!sig)
            return r == -ETIMEDOUT ? -EAGAIN : -EINTR;
    }
    if (uinfo && copy_to_user(uinfo, &info, sizeof info))
        return -EFAULT;
    return sig;
}

/* sigaltstack: EPERM while running on it, EINVAL for unknown flags, ENOMEM below MINSIGSTKSZ. */
long sys_sigaltstack(const stack_t *uss, stack_t *uoss)
{
    struct task *t = current_task();
    struct arch_altstack cur = { t->altstack_sp, t->altstack_size, t->altstack_flags };
    bool on = arch_on_altstack(t->frame, &cur);
    stack_t old;
    memset(&old, 0, sizeof old);
    old.ss_sp = (void *)t->altstack_sp;
    old.ss_size = t->altstack_size;
    old.ss_flags = (!t->altstack_size ? SS_DISABLE : on ? SS_ONSTACK : 0) |
                   (int)((unsigned)t->altstack_flags & SS_FLAG_BITS);
    if (uss) {
        stack_t ss;
        if (copy_from_user(&ss, uss, sizeof ss))
            return -EFAULT;
        if (on)
            return -EPERM;
        unsigned mode = (unsigned)ss.ss_flags & ~SS_FLAG_BITS;
        if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
            return -EINVAL;
        if (mode == SS_DISABLE) {
            t->altstack_sp = t->altstack_size = 0;
        } else {
            if (ss.ss_size < MINSIGSTKSZ)
                return -ENOMEM;
            t->altstack_sp = (uint64_t)ss.ss_sp;
            t->altstack_size = ss.ss_size;
        }
        t->altstack_flags = (int)((unsigned)ss.ss_flags & SS_FLAG_BITS);
    }
    if (uoss && copy_to_user(uoss, &old, sizeof old))
        return -EFAULT;
    return 0;
}

long sys_rt_sigreturn(void)
{
    struct task *t = current_task();
    struct trap_frame *f = t->frame;
    uint64_t mask;
    struct arch_altstack ss;
    if (arch_signal_return(f, &mask, &ss) < 0) {
        signal_force_fault(SIGSEGV, SI_KERNEL, 0);
        return (long)f->rax;
    }
    t->sigmask = mask & ~SIG_UNBLOCKABLE;
    /* uc_stack goes back as sigaltstack would set it, errors ignored (restore_altstack). */
    struct arch_altstack cur = { t->altstack_sp, t->altstack_size, t->altstack_flags };
    unsigned mode = (unsigned)ss.flags & ~SS_FLAG_BITS;
    if (!arch_on_altstack(f, &cur) && (mode == 0 || mode == SS_ONSTACK || mode == SS_DISABLE)) {
        if (mode == SS_DISABLE) {
            t->altstack_sp = t->altstack_size = 0;
        } else if (ss.size >= MINSIGSTKSZ) {
            t->altstack_sp = ss.sp;
            t->altstack_size = ss.size;
        }
        if (mode == SS_DISABLE || ss.size >= MINSIGSTKSZ)
            t->altstack_flags = (int)((unsigned)ss.flags & SS_FLAG_BITS);
    }
    return (long)f->rax;
}
