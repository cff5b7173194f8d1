/*
 * order.c — RULE_ENTRY_ORDER: a call starts no earlier than it started on Linux.
 *
 * With every syscall the recorder writes how many events the trace held when the call left its
 * entry stop (entered_after, traces/FORMAT.md): the calls of those events had completed on Linux
 * before this one began. Which of two tasks runs first is scheduling, which principle 5 does not
 * compare, but what a call returns often depends on it: pthread_join finds the thread gone or
 * waits on its futex, a read finds the bytes or blocks. So in check mode a task waits for the
 * other tasks to consume their earlier events at two points (the caller, kglue.c, does the
 * sleeping):
 *   - before it returns to user mode from a call: for every event written before that call's
 *     own record (they completed before it did, so before any of the user code that follows);
 *     and, for a bounded time only, up to its next call's entered_after, since the user code in
 *     between may be what another task is spinning on;
 *   - at the entry of a call: up to that call's entered_after, as a hard rule.
 * The task whose pending event is the earliest never waits (no target exceeds its own next
 * event's index), so these waits cannot deadlock among themselves; a call that never gets its
 * turn is a divergence (check_entry_overdue).
 */
#include "streams.h"
#include "report.h"

/* Index in run->events of the first event of s the execution has not consumed, or UINT32_MAX.
 * BIRTH records of children that exist already and ignored deliveries count as consumed; a task
 * that has exited holds its last event until it is gone (its clear_child_tid and futex wake
 * done, check_task_gone). */
static uint32_t first_pending(const struct check_run *run, const struct check_stream *s)
{
    if (s->exited)
        return s->gone || !s->n ? UINT32_MAX : s->ev[s->n - 1];
    for (uint32_t k = s->pos; k < s->n; k++) {
        if (!event_settled(s, event_at(run, s, k)))
            return s->ev[k];
    }
    return UINT32_MAX;
}

/* The recorded call that s's call nr will be matched with (as check_enter finds it), or NULL. */
static const struct trace_syscall *next_call(const struct check_run *run, const struct check_stream *s,
                                             uint32_t nr, uint32_t *pos)
{
    uint32_t k = s->pos;
    while (k < s->n && event_settled(s, event_at(run, s, k)))
        k++;
    k = call_record_at(run, s, k, nr);
    if (k >= s->n || event_at(run, s, k)->kind != TRACE_SYSCALL || event_at(run, s, k)->syscall.nr != nr)
        return NULL;
    *pos = k;
    return &event_at(run, s, k)->syscall;
}

uint32_t check_order_entry(struct check_run *run, int tid, uint32_t nr)
{
    struct check_stream *s = stream_of(run, tid);
    uint32_t pos;
    const struct trace_syscall *sc = s && run->verdict == VERDICT_RUNNING && s->inflight < 0
                                         ? next_call(run, s, nr, &pos) : NULL;
    return sc ? sc->entered_after : 0;
}

uint32_t check_order_return(struct check_run *run, int tid, uint32_t *next_entry)
{
    struct check_stream *s = stream_of(run, tid);
    *next_entry = 0;
    if (!s || run->verdict != VERDICT_RUNNING || !s->nlast || s->inflight >= 0)
        return 0;
    for (uint32_t k = s->pos; k < s->n; k++)
        if (event_at(run, s, k)->kind == TRACE_SYSCALL) {
            *next_entry = event_at(run, s, k)->syscall.entered_after;
            break;
        }
    return s->ev[s->last[(s->nlast - 1) % DIV_LAST_N]];   /* the call that just completed */
}

bool check_order_ready(struct check_run *run, int tid, uint32_t target, bool soft, uint32_t *wait_task,
                       uint32_t *wait_event)
{
    const struct check_stream *self = stream_of(run, tid);
    if (run->verdict != VERDICT_RUNNING)
        return true;
    for (uint32_t t = 0; t < run->ntasks; t++) {
        const struct check_stream *s = &run->tasks[t];
        uint32_t first = s == self || (soft && s->awaits_user) ? UINT32_MAX : first_pending(run, s);
        if (first < target) {
            *wait_task = t;
            *wait_event = first;
            return false;
        }
    }
    return true;
}

void check_awaits_user(struct check_run *run, int tid, bool waiting)
{
    struct check_stream *s = stream_of(run, tid);
    if (s)
        s->awaits_user = waiting;
}

void check_task_gone(struct check_run *run, int tid)
{
    for (uint32_t t = 0; t < run->ntasks; t++)
        if (run->tasks[t].attached && run->tasks[t].exited && run->tasks[t].tid == tid)
            run->tasks[t].gone = true;
}

int check_entry_overdue(struct check_run *run, int tid, uint32_t nr, uint32_t wait_task, uint32_t wait_event)
{
    struct check_stream *s = stream_of(run, tid);
    uint32_t pos;
    if (!s || run->verdict != VERDICT_RUNNING || !next_call(run, s, nr, &pos) || wait_event >= run->nevents)
        return CHECK_STOP;
    char what[DIV_CALL_MAX], actual[DIV_VALUE_MAX];
    report_recorded(&run->events[wait_event], what, sizeof what);
    struct fmtbuf f;
    fmt_init(&f, actual, sizeof actual);
    fmt_str(&f, "waited in vain for t");   /* Linux had completed that call before this one */
    fmt_u64(&f, wait_task);
    fmt_str(&f, "'s ");
    fmt_str(&f, what);
    return diverge_event(run, s, pos, "order", actual, REPORT_CALL);
}
