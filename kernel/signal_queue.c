/*
 * signal_queue.c — pending signals, as Linux keeps them: each thread has its own pending set
 * (tkill, tgkill, faults: t->sigpending and t->sigq) and the process has one shared set (kill,
 * sigqueue, SIGCHLD, process timers: Linux's signal->shared_pending). Tasks here have no shared
 * signal struct, so the shared sets are kept by thread group id and freed with the group's last
 * thread. A thread takes its own signals first, then the shared ones (dequeue_signal), each
 * time synchronous faults first, then the lowest number; rt_sigpending shows the union.
 * Standard signals pend once per set, real-time ones once per send, and a real-time sigqueue
 * beyond RLIMIT_SIGPENDING fails with EAGAIN (__send_signal). Sending (prepare_signal's job
 * control) is in signal_deliver.c, the system calls in signal.c and proc/kill.c.
 */
#include "kernel/signal.h"
#include "kernel/proc/proc.h"
#include "kernel/errno.h"
#include "replayer/kernel/check.h"

/* One pending set: the signals (bits) and the siginfo of each send, oldest first. */
struct sigpending {
    uint64_t *signal;
    struct sigqueue **head;
};

struct shared_pending {               /* a thread group's shared set */
    struct shared_pending *next;
    int tgid;
    uint64_t signal;
    struct sigqueue *head;
};

static struct shared_pending *groups;

static struct shared_pending *shared_find(int tgid, bool create)
{
    for (struct shared_pending *s = groups; s; s = s->next)
        if (s->tgid == tgid)
            return s;
    if (!create)
        return NULL;
    struct shared_pending *s = kzalloc(sizeof *s);
    if (s) {
        s->tgid = tgid;
        s->next = groups;
        groups = s;
    }
    return s;
}

static struct sigpending own_set(struct task *t)
{
    return (struct sigpending){ &t->sigpending, &t->sigq };
}

static struct sigpending shared_set(struct shared_pending *s)
{
    return (struct sigpending){ &s->signal, &s->head };
}

static uint64_t shared_signals(const struct task *t)
{
    const struct shared_pending *s = shared_find(t->pid, false);
    return s ? s->signal : 0;
}

static bool alive(const struct task *t)
{
    return t->state != TASK_ZOMBIE && t->state != TASK_DEAD;
}

bool signal_ignored(const struct task *t, int sig)
{
    uint64_t bit = SIGBIT(sig), h = t->sigactions[sig - 1].handler;
    if (sig == SIGKILL || sig == SIGSTOP || (t->sigmask & bit))
        return false;
    return h == (uint64_t)SIG_IGN || (h == (uint64_t)SIG_DFL && (bit & IGNORED_BY_DEFAULT));
}

uint64_t signal_pending_set(const struct task *t)
{
    return t->sigpending | shared_signals(t);
}

/* Pending, unblocked and not ignored (ignored ones are only queued in check mode). */
static uint64_t deliverable(const struct task *t)
{
    uint64_t d = signal_pending_set(t) & ~(t->sigmask & ~SIGBIT(SIGKILL));
    if (check_mode && d)   /* check mode: replayer/kernel/check.h (signals not yet due) */
        d &= ~check_hook_signal_held(t);
    for (uint64_t x = d; x; x &= x - 1) {
        int sig = __builtin_ctzl(x) + 1;
        if (signal_ignored(t, sig))
            d &= ~SIGBIT(sig);
    }
    return d;
}

bool signal_pending(struct task *t)
{
    return deliverable(t) != 0 || t->jobctl_stop_sig;   /* a group stop interrupts calls too */
}

/* RLIMIT_SIGPENDING counts the siginfo queued for a user, in every set. */
static unsigned long queued_for_user(unsigned uid)
{
    unsigned long n = 0;
    for (struct task *t = task_first(); t; t = task_next(t))
        for (const struct sigqueue *q = t->sigq; q; q = q->next)
            n += q->uid == uid;
    for (const struct shared_pending *s = groups; s; s = s->next)
        for (const struct sigqueue *q = s->head; q; q = q->next)
            n += q->uid == uid;
    return n;
}

bool sigqueue_room(const struct task *t)
{
    return queued_for_user(t->uid) < t->rlim[RLIMIT_SIGPENDING].rlim_cur;
}

static bool sigqueue_allowed(const struct task *t, int sig, const siginfo_t *info)
{
    bool override = sig < SIGRTMIN && (!info || info->si_code >= 0);
    return override || sigqueue_room(t);
}

/* Linux's __send_signal on one set: -EAGAIN for a real-time signal with a caller's siginfo
 * beyond the limit; a standard one already pending is not queued again. */
static int add_to(struct sigpending p, const struct task *t, int sig, const siginfo_t *info)
{
    if (sig < SIGRTMIN && (*p.signal & SIGBIT(sig)))
        return 0;
    struct sigqueue *q = sigqueue_allowed(t, sig, info) ? kzalloc(sizeof *q) : NULL;
    if (q) {
        if (info)
            q->info = *info;
        else
            q->info.si_code = SI_KERNEL;
        q->info.si_signo = sig;
        q->uid = t->uid;
        struct sigqueue **pp = p.head;
        while (*pp)
            pp = &(*pp)->next;
        *pp = q;
    } else if (sig >= SIGRTMIN && info && info->si_code != SI_USER) {
        return -EAGAIN;                /* queue overflow */
    }
    *p.signal |= SIGBIT(sig);          /* without siginfo: collected as SI_USER from nobody */
    return 0;
}

static void wake_if_deliverable(struct task *t, int sig)
{
    if (t && t->state == TASK_SLEEPING && (deliverable(t) & SIGBIT(sig)))
        sched_wakeup(t);
}

int sigqueue_add(struct task *t, int sig, const siginfo_t *info, bool shared)
{
    if (!shared) {
        int err = add_to(own_set(t), t, sig, info);
        wake_if_deliverable(t, sig);
        return err;
    }
    if (sig == SIGKILL) {              /* complete_signal: fatal to the group, every thread's own */
        for (struct task *o = task_first(); o; o = task_next(o))
            if (o->pid == t->pid && alive(o)) {
                add_to(own_set(o), o, sig, info);
                wake_if_deliverable(o, sig);
            }
        return 0;
    }
    struct shared_pending *s = shared_find(t->pid, true);
    if (!s)
        return -EAGAIN;
    int err = add_to(shared_set(s), t, sig, info);
    /* complete_signal: the thread that does not block it is woken to take it. */
    wake_if_deliverable(thread_signal_target(t, sig), sig);
    return err;
}

/* Linux's __dequeue_signal + collect_signal on one set: the first siginfo of the chosen signal. */
static int take_from(struct sigpending p, uint64_t mask, siginfo_t *info)
{
    uint64_t x = *p.signal & mask;
    if (!x)
        return 0;
    if (x & SYNCHRONOUS)
        x &= SYNCHRONOUS;
    int sig = __builtin_ctzl(x) + 1;
    bool found = false, more = false;
    for (struct sigqueue **pp = p.head; *pp;) {
        struct sigqueue *q = *pp;
        if (q->info.si_signo != sig) {
            pp = &q->next;
        } else if (!found) {
            found = true;
            *info = q->info;
            *pp = q->next;
            kfree(q);
        } else {
            more = true;
            break;
        }
    }
    if (!found) {                      /* queued without siginfo (over the limit) */
        memset(info, 0, sizeof *info);
        info->si_signo = sig;
        info->si_code = SI_USER;
    }
    if (!more)
        *p.signal &= ~SIGBIT(sig);
    return sig;
}

int signal_take(struct task *t, uint64_t mask, siginfo_t *info)
{
    int sig = take_from(own_set(t), mask, info);
    struct shared_pending *s = sig ? NULL : shared_find(t->pid, false);
    if (s)
        sig = take_from(shared_set(s), mask, info);
    return sig;
}

int signal_dequeue(uint64_t mask, siginfo_t *info)
{
    return signal_take(current_task(), mask, info);
}

static void flush_from(struct sigpending p, uint64_t mask)
{
    siginfo_t info;
    while (*p.signal & mask)
        take_from(p, mask, &info);
}

void signal_flush(struct task *t, uint64_t mask)
{
    struct shared_pending *s = shared_find(t->pid, false);
    if (s)
        flush_from(shared_set(s), mask);
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o->pid == t->pid)
            flush_from(own_set(o), mask);
}

static void free_list(struct sigqueue **head)
{
    while (*head) {
        struct sigqueue *q = *head;
        *head = q->next;
        kfree(q);
    }
}

void signal_queue_free(struct task *t)
{
    free_list(&t->sigq);
    t->sigpending = 0;
    for (struct task *o = task_first(); o; o = task_next(o))
        if (o != t && o->pid == t->pid && alive(o))
            return;                    /* the group lives on: its shared set stays */
    for (struct shared_pending **pp = &groups; *pp; pp = &(*pp)->next)
        if ((*pp)->tgid == t->pid) {
            struct shared_pending *s = *pp;
            *pp = s->next;
            free_list(&s->head);
            kfree(s);
            return;
        }
}
