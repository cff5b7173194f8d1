/*
 * signal.h — signal sending with siginfo, delivery on the way back to user mode and the
 * kernel-internal restart codes, as the rest of the kernel sees them. Dispositions and the
 * signal system calls are in signal.c, the pending sets in signal_queue.c, sending and
 * delivery in signal_deliver.c, kill and friends in proc/kill.c, the x86-64 frame in
 * arch/x86_64/signal.c.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H
#include "kernel/proc/task.h"
#include <linux/signal.h>

/* A blocking call interrupted by a signal returns one of these; delivery turns it into
 * -EINTR or restarts the call, as Linux's handle_signal() does. Never seen by user space. */
#define ERESTARTSYS 512              /* restart if the handler has SA_RESTART (or no handler runs) */
#define ERESTARTNOINTR 513           /* always restart */
#define ERESTARTNOHAND 514           /* restart only if no handler runs */
#define ERESTART_RESTARTBLOCK 516    /* like ERESTARTNOHAND (restart_syscall is not kept: the call reruns) */

#define SIGBIT(s) (1UL << ((s) - 1))
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define IGNORED_BY_DEFAULT (SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) | SIGBIT(SIGCONT))
#define STOPPING (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define SYNCHRONOUS (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | SIGBIT(SIGFPE) | SIGBIT(SIGSYS))

struct sigqueue {                     /* one pending signal's siginfo (signal_queue.c) */
    struct sigqueue *next;
    siginfo_t info;
    unsigned uid;                     /* whose RLIMIT_SIGPENDING it counts against */
};

/* Queue sig for thread t with this siginfo (NULL: SI_KERNEL from nobody). Ignored signals are dropped. */
void signal_send_info(struct task *t, int sig, const siginfo_t *info);
/* Process-directed (kill, sigqueue, SIGCHLD): into the shared pending set of t's group, and a
 * thread that does not block sig is woken to take it (Linux's complete_signal). */
void signal_send_process(struct task *t, int sig, const siginfo_t *info);
/* Either of the two, with Linux's result: 0, or -EAGAIN for a real-time signal with a
 * caller's siginfo beyond RLIMIT_SIGPENDING. */
int signal_queue(struct task *t, int sig, const siginfo_t *info, bool process);
/* A deliverable signal is pending: blocking calls give up (wq_wait). */
bool signal_pending(struct task *t);
/* t's pending signals: its own and its process's shared ones (rt_sigpending, signalfd). */
uint64_t signal_pending_set(const struct task *t);
/* Take the lowest pending signal in mask, t's own first, then the shared ones: its number
 * (info filled) or 0. */
int signal_take(struct task *t, uint64_t mask, siginfo_t *info);
/* Discard the signals of mask pending anywhere in t's process (every thread, and shared). */
void signal_flush(struct task *t, uint64_t mask);
/* sig would be ignored by t right now (SIG_IGN, or SIG_DFL ignoring, and not blocked). */
bool signal_ignored(const struct task *t, int sig);
/* One more siginfo may be queued for t's user under RLIMIT_SIGPENDING (timer_create's
 * preallocated one asks too). */
bool sigqueue_room(const struct task *t);
/* signal_queue.c's half of sending: the thread's own set, or the shared one (shared). */
int sigqueue_add(struct task *t, int sig, const siginfo_t *info, bool shared);
/* A fault in user mode: sig with si_code/si_addr, forced as Linux's force_sig does. */
void signal_force_fault(int sig, int code, uint64_t addr);
/* The last thread of child's group has exited: SIGCHLD to the parent (CLD_*). true: the
 * parent ignores SIGCHLD or set SA_NOCLDWAIT, so the child is reaped without it (autoreap). */
bool signal_notify_parent(struct task *child);
/* PR_SET_PDEATHSIG: child's signal as Linux sends it (SI_USER from the exiting parent). */
void signal_send_pdeath(struct task *child, struct task *parent);
/* Drop t's pending signals, and its process's shared ones when t is the last thread (exit). */
void signal_queue_free(struct task *t);
/* On the way back to user mode: default actions, handler frames, syscall restarts. */
void signal_deliver(void);

/* For events/ and fs/: defined here, declared weak where used. */
void signal_raise_sigpipe(void);
void signal_set_saved_mask(uint64_t mask);
int signal_dequeue(uint64_t mask, siginfo_t *info);

#endif
