/*
 * fork.c — making tasks: pids (counted up from 1, as in the recording sandbox's fresh pid
 * namespace), the default credentials and rlimits (the recorder's, recorder/sandbox.c),
 * and fork itself: a copy-on-write address space, a cloned fd table and fs context, and
 * the parent's registers with rax = 0.
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/mm/mm.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "arch/x86_64/arch.h"

static int next_pid = 1;

int pid_alloc(void)
{
    return next_pid++;
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
        t->uid = parent->uid; t->euid = parent->euid; t->suid = parent->suid;
        t->gid = parent->gid; t->egid = parent->egid; t->sgid = parent->sgid;
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

long sys_fork(void)
{
    struct task *parent = current_task();
    struct task *child = task_create(parent, fork_child_start, NULL);
    if (!child)
        return -ENOMEM;
    child->mm = mm_clone(parent->mm);
    child->files = parent->files ? fdtable_clone(parent->files) : NULL;
    child->fs = parent->fs ? fs_context_clone(parent->fs) : NULL;
    if (!child->mm || (parent->files && !child->files) || (parent->fs && !child->fs)) {
        task_drop_resources(child);
        task_unlink_child(child);
        task_release(child);
        return -ENOMEM;
    }
    *child->frame = *parent->frame;
    arch_syscall_return(child->frame, 0);
    arch_task_copy_user_state(child, parent);
    sched_wakeup(child);
    return child->pid;
}

long sys_vfork(void)
{
    return sys_fork();
}
