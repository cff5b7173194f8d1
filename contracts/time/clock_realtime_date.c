/*
 * clock_realtime_date — CLOCK_REALTIME gives a real date (after 2024-01-01, not
 * 1970), with tv_nsec in range; time() agrees with it and stores through its
 * argument; CLOCK_REALTIME_COARSE and CLOCK_TAI are real dates too, TAI never
 * behind REALTIME; EINVAL for an unknown clock and EFAULT for a bad pointer.
 * The clocks are read with the syscall (not musl's vDSO path), and only
 * lower bounds are asserted.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/syscall.h>
#include <time.h>

#define JAN_1_2024 1704067200L

static long gettime(clockid_t clk, struct timespec *ts)
{
	return syscall(SYS_clock_gettime, clk, ts);
}

static int valid(const struct timespec *ts)
{
	return ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L;
}

int main(void)
{
	struct timespec rt, coarse, tai, rt2;

	CHECK_OK("CLOCK_REALTIME", gettime(CLOCK_REALTIME, &rt));
	CHECK("tv_nsec in range", valid(&rt), "out of range");
	CHECK("a date after 2024-01-01", rt.tv_sec > JAN_1_2024, "too early (1970?)");
	struct tm tm;
	time_t sec = rt.tv_sec;
	gmtime_r(&sec, &tm);
	CHECK("calendar year at least 2024", tm.tm_year + 1900 >= 2024, "too early");

	time_t stored = 0;
	long t = syscall(SYS_time, &stored);
	CHECK("time() not behind clock_gettime", t >= rt.tv_sec, "behind");
	CHECK("time() stores its result", stored == t, "differs");
	CHECK("time(NULL) works", syscall(SYS_time, NULL) >= t, "behind");

	CHECK_OK("CLOCK_REALTIME_COARSE", gettime(CLOCK_REALTIME_COARSE, &coarse));
	CHECK("coarse is a real date", valid(&coarse) && coarse.tv_sec > JAN_1_2024, "too early");
	CHECK_OK("CLOCK_TAI", gettime(CLOCK_TAI, &tai));
	CHECK("TAI not behind REALTIME", valid(&tai) && tai.tv_sec >= rt.tv_sec, "behind");

	CHECK_OK("CLOCK_REALTIME again", gettime(CLOCK_REALTIME, &rt2));
	CHECK("second reading not behind the first", rt2.tv_sec > rt.tv_sec ||
	      (rt2.tv_sec == rt.tv_sec && rt2.tv_nsec >= rt.tv_nsec), "went back");

	CHECK_ERR("unknown clock", gettime(100, &rt), EINVAL);
	CHECK_ERR("bad pointer", gettime(CLOCK_REALTIME, (struct timespec *)8), EFAULT);
	return contract_end();
}
