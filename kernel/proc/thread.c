/*
 * thread.c — thread groups. Threads made by clone(CLONE_THREAD) share their creator's pid
 * (the group id) and get a tid of their own from the pid counter, as Linux numbers them. The
 * leader (tid == pid) is what the parent waits for: it becomes a reportable zombie only when
 * the last thread of the group is gone. Other threads are never zombies: they retire at
 * exit and are freed later by someone else (their kernel stack is in use until they switch
 * away). Also here: what a thread leaves behind at exit (clear_child_tid, robust futexes).
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/futex.h"
#include "kernel/timer.h"
#include "arch/x86_64/arch.h"
#include "kernel/mm/mm.h"
#include "kernel/uaccess.h"
#include <linux/futex.h>
#include <asm/signal.h>

static struct task *retired;     /* exited non-leader threads, linked through all_next */

static bool alive(const struct task *t)
{
    return t->state != TASK_ZOMBIE && t->state != TASK_DEAD;
}

bool thread_group_busy(const struct task *leader)
{
    for (struct task *t = task_first(); t; t = task_next(t))
        if (t != leader && t->pid == leader->pid && alive(t))
            return true;
    return false;
}

void thread_group_kill(struct task *self, int wait_status)
{
    if (self->group_exiting)
        return;
    self->group_exiting = true;
    self->group_exit_status = wait_status;
    for (struct task *t = task_first(); t; t = task_next(t))
        if (t != self && t->pid == self->pid && alive(t)) {
            t->group_exiting = true;
            t->group_exit_status = wait_status;
            signal_send(t, SIGKILL);
        }
}

void thread_reap_retired(void)
{
    struct task **pp = &retired;
    while (*pp) {
        struct task *t = *pp;
        if (t == current_task()) {
            pp = &t->all_next;
            continue;
        }
        *pp = t->all_next;
        kfree(t->groups);
        arch_task_free(t);
        kfree(t);
    }
}

void thread_retire(struct task *t)
{
    task_unregister(t);
    t->state = TASK_DEAD;
    t->all_next = retired;
    retired = t;
}

/* Linux's handle_futex_death: a robust futex held by the dying thread is marked
 * FUTEX_OWNER_DIED and one waiter woken. */
static void robust_futex_death(struct task *t, uint64_t uaddr)
{
    uint32_t val;
    if (uaddr % 4 || futex_get_user(&val, uaddr) < 0 || (val & FUTEX_TID_MASK) != (uint32_t)t->tid)
        return;
    uint32_t nv = (val & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (copy_to_user((void *)uaddr, &nv, sizeof nv))
        return;
    if (val & FUTEX_WAITERS)
        futex_wake_addr(t->mm, uaddr, 1, FUTEX_BITSET_MATCH_ANY);
}

#define ROBUST_LIST_LIMIT 2048   /* Linux's ROBUST_LIST_LIMIT */

static void robust_list_walk(struct task *t)
{
    struct robust_list_head head;
    if (!t->robust_list || copy_from_user(&head, (void *)t->robust_list, sizeof head))
        return;
    uint64_t entry = (uint64_t)head.list.next, pending = (uint64_t)head.list_op_pending & ~1UL;
    for (int n = 0; entry != t->robust_list && n < ROBUST_LIST_LIMIT; n++) {
        uint64_t next;
        if (copy_from_user(&next, (void *)(entry & ~1UL), sizeof next))
            return;
        if ((entry & ~1UL) != pending)
            robust_futex_death(t, (entry & ~1UL) + head.futex_offset);
        entry = next;
    }
    if (pending)
        robust_futex_death(t, pending + head.futex_offset);
}

void thread_exit_user_state(struct task *t)
{
    if (!t->mm)
        return;
    robust_list_walk(t);
    t->robust_list = 0;
    if (t->clear_child_tid && t->mm->users > 1) {
        uint32_t zero = 0;
        if (copy_to_user((void *)t->clear_child_tid, &zero, sizeof zero) == 0)
            futex_wake_addr(t->mm, t->clear_child_tid, 1, FUTEX_BITSET_MATCH_ANY);
    }
    t->clear_child_tid = 0;
}

/* Exit's last step for the thread state: a leader becomes a zombie, another thread retires.
 * An exec waiting for the others to go (thread_exec_takeover) re-checks. */
static struct waitqueue group_exit_wq;

void thread_exit_state(struct task *t)
{
    struct task *leader = task_by_pid(t->pid);
    if (t->tid != t->pid) {
        if (leader) {                  /* its CPU time stays with the process */
            leader->dead_utime_ticks += t->utime_ticks;
            leader->dead_stime_ticks += t->stime_ticks;
        }
        thread_retire(t);
    } else {
        t->state = TASK_ZOMBIE;
    }
    if (!leader || (!alive(leader) && !thread_group_busy(leader))) {
        itimers_exit(t->pid);          /* the process has ended */
        posix_timers_exit(t->pid);
    }
    wq_wake_all(&group_exit_wq);
}

static bool others_gone(void *arg)
{
    struct task *self = arg;
    for (struct task *t = task_first(); t; t = task_next(t))
        if (t != self && t->pid == self->pid && alive(t))
            return false;
    return true;
}

/* Linux's de_thread: execve in a multi-threaded process ends every other thread, and a
 * non-leader takes over the leader's pid and its place among its parent's children. */
int thread_exec_takeover(struct task *self)
{
    bool others = false;
    for (struct task *t = task_first(); t; t = task_next(t))
        if (t != self && t->pid == self->pid && alive(t)) {
            t->group_exiting = true;
            t->group_exit_status = 0;
            signal_send(t, SIGKILL);
            others = true;
        }
    if (others) {
        int r = wq_wait(&group_exit_wq, others_gone, self);
        if (r < 0)
            return r;
    }
    if (self->tid == self->pid)
        return 0;
    struct task *leader = task_by_pid(self->pid);
    if (leader) {
        struct task *parent = leader->parent;
        task_unlink_child(leader);
        self->dead_utime_ticks += leader->dead_utime_ticks + leader->utime_ticks;
        self->dead_stime_ticks += leader->dead_stime_ticks + leader->stime_ticks;
        self->cutime_ticks += leader->cutime_ticks;
        self->cstime_ticks += leader->cstime_ticks;
        self->parent = parent;
        self->ppid = leader->ppid;
        if (parent) {
            self->sibling = parent->children;
            parent->children = self;
        }
        task_release(leader);
    }
    self->tid = self->pid;
    return 0;
}

/* Linux's complete_signal, simply: a signal sent to the process (kill, alarm, a process
 * timer) goes to the thread given (the leader) unless it blocks sig or is gone, then to the
 * first other live thread of the group that does not block it; else it stays with t. */
struct task *thread_signal_target(struct task *t, int sig)
{
    uint64_t bit = 1UL << (sig - 1);
    if (sig < 1 || sig > TASK_NSIG || (alive(t) && !(t->sigmask & bit)))
        return t;
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o != t && o->pid == t->pid && alive(o) && !(o->sigmask & bit))
            return o;
    return t;
}

/* The CPU time of t's process: its exited threads' (kept on the leader) and every registered
 * thread's, the leader's included (Linux's thread_group_cputime). */
void thread_group_cputime(struct task *t, uint64_t *uticks, uint64_t *sticks)
{
    struct task *leader = task_by_pid(t->pid);
    *uticks = leader ? leader->dead_utime_ticks : 0;
    *sticks = leader ? leader->dead_stime_ticks : 0;
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o->pid == t->pid) {
            *uticks += o->utime_ticks;
            *sticks += o->stime_ticks;
        }
}

/* The number of live threads in t's group (at least 1): /proc/<pid>/status "Threads:". */
int thread_group_size(const struct task *t)
{
    int n = 0;
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o->pid == t->pid && alive(o))
            n++;
    return n ? n : 1;
}

/* Threads share their signal handlers (CLONE_SIGHAND): a sigaction in one is copied to the
 * other live threads of its group. */
void thread_group_share_sigaction(struct task *t, int sig)
{
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o != t && o->pid == t->pid && alive(o))
            o->sigactions[sig - 1] = t->sigactions[sig - 1];
}

/* Children belong to the process, as Linux's wait sees them: they are kept on the leader's
 * list while it lives (so any thread can wait for them), else on the thread that made them. */
struct task *thread_group_owner(struct task *t)
{
    struct task *leader = task_by_pid(t->pid);
    return leader && alive(leader) ? leader : t;
}

/* Who takes the children of exiting t: another live thread of its group (the leader first),
 * else NULL (then a subreaper or init, exit.c). */
struct task *thread_group_heir(struct task *t)
{
    struct task *leader = task_by_pid(t->pid);
    if (leader && leader != t && alive(leader))
        return leader;
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o != t && o->pid == t->pid && alive(o))
            return o;
    return NULL;
}
