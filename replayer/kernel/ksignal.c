/* ksignal.c — the kernel side of check mode's signal rules (RULE_SIGNAL_POINT, whose engine
 * side is sigsync.c, and RULE_SIGCHLD_CHILD): which pending signals are held out of delivery,
 * the SIGCHLD notes that let a delivery carry the recorded child's siginfo, and the bounded
 * waits for a signal the recording delivers at a call's entry or return. */
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/signal.h"
#include "kernel/events/evwait.h"
#include "arch/x86_64/arch.h"

#include "check.h"
#include "engine.h"
#include "kglue.h"

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
bool await_signal(struct task *t, int sig)
{
    uint64_t until = arch_monotonic_ns() + SIGNAL_WAIT_NS;
    while (!signal_came(t, sig)) {
        if (wait_over(&until))
            return false;
        ev_wait(NULL, wait_over, &until, ev_deadline_after(SIGNAL_POLL_NS));
    }
    return true;
}

_Noreturn void signal_missing(struct task *t, int sig, bool blocked)
{
    check_signal_missing(&the_run, t->tid, sig, blocked);
    kill_current();
}

/* The recording delivers sig before the call t is entering: true when it is now deliverable
 * (the call is skipped and restarts after delivery). */
bool deliver_before_call(struct task *t, int sig)
{
    if (!await_signal(t, sig))
        signal_missing(t, sig, false);
    if (signal_pending(t) || !(t->sigmask & SIGBIT(sig)))
        return true;     /* deliverable, or ignored: delivery reports it */
    signal_missing(t, sig, true);
}

void signal_rules_reset(void)
{
    nnotes = 0;
}
