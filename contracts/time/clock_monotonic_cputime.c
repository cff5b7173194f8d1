/*
 * clock_monotonic_cputime — CLOCK_MONOTONIC never goes back over many readings;
 * CLOCK_BOOTTIME is never behind MONOTONIC; MONOTONIC_RAW and MONOTONIC_COARSE
 * are valid; CLOCK_PROCESS_CPUTIME_ID grows with work done and is never behind
 * CLOCK_THREAD_CPUTIME_ID; the CPU clock of a process (clock_getcpuclockid's
 * encoding) works for ourselves and is EINVAL for a missing pid. Lower bounds
 * only; clocks read with the syscall.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/syscall.h>
#include <time.h>

static long gettime(clockid_t clk, struct timespec *ts)
{
	return syscall(SYS_clock_gettime, clk, ts);
}

static long long ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static int valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L;
}

/* Linux pids stay below 2^22 (PID_MAX_LIMIT); INT_MAX would wrap to clock id 2. */
#define PID_BEYOND_MAX 4194304

/* The CPU-time clock id of a process, as clock_getcpuclockid builds it. */
static clockid_t process_cpu_clock(pid_t pid)
{
	return (clockid_t)((~(unsigned)pid << 3) | 2);
}

int main(void)
{
	struct timespec a, b, boot, raw, coarse, c0, c1, th;

	CHECK_OK("CLOCK_MONOTONIC", gettime(CLOCK_MONOTONIC, &a));
	CHECK("valid", valid(&a), "out of range");
	int monotonic = 1;
	for (int i = 0; i < 100; i++) {
		gettime(CLOCK_MONOTONIC, &b);
		monotonic &= ns(&b) >= ns(&a);
		a = b;
	}
	CHECK("never goes back over 100 readings", monotonic, "went back");

	CHECK_OK("CLOCK_BOOTTIME", gettime(CLOCK_BOOTTIME, &boot));
	CHECK("BOOTTIME not behind MONOTONIC", valid(&boot) && ns(&boot) >= ns(&a), "behind");
	CHECK_OK("CLOCK_MONOTONIC_RAW", gettime(CLOCK_MONOTONIC_RAW, &raw));
	CHECK("RAW valid", valid(&raw), "out of range");
	CHECK_OK("CLOCK_MONOTONIC_COARSE", gettime(CLOCK_MONOTONIC_COARSE, &coarse));
	CHECK("COARSE valid", valid(&coarse), "out of range");

	CHECK_OK("CLOCK_PROCESS_CPUTIME_ID", gettime(CLOCK_PROCESS_CPUTIME_ID, &c0));
	volatile unsigned long sink = 0;
	for (unsigned long i = 0; i < 20000000UL; i++)
		sink += i;
	CHECK_OK("CLOCK_THREAD_CPUTIME_ID", gettime(CLOCK_THREAD_CPUTIME_ID, &th));
	gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	CHECK("process CPU time grows with work", ns(&c1) > ns(&c0), "did not grow");
	CHECK("process CPU time not behind thread CPU time", ns(&c1) >= ns(&th), "behind");

	struct timespec own;
	CHECK_OK("CPU clock of our own pid", gettime(process_cpu_clock(getpid()), &own));
	CHECK("own CPU clock valid and not behind the earlier reading", valid(&own) && ns(&own) >= ns(&c1),
	      "behind");
	CHECK_ERR("CPU clock of a missing pid", gettime(process_cpu_clock(PID_BEYOND_MAX), &own), EINVAL);
	CHECK_ERR("unknown clock", gettime(16, &a), EINVAL);
	return contract_end();
}
