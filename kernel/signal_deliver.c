/*
 * signal_deliver.c — sending a signal (prepare_signal, then the pending sets of
 * signal_queue.c) and its delivery on the way back to user mode, as Linux's
 * kernel/signal.c get_signal() and arch handle_signal() do it:
 * the lowest pending unblocked signal (synchronous faults first); SIG_DFL runs the default
 * action (terminate, or ignore; no job-control stops yet); a handler gets a frame
 * (arch/x86_64/signal.c) and runs with sa_mask and the signal itself blocked. A syscall
 * that ended with a restart code (signal.h) is restarted or fails with EINTR here, after
 * the check-mode hook saw the raw code.
 */
#include "kernel/signal.h"
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "arch/x86_64/arch.h"
#include "replayer/kernel/check.h"
#include "traces/trace.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"


/* siginfo union members by offset (uapi layout, 64-bit): pid/uid at 16/20, status at 24, addr at 16. */
#define SI_PID(i) (*(int32_t *)((char *)(i) + 16))
#define SI_UID(i) (*(uint32_t *)((char *)(i) + 20))
#define SI_STATUS(i) (*(int32_t *)((char *)(i) + 24))
#define SI_ADDR(i) (*(uint64_t *)((char *)(i) + 16))

static void fill_child_info(siginfo_t *info, const struct task *child, int code, int status)
{
    memset(info, 0, sizeof *info);
    info->si_code = code;
    SI_PID(info) = child->pid;
    SI_UID(info) = child->uid;
    SI_STATUS(info) = status;
}

/* do_notify_parent_cldstop: SIGCHLD unless the parent asked SA_NOCLDSTOP; its wait wakes. */
static void notify_parent_jobctl(struct task *child, int code, int status)
{
    struct task *p = child->parent;
    if (!p)
        return;
    if (!(p->sigactions[SIGCHLD - 1].flags & SA_NOCLDSTOP)) {
        siginfo_t info;
        fill_child_info(&info, child, code, status);
        if (check_mode)   /* replayer/kernel/check.h */
            check_hook_sigchld(p, &info);
        signal_send_process(p, SIGCHLD, &info);
    }
    wq_wake_all(&p->child_wait);
}

/* The task the parent's wait looks at: the group's leader (its stop and continue reports). */
static struct task *group_leader(struct task *t)
{
    struct task *leader = task_by_pid(t->pid);
    return leader ? leader : t;
}

/* prepare_signal's SIGCONT: every stopped thread of the group resumes, the parent hears once. */
static void group_continue(struct task *t)
{
    bool stopped = false;
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o->pid == t->pid && o->jobctl_stop_sig > 0) {
            o->jobctl_stop_sig = -1;    /* a call it was in still ends (-ERESTARTSYS) */
            stopped = true;
            if (o->state == TASK_SLEEPING)
                sched_wakeup(o);
        }
    if (!stopped)
        return;
    struct task *leader = group_leader(t);
    leader->jobctl_report_stop = false;
    leader->jobctl_report_cont = true;
    notify_parent_jobctl(leader, CLD_CONTINUED, SIGCONT);
}

/* Linux's send_signal_locked: prepare_signal (job control, ignored signals), then the
 * thread's own or the process's shared pending set (signal_queue.c). */
static int queue_signal(struct task *t, int sig, const siginfo_t *info, bool shared)
{
    if (shared && t && (t->state == TASK_ZOMBIE || t->state == TASK_DEAD))
        t = thread_group_heir(t);      /* the leader is gone, the process lives on */
    if (!t || t->state == TASK_ZOMBIE || t->state == TASK_DEAD || sig < 1 || sig > TASK_NSIG)
        return 0;
    /* prepare_signal(): SIGCONT resumes a stopped process and discards pending stops, a stop
     * discards a pending SIGCONT; both before the "ignored" test (an ignored SIGCONT resumes). */
    if (sig == SIGCONT) {
        signal_flush(t, STOPPING);
        group_continue(t);
    } else if (SIGBIT(sig) & STOPPING) {
        signal_flush(t, SIGBIT(SIGCONT));
    }
    /* An ignored signal is dropped; in check mode it is queued (without waking anyone) so that
     * delivery reports it: Linux's ptrace recorder saw ignored signals too (sig_ignored()). */
    if (signal_ignored(t, sig) && !check_mode)
        return 0;
    return sigqueue_add(t, sig, info, shared);
}

void signal_send_info(struct task *t, int sig, const siginfo_t *info)
{
    queue_signal(t, sig, info, false);
}

void signal_send_process(struct task *t, int sig, const siginfo_t *info)
{
    queue_signal(t, sig, info, true);
}

int signal_queue(struct task *t, int sig, const siginfo_t *info, bool process)
{
    return queue_signal(t, sig, info, process);
}

void signal_set_saved_mask(uint64_t mask)
{
    struct task *t = current_task();
    t->sig_saved_mask = mask;
    t->sig_restore_mask = true;
}

void signal_send_pdeath(struct task *child, struct task *parent)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_code = SI_USER;            /* group_send_sig_info(SEND_SIG_NOINFO) */
    SI_PID(&info) = parent->pid;
    SI_UID(&info) = parent->uid;
    signal_send_process(child, child->pdeath_signal, &info);
}

void signal_raise_sigpipe(void)
{
    struct task *t = current_task();
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_code = SI_USER;
    SI_PID(&info) = t->pid;
    SI_UID(&info) = t->uid;
    signal_send_info(t, SIGPIPE, &info);
}

void signal_force_fault(int sig, int code, uint64_t addr)
{
    struct task *t = current_task();
    struct k_sigaction *ka = &t->sigactions[sig - 1];
    if ((t->sigmask & SIGBIT(sig)) || ka->handler == (uint64_t)SIG_IGN) {
        ka->handler = (uint64_t)SIG_DFL;   /* as force_sig: a blocked or ignored fault kills */
        t->sigmask &= ~SIGBIT(sig);
        thread_group_share_sigaction(t, sig);
    }
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_code = code;
    SI_ADDR(&info) = addr;
    signal_send_info(t, sig, &info);
}

bool signal_notify_parent(struct task *child)
{
    struct task *p = child->parent;
    if (!p)
        return false;
    const struct k_sigaction *ka = &p->sigactions[SIGCHLD - 1];
    bool autoreap = ka->handler == (uint64_t)SIG_IGN || (ka->flags & SA_NOCLDWAIT);
    if (ka->handler == (uint64_t)SIG_IGN)
        return true;                    /* do_notify_parent: no signal at all */
    int ws = child->exit_status, code, status;
    if ((ws & 0x7f) == 0) {
        code = CLD_EXITED;
        status = (ws >> 8) & 0xff;
    } else {
        code = (ws & 0x80) ? CLD_DUMPED : CLD_KILLED;
        status = ws & 0x7f;
    }
    siginfo_t info;
    fill_child_info(&info, child, code, status);
    if (check_mode)   /* replayer/kernel/check.h */
        check_hook_sigchld(p, &info);
    signal_send_process(p, SIGCHLD, &info);
    return autoreap;
}

static void report(int sig, const siginfo_t *info, bool handled)
{
    if (!check_mode)   /* check mode: replayer/kernel/check.h */
        return;
    struct trace_signal si;
    memset(&si, 0, sizeof si);
    si.signo = sig;
    si.code = info->si_code;
    si.si_errno = info->si_errno;
    if (info->si_code <= 0 || sig == SIGCHLD) {
        si.flags |= TRACE_SIG_HAS_PID;
        si.pid = SI_PID(info);
        si.uid = SI_UID(info);
    }
    if (sig == SIGCHLD && info->si_code > 0) {
        si.flags |= TRACE_SIG_HAS_STATUS;
        si.status = SI_STATUS(info);
    }
    if ((SIGBIT(sig) & SYNCHRONOUS) && info->si_code > 0) {
        si.flags |= TRACE_SIG_HAS_ADDR;
        si.addr = SI_ADDR(info);
    }
    check_hook_signal(&si, handled);
}

/* A syscall interrupted by a signal whose handler runs: EINTR or restart (handle_signal). */
static void restart_for_handler(struct trap_frame *f, const struct k_sigaction *ka)
{
    if (arch_syscall_orig_nr(f) < 0)
        return;
    switch ((long)f->rax) {
    case -ERESTART_RESTARTBLOCK:
    case -ERESTARTNOHAND:
        f->rax = (uint64_t)-EINTR;
        break;
    case -ERESTARTSYS:
        if (!(ka->flags & SA_RESTART)) {
            f->rax = (uint64_t)-EINTR;
            break;
        }
        /* fall through */
    case -ERESTARTNOINTR:
        arch_syscall_restart(f);
        break;
    }
    arch_syscall_no_restart(f);
}

static void restart_without_handler(struct trap_frame *f)
{
    if (arch_syscall_orig_nr(f) < 0)
        return;
    switch ((long)f->rax) {
    case -ERESTART_RESTARTBLOCK:
    case -ERESTARTNOHAND:
    case -ERESTARTSYS:
    case -ERESTARTNOINTR:
        arch_syscall_restart(f);
        break;
    }
    arch_syscall_no_restart(f);
}

/* Run the handler: a frame, the mask, SA_RESETHAND. false: the frame could not be written. */
static bool handle(struct task *t, struct trap_frame *f, int sig, const siginfo_t *info)
{
    struct k_sigaction *ka = &t->sigactions[sig - 1];
    restart_for_handler(f, ka);
    report(sig, info, true);
    struct arch_altstack ss = { t->altstack_sp, t->altstack_size, t->altstack_flags };
    struct arch_sigframe fr = {
        .sig = sig, .info = info, .handler = ka->handler, .restorer = ka->restorer, .flags = ka->flags,
        .saved_mask = t->sig_restore_mask ? t->sig_saved_mask : t->sigmask, .ss = &ss,
        .fault_addr = (SIGBIT(sig) & SYNCHRONOUS) && info->si_code > 0 ? SI_ADDR(info) : 0,
    };
    if (arch_signal_frame(f, &fr) < 0)
        return false;
    t->sig_restore_mask = false;
    if (t->altstack_flags & SS_AUTODISARM) {
        t->altstack_sp = t->altstack_size = 0;
        t->altstack_flags = SS_DISABLE;
    }
    t->sigmask |= ka->mask;
    if (!(ka->flags & SA_NODEFER))
        t->sigmask |= SIGBIT(sig);
    t->sigmask &= ~SIG_UNBLOCKABLE;
    if (ka->flags & SA_RESETHAND) {
        ka->handler = (uint64_t)SIG_DFL;
        thread_group_share_sigaction(t, sig);   /* one handler table per process */
    }
    return true;
}

/* Stopped until SIGCONT or SIGKILL; signals still queue meanwhile. jobctl_stop_sig is the
 * stop signal while the group is stopped, -1 once continued until the thread passes here
 * (as Linux's TIF_SIGPENDING, it still interrupts the call the stop found it in). */
static void stop_wait(struct task *t)
{
    while (t->jobctl_stop_sig > 0 && !(t->sigpending & SIGBIT(SIGKILL))) {
        t->state = TASK_SLEEPING;
        schedule();
    }
    if (t->jobctl_stop_sig < 0)
        t->jobctl_stop_sig = 0;
}

/* do_signal_stop: the whole group stops (a thread blocked in a call leaves it to stop, as
 * signal_pending says; the call restarts after SIGCONT); the leader carries the report. */
static void stop_group(struct task *t, int sig)
{
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o->pid == t->pid && o->state != TASK_ZOMBIE && o->state != TASK_DEAD) {
            o->jobctl_stop_sig = sig;
            if (o != t && o->state == TASK_SLEEPING)
                sched_wakeup(o);
        }
    struct task *leader = group_leader(t);
    leader->jobctl_report_stop = true;
    leader->jobctl_report_cont = false;
    notify_parent_jobctl(leader, CLD_STOPPED, sig);
    stop_wait(t);
}

void signal_deliver(void)
{
    struct task *t = current_task();
    struct trap_frame *f = t->frame;
    bool handled = false;
    if (!t->mm)
        return;
    stop_wait(t);                       /* another thread stopped the group */
    /* Only while an unblocked signal is pending: on most syscall returns none is, and the
       loop's signal_take would find nothing (its mask is this one less check mode's held). */
    while (signal_pending_set(t) & ~(t->sigmask & ~SIGBIT(SIGKILL))) {
        siginfo_t info;
        uint64_t held = check_mode ? check_hook_signal_held(t) : 0;   /* replayer/kernel/check.h */
        int sig = signal_take(t, ~(t->sigmask & ~SIGBIT(SIGKILL)) & ~held, &info);
        if (!sig)
            break;
        if (check_mode)   /* replayer/kernel/check.h: which child's SIGCHLD */
            check_hook_signal_info(sig, &info);
        uint64_t bit = SIGBIT(sig), h = t->sigactions[sig - 1].handler;
        if (sig != SIGKILL && h == (uint64_t)SIG_IGN) {
            report(sig, &info, false);
            continue;
        }
        if (sig == SIGKILL || h == (uint64_t)SIG_DFL) {
            if (sig != SIGKILL && (bit & IGNORED_BY_DEFAULT)) {
                report(sig, &info, false);
                continue;
            }
            if (bit & STOPPING) {
                if (sig != SIGSTOP && pgrp_is_orphaned(t->pgid)) {
                    report(sig, &info, false);   /* get_signal: no tty stop in an orphaned group */
                    continue;
                }
                report(sig, &info, true);
                stop_group(t, sig);
                continue;
            }
            if (sig != SIGKILL)
                report(sig, &info, true);   /* ptrace never stops for SIGKILL: not in traces */
            do_exit(sig);       /* no core dumps (RLIMIT_CORE is 0), so no 0x80 in the status */
        }
        if (handle(t, f, sig, &info)) {
            handled = true;
        } else {
            /* force_sigsegv: the frame could not be written; SIGSEGV, fatal if that was it. */
            if (sig == SIGSEGV)
                t->sigactions[SIGSEGV - 1].handler = (uint64_t)SIG_DFL;
            signal_force_fault(SIGSEGV, SI_KERNEL, 0);
        }
    }
    if (!handled) {
        restart_without_handler(f);
        if (t->sig_restore_mask) {
            t->sigmask = t->sig_saved_mask;
            t->sig_restore_mask = false;
        }
    }
}

void task_fault_signal(struct trap_frame *f, int signo, int code, uint64_t addr)
{
    struct task *t = current_task();
    if (!code && signo == SIGSEGV) {
        struct vma *v = t->mm ? vma_find(t->mm, addr) : NULL;
        code = v && v->start <= addr ? SEGV_ACCERR : SEGV_MAPERR;
    } else if (!code && signo == SIGBUS) {
        code = BUS_ADRERR;
    }
    printk("pid %d (%s): signal %d (code %d) at pc %lx, address %lx\n", t->pid, t->comm, signo, code,
           arch_user_pc(f), addr);
    signal_force_fault(signo, code, addr);
}
