/*
 * exit.c — the end of a task and its reaping: exit/exit_group, death by a fault's signal,
 * orphans handed to init (pid 1), zombies collected by wait4. The wait status is encoded
 * as Linux encodes it: (code << 8) for an exit, the signal number for a kill.
 */
#include "kernel/signal.h"
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/fs/vfs.h"
#include "arch/x86_64/arch.h"
#include "replayer/kernel/check.h"
#include <linux/wait.h>
#include <linux/resource.h>
#include <asm/siginfo.h>

void task_drop_resources(struct task *t)
{
    struct mm *mm = t->mm;
    t->mm = NULL;
    if (t == current_task())
        mm_activate(NULL);
    mm_put(mm);
    if (t->files)
        fdtable_put(t->files);
    if (t->fs)
        fs_context_put(t->fs);
    if (t->exe)
        inode_put(t->exe);
    t->files = NULL;
    t->fs = NULL;
    t->exe = NULL;
}

void task_unlink_child(struct task *t)
{
    if (!t->parent)
        return;
    for (struct task **pp = &t->parent->children; *pp; pp = &(*pp)->sibling)
        if (*pp == t) {
            *pp = t->sibling;
            break;
        }
    t->parent = NULL;
}

void task_release(struct task *t)
{
    kfree(t->groups);
    task_unregister(t);
    arch_task_free(t);
    kfree(t);
}

/* A process has become a reapable zombie, or has been handed as one to a new parent: SIGCHLD
 * (kernel/signal_deliver.c); a parent that ignores it or set SA_NOCLDWAIT never sees the
 * zombie, init reaps it (Linux's autoreap). */
static void zombie_notify_parent(struct task *z)
{
    struct task *parent = z->parent, *init = task_by_pid(INIT_PID);
    if (signal_notify_parent(z) && init && parent != init) {
        task_unlink_child(z);
        z->parent = init;
        z->sibling = init->children;
        init->children = z;
        wq_wake_all(&init->child_wait);
    }
    wq_wake_all(&parent->child_wait);
}

/* The end of the calling thread; whole_group: of every thread in its group (exit_group, a
 * fatal signal), which then all report the first such status. */
static _Noreturn void exit_task(int wait_status, bool whole_group)
{
    struct task *t = current_task();
    if (whole_group)
        thread_group_kill(t, wait_status);
    if (t->group_exiting)
        wait_status = t->group_exit_status;
    if (check_mode)   /* check mode: replayer/kernel/check.h */
        check_hook_task_exit(wait_status);
    if (t->tid == INIT_PID)
        panic("init exited (status %x)", wait_status);
    thread_exit_user_state(t);
    vfork_release(t);
    task_drop_resources(t);
    /* Orphans go to another live thread of the group (proc/thread.c), else to the nearest
     * living ancestor that is a child subreaper, else to init. */
    struct task *reaper = thread_group_heir(t);
    for (struct task *a = t->parent; a && !reaper; a = a->parent)
        if (a->child_subreaper && a->state != TASK_ZOMBIE)
            reaper = a;
    if (!reaper)
        reaper = task_by_pid(INIT_PID);
    while (t->children) {
        struct task *c = t->children;
        if (c->pdeath_signal)
            signal_send_pdeath(c, t);
        t->children = c->sibling;
        c->parent = reaper;
        c->ppid = reaper->pid;
        c->sibling = reaper->children;
        reaper->children = c;
        pgrp_orphaned_by_exit(c, t);    /* session.c */
        if (c->state == TASK_ZOMBIE && !thread_group_busy(c))
            zombie_notify_parent(c);    /* Linux's reparent_leader */
    }
    if (t->tid == t->pid)
        pgrp_orphaned_by_exit(t, NULL);
    if (reaper)
        wq_wake_all(&reaper->child_wait);
    /* After the children's death signals, which may come before our end in the recording. */
    if (check_mode)   /* check mode: replayer/kernel/check.h (its turn to become a zombie) */
        check_hook_task_released();
    signal_queue_free(t);
    t->exit_status = wait_status;
    struct task *leader = task_by_pid(t->pid);
    thread_exit_state(t);
    if (leader && leader->parent && leader->state == TASK_ZOMBIE && !thread_group_busy(leader))
        zombie_notify_parent(leader);
    if (check_mode)   /* check mode: replayer/kernel/check.h */
        check_hook_task_gone();
    schedule();
    panic("a zombie ran again");
}

_Noreturn void do_exit(int wait_status)
{
    exit_task(wait_status, true);
}

long sys_exit(int code)
{
    exit_task((code & 0xff) << 8, false);
}

long sys_exit_group(int code)
{
    do_exit((code & 0xff) << 8);
}

/* What a wait4/waitid call waits for. */
struct wait_req {
    struct task *parent;
    int idtype, id;       /* P_ALL, P_PID or P_PGID */
    bool nowait;          /* WNOWAIT: leave the zombie in place */
    int options;          /* WEXITED, WSTOPPED (= WUNTRACED), WCONTINUED: what counts */
};

static bool matches(const struct task *c, const struct wait_req *w)
{
    switch (w->idtype) {
    case P_PID: return c->pid == w->id;
    case P_PGID: return c->pgid == w->id;
    default: return true;
    }
}

static struct task *find_zombie(struct wait_req *w, bool *any)
{
    *any = false;
    for (struct task *c = w->parent->children; c; c = c->sibling) {
        if (!matches(c, w))
            continue;
        *any = true;
        if (c->state == TASK_ZOMBIE) {
            if ((w->options & WEXITED) && !thread_group_busy(c))
                return c;
        } else if (((w->options & WSTOPPED) && c->jobctl_report_stop) ||
                   ((w->options & WCONTINUED) && c->jobctl_report_cont)) {
            return c;                   /* a stop or continue to report (signal_deliver.c) */
        }
    }
    return NULL;
}

static bool zombie_ready(void *arg)
{
    bool any;
    return find_zombie(arg, &any) || !any;
}

static void fill_rusage(struct rusage *ru, uint64_t uticks, uint64_t sticks)
{
    memset(ru, 0, sizeof *ru);
    uint64_t tick_us = 1000000 / TIMER_HZ;
    ru->ru_utime.tv_sec = uticks * tick_us / 1000000;
    ru->ru_utime.tv_usec = uticks * tick_us % 1000000;
    ru->ru_stime.tv_sec = sticks * tick_us / 1000000;
    ru->ru_stime.tv_usec = sticks * tick_us % 1000000;
}

/* The child's own CPU time (all its threads) and that of the children it waited for (Linux's
 * RUSAGE_BOTH), as wait4 and waitid report it for the child they found, and as its parent's
 * RUSAGE_CHILDREN counts it once reaped. */
static void child_cputime(struct task *c, uint64_t *uticks, uint64_t *sticks)
{
    thread_group_cputime(c, uticks, sticks);
    *uticks += c->cutime_ticks;
    *sticks += c->cstime_ticks;
}

static void child_rusage(struct rusage *ru, struct task *c)
{
    uint64_t u, s;
    child_cputime(c, &u, &s);
    fill_rusage(ru, u, s);
}

/* The pid collected, 0 (WNOHANG, none ready), or -errno; *status is the wait status and *ru
 * (when asked for) the child's resource usage. */
static long do_wait(struct wait_req *w, int *status, struct rusage *ru, int options)
{
    for (;;) {
        bool any;
        struct task *c = find_zombie(w, &any);
        if (c && ru)
            child_rusage(ru, c);
        if (c && c->state != TASK_ZOMBIE) {
            bool stop = (w->options & WSTOPPED) && c->jobctl_report_stop;
            if (status)
                *status = stop ? (c->jobctl_stop_sig << 8) | 0x7f : 0xffff;
            if (!w->nowait) {
                if (stop)
                    c->jobctl_report_stop = false;
                else
                    c->jobctl_report_cont = false;
            }
            return c->pid;
        }
        if (c) {
            int child_pid = c->pid;
            if (status)
                *status = c->exit_status;
            if (!w->nowait) {
                uint64_t u, s;
                child_cputime(c, &u, &s);
                w->parent->cutime_ticks += u;
                w->parent->cstime_ticks += s;
                task_unlink_child(c);
                task_release(c);
            }
            return child_pid;
        }
        if (!any)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        int r = wq_wait(&w->parent->child_wait, zombie_ready, w);
        if (r < 0)
            return r;
    }
}

static long kernel_wait4(int pid, int *status, struct rusage *ru, int options)
{
    struct task *self = current_task();
    struct wait_req w = { thread_group_owner(self), P_ALL, 0, false, WEXITED | (options & (WUNTRACED | WCONTINUED)) };
    if (pid > 0) {
        w.idtype = P_PID;
        w.id = pid;
    } else if (pid == 0 || pid < -1) {
        w.idtype = P_PGID;
        w.id = pid == 0 ? self->pgid : -pid;
    }
    return do_wait(&w, status, ru, options);
}

long kernel_wait(int pid, int *status, int options)
{
    return kernel_wait4(pid, status, NULL, options);
}

long sys_waitid(int idtype, int id, void *uinfo, int options, struct rusage *ru)
{
    if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
        return -EINVAL;
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
        return -EINVAL;
    struct wait_req w = { thread_group_owner(current_task()), idtype, id, options & WNOWAIT,
                          options & (WEXITED | WSTOPPED | WCONTINUED) };
    switch (idtype) {
    case P_ALL:
        break;
    case P_PID:
    case P_PGID:
        if (id <= 0 && !(idtype == P_PGID && id == 0))
            return -EINVAL;
        if (idtype == P_PGID && id == 0)
            w.id = current_task()->pgid;
        break;
    default:
        return -EINVAL;
    }
    int status = 0;
    struct rusage kru;
    long r = do_wait(&w, &status, ru ? &kru : NULL, options);
    if (r < 0)
        return r;
    /* Linux's waitid: the rusage only for a child found; the siginfo's six fields either way
     * (all zero when WNOHANG found none), nothing past si_status. */
    if (r > 0 && ru && copy_to_user(ru, &kru, sizeof kru))
        return -EFAULT;
    if (uinfo) {
        /* The six fields Linux writes: si_signo, si_errno, si_code, si_pid, si_uid, si_status. */
        int f[6] = { 0 };
        if (r > 0) {
            f[0] = SIGCHLD;
            if (status == 0xffff) {
                f[2] = CLD_CONTINUED;
                f[5] = SIGCONT;
            } else if ((status & 0xff) == 0x7f) {
                f[2] = CLD_STOPPED;
                f[5] = (status >> 8) & 0xff;
            } else if ((status & 0x7f) == 0) {
                f[2] = CLD_EXITED;
                f[5] = (status >> 8) & 0xff;
            } else {
                f[2] = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
                f[5] = status & 0x7f;
            }
            f[3] = (int)r;
            f[4] = 0;
        }
        static const int off[6] = { 0, 4, 8, 16, 20, 24 };
        for (int i = 0; i < 6; i++)
            if (copy_to_user((char *)uinfo + off[i], &f[i], sizeof(int)))
                return -EFAULT;
    }
    return 0;
}

long sys_getrusage(int who, struct rusage *uru)
{
    struct task *t = current_task();
    struct rusage ru;
    uint64_t u, s;
    if (who == RUSAGE_SELF) {
        thread_group_cputime(t, &u, &s);
        fill_rusage(&ru, u, s);
    } else if (who == RUSAGE_THREAD) {
        fill_rusage(&ru, t->utime_ticks, t->stime_ticks);
    } else if (who == RUSAGE_CHILDREN) {
        struct task *owner = thread_group_owner(t);   /* where reaped children's time is kept */
        fill_rusage(&ru, owner->cutime_ticks, owner->cstime_ticks);
    } else {
        return -EINVAL;
    }
    return copy_to_user(uru, &ru, sizeof ru);
}

long sys_wait4(int pid, int *ustatus, int options, struct rusage *ru)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
        return -EINVAL;
    int status = 0;
    struct rusage kru;
    long r = kernel_wait4(pid, &status, ru ? &kru : NULL, options);
    if (r > 0 && ustatus && copy_to_user(ustatus, &status, sizeof status))
        return -EFAULT;
    if (r > 0 && ru && copy_to_user(ru, &kru, sizeof kru))   /* not when WNOHANG found none */
        return -EFAULT;
    return r;
}
