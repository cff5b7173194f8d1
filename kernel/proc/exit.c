/*
 * exit.c — the end of a task and its reaping: exit/exit_group, death by a fault's signal,
 * orphans handed to init (pid 1), zombies collected by wait4. The wait status is encoded
 * as Linux encodes it: (code << 8) for an exit, the signal number for a kill.
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/mm/mm.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "arch/x86_64/arch.h"
#include "replayer/kernel/check.h"
#include <linux/wait.h>
#include <linux/resource.h>

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
    t->files = NULL;
    t->fs = NULL;
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
    task_unregister(t);
    arch_task_free(t);
    kfree(t);
}

_Noreturn void do_exit(int wait_status)
{
    struct task *t = current_task();
    if (check_mode)   /* check mode: replayer/kernel/check.h */
        check_hook_task_exit(wait_status);
    if (t->pid == INIT_PID)
        panic("init exited (status %x)", wait_status);
    if (t->clear_child_tid && t->mm && t->mm->users > 1) {
        int zero = 0;   /* futex wake-up comes with threads */
        copy_to_user((void *)t->clear_child_tid, &zero, sizeof zero);
    }
    vfork_release(t);
    task_drop_resources(t);
    struct task *init = task_by_pid(INIT_PID);
    while (t->children) {
        struct task *c = t->children;
        t->children = c->sibling;
        c->parent = init;
        c->ppid = INIT_PID;
        c->sibling = init->children;
        init->children = c;
    }
    if (init)
        wq_wake_all(&init->child_wait);
    t->exit_status = wait_status;
    t->state = TASK_ZOMBIE;
    if (t->parent)
        wq_wake_all(&t->parent->child_wait);
    schedule();
    panic("a zombie ran again");
}

void task_fault_signal(struct trap_frame *f, int signo, uint64_t addr)
{
    struct task *t = current_task();
    printk("pid %d (%s): signal %d at pc %lx, address %lx\n", t->pid, t->comm, signo, arch_user_pc(f), addr);
    arch_dump_frame(f);
    do_exit(signo);
}

long sys_exit(int code)
{
    do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
    do_exit((code & 0xff) << 8);
}

struct wait_req { struct task *parent; int pid; };

static bool matches(const struct task *c, int pid, const struct task *parent)
{
    if (pid > 0)
        return c->pid == pid;
    if (pid == -1)
        return true;
    return c->pgid == (pid == 0 ? parent->pgid : -pid);
}

static struct task *find_zombie(struct wait_req *w, bool *any)
{
    *any = false;
    for (struct task *c = w->parent->children; c; c = c->sibling) {
        if (!matches(c, w->pid, w->parent))
            continue;
        *any = true;
        if (c->state == TASK_ZOMBIE)
            return c;
    }
    return NULL;
}

static bool zombie_ready(void *arg)
{
    bool any;
    return find_zombie(arg, &any) || !any;
}

long kernel_wait(int pid, int *status, int options)
{
    struct wait_req w = { current_task(), pid };
    for (;;) {
        bool any;
        struct task *c = find_zombie(&w, &any);
        if (c) {
            int child_pid = c->pid;
            if (status)
                *status = c->exit_status;
            task_unlink_child(c);
            task_release(c);
            return child_pid;
        }
        if (!any)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        int r = wq_wait(&w.parent->child_wait, zombie_ready, &w);
        if (r < 0)
            return r;
    }
}

long sys_wait4(int pid, int *ustatus, int options, struct rusage *ru)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
        return -EINVAL;
    int status = 0;
    long r = kernel_wait(pid, &status, options);
    if (r > 0 && ustatus && copy_to_user(ustatus, &status, sizeof status))
        return -EFAULT;
    if (r >= 0 && ru) {
        struct rusage z = { 0 };
        if (copy_to_user(ru, &z, sizeof z))
            return -EFAULT;
    }
    return r;
}
