/*
 * set_tid_address_clear — set_tid_address returns the caller's tid; a thread
 * cloned with CLONE_PARENT_SETTID/CLONE_CHILD_SETTID/CLONE_CHILD_CLEARTID finds
 * its tid in both words, and at exit the kernel zeroes the clear-tid word (the
 * one last given to set_tid_address, not the clone one) so that a FUTEX_WAIT on
 * it no longer blocks.
 *
 * The thread is a raw clone without CLONE_FILES: its exit closes its copy of a
 * pipe, which the main thread reads as EOF. The kernel's futex wake at exit
 * needs a waiter proven asleep, which takes a time margin: futex_wake_sleeper.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"

#define FUTEX_WAIT_PRIVATE 128

static int ptid_word, ctid_word, later_word;
static int started[2], go[2];
static volatile long set_tid_result;

static int thread_main(void *arg)
{
	(void)arg;
	char c = 's';
	raw_syscall(SYS_write, started[1], (long)&c, 1, 0, 0, 0);
	raw_syscall(SYS_read, go[0], (long)&c, 1, 0, 0, 0);
	later_word = (int)raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
	set_tid_result = raw_syscall(SYS_set_tid_address, (long)&later_word, 0, 0, 0, 0, 0);
	raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);
	return 0;
}

int main(void)
{
	pid_t me = syscall(SYS_gettid);
	static int main_word;
	CHECK("set_tid_address returns the tid", syscall(SYS_set_tid_address, &main_word) == me, "differs");
	CHECK("set_tid_address(NULL) returns the tid", syscall(SYS_set_tid_address, NULL) == me, "differs");

	struct exit_watch w;
	exit_watch_open(&w);
	pipe(started);
	pipe(go);
	int flags = THREAD_FLAGS_BASE | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
	int tid = raw_thread(thread_main, NULL, flags, &ptid_word, &ctid_word);
	exit_watch_cloned(&w);
	CHECK("clone returns a tid", tid > 0 && tid != me, "returned %d", tid);
	CHECK("CLONE_PARENT_SETTID written before clone returns", ptid_word == tid, "differs");
	char c;
	read(started[0], &c, 1);
	CHECK("CLONE_CHILD_SETTID written when the thread starts", ctid_word == tid, "differs");

	write(go[1], "g", 1);
	CHECK("thread exit seen", exit_watch_wait(&w) == 0, "no EOF");
	CHECK("thread's set_tid_address returned its tid", set_tid_result == tid, "differs");
	CHECK("clear-tid word zeroed at exit", later_word == 0, "not cleared");
	CHECK("the replaced clone word is left alone", ctid_word == tid, "changed");
	CHECK("parent-set word left alone", ptid_word == tid, "changed");
	CHECK_ERR("FUTEX_WAIT on the cleared word does not block",
		  syscall(SYS_futex, &later_word, FUTEX_WAIT_PRIVATE, tid, NULL, NULL, 0), EAGAIN);
	return contract_end();
}
