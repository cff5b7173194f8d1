/*
 * wait.h — wait queues: a task that must block sleeps on one until a condition holds.
 * Whoever changes the condition calls wq_wake_all(); the sleepers re-test it.
 * Blocking calls sleep here, they never spin.
 */
#ifndef KERNEL_PROC_WAIT_H
#define KERNEL_PROC_WAIT_H
#include <stdbool.h>

struct task;

struct waitqueue {
    struct task *head;   /* sleepers, linked through task->wq_next */
};

void wq_init(struct waitqueue *wq);
void wq_wake_all(struct waitqueue *wq);
/* Told when wq_wake_all() unlinks a zombie sleeper, which is a watch's sentinel
 * (kernel/events/evwait.h), so the watch knows when it fired. */
void wq_watch_woken(struct task *sentinel) __attribute__((weak));
/* Sleep until ready(arg) is true: 0, or -EINTR when a signal is pending. */
int wq_wait(struct waitqueue *wq, bool (*ready)(void *arg), void *arg);
/* The same, but only a signal that will end the task stops it (-EINTR): Linux's TASK_KILLABLE. */
int wq_wait_killable(struct waitqueue *wq, bool (*ready)(void *arg), void *arg);

#endif
