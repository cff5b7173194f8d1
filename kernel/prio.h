/*
 * prio.h — the tasks a priority call names (kernel/sys.c): getpriority/setpriority and
 * ioprio_get/ioprio_set take the same (which, who) pair, Linux's PRIO_PROCESS (a thread id),
 * PRIO_PGRP (a process group) and PRIO_USER (a real uid), who 0 meaning the caller's own.
 */
#ifndef KERNEL_PRIO_H
#define KERNEL_PRIO_H

struct task;

/* Calls fn on every live task named; returns how many, or -EINVAL for an unknown which. */
int prio_for_each(int which, int who, void (*fn)(struct task *t, void *arg), void *arg);

#endif
