/*
 * pgid_threads — process groups and sessions belong to the process, not to a thread: setpgid
 * or setsid called by a second thread moves the whole process (its main thread sees the new
 * group and session), and setpgid naming a thread that is not the group leader is EINVAL.
 * Each case runs in a child, so the contract's own group never moves.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* The threads report through ready and then wait on hold, which stays empty: the process ends
 * with them still there (exit_group), so no join depends on which thread gets there first. */
static int ready[2], hold[2];
static volatile pid_t thread_tid;
static volatile long thread_result;

static void report_and_hold(void)
{
	char c;
	write(ready[1], "t", 1);
	read(hold[0], &c, 1);
}

static void *do_setpgid(void *arg)
{
	(void)arg;
	thread_result = setpgid(0, 0);
	report_and_hold();
	return NULL;
}

static void *do_setsid(void *arg)
{
	(void)arg;
	thread_result = setsid();
	report_and_hold();
	return NULL;
}

static void *give_tid(void *arg)
{
	(void)arg;
	thread_tid = (pid_t)syscall(SYS_gettid);
	report_and_hold();
	return NULL;
}

/* Start fn in a thread and wait for its report. */
static void run_thread(void *(*fn)(void *))
{
	pthread_t th;
	char c;
	pipe(ready);
	pipe(hold);
	pthread_create(&th, NULL, fn, NULL);
	read(ready[0], &c, 1);
}

static int group_case(void)
{
	run_thread(do_setpgid);
	if (thread_result != 0)
		return 1;
	if (getpgrp() != getpid())
		return 2;   /* the main thread sees the process's new group */
	return 0;
}

static int session_case(void)
{
	run_thread(do_setsid);
	if (thread_result != getpid())
		return 1;
	if (getsid(0) != getpid() || getpgrp() != getpid())
		return 2;
	return 0;
}

static int thread_id_case(void)
{
	run_thread(give_tid);
	errno = 0;
	int r = setpgid(thread_tid, 0) == -1 ? errno : 0;
	return r == EINVAL ? 0 : 1;
}

int main(void)
{
	sigchld_quiet();
	int r = contract_in_child(group_case);
	CHECK("setpgid(0, 0) in a thread moves the process", r == 0, "step %d", r);
	r = contract_in_child(session_case);
	CHECK("setsid in a thread makes the process a session leader", r == 0, "step %d", r);
	r = contract_in_child(thread_id_case);
	CHECK("setpgid naming a non-leader thread: EINVAL", r == 0, "wrong errno");
	return contract_end();
}
