/*
 * fork.c — making tasks: pids (counted up from 1, as in the recording sandbox's fresh pid
 * namespace), the default credentials and rlimits (the recorder's, recorder/sandbox.c),
 * and fork itself: a copy-on-write address space, a cloned fd table and fs context, and
 * the parent's registers with rax = 0.
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/frame.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/fs/vfs.h"
#include "arch/x86_64/arch.h"
#include "replayer/kernel/check.h"
#include "kernel/uaccess.h"
#include <linux/sched.h>
#include <asm/prctl.h>
#include <asm/signal.h>

/* Pids count up from the last one given, skipping those still in use, as in a fresh pid
 * namespace. pid_restart() starts the count again at 2: check mode calls it before each trace,
 * so the program is pid 2 again, as it was when recorded (pids also appear as text, in
 * /proc/self and in CPU clock ids, where no mapping can reach them). */
static int next_pid = 1;

int pid_alloc(void)
{
    while (task_by_pid(next_pid))
        next_pid++;
    return next_pid++;
}

void pid_restart(void)
{
    next_pid = 2;
}

#define INF RLIM_INFINITY
static const struct rlimit default_rlimits[RLIM_NLIMITS] = {
    [RLIMIT_CPU] = { INF, INF },       [RLIMIT_FSIZE] = { INF, INF },
    [RLIMIT_DATA] = { INF, INF },      [RLIMIT_STACK] = { 8UL << 20, INF },
    [RLIMIT_CORE] = { 0, INF },        [RLIMIT_RSS] = { INF, INF },
    [RLIMIT_NPROC] = { 4096, 4096 },   [RLIMIT_NOFILE] = { 1024, 4096 },
    [RLIMIT_MEMLOCK] = { 8UL << 20, 8UL << 20 }, [RLIMIT_AS] = { INF, INF },
    [RLIMIT_LOCKS] = { INF, INF },     [RLIMIT_SIGPENDING] = { 4096, 4096 },
    [RLIMIT_MSGQUEUE] = { 819200, 819200 }, [RLIMIT_NICE] = { 0, 0 },
    [RLIMIT_RTPRIO] = { 0, 0 },        [RLIMIT_RTTIME] = { INF, INF },
};

struct task *task_create(struct task *parent, void (*fn)(void *), void *arg)
{
    struct task *t = kzalloc(sizeof *t);
    if (!t)
        return NULL;
    if (arch_task_create(t, fn, arg) < 0) {
        kfree(t);
        return NULL;
    }
    t->pid = t->tid = pid_alloc();
    t->state = TASK_SLEEPING;
    wq_init(&t->child_wait);
    if (parent && parent->pid) {
        t->parent = parent;
        t->ppid = parent->pid;
        t->pgid = parent->pgid;
        t->sid = parent->sid;
        memcpy(t->comm, parent->comm, sizeof t->comm);
        memcpy(t->rlim, parent->rlim, sizeof t->rlim);
        memcpy(t->sigactions, parent->sigactions, sizeof t->sigactions);
        t->sigmask = parent->sigmask;
        t->nice = parent->nice;
        t->ioprio = parent->ioprio;
        t->uid = parent->uid; t->euid = parent->euid; t->suid = parent->suid;
        t->gid = parent->gid; t->egid = parent->egid; t->sgid = parent->sgid;
        t->fsuid = parent->fsuid; t->fsgid = parent->fsgid;
        if (cred_copy_groups(t, parent) < 0) {
            task_unlink_child(t);
            task_release(t);
            return NULL;
        }
        t->sibling = parent->children;
        parent->children = t;
    } else {
        t->pgid = t->sid = t->pid;
        memcpy(t->rlim, default_rlimits, sizeof t->rlim);
    }
    task_register(t);
    return t;
}

static void fork_child_start(void *arg)
{
    (void)arg;   /* returns into user mode with the copied registers */
}

static bool vfork_released(void *arg)
{
    return *(bool *)arg;
}

/* CLONE_VFORK: the parent sleeps until the child execs or exits (vfork_release), as Linux's
 * wait_for_vfork_done does: only a fatal signal wakes it sooner, and then the child is told to
 * forget it. The flag lives here, not in the child, which may be reaped before we run again. */
static void vfork_wait(struct task *parent, struct task *child, bool *done)
{
    if (wq_wait_killable(&parent->child_wait, vfork_released, done) < 0 && !*done) {
        child->vfork_parent = NULL;     /* still alive: it has not released us */
        child->vfork_done = NULL;
    }
}

/* RLIMIT_NPROC, as Linux's copy_process checks it: the new task would give the caller's real
 * user more tasks (threads and unreaped zombies count) than the soft limit. Root, by real or
 * effective uid (CAP_SYS_RESOURCE/CAP_SYS_ADMIN here), is exempt. */
static bool nproc_over_limit(const struct task *parent)
{
    if (parent->uid == 0 || parent->euid == 0)
        return false;
    uint64_t n = 1;
    for (struct task *t = task_first(); t; t = task_next(t))
        if (t->pid && t->uid == parent->uid && t->state != TASK_DEAD)
            n++;
    return n > parent->rlim[RLIMIT_NPROC].rlim_cur;
}

/* CLONE_* flags understood (CLONE_SYSVSEM and CLONE_DETACHED change nothing here). */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_VFORK | CLONE_PARENT_SETTID | \
                         CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_SETTLS | CLONE_SIGHAND | \
                         CLONE_THREAD | CLONE_SYSVSEM | CLONE_DETACHED | CLONE_CLEAR_SIGHAND)

/* Frames fork keeps back: a fork that would start below this many free fails with ENOMEM, so
 * the processes already running can still take their copy-on-write and stack faults (with no
 * frame left a fault is a SIGBUS, where Linux would run its OOM killer): 1/32 of memory, >= 64. */
static bool fork_memory_low(void)
{
    size_t reserve = frame_total_count() / 32;
    return frame_free_count() < (reserve > 64 ? reserve : 64);
}

long do_fork(uint64_t flags, uint64_t newsp, int *parent_tid, int *child_tid, uint64_t tls)
{
    struct task *parent = current_task();
    if (flags & ~(uint64_t)CLONE_SUPPORTED) {
        printk("clone: flags %lx not supported (no threads yet)\n", flags);
        return -EINVAL;
    }
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -EINVAL;
    thread_reap_retired();
    if (fork_memory_low())
        return -ENOMEM;
    if (nproc_over_limit(parent))
        return -EAGAIN;
    if (signal_pending(parent))   /* copy_process: a signal came first; delivered, then fork restarts */
        return -ERESTARTNOINTR;
    struct task *child = task_create(parent, fork_child_start, NULL);
    if (!child)
        return -ENOMEM;
    child->cpus_cleared = parent->cpus_cleared;
    struct task *owner = thread_group_owner(parent);
    if (flags & CLONE_THREAD) {
        /* A thread: the group's pid, its own tid; not a child anyone waits for. */
        task_unlink_child(child);
        child->pid = parent->pid;
        child->ppid = parent->ppid;
    } else if (owner != parent) {
        /* A process made by a thread is the process's child: on the leader's list. */
        task_unlink_child(child);
        child->parent = owner;
        child->sibling = owner->children;
        owner->children = child;
    }
    if (flags & CLONE_VM) {
        child->mm = parent->mm;
        child->mm->users++;
    } else {
        child->mm = mm_clone(parent->mm);
    }
    if (parent->files) {
        if (flags & CLONE_FILES) {
            fdtable_get(parent->files);
            child->files = parent->files;
        } else {
            child->files = fdtable_clone(parent->files);
        }
    }
    if (parent->fs) {
        if (flags & CLONE_FS) {
            fs_context_get(parent->fs);
            child->fs = parent->fs;
        } else {
            child->fs = fs_context_clone(parent->fs);
        }
    }
    if (!child->mm || (parent->files && !child->files) || (parent->fs && !child->fs)) {
        task_drop_resources(child);
        task_unlink_child(child);
        task_release(child);
        return -ENOMEM;
    }
    child->exe = parent->exe ? inode_get(parent->exe) : NULL;
    if (flags & CLONE_CLEAR_SIGHAND)   /* clone3 only; never with CLONE_SIGHAND */
        flush_signal_handlers(child);
    *child->frame = *parent->frame;
    if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {   /* sigaltstack is kept, but not by threads */
        child->altstack_sp = parent->altstack_sp;
        child->altstack_size = parent->altstack_size;
        child->altstack_flags = parent->altstack_flags;
    }
    arch_syscall_return(child->frame, 0);
    if (newsp)
        child->frame->rsp = newsp;
    arch_task_copy_user_state(child, parent);
    if (flags & CLONE_SETTLS)
        arch_prctl_set(child, ARCH_SET_FS, tls);
    if (flags & CLONE_CHILD_CLEARTID)
        child->clear_child_tid = (uint64_t)child_tid;
    if ((flags & CLONE_PARENT_SETTID) && copy_to_user(parent_tid, &child->tid, sizeof(int)) < 0)
        printk("clone: CLONE_PARENT_SETTID address not writable\n");
    if (flags & CLONE_CHILD_SETTID) {
        /* In the child's address space (the same one under CLONE_VM). */
        void *p = mm_user_page(child->mm, (uint64_t)child_tid, true);
        if (p && ((uint64_t)child_tid & (PAGE_SIZE - 1)) <= PAGE_SIZE - sizeof(int))
            memcpy(p, &child->tid, sizeof(int));
    }
    int pid = child->tid;
    bool vfork_done = false;
    if (flags & CLONE_VFORK) {
        child->vfork_parent = parent;
        child->vfork_done = &vfork_done;
    }
    if (check_mode)   /* check mode: replayer/kernel/check.h */
        check_hook_birth(parent, child);
    sched_wakeup(child);
    if (flags & CLONE_VFORK)
        vfork_wait(parent, child, &vfork_done);
    int sig = signal_fatal_pending(parent);
    if (sig)
        do_exit(sig);   /* killed while waiting (say the thread called exit_group): no return */
    return pid;
}

void vfork_release(struct task *t)
{
    if (!t->vfork_parent)
        return;
    *t->vfork_done = true;
    wq_wake_all(&t->vfork_parent->child_wait);
    t->vfork_parent = NULL;
    t->vfork_done = NULL;
}

long sys_fork(void)
{
    return do_fork(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
    return do_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0);
}

long sys_clone(uint64_t flags, uint64_t newsp, int *parent_tid, int *child_tid, uint64_t tls)
{
    return do_fork((uint32_t)flags, newsp, parent_tid, child_tid, tls);   /* clone's flags are 32 bits */
}
