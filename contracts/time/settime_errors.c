/*
 * settime_errors — clock_settime and settimeofday refuse what Linux refuses, in Linux's order,
 * without ever setting anything (a recording runs on the host's clock): clocks without a
 * setter (all but REALTIME: MONOTONIC, TAI, BOOTTIME, the CPU-time clocks, unknown ids)
 * are EINVAL before the time is read, a bad pointer then EFAULT, a bad timespec or timeval
 * EINVAL, a timezone beyond 15 hours EINVAL; settimeofday with neither argument succeeds for
 * root and is EPERM for anyone else, as is setting the time.
 */
#include "contract.h"
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

/* Raw calls: musl's settimeofday goes through clock_settime. */
static long cst(long clk, const void *ts) { return syscall(SYS_clock_settime, clk, ts); }
static long stod(const void *tv, const void *tz) { return syscall(SYS_settimeofday, tv, tz); }

int main(void)
{
	struct timespec ok = { 1000000000, 0 }, badns = { 1000000000, -1 }, neg = { -1, 0 };
	CHECK_ERR("monotonic_has_no_setter", cst(CLOCK_MONOTONIC, &ok), EINVAL);
	CHECK_ERR("monotonic_null_is_einval", cst(CLOCK_MONOTONIC, NULL), EINVAL);
	CHECK_ERR("tai_has_no_setter", cst(CLOCK_TAI, &ok), EINVAL);
	CHECK_ERR("boottime_has_no_setter", cst(CLOCK_BOOTTIME, &ok), EINVAL);
	CHECK_ERR("unknown_clock", cst(100, &ok), EINVAL);
	CHECK_ERR("realtime_null", cst(CLOCK_REALTIME, NULL), EFAULT);
	CHECK_ERR("realtime_bad_nsec", cst(CLOCK_REALTIME, &badns), EINVAL);
	CHECK_ERR("realtime_negative", cst(CLOCK_REALTIME, &neg), EINVAL);
	CHECK_ERR("cputime_clock", cst(CLOCK_PROCESS_CPUTIME_ID, &ok), EINVAL);
	CHECK_ERR("cputime_clock_null", cst(CLOCK_THREAD_CPUTIME_ID, NULL), EINVAL);

	struct timeval bad_usec = { 1000000000, 2000000 }, neg_usec = { 1000000000, -1 }, neg_sec = { -5, 0 };
	struct timezone far = { 16 * 60, 0 };
	CHECK_ERR("tod_bad_usec", stod(&bad_usec, NULL), EINVAL);
	CHECK_ERR("tod_negative_usec", stod(&neg_usec, NULL), EINVAL);
	CHECK_ERR("tod_negative_sec", stod(&neg_sec, NULL), EINVAL);
	CHECK_ERR("tod_tz_too_far", stod(NULL, &far), EINVAL);
	CHECK_ERR("tod_bad_pointer", stod((void *)8, NULL), EFAULT);
	CHECK_RET("tod_nothing_as_root", stod(NULL, NULL), 0);

	int p[2];
	pipe(p);
	pid_t child = fork();
	if (child == 0) {
		long r[3];
		setreuid(1000, 1000);
		errno = 0;
		r[0] = cst(CLOCK_REALTIME, &ok) < 0 ? errno : 0;
		errno = 0;
		r[1] = stod(NULL, NULL) < 0 ? errno : 0;
		errno = 0;
		r[2] = cst(CLOCK_REALTIME, &badns) < 0 ? errno : 0;
		write(p[1], r, sizeof r);
		_exit(0);
	}
	long r[3] = { 0, 0, 0 };
	read(p[0], r, sizeof r);
	waitpid(child, NULL, 0);
	CHECK("non_root_set_eperm", r[0] == EPERM, "got %s", strerrorname((int)r[0]));
	CHECK("non_root_nothing_eperm", r[1] == EPERM, "got %s", strerrorname((int)r[1]));
	CHECK("non_root_bad_value_einval_first", r[2] == EINVAL, "got %s", strerrorname((int)r[2]));
	return contract_end();
}
