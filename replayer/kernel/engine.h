/* engine.h — the comparison engine of check mode: one recorded trace against one execution.
 *
 * The engine knows nothing about the kernel. Its caller (kglue.c in the kernel, the host test
 * harness in replayer/tests/) loads a trace into a `struct check_run`, then reports what the
 * execution does, task by task (tasks are named by their actual tid):
 *
 *   check_run_load    decode and index the trace: per recorded task, the list of its events,
 *                     and per parent the list of its children in birth order
 *   check_run_start   the first task (recorded task 0) starts as tid; the exec that started
 *                     it (the stream's first EXEC record) is the caller's own
 *   check_enter       before a syscall: match it against the task's next record (number,
 *                     registers, input memory)
 *   check_exit        after it: result, every byte written to user memory, field by field;
 *                     world inputs are checked for plausibility, then overwritten with the
 *                     recorded values (and the result replaced when it is one)
 *   check_birth       a task was born: it takes the stream of the parent's next recorded child
 *   check_signal      a signal is being delivered to a task
 *   check_task_exit   a task is gone, with its wait status
 *   check_run_finish  the whole process tree is gone: every stream must be consumed
 *
 * Every call returns CHECK_GO (carry on) or CHECK_STOP: the run has a verdict (divergence or
 * error) and the caller should kill the trace's process tree. The first divergence is kept in
 * run->div and passed to lockstep_diverged(). The rules used for each comparison are listed
 * once, in rules.c, and counted per run (run->counts).
 *
 * The engine is freestanding: the caller provides check_zalloc/check_free and the C string
 * functions (memcpy, memset, memcmp, strlen).
 */
#ifndef REPLAYER_KERNEL_ENGINE_H
#define REPLAYER_KERNEL_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libc.h"        /* traces/: memcpy memset memcmp strlen */
#include "fmt.h"
#include "trace.h"
#include "divergence.h"
#include "map.h"
#include "rules.h"

void *check_zalloc(size_t n);   /* zeroed memory, or NULL */
void check_free(void *p);

enum { CHECK_GO = 0, CHECK_STOP = 1 };

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

enum check_verdict {
    VERDICT_RUNNING = 0,
    VERDICT_MATCH,
    VERDICT_DIVERGE,
    VERDICT_ERROR,
};

/* What the engine needs from the world it checks. All but read_user/write_user may be NULL. */
struct check_env {
    void *ctx;
    /* user memory of task tid (the engine only asks for the task that is calling it) */
    int (*read_user)(void *ctx, int tid, uint64_t addr, void *dst, size_t n);
    int (*write_user)(void *ctx, int tid, uint64_t addr, const void *src, size_t n);
    /* one console line (no newline): divergence reports */
    void (*print)(void *ctx, const char *line);
    /* the user registers of tid at its current syscall, for the report */
    void (*user_regs)(void *ctx, int tid, uint64_t *rip, uint64_t *rsp, uint64_t *rbp);
    /* whether fd of tid reads world input: WORLD_NONE, or the WORLD_* kind (rules.h) */
    int (*fd_world)(void *ctx, int tid, int fd);
};

/* One recorded task's stream. */
struct check_stream {
    uint32_t *ev;            /* indices into run->events, in stream order */
    uint32_t n, pos;         /* events, and the next one to match */
    uint32_t *children;      /* recorded task ids of its children, in birth order */
    uint32_t nchildren, born;/* ... and how many the execution has created so far */
    int tid;                 /* actual tid, once attached */
    bool attached, exited;
    bool gone;               /* exited, and finished exiting in the kernel (RULE_ENTRY_ORDER) */
    bool awaits_user;        /* in a call waiting for another task's user code (RULE_FUTEX_ORDER) */
    int64_t inflight;        /* position (in ev[]) of the syscall between enter and exit, or -1 */
    uint64_t args[6];        /* the actual registers of that syscall */
    bool vdso_call;          /* the call in flight is one Linux answered in its vDSO */
    uint64_t handlers;       /* signals with a handler installed, as recorded (bit signo-1) */
    uint32_t cur_nr;         /* the call being checked, as executed (for a report) */
    bool cur_has_result;
    int64_t cur_result;
    uint32_t last[DIV_LAST_N];  /* stream positions of the last matched syscalls (a ring) */
    uint32_t nlast;
    /* RULE_SIGNAL_POINT (sigsync.c) */
    int entry_sig;           /* delivered before the call entry_nr, which then restarts */
    uint32_t entry_nr;
    bool point_valid, point_on_return;  /* where the recorded delivery at point_pos happened */
    uint32_t point_pos;
    uint64_t returned_ns;    /* first interrupt seen in user code since the last call (0: none) */
    uint32_t sigret_pos[8];  /* rt_sigreturns of signals delivered at an entry, and that call */
    uint32_t sigret_nr[8];
    uint32_t nsigret;
};

struct check_run {
    char name[DIV_NAME_MAX];
    const struct check_env *env;
    enum check_verdict verdict;
    char error[DIV_VALUE_MAX];       /* VERDICT_ERROR: why */

    struct trace_header hdr;
    struct trace_event *events;      /* every event of the file, in file order */
    uint32_t nevents;
    struct check_stream *tasks;      /* indexed by recorded task id */
    uint32_t ntasks;
    uint64_t nsyscalls;              /* syscall records in the trace */

    struct idmap pids, inodes, devices;
    struct idmap dev_inodes;
    struct idmap mnt_ids;            /* statx's stx_mnt_id: never mixed with device numbers */         /* (device, inode) keys of objects that carry a device */
    struct addrmap addrs;
    bool brk_paired, stack_paired, mmap_zone_paired;
    uint64_t stack_strings;          /* lowest address of the initial stack's strings (0: unknown) */
    uint64_t last_time[16];          /* last actual clock value seen per clock id, for monotony */

    uint64_t calls;                  /* syscalls matched so far */
    uint64_t counts[RULE_COUNT];     /* per rule: how many times it was applied */
    struct divergence div;
};

int check_run_load(struct check_run *run, const char *name, const void *buf, size_t len,
                   const struct check_env *env);
int check_run_start(struct check_run *run, int tid);
int check_enter(struct check_run *run, int tid, uint32_t nr, const uint64_t args[6]);
int check_exit(struct check_run *run, int tid, uint32_t nr, int64_t *result);
/* The recorded result of tid's call in flight (between check_enter and check_exit). */
bool check_inflight_result(const struct check_run *run, int tid, int64_t *result);
/* The actual arguments of tid's last call checked (NULL if tid is not in the run). */
const uint64_t *check_last_args(const struct check_run *run, int tid);
int check_birth(struct check_run *run, int parent_tid, int child_tid, uint64_t clone_flags);
/* The same, with the clone flags taken from the parent's fork/vfork/clone/clone3 in flight. */
int check_birth_auto(struct check_run *run, int parent_tid, int child_tid);
/* A task's tid changed: a thread that execs takes over its leader's (Linux's de_thread). */
void check_task_tid(struct check_run *run, int old_tid, int new_tid);
/* si: the siginfo as delivered (trace.h's struct; flags unused); handled: a handler will run or
 * the default action is not "ignore". */
int check_signal(struct check_run *run, int tid, const struct trace_signal *si, bool handled);
int check_task_exit(struct check_run *run, int tid, int wait_status);
/* RULE_ENTRY_ORDER (order.c). Targets are event indexes (0: none): a task waits until every other
 * task has consumed its events before the target. check_order_entry: the target of tid's call nr
 * about to start; check_order_return: after a call completed, its own record's index (wait for
 * the events before it), and in *next_entry the next call's entered_after (wait a bounded time).
 * check_order_ready: whether the target is reached, else the recorded task and event waited for;
 * a soft wait does not wait for tasks that are themselves waiting for user code (awaits_user).
 * check_task_gone: tid has finished exiting (after its last events were checked).
 * check_entry_overdue: reports a call whose turn never came. */
uint32_t check_order_entry(struct check_run *run, int tid, uint32_t nr);
uint32_t check_order_return(struct check_run *run, int tid, uint32_t *next_entry);
bool check_order_ready(struct check_run *run, int tid, uint32_t target, bool soft, uint32_t *wait_task,
                       uint32_t *wait_event);
/* RULE_FUTEX_ORDER: tid's call in flight waits for another task's user code (or no longer). */
void check_awaits_user(struct check_run *run, int tid, bool waiting);
void check_task_gone(struct check_run *run, int tid);
int check_entry_overdue(struct check_run *run, int tid, uint32_t nr, uint32_t wait_task, uint32_t wait_event);

/* RULE_SIGNAL_POINT (sigsync.c): an asynchronous signal is delivered where the recording has it.
 * check_signal_due: *due is the set of signals tid may be given now (the recording's next
 * delivery, or what a recorded rt_sigtimedwait in flight waits for): the caller holds every other
 * asynchronous one out of delivery. false when tid is not checked (hold nothing).
 * from_user: the task is going back to user mode from an interrupt (not a syscall); now_ns (the
 * caller's clock, read only then) times its stay in user code since that call. */
bool check_signal_due(struct check_run *run, int tid, bool from_user, uint64_t now_ns, uint64_t *due);
/* At a syscall's entry, before check_enter: the signal the recording delivers before this call,
 * or 0. The caller waits until it is pending, delivers it and restarts the call. */
int check_signal_before_call(struct check_run *run, int tid, uint32_t nr);
/* After check_enter: the signal the call in flight must find pending at its start (its recorded
 * result is -ERESTARTNOINTR: Linux gave it up for that signal before doing anything), or 0. */
int check_signal_in_call(struct check_run *run, int tid);
/* After check_exit: the signal the recording delivers on this call's return, or 0 (the caller
 * waits until it is pending). */
int check_signal_after_call(struct check_run *run, int tid);
/* The recorded delivery tid is to make next (the one check_signal_due speaks of), if any. */
bool check_signal_recorded(struct check_run *run, int tid, struct trace_signal *si);
/* Whether SIGKILL may end tid now: the task is at its recorded end (its last call in flight,
 * recorded without a return, or its exit record next), or tid is not checked. */
bool check_kill_due(struct check_run *run, int tid);
/* The index (in the trace's events) of tid's exit record when that is its next event, else 0. */
uint32_t check_exit_event(struct check_run *run, int tid);
/* The signal the caller waited for did not come (or came blocked): the divergence. */
int check_signal_missing(struct check_run *run, int tid, int signo, bool blocked);
int check_run_finish(struct check_run *run);
void check_run_free(struct check_run *run);

/* Where the first task's initial stack strings (argv, envp, platform, random bytes) begin: that
 * part is laid out identically on both sides; only what lies below may be shifted (rules.c). */
void check_run_stack_strings(struct check_run *run, uint64_t lowest);

/* Whether tid belongs to the run (is attached to a stream and has not exited). */
bool check_run_has_tid(const struct check_run *run, int tid);

/* The verdict as one line: "MATCH name (N calls; compared C, mapped M, injected I)",
 * "DIVERGE name at #k: <call> -> <actual>, expected <recorded>", "ERROR name: why". */
size_t check_verdict_line(const struct check_run *run, char *out, size_t size);

/* Sets the ERROR verdict (used by the caller too, e.g. for a trace it cannot start). */
int check_run_error(struct check_run *run, const char *why);

#endif
