/*
 * clone3.c — clone3(2): clone's arguments in a versioned struct. The struct is read as Linux's
 * copy_struct_from_user does (a shorter one is zero-extended, a longer one must be zero past what
 * we know), checked as clone3_args_valid checks it, and handed to do_fork. glibc's
 * pthread_create and posix_spawn call clone3 first and only fall back to clone on ENOSYS.
 */
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "arch/x86_64/arch.h"
#include <linux/sched.h>
#include <asm/signal.h>

#define CLONE3_LEGACY_FLAGS 0xffffffffULL
#define CLONE3_MAX_SET_TID 32   /* MAX_PID_NS_LEVEL */

/* The bytes past the struct we know must be zero (E2BIG otherwise), read a chunk at a time. */
static long check_tail_zero(const uint8_t *utail, size_t n)
{
    uint8_t chunk[64];
    while (n) {
        size_t k = n < sizeof chunk ? n : sizeof chunk;
        if (copy_from_user(chunk, utail, k))
            return -EFAULT;
        for (size_t i = 0; i < k; i++)
            if (chunk[i])
                return -E2BIG;
        utail += k;
        n -= k;
    }
    return 0;
}

static long copy_clone_args(struct clone_args *args, const void *uargs, size_t size)
{
    if (size > PAGE_SIZE)
        return -E2BIG;
    if (size < CLONE_ARGS_SIZE_VER0)
        return -EINVAL;
    memset(args, 0, sizeof *args);
    size_t known = size < sizeof *args ? size : sizeof *args;
    if (copy_from_user(args, uargs, known))
        return -EFAULT;
    if (size > sizeof *args) {
        long err = check_tail_zero((const uint8_t *)uargs + sizeof *args, size - sizeof *args);
        if (err)
            return err;
    }
    if (args->set_tid_size > CLONE3_MAX_SET_TID || (!args->set_tid && args->set_tid_size) ||
        (args->set_tid && !args->set_tid_size))
        return -EINVAL;
    if ((args->exit_signal & ~(uint64_t)CSIGNAL) || args->exit_signal > TASK_NSIG)
        return -EINVAL;
    if ((args->flags & CLONE_INTO_CGROUP) && (args->cgroup > INT32_MAX || size < CLONE_ARGS_SIZE_VER2))
        return -EINVAL;
    return 0;
}

/* clone3_args_valid and clone3_stack_valid, in their order. */
static long clone3_args_valid(const struct clone_args *args)
{
    if (args->flags & ~(CLONE3_LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
        return -EINVAL;
    if (args->flags & (CLONE_DETACHED | CSIGNAL))
        return -EINVAL;
    if ((args->flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
        return -EINVAL;
    if ((args->flags & (CLONE_THREAD | CLONE_PARENT)) && args->exit_signal)
        return -EINVAL;
    if (args->stack ? !args->stack_size : args->stack_size != 0)
        return -EINVAL;
    if (args->stack && (args->stack + args->stack_size < args->stack ||
                        args->stack + args->stack_size > USER_END))
        return -EINVAL;   /* access_ok fails */
    return 0;
}

long sys_clone3(const void *uargs, size_t size)
{
    struct clone_args args;
    long err = copy_clone_args(&args, uargs, size);
    if (!err)
        err = clone3_args_valid(&args);
    if (err)
        return err;
    if (args.set_tid)
        return -EINVAL;   /* choosing the child's pid is not supported (the pid namespace is not ours) */
    /* The stack grows down: the child starts at its top. */
    uint64_t sp = args.stack ? args.stack + args.stack_size : 0;
    return do_fork(args.flags | args.exit_signal, sp, (int *)args.parent_tid, (int *)args.child_tid, args.tls);
}
