/* korder.c — the kernel side of check mode's ordering rules (docs/interfaces.md, "Check mode's
 * scheduling rules"): a call starts no earlier than on Linux and user code resumes after what
 * had completed before (RULE_ENTRY_ORDER, engine side order.c), futex calls wait for the store
 * or the waiter their recorded result implies (RULE_FUTEX_ORDER), a stream read asks for the
 * recorded length (RULE_STREAM_READ), wait4(-1) waits for the child Linux reaped
 * (RULE_WAIT_ORDER), and an exiting task becomes a zombie in the recorded order. */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/signal.h"
#include "kernel/events/evwait.h"
#include "kernel/futex.h"
#include <linux/futex.h>
#include "arch/x86_64/arch.h"

#include "check.h"
#include "engine.h"
#include "kglue.h"

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
void order_progress(void)
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

void wait_entry_turn(struct task *t, uint32_t nr)
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
void wait_return_turn(struct task *t)
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

void futex_follow_recording(struct task *t, const uint64_t args[6])
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

/* RULE_STREAM_READ: how much a read from a pipe or a socket returns depends on how far its
 * writer had got, that is on scheduling, which check mode does not compare (DESIGN.md principle
 * 5). So such a read asks for no more than the recorded result; the result is still compared. */
void limit_stream_read(struct task *t, uint64_t args[6])
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
void wait_for_recorded_child(struct task *t, uint64_t args[6])
{
    int64_t rec;
    uint64_t act;
    if ((int)args[0] != -1 || !check_inflight_result(&the_run, t->tid, &rec) || rec <= 0 ||
        !idmap_lookup_rec(&the_run.pids, (uint64_t)rec, &act))
        return;
    args[0] = act;
    the_run.counts[RULE_WAIT_ORDER]++;
}

/* A task that exits becomes a zombie, which wait4(WNOHANG) sees, after the events written
 * before its exit record had happened on Linux: it waits for them once it has let go of its
 * files and memory (check_hook_task_released: a reader may wait for its pipe's EOF). */
static struct { const struct task *t; uint32_t event; } exiting[16];

void note_exit_turn(struct task *t)
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

void order_rules_reset(void)
{
    memset(exiting, 0, sizeof exiting);
}
