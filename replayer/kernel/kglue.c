/* kglue.c — check mode inside the kernel: the engine (engine.h) attached to real tasks.
 *
 * check_boot() makes pid 1 a checking init: for each trace of the "traces" module it builds a
 * fresh file tree from the root module, starts the recorded program as the first process
 * (argv, envp, umask and rlimits from the trace header), reaps everything until the process
 * tree is gone, and prints the verdict. The hooks (check.h) feed the engine from the syscall
 * dispatcher and the exit path; a divergence kills the task that hit it, and every other task
 * of the trace dies at its next syscall, so the next trace starts from a clean slate.
 *
 * Console: each line for the host is a frame of kernel/console.c's wire format with type 'c'
 * (NUL, 'c', length, bytes): "BEGIN name", the divergence report, "VERDICT <line>",
 * "SUMMARY ...". replayer/host/check.py reads them.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/printk.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/runspec.h"
#include "kernel/time.h"
#include "kernel/signal.h"
#include "kernel/events/evwait.h"
#include "kernel/futex.h"
#include <linux/futex.h>
#include <linux/time_types.h>
#include "arch/x86_64/arch.h"

#include "sysdesc.h"
#include "check.h"
#include "engine.h"
#include "faults.h"

_Static_assert(LOCKSTEP_FAULT >= FAULT_NONE, "FAULT= names an unknown fault (replayer/kernel/faults.h)");

bool check_mode;
static struct check_run the_run;

void *check_zalloc(size_t n) { return kzalloc(n ? n : 1); }
void check_free(void *p)
{
    if (p)
        kfree(p);
}

/* ---- the console ---- */

static void send_line(const char *s, size_t n)
{
    while (n) {  /* frames hold 255 bytes; the host joins them up to the newline */
        size_t k = n < 255 ? n : 255;
        uint8_t hdr[3] = { 0, 'c', (uint8_t)k };
        arch_serial_write(hdr, 3);
        arch_serial_write(s, k);
        s += k;
        n -= k;
    }
}

static void check_print(const char *prefix, const char *line)
{
    char buf[DIV_CALL_MAX + DIV_VALUE_MAX + 64];
    int n = snprintf(buf, sizeof buf, "%s%s\n", prefix, line);
    send_line(buf, (size_t)MIN(n, (int)sizeof buf - 1));
}

/* ---- the engine's view of the kernel ---- */

static int env_read(void *ctx, int tid, uint64_t addr, void *dst, size_t n)
{
    (void)ctx;
    if (current_task()->tid != tid)
        return -EFAULT;
    return copy_from_user(dst, (const void *)addr, n);
}

static int env_write(void *ctx, int tid, uint64_t addr, const void *src, size_t n)
{
    (void)ctx;
    if (current_task()->tid != tid)
        return -EFAULT;
    return copy_to_user((void *)addr, src, n);
}

static void env_print(void *ctx, const char *line)
{
    (void)ctx;
    check_print("", line);
}

static void env_regs(void *ctx, int tid, uint64_t *rip, uint64_t *rsp, uint64_t *rbp)
{
    (void)ctx;
    struct task *t = current_task();
    *rip = *rsp = *rbp = 0;
    if (t->tid == tid && t->frame) {
        *rip = t->frame->rip;
        *rsp = t->frame->rsp;
        *rbp = t->frame->rbp;
    }
}

/* Reads of /dev/random and /dev/urandom are world input (Linux's makedev(1, 8) and (1, 9)),
 * and so are /proc's files of the machine's figures. */
static int env_fd_world(void *ctx, int tid, int fd)
{
    (void)ctx;
    if (current_task()->tid != tid)
        return WORLD_NONE;
    struct file *f = fd_get(fd);
    if (!f)
        return WORLD_NONE;
    int kind = WORLD_NONE;
    if (f->inode && S_ISCHR(f->inode->mode) && (f->inode->rdev == 0x108 || f->inode->rdev == 0x109))
        kind = WORLD_RANDOM;
    else if (proc_file_is_world(f))   /* /proc files of the machine's figures */
        kind = WORLD_FIGURES;
    file_put(f);
    return kind;
}

static const struct check_env kernel_env = {
    NULL, env_read, env_write, env_print, env_regs, env_fd_world,
};

/* ---- hooks ---- */

static uint64_t stack_strings(struct task *t);

/* Numbers from the generated list (traces/sysdesc.h), never typed here. */
enum { NR_EXIT = SYS_NR_exit, NR_EXIT_GROUP = SYS_NR_exit_group,
       NR_EXECVE = SYS_NR_execve, NR_EXECVEAT = SYS_NR_execveat, NR_READ = SYS_NR_read,
       NR_WAIT4 = SYS_NR_wait4, NR_CLOCK_GETTIME = SYS_NR_clock_gettime, NR_FUTEX = SYS_NR_futex };
#define WAIT_KILLED_SIGKILL 9

/* The end of a diverged trace: every task of it gets SIGKILL pending (the kernel makes a task
 * with SIGKILL pending exit on its way back to user mode) and is woken if it sleeps, then the
 * caller dies. A task asleep in a wait that does not yet give way to signals dies when it
 * wakes up for its own reasons, or the host's timeout ends the boot. */
static void kill_run_tasks(void)
{
    for (uint32_t i = 0; i < the_run.ntasks; i++) {
        const struct check_stream *s = &the_run.tasks[i];
        if (!s->attached || s->exited)
            continue;
        struct task *t = task_by_pid(s->tid);
        if (!t || t == current_task())
            continue;
        t->sigpending |= 1UL << (WAIT_KILLED_SIGKILL - 1);
        if (t->state == TASK_SLEEPING)
            sched_wakeup(t);
    }
}

static _Noreturn void kill_current(void)
{
    if (the_run.verdict != VERDICT_RUNNING && the_run.tasks)
        kill_run_tasks();
    do_exit(WAIT_KILLED_SIGKILL);
}

/* The current task, if it belongs to the run: attaching it first when it is a new child
 * that runs before its parent came back from fork. */
static bool in_run(struct task *t)
{
    if (the_run.verdict != VERDICT_RUNNING)
        return false;
    if (check_run_has_tid(&the_run, t->tid))
        return true;
    if (t->parent && check_run_has_tid(&the_run, t->parent->tid)) {
        if (check_birth_auto(&the_run, t->parent->tid, t->tid) != CHECK_GO)
            kill_current();
        return check_run_has_tid(&the_run, t->tid);
    }
    return false;
}

/* RULE_STREAM_READ: how much a read from a pipe or a socket returns depends on how far its
 * writer had got, that is on scheduling, which check mode does not compare (DESIGN.md principle
 * 5). So such a read asks for no more than the recorded result; the result is still compared. */
static void limit_stream_read(struct task *t, uint64_t args[6])
{
    int64_t rec;
    /* A recorded 0 is EOF: a 0-byte read would return at once instead of waiting for it. */
    if (!check_inflight_result(&the_run, t->tid, &rec) || rec <= 0 || (uint64_t)rec >= args[2])
        return;
    struct file *file = fd_get((int)args[0]);
    if (!file)
        return;
    unsigned type = file->inode ? file->inode->mode & S_IFMT : 0;
    file_put(file);
    if (type != S_IFIFO && type != S_IFSOCK)
        return;
    args[2] = (uint64_t)rec;
    the_run.counts[RULE_STREAM_READ]++;
}

/* RULE_WAIT_ORDER: which child a wait for any child reaps first depends on which one exited
 * first, that is on scheduling. So such a wait4 waits for the child that Linux reaped (through
 * the pid map); the result is still compared. */
static void wait_for_recorded_child(struct task *t, uint64_t args[6])
{
    int64_t rec;
    uint64_t act;
    if ((int)args[0] != -1 || !check_inflight_result(&the_run, t->tid, &rec) || rec <= 0 ||
        !idmap_lookup_rec(&the_run.pids, (uint64_t)rec, &act))
        return;
    args[0] = act;
    the_run.counts[RULE_WAIT_ORDER]++;
}

/* After clock_gettime showed the program a recorded (injected) value, the kernel's clock of that
 * kind follows it (kernel/time.c), so deadlines computed from it come due as recorded. */
static void follow_shown_clock(struct task *t)
{
    struct __kernel_timespec ts;
    const uint64_t *args = check_last_args(&the_run, t->tid);
    if (!args || copy_from_user(&ts, (void *)args[1], sizeof ts) || ts.tv_sec < 0)
        return;
    time_follow((int)args[0], (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec);
}

/* ---- RULE_SIGNAL_POINT: the kernel side of replayer/kernel/sigsync.c ---- */

/* Faults are where they happen: never held. An ignored signal is only reported
 * (RULE_SIGNAL_IGNORED) and dropped: held, it would stay visible in rt_sigpending where Linux
 * had discarded it. SIGKILL waits for the task's recorded end (check_kill_due); once a trace
 * diverged nothing is held, so its tasks die at once. */
#define NEVER_HELD SYNCHRONOUS
#define SIGNAL_WAIT_NS 10000000000ull   /* how long a recorded signal may take to arrive */
#define SIGNAL_POLL_NS 100000000ull

/* RULE_SIGCHLD_CHILD: every SIGCHLD the kernel sends is noted, also one merged with a SIGCHLD
 * already pending (standard signals pend once). A delivery the recording gives a child's
 * SIGCHLD then carries that child's, once the kernel has sent it: re-sent if it was merged. */
struct sigchld_note {
    int parent, child;      /* thread group ids */
    bool delivered;
    siginfo_t info;
};
#define SIGCHLD_NOTES 128
static struct sigchld_note notes[SIGCHLD_NOTES];
static unsigned nnotes;

void check_hook_sigchld(const struct task *parent, const struct siginfo *info)
{
    if (the_run.verdict != VERDICT_RUNNING || !check_run_has_tid(&the_run, parent->tid))
        return;
    unsigned kept = 0;
    for (unsigned i = 0; nnotes == SIGCHLD_NOTES && i < nnotes; i++)
        if (!notes[i].delivered)
            notes[kept++] = notes[i];
    if (kept)
        nnotes = kept;
    if (nnotes == SIGCHLD_NOTES)   /* all pending: the oldest goes */
        memmove(notes, notes + 1, --nnotes * sizeof *notes);
    notes[nnotes++] = (struct sigchld_note){ parent->pid, info->si_pid, false, *info };
}

static struct sigchld_note *note_for(const struct task *t, int child, bool delivered)
{
    for (unsigned i = 0; i < nnotes; i++)
        if (notes[i].parent == t->pid && notes[i].child == child && notes[i].delivered == delivered)
            return &notes[i];
    return NULL;
}

/* The actual pid of the child whose SIGCHLD the recording delivers to t next, or 0. */
static int recorded_sigchld_child(const struct task *t)
{
    struct trace_signal si;
    uint64_t child;
    if (!check_signal_recorded(&the_run, t->tid, &si) || si.signo != SIGCHLD ||
        !(si.flags & TRACE_SIG_HAS_PID) || !idmap_lookup_rec(&the_run.pids, (uint64_t)si.pid, &child))
        return 0;
    return (int)child;
}

void check_hook_signal_info(int sig, struct siginfo *info)
{
    struct task *t = current_task();
    if (sig != SIGCHLD || the_run.verdict != VERDICT_RUNNING)
        return;
    int want = recorded_sigchld_child(t);
    struct sigchld_note *n = want && want != info->si_pid ? note_for(t, want, false) : NULL;
    if (n) {   /* the taken one stays noted as not delivered: it comes when recorded */
        *info = n->info;
        the_run.counts[RULE_SIGCHLD_CHILD]++;
    } else {
        n = note_for(t, info->si_pid, false);
    }
    if (n)
        n->delivered = true;
}

uint64_t check_hook_signal_held(const struct task *t)
{
    uint64_t pending = signal_pending_set(t) & ~NEVER_HELD, held = 0;
    if (!pending || the_run.verdict != VERDICT_RUNNING)
        return 0;
    bool from_user = t == current_task() && t->frame && arch_syscall_orig_nr(t->frame) < 0;
    uint64_t due;
    if (!check_signal_due(&the_run, t->tid, from_user, from_user ? arch_monotonic_ns() : 0, &due))
        return 0;
    /* a SIGCHLD is due once the recorded child's was sent (then it carries that one) */
    int want = (due & SIGBIT(SIGCHLD)) ? recorded_sigchld_child(t) : 0;
    if (want && !note_for(t, want, false))
        due &= ~SIGBIT(SIGCHLD);
    if ((pending & SIGBIT(SIGKILL)) && check_kill_due(&the_run, t->tid))
        due |= SIGBIT(SIGKILL);
    for (uint64_t x = pending & ~due; x; x &= x - 1) {
        int sig = __builtin_ctzl(x) + 1;
        if (!signal_ignored(t, sig))
            held |= SIGBIT(sig);
    }
    return held;
}

static bool wait_over(void *until)
{
    return arch_monotonic_ns() >= *(const uint64_t *)until;
}

/* Whether the signal the recording delivers next to t has come: pending, or (SIGCHLD) the
 * recorded child's SIGCHLD was sent, which is pending again if it had been merged. */
static bool signal_came(struct task *t, int sig)
{
    int want = sig == SIGCHLD ? recorded_sigchld_child(t) : 0;
    if (!want)
        return signal_pending(t) || (signal_pending_set(t) & SIGBIT(sig));
    struct sigchld_note *n = note_for(t, want, false);
    if (n && !(signal_pending_set(t) & SIGBIT(SIGCHLD))) {
        signal_send_process(t, SIGCHLD, &n->info);
        the_run.counts[RULE_SIGCHLD_CHILD]++;
    }
    return n || (signal_pending_set(t) & SIGBIT(SIGKILL));
}

/* Sleeps (on the tick's queue, woken early by a signal's arrival) until the signal came for t
 * (signal_came) or SIGKILL ends a diverged run; false after SIGNAL_WAIT_NS. */
static bool await_signal(struct task *t, int sig)
{
    uint64_t until = arch_monotonic_ns() + SIGNAL_WAIT_NS;
    while (!signal_came(t, sig)) {
        if (wait_over(&until))
            return false;
        ev_wait(NULL, wait_over, &until, ev_deadline_after(SIGNAL_POLL_NS));
    }
    return true;
}

static _Noreturn void signal_missing(struct task *t, int sig, bool blocked)
{
    check_signal_missing(&the_run, t->tid, sig, blocked);
    kill_current();
}

/* The recording delivers sig before the call t is entering: true when it is now deliverable
 * (the call is skipped and restarts after delivery). */
static bool deliver_before_call(struct task *t, int sig)
{
    if (!await_signal(t, sig))
        signal_missing(t, sig, false);
    if (signal_pending(t) || !(t->sigmask & SIGBIT(sig)))
        return true;     /* deliverable, or ignored: delivery reports it */
    signal_missing(t, sig, true);
}

/* ---- RULE_ENTRY_ORDER: the kernel side of replayer/kernel/order.c ---- */

#define ORDER_WAIT_NS 20000000000ull   /* how long a call may wait for its turn */
#define ORDER_SOFT_NS 200000000ull     /* how long user code waits for the next call's turn */

static struct waitqueue order_wq;   /* woken whenever the run consumes events */

struct order_wait {
    struct task *t;
    uint32_t target, wait_task, wait_event;
    uint64_t until;
    bool soft;
};

static bool order_ready(void *arg)
{
    struct order_wait *w = arg;
    return check_order_ready(&the_run, w->t->tid, w->target, w->soft, &w->wait_task, &w->wait_event) ||
           arch_monotonic_ns() >= w->until;
}

/* Events were consumed: tasks waiting for their turn look again. */
static void order_progress(void)
{
    wq_wake_all(&order_wq);
}

/* Sleeps until the other tasks have consumed their events before target: true; false when ns
 * passed first or a signal is to be delivered (a held one is not pending). */
static bool order_wait(struct task *t, uint32_t target, uint64_t ns, bool soft, struct order_wait *w)
{
    *w = (struct order_wait){ t, target, 0, 0, 0, soft };
    if (!target || check_order_ready(&the_run, t->tid, target, soft, &w->wait_task, &w->wait_event))
        return true;
    the_run.counts[RULE_ENTRY_ORDER]++;
    w->until = arch_monotonic_ns() + ns;
    while (!check_order_ready(&the_run, t->tid, target, soft, &w->wait_task, &w->wait_event)) {
        if (arch_monotonic_ns() >= w->until ||
            ev_wait(&order_wq, order_ready, w, ev_deadline_after(w->until - arch_monotonic_ns())) == -EINTR)
            return false;
    }
    return true;
}

static void wait_entry_turn(struct task *t, uint32_t nr)
{
    struct order_wait w;
    if (!order_wait(t, check_order_entry(&the_run, t->tid, nr), ORDER_WAIT_NS, false, &w) &&
        arch_monotonic_ns() >= w.until) {
        check_entry_overdue(&the_run, t->tid, nr, w.wait_task, w.wait_event);
        kill_current();
    }
}

/* Before user code runs again: the events that completed on Linux before this call did, and
 * (bounded) those before the next call started. */
static void wait_return_turn(struct task *t)
{
    struct order_wait w;
    uint32_t next;
    uint32_t done = check_order_return(&the_run, t->tid, &next);
    if (done && order_wait(t, done, ORDER_WAIT_NS, false, &w))
        order_wait(t, next, ORDER_SOFT_NS, true, &w);
}

/* RULE_FUTEX_ORDER: a futex call's outcome depends on where it falls among other threads'
 * user-space stores, which no event records: a wait finds the mutex word already changed
 * (EAGAIN) or sleeps; a wake finds the waiter queued or not yet. The recorded result says which
 * it was, so a wait Linux answered EAGAIN runs once the word differs from val, and a wake that
 * woke n runs once n waiters are queued. Both are bounded (the store or the waiter may never
 * come here; the comparison then reports it); meanwhile the other tasks run, and their soft
 * order waits do not wait for this task. */
#define FUTEX_FOLLOW_NS 2000000000ull

static bool futex_outcome_ready(struct task *t, const uint64_t args[6], int64_t rec)
{
    int cmd = (int)(args[1] & FUTEX_CMD_MASK);
    bool private = args[1] & FUTEX_PRIVATE_FLAG;
    uint32_t v;
    if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && rec == -EAGAIN)
        return futex_get_user(&v, args[0]) < 0 || v != (uint32_t)args[2];
    if ((cmd == FUTEX_WAKE || cmd == FUTEX_WAKE_BITSET) && rec > 0)
        return futex_waiters(t->mm, args[0], private, cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY
                                                                         : (uint32_t)args[5]) >= rec;
    return true;
}

static void futex_follow_recording(struct task *t, const uint64_t args[6])
{
    int64_t rec;
    if (!check_inflight_result(&the_run, t->tid, &rec) || futex_outcome_ready(t, args, rec))
        return;
    the_run.counts[RULE_FUTEX_ORDER]++;
    check_awaits_user(&the_run, t->tid, true);
    order_progress();   /* soft waiters need not wait for us any more */
    uint64_t until = arch_monotonic_ns() + FUTEX_FOLLOW_NS;
    while (!futex_outcome_ready(t, args, rec) && arch_monotonic_ns() < until && !signal_pending(t)) {
        uint64_t ran = t->switched_in_ns;
        schedule();   /* the others run; if nobody else could, sleep to the next tick */
        if (t->switched_in_ns == ran) {
            uint64_t tick = arch_monotonic_ns() + 10000000ull;
            ev_wait(NULL, wait_over, &tick, ev_deadline_after(10000000ull));
        }
    }
    check_awaits_user(&the_run, t->tid, false);
}

void check_hook_task_gone(void)
{
    check_task_gone(&the_run, current_task()->tid);
    order_progress();
}

/* A thread that execs takes over its leader's tid (de_thread): the tid each exec in flight
 * started with, so that the exit hook can move the stream to the new one. */
static struct { const struct task *t; int tid; } execs[16];

static void exec_started(const struct task *t)
{
    for (unsigned i = 0; i < ARRAY_LEN(execs); i++)
        if (!execs[i].t || execs[i].t == t) {
            execs[i].t = t;
            execs[i].tid = t->tid;
            return;
        }
}

static void exec_finished(const struct task *t)
{
    for (unsigned i = 0; i < ARRAY_LEN(execs); i++)
        if (execs[i].t == t) {
            if (execs[i].tid != t->tid)
                check_task_tid(&the_run, execs[i].tid, t->tid);
            execs[i].t = NULL;
        }
}

/* A task that exits becomes a zombie, which wait4(WNOHANG) sees, after the events written
 * before its exit record had happened on Linux: it waits for them once it has let go of its
 * files and memory (check_hook_task_released: a reader may wait for its pipe's EOF). */
static struct { const struct task *t; uint32_t event; } exiting[16];

static void note_exit_turn(struct task *t)
{
    uint32_t event = check_exit_event(&the_run, t->tid);
    for (unsigned i = 0; event && i < ARRAY_LEN(exiting); i++)
        if (!exiting[i].t || exiting[i].t == t) {
            exiting[i].t = t;
            exiting[i].event = event;
            return;
        }
}

void check_hook_task_released(void)
{
    struct task *t = current_task();
    for (unsigned i = 0; i < ARRAY_LEN(exiting); i++)
        if (exiting[i].t == t) {
            struct order_wait w;
            exiting[i].t = NULL;
            order_wait(t, exiting[i].event, ORDER_WAIT_NS, false, &w);
        }
}

bool check_hook_enter(struct trap_frame *f, uint64_t callargs[6])
{
    struct task *t = current_task();
    if (!in_run(t)) {
        if (the_run.verdict != VERDICT_RUNNING && t->pid != INIT_PID)
            kill_current();  /* the rest of a diverged trace's tree */
        return false;
    }
    uint64_t args[6];
    for (int i = 0; i < 6; i++)
        args[i] = arch_syscall_arg(f, i);
    long nr = arch_syscall_nr(f);
    int sig = check_signal_before_call(&the_run, t->tid, (uint32_t)nr);
    if (sig && deliver_before_call(t, sig))
        return true;
    wait_entry_turn(t, (uint32_t)nr);
    if (check_enter(&the_run, t->tid, (uint32_t)nr, args) != CHECK_GO)
        kill_current();
    sig = check_signal_in_call(&the_run, t->tid);
    if (sig && !await_signal(t, sig))
        signal_missing(t, sig, false);
    /* The scheduling rules narrow what the handler is asked (callargs), never the registers
       the program gets back. */
    if (nr == NR_EXECVE || nr == NR_EXECVEAT)
        exec_started(t);
    if (nr == NR_READ)
        limit_stream_read(t, callargs);
    if (nr == NR_WAIT4)
        wait_for_recorded_child(t, callargs);
    if (nr == NR_FUTEX)
        futex_follow_recording(t, args);
    if (nr == NR_EXIT || nr == NR_EXIT_GROUP) {
        note_exit_turn(t);
        check_task_exit(&the_run, t->tid, (int)((args[0] & 0xff) << 8));
        order_progress();
    }
    return false;
}

long check_hook_exit(long nr, long ret)
{
    struct task *t = current_task();
    if (nr == NR_EXECVE || nr == NR_EXECVEAT)
        exec_finished(t);
    if (!in_run(t))
        return ret;
    /* A child's birth was registered by check_hook_birth before it ran: not again here (a vfork
       child that already exited is no longer a tid of the run and would be counted twice). */
    int64_t result = ret;
    if (check_exit(&the_run, t->tid, (uint32_t)nr, &result) != CHECK_GO)
        kill_current();
    order_progress();
    wait_return_turn(t);
    if ((nr == NR_EXECVE || nr == NR_EXECVEAT) && ret == 0)
        check_run_stack_strings(&the_run, stack_strings(t));
    if (nr == NR_CLOCK_GETTIME && result == 0)
        follow_shown_clock(t);
    int sig = check_signal_after_call(&the_run, t->tid);
    if (sig && !await_signal(t, sig))
        signal_missing(t, sig, false);
    return (long)result;
}

void check_hook_birth(struct task *parent, struct task *child)
{
    if (the_run.verdict == VERDICT_RUNNING && check_run_has_tid(&the_run, parent->tid) &&
        !check_run_has_tid(&the_run, child->tid))
        check_birth_auto(&the_run, parent->tid, child->tid);   /* a divergence is reported here;
                                                                  the parent dies at its exit hook */
    order_progress();
}

void check_hook_task_exit(int wait_status)
{
    struct task *t = current_task();
    note_exit_turn(t);
    if (the_run.verdict == VERDICT_RUNNING && check_run_has_tid(&the_run, t->tid))
        check_task_exit(&the_run, t->tid, wait_status);
    order_progress();
}

void check_hook_signal(const struct trace_signal *si, bool handled)
{
    struct task *t = current_task();
    if (in_run(t) && check_signal(&the_run, t->tid, si, handled) != CHECK_GO)
        kill_current();
    order_progress();
}

/* ---- the first process of a trace ---- */

#define MAX_ARGS 256

struct program {
    const struct trace_header *h;
    char *argv[MAX_ARGS + 1], *envp[MAX_ARGS + 1];
    int argc, envc;
    int error;            /* exec failure, for the verdict */
};

static int strv_collect(const struct trace_strv *v, char **out, int max)
{
    struct trace_strv_iter it;
    struct trace_str s;
    int n = 0;
    trace_strv_iter_init(&it, v);
    while (trace_strv_next(&it, &s)) {
        if (n == max)
            return -E2BIG;
        out[n++] = (char *)s.s;  /* NUL-terminated inside the trace (the codec checks it) */
    }
    out[n] = NULL;
    return n;
}

static void program_main(void *arg)
{
    struct program *p = arg;
    struct task *t = current_task();
    t->files = fdtable_create();
    t->fs = fs_context_create();
    if (!t->files || !t->fs || stdio_install(t->files) < 0) {
        p->error = -ENOMEM;
        do_exit(127 << 8);
    }
    t->fs->umask = p->h->umask & 0777;
    for (int i = 0; i < TRACE_NRLIMITS && i < RLIM_NLIMITS; i++) {
        t->rlim[i].rlim_cur = p->h->rlimits[i].cur;
        t->rlim[i].rlim_max = p->h->rlimits[i].max;
    }
    check_run_start(&the_run, t->tid);
    check_mode = true;
    int r = kernel_execve(p->h->program.s, p->argv, p->argc, p->envp, p->envc);
    if (r < 0) {
        p->error = r;
        check_mode = false;
        do_exit(127 << 8);
    }
    check_run_stack_strings(&the_run, stack_strings(t));
}

/* The lowest address the new image's stack strings use: argv and envp strings, and the
 * AT_PLATFORM, AT_RANDOM and AT_EXECFN data, found through the initial stack's tables. */
static uint64_t stack_strings(struct task *t)
{
    uint64_t sp = t->frame->rsp, argc, v, lowest = ~0ull;
    if (copy_from_user(&argc, (const void *)sp, 8) || argc > 4096)
        return 0;
    sp += 8;
    for (int table = 0; table < 2; table++)   /* argv, then envp: NULL-terminated */
        for (;; sp += 8) {
            if (copy_from_user(&v, (const void *)sp, 8))
                return 0;
            if (!v) {
                sp += 8;
                break;
            }
            lowest = MIN(lowest, v);
        }
    for (int i = 0; i < 64; i++, sp += 16) {
        uint64_t av[2];
        if (copy_from_user(av, (const void *)sp, sizeof av) || av[0] == 0 /* AT_NULL */)
            break;
        if (av[0] == 15 /* AT_PLATFORM */ || av[0] == 25 /* AT_RANDOM */ || av[0] == 31 /* AT_EXECFN */)
            lowest = MIN(lowest, av[1]);
    }
    return lowest == ~0ull ? 0 : lowest;
}

/* " RULE_EXACT=212 RULE_MAP_PID=4 ...": how often each rule was applied (those used). */
static void rule_counts_line(char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    for (int r = 0; r < RULE_COUNT; r++)
        if (the_run.counts[r]) {
            fmt_char(&f, ' ');
            fmt_str(&f, rule_name((enum rule_id)r));
            fmt_char(&f, '=');
            fmt_u64(&f, the_run.counts[r]);
        }
}

static void run_one(const char *name, const void *data, size_t len, const void *root, size_t root_len)
{
    static struct program prog;
    char line[DIV_CALL_MAX + 64];
    check_print("BEGIN ", name);
    if (check_run_load(&the_run, name, data, len, &kernel_env) != 0)
        goto verdict;
    if (!the_run.hdr.program.len || (the_run.hdr.cwd.len && strcmp(the_run.hdr.cwd.s, "/"))) {
        check_run_error(&the_run, the_run.hdr.program.len ? "the recorded cwd is not / (not supported yet)"
                                                           : "the trace names no program");
        goto verdict;
    }
    memset(&prog, 0, sizeof prog);
    prog.h = &the_run.hdr;
    prog.argc = strv_collect(&the_run.hdr.argv, prog.argv, MAX_ARGS);
    prog.envc = strv_collect(&the_run.hdr.envp, prog.envp, MAX_ARGS);
    if (prog.argc < 0 || prog.envc < 0) {
        check_run_error(&the_run, "too many arguments or environment strings");
        goto verdict;
    }
    the_runspec.release = the_run.hdr.release.s;   /* uname reports the recorded release */
    if (vfs_init(root, root_len) < 0) {
        check_run_error(&the_run, "cannot unpack the root tree");
        goto verdict;
    }
    struct task *self = current_task();
    pid_restart();
    time_follow_reset();
    nnotes = 0;
    memset(execs, 0, sizeof execs);
    memset(exiting, 0, sizeof exiting);
    struct task *t = task_create(self, program_main, &prog);
    if (!t) {
        check_run_error(&the_run, "cannot create the first process");
        goto verdict;
    }
    int first = t->tid;
    sched_wakeup(t);
    for (;;) {
        int status = 0;
        long pid = kernel_wait(-1, &status, 0);
        if (pid < 0)
            break;
        if (pid == first && the_run.verdict == VERDICT_RUNNING)
            check_task_exit(&the_run, first, status);  /* no-op when its exit was seen already */
    }
    check_mode = false;
    if (prog.error) {
        snprintf(line, sizeof line, "cannot exec %s: error %d", the_run.hdr.program.s, -prog.error);
        check_run_error(&the_run, line);
    }
    check_run_finish(&the_run);
verdict:
    check_mode = false;
    rule_counts_line(line, sizeof line);
    check_print("RULES", line);
    check_verdict_line(&the_run, line, sizeof line);
    check_print("VERDICT ", line);
    check_run_free(&the_run);
}

/* ---- the traces module ----
 * "LSTRACES" (8 bytes), u32 count, u32 0, then per trace: u32 name length, u32 0, u64 data
 * length, the name, the data, each padded to 8 bytes. Every length is checked. */

static uint64_t get_u(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n; i-- > 0;)
        v = (v << 8) | p[i];
    return v;
}

struct boot_args {
    const uint8_t *traces;
    size_t traces_len;
    const void *root;
    size_t root_len;
};

static void check_init_main(void *arg)
{
    struct boot_args *b = arg;
    const uint8_t *p = b->traces;
    size_t len = b->traces_len, pos = 16;
    uint32_t count = 0, done = 0, passed = 0;
    if (LOCKSTEP_FAULT != FAULT_NONE)
        check_print("FAULT ", LOCKSTEP_FAULT_NAME);
    if (len < 16 || memcmp(p, "LSTRACES", 8)) {
        check_print("", "ERROR traces module: bad magic");
        arch_exit(EXIT_DONE);
    }
    count = (uint32_t)get_u(p + 8, 4);
    for (; done < count; done++) {
        if (len - pos < 16) {
            check_print("", "ERROR traces module: truncated");
            break;
        }
        uint64_t nlen = get_u(p + pos, 4), dlen = get_u(p + pos + 8, 8);
        size_t npad = (size_t)ALIGN_UP(nlen, 8), dpad;
        pos += 16;
        if (nlen == 0 || nlen > 200 || npad > len - pos || dlen > len - pos - npad) {
            check_print("", "ERROR traces module: bad entry");
            break;
        }
        dpad = (size_t)ALIGN_UP(dlen, 8);
        char name[208];
        memcpy(name, p + pos, nlen);
        name[nlen] = 0;
        run_one(name, p + pos + npad, (size_t)dlen, b->root, b->root_len);
        if (the_run.verdict == VERDICT_MATCH)
            passed++;
        pos += npad + (dpad <= len - pos - npad ? dpad : len - pos - npad);
    }
    char line[80];
    snprintf(line, sizeof line, "SUMMARY %u checked, %u passed, %u failed", done, passed, done - passed);
    check_print("", line);
    arch_exit(EXIT_DONE);
}

void check_boot(const void *traces, size_t traces_len, const void *root, size_t root_len)
{
    static struct boot_args args;
    args = (struct boot_args){ traces, traces_len, root, root_len };
    struct task *init = task_create(NULL, check_init_main, &args);
    if (!init || init->pid != INIT_PID)
        panic("check mode: cannot create init");
    memcpy(init->comm, "check", 6);
    sched_wakeup(init);
}
