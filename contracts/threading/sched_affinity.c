/*
 * sched_affinity — sched_getaffinity returns the size of the kernel's CPU mask
 * (a multiple of 8 bytes) and the allowed CPUs; setting a single CPU reads back
 * exactly and getcpu then reports that CPU; affinity is per thread (a thread
 * inherits it and changes only its own) and inherited by fork; errors: EINVAL
 * for an empty mask, a mask of nonexistent CPUs or a buffer size that is not a
 * multiple of 8, ESRCH for a missing tid, EFAULT for a bad buffer.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include "thread_util.h"
#include <limits.h>
#include <pthread.h>
#include <sys/wait.h>

#define MASK_BYTES 128

static long get_mask(pid_t tid, unsigned char *mask)
{
	memset(mask, 0, MASK_BYTES);
	return syscall(SYS_sched_getaffinity, tid, MASK_BYTES, mask);
}

static long set_mask(pid_t tid, const unsigned char *mask, size_t len)
{
	return syscall(SYS_sched_setaffinity, tid, len, mask);
}

static int only_cpu(const unsigned char *mask, int cpu)
{
	for (int i = 0; i < MASK_BYTES * 8; i++)
		if (((mask[i / 8] >> (i % 8)) & 1) != (i == cpu))
			return 0;
	return 1;
}

struct worker {
	struct exit_watch watch;
	int inherited_ok, own_set_ok, first;
	const unsigned char *full;
};

static void *worker_main(void *p)
{
	struct worker *w = p;
	unsigned char m[MASK_BYTES];
	exit_watch_thread_start(&w->watch);
	get_mask(0, m);
	w->inherited_ok = only_cpu(m, w->first);
	w->own_set_ok = set_mask(0, w->full, MASK_BYTES) == 0 && get_mask(0, m) > 0 &&
			memcmp(m, w->full, MASK_BYTES) == 0;
	return NULL;
}

int main(void)
{
	sigchld_quiet();
	unsigned char orig[MASK_BYTES], m[MASK_BYTES], one[MASK_BYTES];

	long size = get_mask(0, orig);
	CHECK("getaffinity returns the mask size", size >= 8 && size % 8 == 0 && size <= MASK_BYTES,
	      "returned %ld", size);
	int first = -1;
	for (int i = 0; i < MASK_BYTES * 8 && first < 0; i++)
		if ((orig[i / 8] >> (i % 8)) & 1)
			first = i;
	CHECK("at least one CPU allowed", first >= 0, "empty mask");

	memset(one, 0, sizeof one);
	one[first / 8] = 1 << (first % 8);
	CHECK_OK("setaffinity to one CPU", set_mask(0, one, MASK_BYTES));
	get_mask(0, m);
	CHECK("reads back exactly that CPU", only_cpu(m, first), "differs");
	unsigned cpu = 999;
	CHECK_OK("getcpu", syscall(SYS_getcpu, &cpu, NULL, NULL));
	CHECK("getcpu reports the pinned CPU", (int)cpu == first, "differs");

	/* Per thread: a thread inherits the single CPU and widens only its own mask. */
	struct worker w;
	memset(&w, 0, sizeof w);
	w.full = orig;
	w.first = first;
	exit_watch_open(&w.watch);
	pthread_t th;
	pthread_create(&th, NULL, worker_main, &w);
	exit_watch_started(&w.watch);
	exit_watch_wait(&w.watch);
	pthread_join(th, NULL);
	CHECK("thread inherited the pinned mask", w.inherited_ok, "not inherited");
	CHECK("thread changed its own mask", w.own_set_ok, "set failed");
	get_mask(0, m);
	CHECK("main thread's mask unchanged by the thread", only_cpu(m, first), "changed");

	pid_t pid = fork();
	if (pid == 0) {
		unsigned char c[MASK_BYTES];
		get_mask(0, c);
		_exit(only_cpu(c, first) ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK("fork inherits the mask", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);

	memset(m, 0, sizeof m);
	CHECK_ERR("empty mask", set_mask(0, m, MASK_BYTES), EINVAL);
	m[MASK_BYTES - 1] = 0x80;
	CHECK_ERR("only a nonexistent CPU", set_mask(0, m, MASK_BYTES), EINVAL);
	CHECK_ERR("getaffinity size not a multiple of 8", syscall(SYS_sched_getaffinity, 0, 4, m), EINVAL);
	CHECK_ERR("missing tid", syscall(SYS_sched_getaffinity, INT_MAX, MASK_BYTES, m), ESRCH);
	CHECK_ERR("bad buffer", syscall(SYS_sched_getaffinity, 0, MASK_BYTES, (void *)8), EFAULT);

	CHECK_OK("restore the original mask", set_mask(0, orig, MASK_BYTES));
	get_mask(0, m);
	CHECK("original mask back", memcmp(m, orig, MASK_BYTES) == 0, "differs");
	return contract_end();
}
