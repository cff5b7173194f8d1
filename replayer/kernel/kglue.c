/* kglue.c — check mode inside the kernel: the engine (engine.h) attached to real tasks.
 *
 * check_boot() makes pid 1 a checking init: for each trace of the "traces" module it builds a
 * fresh file tree from the root module, starts the recorded program as the first process
 * (argv, envp, umask and rlimits from the trace header), reaps everything until the process
 * tree is gone, and prints the verdict. The hooks (check.h) feed the engine from the syscall
 * dispatcher and the exit path; a divergence kills the task that hit it, and every other task
 * of the trace dies at its next syscall, so the next trace starts from a clean slate. The
 * scheduling rules' kernel sides live beside it: signals in ksignal.c, call order in korder.c.
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
#include "kglue.h"

_Static_assert(LOCKSTEP_FAULT >= FAULT_NONE, "FAULT= names an unknown fault (replayer/kernel/faults.h)");

bool check_mode;
struct check_run the_run;   /* the trace being checked (kglue.h) */

void *check_zalloc(size_t n) { return kzalloc(n ? n : 1); }
void check_free(void *p)
{
    if (p)
        kfree(p);
}

bool wait_over(void *until)
{
    return arch_monotonic_ns() >= *(const uint64_t *)until;
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

_Noreturn void kill_current(void)
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
    signal_rules_reset();
    order_rules_reset();
    memset(execs, 0, sizeof execs);
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
