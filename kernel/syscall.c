/*
 * syscall.c — the one place every system call passes through. The table is generated
 * from build/gen/syscall_list.h (Linux's own numbers): each entry is the weak symbol
 * sys_NAME, so defining `long sys_foo(...)` in any kernel file is all it takes to add a
 * call. A missing one answers -ENOSYS and is logged once with its name.
 * Check mode (replayer/) hooks in here: syscall_dispatch() is where it will look.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/proc/task.h"
#include "kernel/signal.h"
#include "kernel/runspec.h"
#include "arch/x86_64/arch.h"
#include "replayer/kernel/check.h"

typedef long (*syscall_fn)(long, long, long, long, long, long);

#define SYSCALL(nr, name) extern long sys_##name() __attribute__((weak));   /* unprototyped: any arguments */
#include "syscall_list.h"
#undef SYSCALL

#define SYSCALL(nr, name) [nr] = (syscall_fn)sys_##name,
static const syscall_fn syscall_table[] = {
#include "syscall_list.h"
};
#undef SYSCALL

#define SYSCALL(nr, name) [nr] = #name,
static const char *const syscall_names[] = {
#include "syscall_list.h"
};
#undef SYSCALL

#define NR_SYSCALLS ARRAY_SIZE(syscall_table)
static uint8_t warned[(NR_SYSCALLS + 7) / 8];

static long sys_ni(long nr)
{
    if (nr >= 0 && (unsigned long)nr < NR_SYSCALLS) {
        if (!(warned[nr / 8] & (1u << (nr % 8)))) {
            warned[nr / 8] |= 1u << (nr % 8);
            printk("syscall %ld (%s) is not implemented: -ENOSYS\n", nr,
                   syscall_names[nr] ? syscall_names[nr] : "?");
        }
    } else {
        printk("syscall %ld does not exist: -ENOSYS\n", nr);
    }
    return -ENOSYS;
}

const char *syscall_name(long nr)
{
    return nr >= 0 && (unsigned long)nr < NR_SYSCALLS && syscall_names[nr] ? syscall_names[nr] : "?";
}

void syscall_dispatch(struct trap_frame *f)
{
    long nr = arch_syscall_nr(f);
    long ret;
    /* Spelled out: as a loop GCC makes arch_syscall_arg's switch a jump table walked six
       times, six indirect jumps per syscall (each a block lookup under TCG). */
    uint64_t a[6] = { arch_syscall_arg(f, 0), arch_syscall_arg(f, 1), arch_syscall_arg(f, 2),
                      arch_syscall_arg(f, 3), arch_syscall_arg(f, 4), arch_syscall_arg(f, 5) };
    /* check mode: replayer/kernel/check.h (may narrow a[], never the user's registers); true when
     * a recorded signal comes first: it is delivered now and the call restarts after it */
    if (check_mode && check_hook_enter(f, a)) {
        ret = -ERESTARTNOINTR;
        goto out;
    }
    if (nr < 0 || (unsigned long)nr >= NR_SYSCALLS || !syscall_table[nr])
        ret = sys_ni(nr);
    else
        ret = syscall_table[nr](a[0], a[1], a[2], a[3], a[4], a[5]);
    /* With SIGKILL pending Linux's ptrace reports no syscall exit (ptrace_stop gives way to the
     * fatal signal), so the recorded call "does not come back": nor does it for the checker. */
    if (check_mode && !((current_task()->sigpending & SIGBIT(SIGKILL)) &&
                        !(check_hook_signal_held(current_task()) & SIGBIT(SIGKILL))))   /* check mode: replayer/kernel/check.h */
        ret = check_hook_exit(nr, ret);
out:
    if (the_runspec.trace_syscalls)
        printk("[%d] %s(%lx, %lx, %lx, %lx) = %ld\n", current_task()->tid, syscall_name(nr),
               arch_syscall_arg(f, 0), arch_syscall_arg(f, 1), arch_syscall_arg(f, 2), arch_syscall_arg(f, 3), ret);
    arch_syscall_return(f, ret);
}
