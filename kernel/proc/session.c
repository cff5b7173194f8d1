/*
 * session.c — process groups and sessions: setpgid, setsid (getpgid/getsid/getpgrp are in
 * sys.c), with Linux's checks (kernel/sys.c): only oneself or a child not yet exec'd, in the
 * same session, may be moved, into a group that exists in that session or a new one. Also
 * whether a group is orphaned (job control: signal_deliver.c, and exit.c's SIGHUP/SIGCONT).
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/signal.h"

/* Is there a process in group pgid (in session sid, or in any session when sid < 0)? */
static bool group_exists(int pgid, int sid)
{
    for (struct task *t = task_first(); t; t = task_next(t))
        if (t->pgid == pgid && (sid < 0 || t->sid == sid))
            return true;
    return false;
}

/* Group and session ids are the process's: every thread of it carries them. */
static void set_process_ids(const struct task *p, int pgid, int sid)
{
    for (struct task *t = task_first(); t; t = task_next(t))
        if (t->pid == p->pid) {
            t->pgid = pgid;
            t->sid = sid;
        }
}

long sys_setpgid(int pid, int pgid)
{
    struct task *self = current_task();
    if (pgid < 0)
        return -EINVAL;
    struct task *t = task_by_pid(pid ? pid : self->pid);   /* 0: our process (its leader) */
    if (!t)
        return -ESRCH;
    if (t->tid != t->pid)
        return -EINVAL;                /* a thread, not a process */
    if (t->parent && t->parent->pid == self->pid) {   /* a child of any of our threads */
        if (t->sid != self->sid)
            return -EPERM;
        if (t->did_exec)
            return -EACCES;
    } else if (t->pid != self->pid) {
        return -ESRCH;
    }
    if (!pgid)
        pgid = t->pid;
    if (t->sid == t->pid)
        return -EPERM;                 /* a session leader stays where it is */
    if (pgid != t->pid && !group_exists(pgid, self->sid))
        return -EPERM;
    set_process_ids(t, pgid, t->sid);
    return 0;
}

/* Linux's will_become_orphaned_pgrp: no live process of the group but ignored has its parent
 * in another group of the same session (a job-control shell that could continue it). */
static bool orphaned_without(int pgid, const struct task *ignored)
{
    for (struct task *t = task_first(); t; t = task_next(t)) {
        if (t == ignored || t->pgid != pgid || t->tid != t->pid || t->state == TASK_ZOMBIE ||
            t->state == TASK_DEAD)
            continue;
        if (t->parent && t->parent->pgid != pgid && t->parent->sid == t->sid)
            return false;
    }
    return true;
}

bool pgrp_is_orphaned(int pgid)
{
    return orphaned_without(pgid, NULL);
}

/* Linux's kill_orphaned_pgrp: an exit that leaves t's group orphaned while one of its processes
 * is stopped sends the group SIGHUP, then SIGCONT (SI_KERNEL). parent NULL: t itself exits;
 * else t is a child of the exiting parent, already handed to its new parent. */
void pgrp_orphaned_by_exit(struct task *t, struct task *parent)
{
    const struct task *ignored = parent ? NULL : t;
    if (!parent)
        parent = t->parent;
    if (!parent || parent->pgid == t->pgid || parent->sid != t->sid || !orphaned_without(t->pgid, ignored))
        return;
    bool stopped = false;
    for (struct task *o = task_first(); o; o = task_next(o))
        stopped |= o->pgid == t->pgid && o->jobctl_stop_sig > 0;
    if (!stopped)
        return;
    static const int sigs[] = { SIGHUP, SIGCONT };
    for (unsigned i = 0; i < ARRAY_SIZE(sigs); i++)
        for (struct task *o = task_first(); o; o = task_next(o))
            if (o->pgid == t->pgid && o->tid == o->pid && o->state != TASK_ZOMBIE && o->state != TASK_DEAD)
                signal_send_process(o, sigs[i], NULL);
}

long sys_setsid(void)
{
    struct task *t = current_task();
    if (group_exists(t->pid, -1))       /* already leads a group, or one carries its id */
        return -EPERM;
    set_process_ids(t, t->pid, t->pid);
    return t->pid;
}
