/* check.h — check mode as the rest of the kernel sees it: the boot entry and the hooks.
 *
 * Boot: when the "traces" module is present (replayer/host/check.py packs it, format in
 * checkboot.c), kmain calls check_boot() instead of init_start(): pid 1 then runs each trace
 * in turn on a fresh file tree, and prints one verdict line per trace.
 *
 * Hooks (each a one-line call in the kernel, guarded by check_mode so that a plain run costs
 * one predictable branch):
 *   kernel/syscall.c  syscall_dispatch:  if (check_mode) check_hook_enter(frame, args);
 *                                        ... the call ...
 *                                        if (check_mode) ret = check_hook_exit(nr, ret);
 *   kernel/proc/exit.c do_exit:          if (check_mode) check_hook_task_exit(wait_status);
 *   kernel/proc/fork.c, before waking a new task:  if (check_mode) check_hook_birth(parent, child);
 *   signal delivery (when it exists):    if (check_mode) check_hook_signal(&si, handled);
 *       si: a struct trace_signal (traces/trace.h) with signo, code, si_errno, pid, uid, status
 *       and addr as the program will see them; handled: a handler runs or the default action
 *       is not "ignore" (default-ignored signals with no handler pass handled = false).
 * Should a path that creates tasks lack the birth hook, the new task is still attached at its
 * parent's fork/clone exit or at its own first syscall, whichever comes first.
 */
#ifndef REPLAYER_KERNEL_CHECK_H
#define REPLAYER_KERNEL_CHECK_H

#include <stdbool.h>
#include <stddef.h>

struct trap_frame;

extern bool check_mode;

void check_boot(const void *traces, size_t traces_len, const void *root, size_t root_len);

void check_hook_enter(struct trap_frame *f, uint64_t args[6]);
long check_hook_exit(long nr, long ret);
void check_hook_task_exit(int wait_status);
struct task;
void check_hook_birth(struct task *parent, struct task *child);
struct trace_signal;
void check_hook_signal(const struct trace_signal *si, bool handled);

#endif
