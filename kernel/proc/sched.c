/*
 * sched.c — one CPU, round-robin. The kernel is not preemptible: it runs with interrupts
 * off and gives the CPU up only by sleeping (wait.c) or on the way back to user mode,
 * where the timer's request to reschedule is honoured. The boot context becomes the idle
 * task (pid 0), which halts until an interrupt makes something runnable.
 */
#include "kernel/signal.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/mm.h"
#include "kernel/time.h"
#include "arch/x86_64/arch.h"

static struct task idle_task = { .comm = "idle", .state = TASK_RUNNABLE };
static struct task *current = &idle_task;
static struct task *rq_head, *rq_tail;
static bool need_resched;

static struct task *all_tasks;      /* linked through ->all_next */

struct task *current_task(void)
{
    return current;
}

void sched_init(void)
{
    arch_init_idle_task(&idle_task);
}

void task_register(struct task *t)
{
    t->all_next = all_tasks;
    all_tasks = t;
}

void task_unregister(struct task *t)
{
    for (struct task **pp = &all_tasks; *pp; pp = &(*pp)->all_next)
        if (*pp == t) {
            *pp = t->all_next;
            return;
        }
}

struct task *task_first(void)
{
    return all_tasks;
}

struct task *task_next(struct task *t)
{
    return t->all_next;
}

struct task *task_by_pid(int pid)
{
    for (struct task *t = all_tasks; t; t = t->all_next)
        if (t->tid == pid)
            return t;
    return NULL;
}

static void enqueue(struct task *t)
{
    if (t->on_rq || t == &idle_task)
        return;
    t->on_rq = true;
    t->run_next = NULL;
    if (rq_tail)
        rq_tail->run_next = t;
    else
        rq_head = t;
    rq_tail = t;
}

static struct task *dequeue(void)
{
    struct task *t = rq_head;
    if (!t)
        return NULL;
    rq_head = t->run_next;
    if (!rq_head)
        rq_tail = NULL;
    t->on_rq = false;
    return t;
}

void sched_wakeup(struct task *t)
{
    if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
        return;
    t->state = TASK_RUNNABLE;
    enqueue(t);
}

void schedule(void)
{
    struct task *prev = current;
    need_resched = false;
    if (prev->state == TASK_RUNNABLE)
        enqueue(prev);
    struct task *next = dequeue();
    if (!next)
        next = &idle_task;
    if (next == prev)
        return;
    uint64_t now = arch_monotonic_ns();
    prev->runtime_ns += now - prev->switched_in_ns;
    next->switched_in_ns = now;
    current = next;
    mm_activate(next->mm);
    arch_switch_to(prev, next);
}

_Noreturn void sched_idle_loop(void)
{
    for (;;) {
        while (!rq_head)
            arch_idle();
        schedule();
    }
}

uint64_t task_cputime_ns(struct task *t)
{
    return t->runtime_ns + (t == current ? arch_monotonic_ns() - t->switched_in_ns : 0);
}

void timer_interrupt(bool from_user)
{
    if (from_user)
        current->utime_ticks++;
    else if (current != &idle_task)
        current->stime_ticks++;
    time_tick();
    need_resched = true;
}

void user_return_hook(void)
{
    if (need_resched)
        schedule();
    signal_deliver();   /* kernel/signal_deliver.c: default actions, handlers, restarts */
}

long sys_sched_yield(void)
{
    schedule();
    return 0;
}
