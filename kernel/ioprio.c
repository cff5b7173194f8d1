/*
 * ioprio.c — ioprio_get and ioprio_set, after Linux's block/ioprio.c. There is no block layer
 * here: a task keeps the value it was given (0, class NONE, until then; a child inherits it),
 * validated and permission-checked as Linux does, so ionice and friends see Linux's answers.
 * The (which, who) pair names tasks as getpriority's does (prio.h), shifted by one.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/prio.h"
#include "kernel/proc/proc.h"

#define IOPRIO_CLASS(p) (((p) >> 13) & 7)
#define IOPRIO_LEVEL(p) ((p) & 7)
enum { IOPRIO_CLASS_NONE, IOPRIO_CLASS_RT, IOPRIO_CLASS_BE, IOPRIO_CLASS_IDLE };
enum { IOPRIO_WHO_PROCESS = 1, IOPRIO_WHO_PGRP, IOPRIO_WHO_USER };

/* Linux's ioprio_check_cap: RT needs privilege; a NONE value carries no level. */
static int ioprio_check(int ioprio)
{
    switch (IOPRIO_CLASS(ioprio)) {
    case IOPRIO_CLASS_RT:
        if (current_task()->euid != 0)
            return -EPERM;
        return 0;
    case IOPRIO_CLASS_BE:
    case IOPRIO_CLASS_IDLE:
        return 0;
    case IOPRIO_CLASS_NONE:
        return IOPRIO_LEVEL(ioprio) ? -EINVAL : 0;
    default:
        return -EINVAL;
    }
}

/* ioprio_best: NONE counts as the default (0); the smaller value wins. */
static void best_ioprio(struct task *t, void *arg)
{
    long *best = arg;
    long v = IOPRIO_CLASS(t->ioprio) == IOPRIO_CLASS_NONE ? 0 : t->ioprio;
    *best = *best == -ESRCH ? v : MIN(*best, v);
}

long sys_ioprio_get(int which, int who)
{
    long best = -ESRCH;
    int n = prio_for_each(which - 1, who, best_ioprio, &best);
    return n < 0 ? n : best;
}

struct set_ioprio {
    int ioprio;
    long err;
};

/* set_task_ioprio: the target's real uid must be the caller's real or effective uid, or root.
 * A group or user stops at the first refusal, as Linux's loops do. */
static void set_ioprio_one(struct task *t, void *arg)
{
    struct set_ioprio *s = arg;
    struct task *self = current_task();
    if (s->err != -ESRCH && s->err != 0)
        return;
    if (self->euid != 0 && t->uid != self->euid && t->uid != self->uid) {
        s->err = -EPERM;
        return;
    }
    t->ioprio = s->ioprio;
    s->err = 0;
}

long sys_ioprio_set(int which, int who, int ioprio)
{
    int err = ioprio_check(ioprio);
    if (err)
        return err;
    if (which < IOPRIO_WHO_PROCESS || which > IOPRIO_WHO_USER)
        return -EINVAL;
    struct set_ioprio s = { ioprio, -ESRCH };
    prio_for_each(which - 1, who, set_ioprio_one, &s);
    return s.err;
}
