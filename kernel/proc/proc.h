/*
 * proc.h — the process machinery shared inside kernel/proc/ and with main.c: the run
 * queue (sched.c), task creation (fork.c), exec (exec.c), exit and wait (exit.c), and
 * the first processes (init.c).
 */
#ifndef KERNEL_PROC_PROC_H
#define KERNEL_PROC_PROC_H
#include "kernel/proc/task.h"

#define INIT_PID 1

/* sched.c */
void sched_init(void);
void sched_wakeup(struct task *t);    /* make t runnable */
void schedule(void);                  /* run something else; returns when we are picked again */
_Noreturn void sched_idle_loop(void);
struct task *task_by_pid(int pid);
uint64_t task_cputime_ns(struct task *t);       /* CPU time used so far */
struct task *task_first(void);                  /* every task (zombies included), in no order */
struct task *task_next(struct task *t);
void task_register(struct task *t);
void task_unregister(struct task *t);

/* fork.c */
struct task *task_create(struct task *parent, void (*fn)(void *), void *arg);   /* runnable later via sched_wakeup */
int pid_alloc(void);
void pid_restart(void);
long do_fork(uint64_t flags, uint64_t newsp, int *parent_tid, int *child_tid, uint64_t tls);
void vfork_release(struct task *t);   /* on exec and exit: wake a parent blocked in vfork */

/* cred.c */
int cred_copy_groups(struct task *child, const struct task *parent);

/* exec.c */
int kernel_execve(const char *path, char *const argv[], int argc, char *const envp[], int envc);
void exec_reset_task(struct task *t, const char *path);
void flush_signal_handlers(struct task *t);

/* exit.c */
_Noreturn void do_exit(int wait_status);
/* Wait for a child as wait4 does: pid (>0, -1 any), options WNOHANG; returns the pid, 0, or -errno. */
long kernel_wait(int pid, int *status, int options);
void task_drop_resources(struct task *t);   /* mm, files, fs */
void task_unlink_child(struct task *t);     /* from its parent's list of children */
void task_release(struct task *t);          /* free a task that will never run again */

/* session.c */
bool pgrp_is_orphaned(int pgid);                /* no parent in the session outside the group */
void pgrp_orphaned_by_exit(struct task *t, struct task *parent);   /* exit: SIGHUP+SIGCONT a stopped orphan */

/* kill.c */
void signal_send(struct task *t, int sig);      /* default actions only, see kill.c */
int signal_fatal_pending(struct task *t);       /* the signal that will end t, or 0 */

/* thread.c */
bool thread_group_busy(const struct task *leader);   /* other threads of its group still alive */
void thread_group_kill(struct task *self, int wait_status);   /* exit_group: SIGKILL the others */
void thread_exit_user_state(struct task *t);   /* robust futexes, clear_child_tid and its wake-up */
void thread_retire(struct task *t);            /* an exited non-leader thread: freed later */
void thread_reap_retired(void);                /* free retired threads (not the current one) */
void thread_exit_state(struct task *t);        /* exit: the leader a zombie, another thread retired */
int thread_exec_takeover(struct task *self);   /* execve: end the other threads, become the leader */
struct task *thread_signal_target(struct task *t, int sig);   /* process-directed sig: the thread to get it */
int thread_group_size(const struct task *t);   /* live threads in t's group, for /proc/<pid>/status */
void thread_group_share_sigaction(struct task *t, int sig);   /* sigaction: the same in every thread */
struct task *thread_group_owner(struct task *t);   /* whose list of children t's new children join */
struct task *thread_group_heir(struct task *t);    /* a live thread to take exiting t's children, or NULL */
void thread_group_cputime(struct task *t, uint64_t *uticks, uint64_t *sticks);   /* every thread's, dead ones too */

/* init.c */
void init_start(const void *runspec, size_t len);

#endif
