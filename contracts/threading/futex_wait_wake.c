/*
 * futex_wait_wake — futex outcomes that do not depend on timing: FUTEX_WAIT on
 * a changed value is EAGAIN; a relative timeout expires with ETIMEDOUT after at
 * least that long; FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline
 * (one in the past expires at once); FUTEX_WAKE with no waiters wakes 0;
 * FUTEX_CMP_REQUEUE checks its value (EAGAIN); errors: EINVAL for a zero bitset,
 * a misaligned address or a bad timeout, EFAULT for an unmapped address, ENOSYS
 * for an unknown op.
 *
 * Not here: a FUTEX_WAIT woken by a FUTEX_WAKE. Whether the waiter is already
 * asleep when the wake comes (0 and 1 woken) or not yet (EAGAIN and 0) is a race
 * that no user-space ordering settles; futex_wake_sleeper covers it with a time
 * margin, keeping this contract free of any.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <limits.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

/* From linux/futex.h, which musl-gcc cannot see. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

static long futex(void *uaddr, int op, int val, const struct timespec *ts, void *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static long long mono_ns(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
	static int word __attribute__((aligned(8)));
	static int other;
	struct timespec tenth = { 0, 100000000 };

	word = 1;
	CHECK_ERR("WAIT on a changed value", futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EAGAIN);
	CHECK_ERR("WAIT shared op on a changed value", futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0), EAGAIN);

	long long t0 = mono_ns();
	CHECK_ERR("WAIT with a relative timeout", futex(&word, FUTEX_WAIT_PRIVATE, 1, &tenth, NULL, 0), ETIMEDOUT);
	CHECK("slept at least the timeout", mono_ns() - t0 >= 100000000LL, "too short");

	struct timespec now, deadline;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
	deadline = now;
	deadline.tv_nsec += 50000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	CHECK_ERR("WAIT_BITSET absolute deadline", futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, &deadline, NULL,
							 FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
	CHECK("woke at or after the deadline", now.tv_sec > deadline.tv_sec ||
	      (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec), "too early");
	struct timespec past = { 0, 1 };
	CHECK_ERR("WAIT_BITSET deadline in the past", futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, &past, NULL,
							    FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);

	CHECK("WAKE with no waiters wakes 0", futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) == 0, "nonzero");
	CHECK("WAKE INT_MAX with no waiters wakes 0", futex(&word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0) == 0,
	      "nonzero");
	CHECK("WAKE_BITSET with no waiters wakes 0",
	      futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY) == 0, "nonzero");
	CHECK_ERR("CMP_REQUEUE with a changed value",
		  futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1L, &other, 0), EAGAIN);
	CHECK("CMP_REQUEUE with the value and no waiters is 0",
	      futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1L, &other, 1) == 0, "nonzero");

	CHECK_ERR("WAIT_BITSET with bitset 0",
		  futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, NULL, NULL, 0), EINVAL);
	CHECK_ERR("misaligned address", futex((char *)&word + 1, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0), EINVAL);
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR("timeout tv_nsec out of range", futex(&word, FUTEX_WAIT_PRIVATE, 1, &bad, NULL, 0), EINVAL);
	struct timespec neg = { -1, 0 };
	CHECK_ERR("negative timeout", futex(&word, FUTEX_WAIT_PRIVATE, 1, &neg, NULL, 0), EINVAL);

	void *hole = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, 4096);
	CHECK_ERR("unmapped address", futex(hole, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EFAULT);
	CHECK_ERR("unknown op", futex(&word, 99, 0, NULL, NULL, 0), ENOSYS);
	return contract_end();
}
