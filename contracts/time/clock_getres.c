/*
 * clock_getres — every supported clock has a resolution of under a second:
 * the high-resolution clocks (REALTIME, MONOTONIC, BOOTTIME, the CPU-time
 * clocks) at most a microsecond, the COARSE clocks a tick (at most 10 ms);
 * a NULL result pointer is allowed; EINVAL for an unknown clock.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/syscall.h>
#include <time.h>

static long getres(clockid_t clk, struct timespec *ts)
{
	return syscall(SYS_clock_getres, clk, ts);
}

static int res_at_most(clockid_t clk, long max_ns)
{
	struct timespec ts = { -1, -1 };
	if (getres(clk, &ts) != 0)
		return 0;
	return ts.tv_sec == 0 && ts.tv_nsec > 0 && ts.tv_nsec <= max_ns;
}

int main(void)
{
	CHECK("REALTIME at most 1 us", res_at_most(CLOCK_REALTIME, 1000), "coarser");
	CHECK("MONOTONIC at most 1 us", res_at_most(CLOCK_MONOTONIC, 1000), "coarser");
	CHECK("BOOTTIME at most 1 us", res_at_most(CLOCK_BOOTTIME, 1000), "coarser");
	CHECK("MONOTONIC_RAW at most 1 us", res_at_most(CLOCK_MONOTONIC_RAW, 1000), "coarser");
	CHECK("PROCESS_CPUTIME_ID at most 1 us", res_at_most(CLOCK_PROCESS_CPUTIME_ID, 1000), "coarser");
	CHECK("THREAD_CPUTIME_ID at most 1 us", res_at_most(CLOCK_THREAD_CPUTIME_ID, 1000), "coarser");
	CHECK("REALTIME_COARSE at most 10 ms", res_at_most(CLOCK_REALTIME_COARSE, 10000000), "coarser");
	CHECK("MONOTONIC_COARSE at most 10 ms", res_at_most(CLOCK_MONOTONIC_COARSE, 10000000), "coarser");

	struct timespec r1, r2;
	getres(CLOCK_MONOTONIC, &r1);
	getres(CLOCK_REALTIME, &r2);
	CHECK("MONOTONIC and REALTIME share a resolution", r1.tv_nsec == r2.tv_nsec, "differ");
	CHECK_OK("NULL result pointer", getres(CLOCK_MONOTONIC, NULL));
	CHECK_ERR("unknown clock", getres(100, &r1), EINVAL);
	CHECK_ERR("bad pointer", getres(CLOCK_MONOTONIC, (struct timespec *)8), EFAULT);
	return contract_end();
}
