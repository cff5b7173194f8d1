/*
 * unshare.c — unshare: a thread takes a private copy of what it shared since clone (file
 * table, fs context). Namespaces are not supported (EINVAL, as for an unknown flag);
 * CLONE_SIGHAND/CLONE_VM/CLONE_THREAD are accepted only when nothing is shared, as Linux.
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include <linux/sched.h>

long sys_unshare(unsigned long flags)
{
    struct task *t = current_task();
    if (flags & ~(unsigned long)(CLONE_FILES | CLONE_FS | CLONE_SYSVSEM | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM))
        return -EINVAL;
    if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && thread_group_busy(task_by_pid(t->pid) ?: t))
        return -EINVAL;
    if ((flags & CLONE_FILES) && t->files) {
        struct fdtable *copy = fdtable_clone(t->files);
        if (!copy)
            return -ENOMEM;
        fdtable_put(t->files);
        t->files = copy;
    }
    if ((flags & CLONE_FS) && t->fs) {
        struct fs_context *copy = fs_context_clone(t->fs);
        if (!copy)
            return -ENOMEM;
        fs_context_put(t->fs);
        t->fs = copy;
    }
    return 0;
}
