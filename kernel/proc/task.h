/*
 * task.h — a task is a thread of execution with its kernel stack, its saved user
 * registers, its address space (struct mm) and its shares of files and fs context.
 * Processes are tasks whose tid == pid (threads come later). Scheduling is in sched.c,
 * creation in fork.c, exec in exec.c, exit and wait in exit.c.
 */
#ifndef KERNEL_PROC_TASK_H
#define KERNEL_PROC_TASK_H
#include "kernel/kernel.h"
#include "kernel/proc/wait.h"
#include <linux/resource.h>
#include <asm/signal.h>

struct mm;
struct fdtable;
struct fs_context;
struct trap_frame;

enum task_state { TASK_RUNNABLE, TASK_SLEEPING, TASK_ZOMBIE, TASK_DEAD };

#define TASK_COMM_LEN 16
#define TASK_NSIG 64

struct k_sigaction {
    uint64_t handler, flags, restorer, mask;
};

struct task {
    int pid, tid, ppid, pgid, sid;
    struct fdtable *files;
    struct fs_context *fs;
    struct mm *mm;                  /* NULL for kernel tasks */
    struct inode *exe;              /* the program file (a reference), for /proc/<pid>/exe */
    bool child_subreaper;           /* PR_SET_CHILD_SUBREAPER: adopts orphaned descendants */
    uint64_t runtime_ns, switched_in_ns;   /* CPU time, for the CPU-time clocks */
    enum task_state state;
    char comm[TASK_COMM_LEN];

    /* Scheduling and sleeping. */
    struct task *run_next;          /* run queue link */
    bool on_rq;
    struct task *all_next;          /* every task, for lookup by pid */
    struct task *wq_next;           /* wait queue link */
    struct waitqueue *wq;           /* the queue we sleep on, if any */
    void *arch;                     /* arch context: kernel stack, saved registers, FPU state */
    struct trap_frame *frame;       /* user registers saved at kernel entry */

    /* Family. */
    struct task *parent;
    struct task *children, *sibling;
    struct waitqueue child_wait;    /* parent sleeps here in wait4 */
    int exit_status;                /* wait status as wait4 reports it */
    struct task *vfork_parent;      /* blocked in vfork until we exec or exit */
    bool *vfork_done;               /* the parent's completion flag (on its kernel stack) */

    /* Per-thread user state. */
    uint64_t clear_child_tid, robust_list, robust_len;
    uint64_t rseq_area; uint32_t rseq_len, rseq_sig;

    /* Signals (signal.c, signal_deliver.c, proc/kill.c). */
    uint64_t sigmask, sigpending;
    struct k_sigaction sigactions[TASK_NSIG];
    struct sigqueue *sigq;          /* siginfo of the pending signals, oldest first */
    uint64_t sig_saved_mask;        /* sigsuspend, ppoll...: the mask to restore after the handler */
    bool sig_restore_mask;
    uint64_t altstack_sp, altstack_size;   /* sigaltstack */
    int altstack_flags;
    int jobctl_stop_sig;            /* job control: the signal that stopped us, 0 while running */
    bool jobctl_report_stop, jobctl_report_cont;   /* not yet collected by the parent's wait */

    struct rlimit rlim[RLIM_NLIMITS];
    unsigned uid, euid, suid, gid, egid, sgid;   /* in this order: cred.c relies on it */
    unsigned fsuid, fsgid;
    unsigned ngroups, *groups;
    bool did_exec;                  /* setpgid on a child that exec'd is EACCES */
    uint64_t utime_ticks, stime_ticks, cutime_ticks, cstime_ticks;   /* CPU time, in timer ticks */
    uint64_t dead_utime_ticks, dead_stime_ticks;   /* on a group leader: its exited threads' */
    int pdeath_signal;
    bool not_dumpable, no_new_privs;

    /* Thread groups (thread.c): pid is the group's id, tid this thread's; the leader has tid == pid. */
    bool group_exiting;             /* exit_group or a fatal signal: every thread ends */
    int group_exit_status;          /* the wait status the group ends with */
    uint64_t cpus_cleared;          /* CPUs removed from this thread's affinity (affinity.c) */
    int nice;                       /* -20..19 (kernel/sys.c: getpriority, setpriority) */
    int ioprio;                     /* as ioprio_set left it, 0 until then (kernel/ioprio.c) */
};

struct task *current_task(void);

#endif
