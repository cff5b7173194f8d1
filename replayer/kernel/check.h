/* check.h — check mode as the rest of the kernel sees it: the boot entry and the hooks.
 *
 * Boot: when the "traces" module is present (replayer/host/check.py packs it, format in
 * checkboot.c), kmain calls check_boot() instead of init_start(): pid 1 then runs each trace
 * in turn on a fresh file tree, and prints one verdict line per trace.
 *
 * Hooks (each a one-line call in the kernel, guarded by check_mode so that a plain run costs
 * one predictable branch):
 *   kernel/syscall.c  syscall_dispatch:  if (check_mode && check_hook_enter(frame, args))
 *                                            skip the call: -ERESTARTNOINTR (a recorded signal first)
 *                                        ... the call ...
 *                                        if (check_mode) ret = check_hook_exit(nr, ret);
 *   kernel/proc/exit.c do_exit:          if (check_mode) check_hook_task_exit(wait_status);
 *                      ... its last schedule:  if (check_mode) check_hook_task_gone();
 *   kernel/proc/fork.c, before waking a new task:  if (check_mode) check_hook_birth(parent, child);
 *   signal delivery (when it exists):    if (check_mode) check_hook_signal(&si, handled);
 *       si: a struct trace_signal (traces/trace.h) with signo, code, si_errno, pid, uid, status
 *       and addr as the program will see them; handled: a handler runs or the default action
 *       is not "ignore" (default-ignored signals with no handler pass handled = false).
 *   kernel/signal_queue.c, what is deliverable, and signal_deliver.c, what delivery takes:
 *                                        if (check_mode) ... & ~check_hook_signal_held(t)
 *   kernel/signal_deliver.c, SIGCHLD sent and taken: check_hook_sigchld, check_hook_signal_info
 * Should a path that creates tasks lack the birth hook, the new task is still attached at its
 * parent's fork/clone exit or at its own first syscall, whichever comes first.
 */
#ifndef REPLAYER_KERNEL_CHECK_H
#define REPLAYER_KERNEL_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct trap_frame;

extern bool check_mode;

void check_boot(const void *traces, size_t traces_len, const void *root, size_t root_len);

/* true: the recording delivers a signal before this call; skip it (-ERESTARTNOINTR): delivery
 * then restarts it. */
bool check_hook_enter(struct trap_frame *f, uint64_t args[6]);
long check_hook_exit(long nr, long ret);
void check_hook_task_exit(int wait_status);
void check_hook_task_released(void);   /* kernel/proc/exit.c: files and memory let go, not a zombie yet */
void check_hook_task_gone(void);   /* the calling task has finished exiting (before its last schedule) */
struct task;
void check_hook_birth(struct task *parent, struct task *child);
struct trace_signal;
void check_hook_signal(const struct trace_signal *si, bool handled);
/* RULE_SIGNAL_POINT: the pending signals of t that delivery must leave pending for now (they
 * are not the recording's next delivery for t). */
uint64_t check_hook_signal_held(const struct task *t);
/* RULE_SIGCHLD_CHILD: every SIGCHLD sent to parent (kernel/signal_deliver.c, before sending),
 * and the siginfo of a SIGCHLD about to be delivered (which child's it carries). */
struct siginfo;
void check_hook_sigchld(const struct task *parent, const struct siginfo *info);
void check_hook_signal_info(int sig, struct siginfo *info);

#endif
