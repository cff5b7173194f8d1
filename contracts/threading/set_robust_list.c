/*
 * set_robust_list — the robust futex list: set_robust_list accepts only
 * len == sizeof(struct robust_list_head) (EINVAL otherwise) and does not check
 * the pointer; get_robust_list reads it back for the caller or another thread,
 * ESRCH for a missing tid. When a thread exits holding robust futexes, the
 * kernel walks its list: each word still holding the thread's tid becomes
 * FUTEX_OWNER_DIED (keeping FUTEX_WAITERS), the pending entry too, and words
 * owned by someone else are left alone.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <limits.h>
#include <stddef.h>

#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u

struct robust_list {
	struct robust_list *next;
};
struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};
struct robust_lock {
	struct robust_list link;
	unsigned word;
};

static struct robust_list_head thread_head;
static struct robust_lock held, held_waiters, foreign, pending;
static int go[2], started[2];
static volatile int thread_tid;

static int thread_main(void *arg)
{
	(void)arg;
	unsigned tid = (unsigned)raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
	held.word = tid;
	held_waiters.word = tid | FUTEX_WAITERS;
	foreign.word = 12345;
	pending.word = tid;
	thread_head.list.next = &held.link;
	held.link.next = &held_waiters.link;
	held_waiters.link.next = &foreign.link;
	foreign.link.next = &thread_head.list;
	thread_head.futex_offset = offsetof(struct robust_lock, word);
	thread_head.list_op_pending = &pending.link;
	raw_syscall(SYS_set_robust_list, (long)&thread_head, sizeof thread_head, 0, 0, 0, 0);
	thread_tid = (int)tid;
	char c = 's';
	raw_syscall(SYS_write, started[1], (long)&c, 1, 0, 0, 0);
	raw_syscall(SYS_read, go[0], (long)&c, 1, 0, 0, 0);
	raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);
	return 0;
}

int main(void)
{
	static struct robust_list_head head = { { &head.list }, 0, NULL };
	struct robust_list_head *got = NULL;
	size_t len = 0;

	CHECK_ERR("len too small", syscall(SYS_set_robust_list, &head, sizeof head - 1), EINVAL);
	CHECK_ERR("len too large", syscall(SYS_set_robust_list, &head, sizeof head + 8), EINVAL);
	CHECK_ERR("len 0", syscall(SYS_set_robust_list, &head, 0), EINVAL);
	CHECK_OK("set_robust_list", syscall(SYS_set_robust_list, &head, sizeof head));
	CHECK_OK("get_robust_list self", syscall(SYS_get_robust_list, 0, &got, &len));
	CHECK("reads back head and len", got == &head && len == sizeof head, "len %zu", len);
	CHECK_OK("bad head pointer is not checked", syscall(SYS_set_robust_list, (void *)16, sizeof head));
	CHECK_OK("get it back", syscall(SYS_get_robust_list, 0, &got, &len));
	CHECK("reads back the bad pointer", got == (void *)16, "differs");
	syscall(SYS_set_robust_list, &head, sizeof head);
	CHECK_ERR("get_robust_list of a missing tid", syscall(SYS_get_robust_list, INT_MAX, &got, &len), ESRCH);

	struct exit_watch w;
	exit_watch_open(&w);
	pipe(go);
	pipe(started);
	int tid = raw_thread(thread_main, NULL, THREAD_FLAGS_BASE, NULL, NULL);
	exit_watch_cloned(&w);
	char c;
	read(started[0], &c, 1);
	CHECK_OK("get_robust_list of another thread", syscall(SYS_get_robust_list, tid, &got, &len));
	CHECK("it is the thread's list", got == &thread_head && len == sizeof thread_head && thread_tid == tid,
	      "differs");

	write(go[1], "g", 1);
	CHECK("thread exit seen", exit_watch_wait(&w) == 0, "no EOF");
	CHECK("held futex marked FUTEX_OWNER_DIED", held.word == FUTEX_OWNER_DIED, "word %#x", held.word);
	CHECK("FUTEX_WAITERS kept", held_waiters.word == (FUTEX_OWNER_DIED | FUTEX_WAITERS), "word %#x",
	      held_waiters.word);
	CHECK("futex owned by another tid untouched", foreign.word == 12345, "word %#x", foreign.word);
	CHECK("list_op_pending entry handled", pending.word == FUTEX_OWNER_DIED, "word %#x", pending.word);
	return contract_end();
}
