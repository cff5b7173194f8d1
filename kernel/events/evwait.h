/*
 * evwait.h — how the event files (poll, select, epoll, eventfd, timerfd, signalfd) and the
 * sockets sleep: until a condition holds, a CLOCK_MONOTONIC deadline passes or a signal is
 * pending; and a "watch" that tells whether a wait queue was woken since it was armed (epoll's
 * edge-triggered mode needs to see wakeups, not just readiness). Also the small helpers every
 * event syscall shares: user timeouts to deadlines, anonymous-inode files, signal-mask swaps.
 */
#ifndef KERNEL_EVENTS_EVWAIT_H
#define KERNEL_EVENTS_EVWAIT_H
#include "kernel/kernel.h"
#include "kernel/proc/task.h"
#include "kernel/proc/wait.h"
#include <linux/time_types.h>

struct file;
struct file_ops;

#define EV_FOREVER UINT64_MAX   /* no deadline */

/* A signal is pending and not blocked: a blocking call must give up with -EINTR. */
bool ev_signal_pending(void);

/* Sleep until ready(arg): 0; -ETIMEDOUT once deadline (CLOCK_MONOTONIC ns) has passed; -EINTR on
 * a pending signal. wq is the one queue whose wakeups can make ready() true, or NULL when there
 * are several or none (time-driven conditions). */
int ev_wait(struct waitqueue *wq, bool (*ready)(void *arg), void *arg, uint64_t deadline);

/* Deadline for a relative timeout in ns from now; EV_FOREVER stays. */
uint64_t ev_deadline_after(uint64_t ns);
/* Timeouts from user memory, validated as Linux does (EINVAL, EFAULT); a NULL pointer is "forever". */
int ev_timespec_deadline(const struct __kernel_timespec *uts, uint64_t *deadline);

/* A watch: a sentinel sleeper linked into a wait queue. wq_wake_all() unlinks every sleeper,
 * so an unlinked sentinel means "woken since armed". The sentinel is a zombie task, which
 * sched_wakeup() ignores. */
struct wq_watch {
    struct task sentinel;
    struct waitqueue *wq;   /* the queue it was armed on, NULL if none */
    uint64_t fired_seq;     /* when it fired: later wake-ups have larger numbers; 0 if not */
};
void wq_watch_arm(struct wq_watch *w, struct waitqueue *wq);
bool wq_watch_fired(const struct wq_watch *w);
void wq_watch_disarm(struct wq_watch *w);

/* How many wake-ups a time-driven file (one whose poll names no queue) has had so far: a
 * timerfd's first expirations after each read (timerfd.c); 0 for other files. Edge-triggered
 * epoll sees a new edge by it. */
uint64_t ev_event_count(struct file *f);

/* A new file on the shared anonymous inode (mode 0600, as Linux's anon_inodefs), with ops, priv
 * and flags (O_ACCMODE | O_NONBLOCK), installed at the lowest free fd: the fd or -errno. The
 * file's release op runs on the last close (also when installing fails). */
int anon_fd_create(const struct file_ops *ops, void *priv, unsigned flags, bool cloexec);

/* Swap the task's signal mask for the duration of a wait (ppoll, pselect6, epoll_pwait);
 * sigset_size must be 8. ev_sigmask_restore puts the old one back, or leaves it to signal
 * delivery when the call was interrupted. */
int ev_sigmask_install(const void *umask, size_t sigset_size, uint64_t *saved, bool *swapped);
void ev_sigmask_restore(uint64_t saved, bool swapped, bool interrupted);

#endif
