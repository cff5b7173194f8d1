/* sigsync.c — RULE_SIGNAL_POINT: an asynchronous signal is delivered where the recording has it.
 *
 * When a SIGCHLD, a timer's SIGALRM or another task's kill arrives depends on scheduling, which
 * check mode does not compare (DESIGN.md principle 5). So the kernel asks, for a task with a
 * pending signal, which one the recording delivers next (check_signal_due) and holds the others
 * out of delivery: they stay pending (rt_sigpending, signalfd and sigtimedwait still see them),
 * but do not interrupt calls and do not run handlers. A recorded delivery happened either on the
 * return of the call before it or later, after user code ran:
 *  - on the return: the call's recorded result is an interruption (-ERESTART*, -EINTR), or the
 *    handler's rt_sigreturn gave back that call's result (the frame saved it), or there is no
 *    handler to tell; the task then waits at the call's exit until the signal is pending;
 *  - later: the task waits at the entry of its next call, is given the signal there and the call
 *    restarts after the handler, as a call interrupted before it began. The handler's
 *    rt_sigreturn then gives back that call's number (the frame's rax at a restart), which is
 *    what is checked instead of the user register Linux's interrupt happened to save.
 * SIGKILL is not in traces (ptrace never stops for it): a task it killed ends with the call it
 * was in ("= ?") or right after its last event, so it is held until the task gets there.
 * A call in flight whose recorded result is an interruption may be interrupted by the signal
 * recorded after it; one that Linux gave up before doing anything (-ERESTARTNOINTR: fork
 * when a signal arrived meanwhile) waits for that signal at its entry, so it finds it pending. The caller (kglue.c) bounds each wait; a signal that never comes is the
 * divergence (check_signal_missing).
 */
#include "engine.h"
#include "streams.h"
#include "desc.h"
#include "report.h"

#define NR_RT_SIGRETURN 15
#define NR_RT_SIGTIMEDWAIT 128
#define NO_POS 0xffffffffu
#define USER_RUN_NS 50000000ull   /* a task this long in user code may take a later delivery */
#define SCAN_MAX 65536u           /* how far to look for a handler's rt_sigreturn */

static bool interrupted(int64_t result)
{
    return result == -4 /* EINTR */ || result == -512 /* ERESTARTSYS */ ||
           result == -513 /* ERESTARTNOINTR */ || result == -514 /* ERESTARTNOHAND */ ||
           result == -516 /* ERESTART_RESTARTBLOCK */;
}

/* The first event at or after pos that needs the execution to act: past born BIRTH records,
 * EXEC records and ignored deliveries (the cursor is not moved). */
uint32_t stream_peek(const struct check_run *run, const struct check_stream *s, uint32_t pos)
{
    for (; pos < s->n; pos++) {
        const struct trace_event *ev = event_at(run, s, pos);
        if (!event_settled(s, ev) && ev->kind != TRACE_EXEC)
            break;
    }
    return pos;
}

/* The signal delivered at pos, when it is one this rule places: not a fault (a fault happens
 * where the program's instruction is, never held or waited for). */
static int signal_at(const struct check_run *run, const struct check_stream *s, uint32_t pos)
{
    if (pos >= s->n || event_at(run, s, pos)->kind != TRACE_SIGNAL ||
        (event_at(run, s, pos)->signal.flags & TRACE_SIG_HAS_ADDR))
        return 0;
    return event_at(run, s, pos)->signal.signo;
}

/* The rt_sigreturn that ends the handler of the delivery at sigpos, or NO_POS (no handler,
 * or the handler never returned: it exec'd, exited or jumped away). */
static uint32_t find_sigreturn(const struct check_run *run, const struct check_stream *s, uint32_t sigpos)
{
    uint64_t handlers = s->handlers;
    if (!(handlers & sigbit(event_at(run, s, sigpos)->signal.signo)))
        return NO_POS;
    uint32_t depth = 1;
    for (uint32_t k = sigpos + 1; k < s->n && k - sigpos < SCAN_MAX; k++) {
        const struct trace_event *ev = event_at(run, s, k);
        if (ev->kind == TRACE_SIGNAL && (handlers & sigbit(ev->signal.signo)))
            depth++;
        else if (ev->kind == TRACE_EXEC || ev->kind == TRACE_EXIT)
            return NO_POS;
        else if (ev->kind == TRACE_SYSCALL && ev->syscall.nr == NR_RT_SIGRETURN && --depth == 0)
            return k;
        else if (ev->kind == TRACE_SYSCALL)
            handlers = handlers_after(handlers, &ev->syscall);
    }
    return NO_POS;
}

/* Whether the recorded delivery at sigpos happened on the return of the call before it. */
static bool delivered_on_return(struct check_run *run, struct check_stream *s, uint32_t sigpos)
{
    if (s->point_valid && s->point_pos == sigpos)
        return s->point_on_return;
    const struct trace_syscall *prev = NULL;
    for (uint32_t k = sigpos; k-- > 0 && !prev;)
        if (event_at(run, s, k)->kind == TRACE_SYSCALL)
            prev = &event_at(run, s, k)->syscall;
    bool on_return = true;
    if (prev && !interrupted(prev->result)) {
        uint32_t ret = find_sigreturn(run, s, sigpos);
        on_return = ret == NO_POS || event_at(run, s, ret)->syscall.result == prev->result;
    }
    s->point_valid = true;
    s->point_pos = sigpos;
    s->point_on_return = on_return;
    return on_return;
}

/* The set a recorded rt_sigtimedwait waits for (its input at arg 0), or 0. */
static uint64_t awaited_set(const struct trace_syscall *sc)
{
    struct trace_mem_iter it;
    struct trace_mem m;
    uint64_t set = 0;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m))
        if (m.dir == TRACE_MEM_IN && m.arg == 0 && m.offset == 0 && m.len >= 8)
            memcpy(&set, m.data, 8);
    return set;
}

static int due_signal(struct check_run *run, struct check_stream *s, bool from_user, uint64_t now_ns)
{
    if (s->inflight >= 0) {
        uint32_t at = (uint32_t)s->inflight;
        if (s->vdso_call || !interrupted(event_at(run, s, at)->syscall.result))
            return 0;
        return signal_at(run, s, stream_peek(run, s, at + 1));
    }
    if (s->entry_sig)
        return s->entry_sig;
    uint32_t k = stream_peek(run, s, s->pos);
    int signo = signal_at(run, s, k);
    if (!signo || delivered_on_return(run, s, k))
        return signo;
    if (!from_user)
        return 0;
    if (!s->returned_ns)   /* the first interrupt since the call came back: start counting */
        s->returned_ns = now_ns ? now_ns : 1;
    return now_ns - s->returned_ns >= USER_RUN_NS ? signo : 0;
}

bool check_signal_due(struct check_run *run, int tid, bool from_user, uint64_t now_ns, uint64_t *due)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING)
        return false;
    *due = sigbit(due_signal(run, s, from_user, now_ns));
    /* rt_sigtimedwait takes the signals it waits for itself: never held from it */
    if (s->inflight >= 0 && !s->vdso_call &&
        event_at(run, s, (uint32_t)s->inflight)->syscall.nr == NR_RT_SIGTIMEDWAIT)
        *due |= awaited_set(&event_at(run, s, (uint32_t)s->inflight)->syscall);
    return true;
}

int check_signal_before_call(struct check_run *run, int tid, uint32_t nr)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING || s->inflight >= 0)
        return 0;
    int signo = signal_at(run, s, stream_peek(run, s, s->pos));
    if (signo) {
        s->entry_sig = signo;
        s->entry_nr = nr;
    }
    return signo;
}

int check_signal_in_call(struct check_run *run, int tid)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING || s->inflight < 0 || s->vdso_call)
        return 0;
    uint32_t at = (uint32_t)s->inflight;
    if (event_at(run, s, at)->syscall.result != -513 /* ERESTARTNOINTR */)
        return 0;
    return signal_at(run, s, stream_peek(run, s, at + 1));
}

int check_signal_after_call(struct check_run *run, int tid)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING || s->inflight >= 0)
        return 0;
    s->returned_ns = 0;
    uint32_t k = stream_peek(run, s, s->pos);
    int signo = signal_at(run, s, k);
    return signo && delivered_on_return(run, s, k) ? signo : 0;
}

bool check_signal_recorded(struct check_run *run, int tid, struct trace_signal *si)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING)
        return false;
    uint32_t k = stream_peek(run, s, s->inflight >= 0 ? (uint32_t)s->inflight + 1 : s->pos);
    if (!signal_at(run, s, k))
        return false;
    *si = event_at(run, s, k)->signal;
    return true;
}

bool check_kill_due(struct check_run *run, int tid)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING)
        return true;
    if (s->inflight >= 0) {
        uint32_t at = (uint32_t)s->inflight;
        return !s->vdso_call && (event_at(run, s, at)->syscall.flags & TRACE_SC_NORETURN) &&
               !(at + 1 < s->n && event_at(run, s, at + 1)->kind == TRACE_EXEC);
    }
    uint32_t k = stream_peek(run, s, s->pos);
    return k >= s->n || event_at(run, s, k)->kind == TRACE_EXIT;
}

uint32_t check_exit_event(struct check_run *run, int tid)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING)
        return 0;
    uint32_t k = stream_peek(run, s, s->inflight >= 0 ? (uint32_t)s->inflight + 1 : s->pos);
    return k < s->n && event_at(run, s, k)->kind == TRACE_EXIT ? s->ev[k] : 0;
}

int check_signal_missing(struct check_run *run, int tid, int signo, bool blocked)
{
    struct check_stream *s = stream_of(run, tid);
    if (!s || run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    const char *name = desc_signal_name(signo);
    char actual[DIV_CALL_MAX];
    struct fmtbuf f;
    fmt_init(&f, actual, sizeof actual);
    fmt_str(&f, "signal ");
    fmt_str(&f, name ? name : "SIG?");
    fmt_str(&f, blocked ? " was recorded here but is blocked" : " was recorded here but never arrived");
    s->entry_sig = 0;
    return diverge_event(run, s, stream_peek(run, s, s->pos), "event", actual, actual);
}

void sigsync_delivered(struct check_run *run, struct check_stream *s, uint32_t pos)
{
    const struct trace_event *ev = event_at(run, s, pos);
    if (!(ev->signal.flags & TRACE_SIG_HAS_ADDR))   /* a fault is where it happens: not placed */
        run->counts[RULE_SIGNAL_POINT]++;
    if (s->entry_sig == ev->signal.signo) {
        uint32_t ret = find_sigreturn(run, s, pos);
        if (ret != NO_POS && s->nsigret < ARRAY_LEN(s->sigret_pos)) {
            s->sigret_pos[s->nsigret] = ret;
            s->sigret_nr[s->nsigret++] = s->entry_nr;
        }
    }
    s->entry_sig = 0;
}

bool sigsync_sigreturn(struct check_run *run, struct check_stream *s, uint32_t pos, int64_t act, int *rc)
{
    for (uint32_t i = 0; i < s->nsigret; i++) {
        if (s->sigret_pos[i] != pos)
            continue;
        int64_t want = s->sigret_nr[i];
        s->sigret_pos[i] = s->sigret_pos[--s->nsigret];
        s->sigret_nr[i] = s->sigret_nr[s->nsigret];
        run->counts[RULE_SIGNAL_POINT]++;
        *rc = CHECK_GO;
        if (act != want) {
            char e[40], a[40];
            report_number(want, e, sizeof e);
            report_number(act, a, sizeof a);
            struct div_detail d = { "result", e, a,
                                    "rt_sigreturn after a delivery at a call's entry gives back that call's number", NULL };
            *rc = report_divergence(run, s, pos, &d);
        }
        return true;
    }
    return false;
}
