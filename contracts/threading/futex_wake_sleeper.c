/*
 * futex_wake_sleeper — waking a thread that sleeps in FUTEX_WAIT: FUTEX_WAKE
 * reports one woken and the waiter's FUTEX_WAIT returns 0; FUTEX_CMP_REQUEUE
 * moves a sleeper to another word (counted in its result) where FUTEX_WAKE then
 * wakes it; a thread's exit clears its CLONE_CHILD_CLEARTID word and wakes the
 * thread sleeping on it.
 *
 * A sleeper cannot be observed entering FUTEX_WAIT, so each waker first lets
 * 200 ms pass after the sleeper said it was about to wait: like alarm_pause,
 * this contract relies on a time margin (futex_wait_wake has only forced
 * outcomes). Threads are raw clones (thread_util.h) using raw syscalls.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <time.h>

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
#define FUTEX_CMP_REQUEUE_PRIVATE 132
#define FUTEX_WAIT 0

static int about[2];
static int word_a, word_b, word_c;
static volatile long result_a, result_b;

static void margin(void)
{
	struct timespec ts = { 0, 200000000 };
	syscall(SYS_nanosleep, &ts, NULL);
}

static void say_about_to_wait(void)
{
	char c = 'w';
	raw_syscall(SYS_write, about[1], (long)&c, 1, 0, 0, 0);
}

static int sleeper_a(void *arg)
{
	(void)arg;
	say_about_to_wait();
	result_a = raw_syscall(SYS_futex, (long)&word_a, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
	raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);
	return 0;
}

static int sleeper_b(void *arg)
{
	(void)arg;
	say_about_to_wait();
	result_b = raw_syscall(SYS_futex, (long)&word_b, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
	raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);
	return 0;
}

/* arg is the fd to read the go-ahead from. */
static int exiter(void *arg)
{
	char c;
	raw_syscall(SYS_read, (long)(intptr_t)arg, (long)&c, 1, 0, 0, 0);
	struct timespec ts = { 0, 200000000 };
	raw_syscall(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
	raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);
	return 0;
}

int main(void)
{
	char c;
	pipe(about);

	struct exit_watch wa;
	exit_watch_open(&wa);
	raw_thread(sleeper_a, NULL, THREAD_FLAGS_BASE, NULL, NULL);
	exit_watch_cloned(&wa);
	read(about[0], &c, 1);
	margin();
	word_a = 1;
	long woken = syscall(SYS_futex, &word_a, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	exit_watch_wait(&wa);
	CHECK("FUTEX_WAKE wakes the sleeper", woken == 1, "woke %ld", woken);
	CHECK("the sleeper's FUTEX_WAIT returns 0", result_a == 0, "returned %ld", result_a);

	struct exit_watch wb;
	exit_watch_open(&wb);
	raw_thread(sleeper_b, NULL, THREAD_FLAGS_BASE, NULL, NULL);
	exit_watch_cloned(&wb);
	read(about[0], &c, 1);
	margin();
	long moved = syscall(SYS_futex, &word_b, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)1L, &word_c, 0);
	CHECK("FUTEX_CMP_REQUEUE moves the sleeper", moved == 1, "returned %ld", moved);
	CHECK("nobody is left on the old word",
	      syscall(SYS_futex, &word_b, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 0, "someone left");
	woken = syscall(SYS_futex, &word_c, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	exit_watch_wait(&wb);
	CHECK("FUTEX_WAKE on the new word wakes it", woken == 1, "woke %ld", woken);
	CHECK("the requeued FUTEX_WAIT returns 0", result_b == 0, "returned %ld", result_b);

	/* The main thread sleeps on the clear-tid word; the thread exits 200 ms after being told. */
	static int ctid;
	int go[2];
	pipe(go);
	int tid = raw_thread(exiter, (void *)(intptr_t)go[0], THREAD_FLAGS_BASE | CLONE_CHILD_CLEARTID |
			     CLONE_PARENT_SETTID, &ctid, &ctid);
	CHECK("clear-tid word holds the tid", tid > 0 && ctid == tid, "differs");
	write(go[1], "g", 1);
	long r = syscall(SYS_futex, &ctid, FUTEX_WAIT, tid, NULL, NULL, 0);
	CHECK("thread exit wakes the FUTEX_WAIT on its clear-tid word", r == 0, "returned %ld errno %s", r,
	      strerrorname(errno));
	CHECK("and the word is zero", ctid == 0, "not cleared");
	return contract_end();
}
