/* engine.c — matching an execution against a trace's per-task streams (see engine.h).
 *
 * Each recorded task has a cursor into its stream. A syscall entry finds the next SYSCALL
 * record (past the BIRTH/EXEC records its own fork or exec produced), compares number,
 * registers and input memory, and holds it "in flight"; the exit compares result and output
 * memory (fields.c) and advances the cursor. Births attach the parent's next recorded child to
 * the new task; signals and exits must be the stream's next event. Events Linux reports that
 * our kernel by design does not produce (a default-ignored signal) are skipped and counted.
 */
#include "engine.h"
#include "desc.h"
#include "fields.h"
#include "report.h"
#include "streams.h"

#define MAX_TASKS 4096

const struct trace_event *event_at(const struct check_run *run, const struct check_stream *s,
                                   uint32_t pos)
{
    return &run->events[s->ev[pos]];
}

struct check_stream *stream_of(struct check_run *run, int tid)
{
    for (uint32_t i = 0; i < run->ntasks; i++) {
        struct check_stream *s = &run->tasks[i];
        if (s->attached && !s->exited && s->tid == tid)
            return s;
    }
    return NULL;
}

bool check_run_has_tid(const struct check_run *run, int tid)
{
    return stream_of((struct check_run *)run, tid) != NULL;
}

int check_run_error(struct check_run *run, const char *why)
{
    if (run->verdict == VERDICT_RUNNING || run->verdict == VERDICT_MATCH) {
        run->verdict = VERDICT_ERROR;
        struct fmtbuf f;
        fmt_init(&f, run->error, sizeof run->error);
        fmt_str(&f, why);
    }
    return CHECK_STOP;
}

/* ---- loading ---- */

static int load_error(struct check_run *run, const struct trace_reader *r)
{
    char msg[DIV_VALUE_MAX];
    trace_reader_error(r, msg, sizeof msg);
    return check_run_error(run, msg);
}

static int index_streams(struct check_run *run)
{
    uint32_t *fill = check_zalloc(run->ntasks * sizeof *fill);
    if (!fill)
        return check_run_error(run, "out of memory indexing the trace");
    for (uint32_t i = 0; i < run->nevents; i++) {
        const struct trace_event *ev = &run->events[i];
        if (ev->task == TRACE_TASK_NONE)
            continue;
        run->tasks[ev->task].n++;
        if (ev->kind == TRACE_BIRTH)
            run->tasks[ev->task].nchildren++;
        if (ev->kind == TRACE_SYSCALL)
            run->nsyscalls++;
    }
    int rc = 0;
    for (uint32_t t = 0; t < run->ntasks && !rc; t++) {
        struct check_stream *s = &run->tasks[t];
        s->inflight = -1;
        s->ev = check_zalloc((s->n ? s->n : 1) * sizeof *s->ev);
        s->children = check_zalloc((s->nchildren ? s->nchildren : 1) * sizeof *s->children);
        if (!s->ev || !s->children)
            rc = check_run_error(run, "out of memory indexing the trace");
    }
    bool *born = rc ? NULL : check_zalloc(run->ntasks * sizeof *born);
    if (!rc && !born)
        rc = check_run_error(run, "out of memory indexing the trace");
    for (uint32_t i = 0; i < run->nevents && !rc; i++) {
        const struct trace_event *ev = &run->events[i];
        if (ev->task == TRACE_TASK_NONE)
            continue;
        struct check_stream *s = &run->tasks[ev->task];
        s->ev[s->pos++] = i;
        if (ev->kind != TRACE_BIRTH)
            continue;
        const struct trace_birth *b = &ev->birth;
        if (b->child >= run->ntasks || b->child == 0 || born[b->child] || b->child == ev->task ||
            b->birth_index != fill[ev->task])
            rc = check_run_error(run, "malformed trace: inconsistent BIRTH records");
        else {
            born[b->child] = true;
            s->children[fill[ev->task]++] = b->child;
        }
    }
    for (uint32_t t = 1; t < run->ntasks && !rc; t++)
        if (!born[t])
            rc = check_run_error(run, "malformed trace: a task has events but no BIRTH record");
    for (uint32_t t = 0; t < run->ntasks; t++)
        run->tasks[t].pos = 0;
    check_free(born);
    check_free(fill);
    return rc;
}

int check_run_load(struct check_run *run, const char *name, const void *buf, size_t len,
                   const struct check_env *env)
{
    memset(run, 0, sizeof *run);
    run->env = env;
    struct fmtbuf f;
    fmt_init(&f, run->name, sizeof run->name);
    fmt_str(&f, name);

    struct trace_reader r;
    struct trace_event ev;
    int rc = trace_open(&r, buf, len, &run->hdr);
    if (rc < 0)
        return load_error(run, &r);
    uint32_t n = 0, ntasks = 1;
    while ((rc = trace_next(&r, &ev)) == 1) {
        n++;
        if (ev.task != TRACE_TASK_NONE && ev.task >= ntasks)
            ntasks = ev.task + 1;
    }
    if (rc < 0)
        return load_error(run, &r);
    if (ntasks > MAX_TASKS)
        return check_run_error(run, "trace has too many tasks");
    run->nevents = n;
    run->ntasks = ntasks;
    run->events = check_zalloc((n ? n : 1) * sizeof *run->events);
    run->tasks = check_zalloc(ntasks * sizeof *run->tasks);
    if (!run->events || !run->tasks)
        return check_run_error(run, "out of memory loading the trace");
    rc = trace_open(&r, buf, len, &run->hdr);
    for (uint32_t i = 0; rc == 0 && i < n; i++)
        if (trace_next(&r, &run->events[i]) != 1)
            rc = -1;
    if (rc)
        return check_run_error(run, "trace changed while loading");
    return index_streams(run);
}

void check_run_free(struct check_run *run)
{
    for (uint32_t t = 0; run->tasks && t < run->ntasks; t++) {
        check_free(run->tasks[t].ev);
        check_free(run->tasks[t].children);
    }
    check_free(run->tasks);
    check_free(run->events);
    idmap_free(&run->pids);
    idmap_free(&run->inodes);
    idmap_free(&run->devices);
    idmap_free(&run->dev_inodes);
    idmap_free(&run->mnt_ids);
    addrmap_free(&run->addrs);
    run->tasks = NULL;
    run->events = NULL;
}

void check_run_stack_strings(struct check_run *run, uint64_t lowest)
{
    /* a new image: its stack is paired afresh (the map is the run's, not per process: a
     * simplification that holds while processes that exec do not share it with others) */
    if (run->stack_paired)
        addrmap_remove(&run->addrs, 0x7ffff8000000ull, 0x7ffffffff000ull - 0x7ffff8000000ull);
    run->stack_paired = false;
    run->stack_strings = lowest;
}

int check_run_start(struct check_run *run, int tid)
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    struct check_stream *s = &run->tasks[0];
    s->tid = tid;
    s->attached = true;
    if (s->n && event_at(run, s, 0)->kind == TRACE_EXEC) {
        const struct trace_exec *x = &event_at(run, s, 0)->exec;
        if (x->path.len != run->hdr.program.len || memcmp(x->path.s, run->hdr.program.s, x->path.len))
            return check_run_error(run, "malformed trace: the first exec is not the header's program");
        run->counts[RULE_EXACT]++;
        s->pos = 1;
    }
    return CHECK_GO;
}

/* ---- the cursor ---- */

uint64_t sigbit(int signo)
{
    return signo >= 1 && signo <= 64 ? 1ull << (signo - 1) : 0;
}

/* The recorded dispositions, for telling a default-ignored signal from a handled one: an
 * rt_sigaction that installed a handler (not SIG_DFL or SIG_IGN) sets the signal's bit. */
uint64_t handlers_after(uint64_t handlers, const struct trace_syscall *sc)
{
    if (sc->nr != 13 /* rt_sigaction */ || sc->result != 0)
        return handlers;
    struct trace_mem_iter it;
    struct trace_mem m;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m))
        if (m.dir == TRACE_MEM_IN && m.arg == 1 && m.elem == TRACE_ELEM_NONE && m.offset == 0 && m.len >= 8) {
            uint64_t handler = 0;
            memcpy(&handler, m.data, 8);
            if (handler > 1)
                handlers |= sigbit((int)sc->args[0]);
            else
                handlers &= ~sigbit((int)sc->args[0]);
        }
    return handlers;
}

static void learn_disposition(struct check_stream *s, const struct trace_syscall *sc)
{
    s->handlers = handlers_after(s->handlers, sc);
}

bool ignored_signal_event(const struct check_stream *s, const struct trace_event *ev)
{
    return ev->kind == TRACE_SIGNAL && rule_default_ignored(ev->signal.signo) &&
           !(s->handlers & sigbit(ev->signal.signo));
}

bool event_settled(const struct check_stream *s, const struct trace_event *ev)
{
    return (ev->kind == TRACE_BIRTH && ev->birth.birth_index < s->born) || ignored_signal_event(s, ev);
}

/* Moves the cursor past events that need no action here: BIRTH records whose child the
 * execution already created, and default-ignored signal deliveries (RULE_SIGNAL_IGNORED). */
void skip_settled(struct check_run *run, struct check_stream *s)
{
    while (s->pos < s->n && event_settled(s, event_at(run, s, s->pos))) {
        if (event_at(run, s, s->pos)->kind == TRACE_SIGNAL)
            run->counts[RULE_SIGNAL_IGNORED]++;
        s->pos++;
    }
}

uint32_t call_record_at(const struct check_run *run, const struct check_stream *s, uint32_t from, uint32_t nr)
{
    if (desc_is_fork(nr) || desc_is_exec(nr))
        while (from < s->n && (event_at(run, s, from)->kind == TRACE_BIRTH ||
                               event_at(run, s, from)->kind == TRACE_EXEC))
            from++;
    return from;
}

int diverge_event(struct check_run *run, struct check_stream *s, uint32_t pos,
                         const char *field, const char *actual, const char *executed)
{
    char expected[DIV_CALL_MAX];
    if (pos < s->n)
        report_recorded(event_at(run, s, pos), expected, sizeof expected);
    else {
        struct fmtbuf f;
        fmt_init(&f, expected, sizeof expected);
        fmt_str(&f, "the end of the task's stream");
    }
    struct div_detail d = { field, expected, actual, "the next event of the task's stream", executed };
    return report_divergence(run, s, pos < s->n ? pos : (s->n ? s->n - 1 : 0), &d);
}

static void remember(struct check_stream *s, uint32_t pos)
{
    s->last[s->nlast % DIV_LAST_N] = pos;
    s->nlast++;
}

/* ---- syscalls ---- */

int check_enter(struct check_run *run, int tid, uint32_t nr, const uint64_t args[6])
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    struct check_stream *s = stream_of(run, tid);
    if (!s)
        return CHECK_GO;
    const char *executed = REPORT_CALL;  /* formatted only if it is reported */
    s->cur_nr = nr;
    s->cur_has_result = false;
    s->entry_sig = 0;
    memcpy(s->args, args, sizeof s->args);
    if (s->inflight >= 0)  /* the previous call never came back (the kernel lost its exit) */
        return diverge_event(run, s, (uint32_t)s->inflight, "event", "no return from the call", executed);
    skip_settled(run, s);
    uint32_t j = call_record_at(run, s, s->pos, nr);
    bool is_call = j < s->n && event_at(run, s, j)->kind == TRACE_SYSCALL;
    if (rule_vdso_call(nr) && (!is_call || event_at(run, s, j)->syscall.nr != nr)) {
        run->counts[RULE_VDSO_CALL]++;
        s->vdso_call = true;
        return CHECK_GO;
    }
    if (!is_call)
        return diverge_event(run, s, j < s->n ? j : s->pos, "event", executed, executed);
    const struct trace_syscall *sc = &event_at(run, s, j)->syscall;
    if (sc->nr != nr)
        return diverge_event(run, s, j, "syscall", desc_name(nr) ? desc_name(nr) : "?", executed);
    s->inflight = j;
    return fields_enter(run, s, (uint32_t)j, executed);
}

/* Consumes the BIRTH and EXEC records between the cursor and the finished call at pos, and the
 * ones right after it: each must have happened in the execution. */
static int settle_side_events(struct check_run *run, struct check_stream *s, uint32_t pos,
                              bool exec_done, const char *executed)
{
    for (uint32_t k = s->pos; k < pos; k++) {
        const struct trace_event *ev = event_at(run, s, k);
        if (ev->kind == TRACE_BIRTH && ev->birth.birth_index >= s->born)
            return diverge_event(run, s, k, "event", "no new task", executed);
        if (ev->kind == TRACE_EXEC && !exec_done)
            return diverge_event(run, s, k, "event", "no exec", executed);
        run->counts[RULE_EXACT]++;
    }
    s->pos = pos + 1;
    while (s->pos < s->n && event_at(run, s, s->pos)->kind == TRACE_EXEC) {
        if (!exec_done)
            return diverge_event(run, s, s->pos, "event", "no exec", executed);
        run->counts[RULE_EXACT]++;
        s->pos++;
    }
    return CHECK_GO;
}

bool check_inflight_result(const struct check_run *run, int tid, int64_t *result)
{
    const struct check_stream *s = stream_of((struct check_run *)run, tid);
    if (!s || s->inflight < 0 || s->vdso_call)
        return false;
    *result = event_at(run, s, (uint32_t)s->inflight)->syscall.result;
    return true;
}

const uint64_t *check_last_args(const struct check_run *run, int tid)
{
    const struct check_stream *s = stream_of((struct check_run *)run, tid);
    return s ? s->args : NULL;
}

int check_exit(struct check_run *run, int tid, uint32_t nr, int64_t *result)
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    struct check_stream *s = stream_of(run, tid);
    if (s && s->vdso_call) {
        s->vdso_call = false;
        return CHECK_GO;
    }
    if (!s || s->inflight < 0)
        return CHECK_GO;  /* e.g. a child returning from fork: its stream starts after the call */
    uint32_t pos = (uint32_t)s->inflight;
    const char *executed = REPORT_CALL;
    s->cur_nr = nr;
    s->cur_has_result = true;
    s->cur_result = *result;
    int rc;
    if (!sigsync_sigreturn(run, s, pos, *result, &rc))
        rc = fields_exit(run, s, pos, result, executed);
    if (rc != CHECK_GO)
        return rc;
    s->inflight = -1;
    bool exec_done = desc_is_exec(nr) && *result == 0;
    learn_disposition(s, &event_at(run, s, pos)->syscall);
    if (exec_done)
        s->handlers = 0;  /* exec resets handled signals to their default action */
    rc = settle_side_events(run, s, pos, exec_done, executed);
    if (rc != CHECK_GO)
        return rc;
    remember(s, pos);
    run->calls++;
    return CHECK_GO;
}

/* ---- births, signals, exits ---- */

int check_birth(struct check_run *run, int parent_tid, int child_tid, uint64_t clone_flags)
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    struct check_stream *p = stream_of(run, parent_tid);
    if (!p)
        return CHECK_GO;
    uint32_t at = p->inflight >= 0 ? (uint32_t)p->inflight : p->pos;
    if (p->born >= p->nchildren)
        return diverge_event(run, p, at, "event", "a new task", NULL);
    uint32_t child = p->children[p->born];
    for (uint32_t k = 0; k < p->n; k++) {
        const struct trace_event *ev = event_at(run, p, k);
        if (ev->kind != TRACE_BIRTH || ev->birth.child != child)
            continue;
        if (ev->birth.clone_flags != clone_flags) {
            char e[32], a[32];
            report_number((int64_t)ev->birth.clone_flags, e, sizeof e);
            report_number((int64_t)clone_flags, a, sizeof a);
            struct div_detail d = { "clone flags", e, a, rule_what(RULE_EXACT), NULL };
            return report_divergence(run, p, k, &d);
        }
        run->counts[RULE_EXACT]++;
        break;
    }
    p->born++;
    struct check_stream *c = &run->tasks[child];
    c->tid = child_tid;
    c->attached = true;
    c->handlers = p->handlers;  /* fork copies the dispositions (threads share them: a copy too) */
    return CHECK_GO;
}

void check_task_tid(struct check_run *run, int old_tid, int new_tid)
{
    struct check_stream *s = stream_of(run, old_tid);
    if (s && !stream_of(run, new_tid))
        s->tid = new_tid;
}

int check_birth_auto(struct check_run *run, int parent_tid, int child_tid)
{
    struct check_stream *p = stream_of(run, parent_tid);
    if (!p || p->inflight < 0)
        return check_birth(run, parent_tid, child_tid, 0);
    uint64_t flags = 0;
    switch (event_at(run, p, (uint32_t)p->inflight)->syscall.nr) {
    case 57: /* fork */
        flags = 17;  /* SIGCHLD */
        break;
    case 58: /* vfork */
        flags = 0x4000 | 0x100 | 17;  /* CLONE_VFORK | CLONE_VM | SIGCHLD */
        break;
    case 56: /* clone */
        flags = p->args[0];
        break;
    case 435: /* clone3: struct clone_args starts with the flags */
        if (run->env->read_user(run->env->ctx, child_tid, p->args[0], &flags, sizeof flags) != 0 &&
            run->env->read_user(run->env->ctx, parent_tid, p->args[0], &flags, sizeof flags) != 0)
            flags = 0;
        break;
    }
    return check_birth(run, parent_tid, child_tid, flags);
}

static const char *signame(int signo)
{
    const char *name = desc_signal_name(signo);
    return name ? name : "SIG?";
}

/* One field of a delivered signal's siginfo, by its rule. */
static bool signal_field(struct check_run *run, struct check_stream *s, enum check_role role,
                         const char *name, int64_t rec, int64_t act, const char *actual, int *rc)
{
    struct rule_ctx c = { role, true, role == CR_PID ? 4 : 8, -1, name };
    struct rule_outcome o;
    if (rule_apply(run, &c, (uint64_t)rec, (uint64_t)act, &o))
        return true;
    char e[40], a[40];
    report_number(rec, e, sizeof e);
    report_number(act, a, sizeof a);
    struct div_detail d = { name, e, a, o.why, actual };
    *rc = report_divergence(run, s, s->pos, &d);
    return false;
}

int check_signal(struct check_run *run, int tid, const struct trace_signal *si, bool handled)
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    struct check_stream *s = stream_of(run, tid);
    if (!s)
        return CHECK_GO;
    while (s->pos < s->n && event_at(run, s, s->pos)->kind == TRACE_BIRTH &&
           event_at(run, s, s->pos)->birth.birth_index < s->born)
        s->pos++;
    char actual[DIV_CALL_MAX];
    struct fmtbuf f;
    fmt_init(&f, actual, sizeof actual);
    fmt_str(&f, "--- ");
    fmt_str(&f, signame(si->signo));
    fmt_str(&f, " {si_code=");
    fmt_i64(&f, si->code);
    fmt_str(&f, "} ---");
    if (s->pos < s->n) {
        const struct trace_event *ev = event_at(run, s, s->pos);
        const struct trace_signal *r = &ev->signal;
        if (ev->kind == TRACE_SIGNAL && r->signo == si->signo && !handled &&
            !(s->handlers & sigbit(si->signo))) {
            /* Ignored on both sides: no handler sees its siginfo (which child's SIGCHLD it was
             * is scheduling), so only the event itself is matched. */
            run->counts[RULE_SIGNAL_IGNORED]++;
            sigsync_delivered(run, s, s->pos);
            s->pos++;
            return CHECK_GO;
        }
        if (ev->kind == TRACE_SIGNAL && r->signo == si->signo) {
            int rc = CHECK_GO;
            run->counts[RULE_EXACT]++;
            if (!signal_field(run, s, CR_EXACT, "si_code", r->code, si->code, actual, &rc) ||
                !signal_field(run, s, CR_EXACT, "si_errno", r->si_errno, si->si_errno, actual, &rc))
                return rc;
            if ((r->flags & TRACE_SIG_HAS_PID) &&
                (!signal_field(run, s, CR_PID, "si_pid", r->pid, si->pid, actual, &rc) ||
                 !signal_field(run, s, CR_EXACT, "si_uid", r->uid, si->uid, actual, &rc)))
                return rc;
            if ((r->flags & TRACE_SIG_HAS_STATUS) &&
                !signal_field(run, s, CR_EXACT, "si_status", r->status, si->status, actual, &rc))
                return rc;
            if ((r->flags & TRACE_SIG_HAS_ADDR) &&
                !signal_field(run, s, CR_ADDRESS, "si_addr", (int64_t)r->addr, (int64_t)si->addr, actual, &rc))
                return rc;
            sigsync_delivered(run, s, s->pos);
            s->pos++;
            return CHECK_GO;
        }
    }
    if (!handled && rule_default_ignored(si->signo)) {
        run->counts[RULE_SIGNAL_IGNORED]++;
        return CHECK_GO;
    }
    return diverge_event(run, s, s->pos, "event", actual, actual);
}

int check_task_exit(struct check_run *run, int tid, int wait_status)
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    struct check_stream *s = stream_of(run, tid);
    if (!s)
        return CHECK_GO;
    char actual[DIV_CALL_MAX];
    report_status(wait_status, actual, sizeof actual);
    if (s->inflight >= 0) {
        uint32_t pos = (uint32_t)s->inflight;
        if (!(event_at(run, s, pos)->syscall.flags & TRACE_SC_NORETURN))
            return diverge_event(run, s, pos, "event", actual, actual);
        int rc = settle_side_events(run, s, pos, false, actual);
        if (rc != CHECK_GO)
            return rc;
        s->inflight = -1;
        remember(s, pos);
        run->calls++;
    }
    skip_settled(run, s);
    if (s->pos >= s->n || event_at(run, s, s->pos)->kind != TRACE_EXIT)
        return diverge_event(run, s, s->pos, "event", actual, actual);
    const struct trace_exit *x = &event_at(run, s, s->pos)->exit;
    if (x->status != wait_status) {
        char e[DIV_CALL_MAX];
        report_status(x->status, e, sizeof e);
        struct div_detail d = { "exit status", e, actual, rule_what(RULE_EXACT), actual };
        return report_divergence(run, s, s->pos, &d);
    }
    run->counts[RULE_EXACT]++;
    s->pos++;
    if (s->pos < s->n)
        return diverge_event(run, s, s->pos, "event", actual, actual);
    s->exited = true;
    return CHECK_GO;
}

int check_run_finish(struct check_run *run)
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    for (uint32_t t = 0; t < run->ntasks; t++) {
        struct check_stream *s = &run->tasks[t];
        if (!s->exited) {
            uint32_t at = s->pos < s->n ? s->pos : (s->n ? s->n - 1 : 0);
            if (!s->attached) {
                struct check_stream *p = NULL;
                for (uint32_t q = 0; q < run->ntasks && !p; q++)
                    for (uint32_t c = 0; c < run->tasks[q].nchildren; c++)
                        if (run->tasks[q].children[c] == t)
                            p = &run->tasks[q];
                if (p) {
                    for (uint32_t k = 0; k < p->n; k++)
                        if (event_at(run, p, k)->kind == TRACE_BIRTH &&
                            event_at(run, p, k)->birth.child == t)
                            at = k;
                    return diverge_event(run, p, at, "event", "the task was never created", NULL);
                }
            }
            return diverge_event(run, s, at, "event", "the process tree is gone", NULL);
        }
    }
    run->verdict = VERDICT_MATCH;
    return CHECK_GO;
}

size_t check_verdict_line(const struct check_run *run, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    switch (run->verdict) {
    case VERDICT_MATCH: {
        uint64_t cls[4] = { 0 };
        for (int r = 0; r < RULE_COUNT; r++)
            cls[rule_class((enum rule_id)r)] += run->counts[r];
        fmt_str(&f, "MATCH ");
        fmt_str(&f, run->name);
        fmt_str(&f, " (");
        fmt_u64(&f, run->calls);
        fmt_str(&f, " calls; compared ");
        fmt_u64(&f, cls[CLASS_COMPARED]);
        fmt_str(&f, ", mapped ");
        fmt_u64(&f, cls[CLASS_MAPPED]);
        fmt_str(&f, ", injected ");
        fmt_u64(&f, cls[CLASS_INJECTED]);
        if (cls[CLASS_NOTED]) {
            fmt_str(&f, ", noted ");
            fmt_u64(&f, cls[CLASS_NOTED]);
        }
        fmt_str(&f, ")");
        break;
    }
    case VERDICT_DIVERGE:
        fmt_str(&f, "DIVERGE ");
        fmt_str(&f, run->name);
        fmt_str(&f, " at #");
        fmt_u64(&f, run->div.record);
        fmt_str(&f, ": ");
        fmt_str(&f, run->div.executed);
        fmt_str(&f, " -> ");
        fmt_str(&f, run->div.field);
        fmt_str(&f, " ");
        fmt_str(&f, run->div.actual);
        fmt_str(&f, ", expected ");
        fmt_str(&f, run->div.expected);
        break;
    case VERDICT_ERROR:
        fmt_str(&f, "ERROR ");
        fmt_str(&f, run->name);
        fmt_str(&f, ": ");
        fmt_str(&f, run->error);
        break;
    default:
        fmt_str(&f, "RUNNING ");
        fmt_str(&f, run->name);
    }
    return f.len < size ? f.len : (size ? size - 1 : 0);
}
