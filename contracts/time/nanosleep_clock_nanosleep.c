/*
 * nanosleep_clock_nanosleep — nanosleep and clock_nanosleep (relative on
 * MONOTONIC and REALTIME, TIMER_ABSTIME) sleep at least the time asked, measured
 * with CLOCK_MONOTONIC; a zero or past-deadline sleep returns at once; a sleep
 * interrupted by a handled signal fails with EINTR and reports the time left;
 * EINVAL for tv_nsec out of range, a negative time or an unknown clock, and
 * EOPNOTSUPP for the thread CPU clock. Only "ok" is printed.
 *
 * The interrupting signal comes from a 200 ms timer armed just before a 5 s
 * sleep, so the sleep must start within 200 ms.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#define MS 1000000LL

static long long mono_ns(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return syscall(SYS_nanosleep, req, rem);
}

static long sys_clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
	return syscall(SYS_clock_nanosleep, clk, flags, req, rem);
}

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	struct timespec fifty = { 0, 50 * MS }, zero = { 0, 0 };
	long long t0;

	t0 = mono_ns();
	CHECK_OK("nanosleep 50 ms", sys_nanosleep(&fifty, NULL));
	CHECK("nanosleep slept at least 50 ms", mono_ns() - t0 >= 50 * MS, "too short");
	CHECK_OK("nanosleep 0", sys_nanosleep(&zero, NULL));

	t0 = mono_ns();
	CHECK_OK("clock_nanosleep MONOTONIC relative", sys_clock_nanosleep(CLOCK_MONOTONIC, 0, &fifty, NULL));
	CHECK("MONOTONIC relative slept at least 50 ms", mono_ns() - t0 >= 50 * MS, "too short");
	t0 = mono_ns();
	CHECK_OK("clock_nanosleep REALTIME relative", sys_clock_nanosleep(CLOCK_REALTIME, 0, &fifty, NULL));
	CHECK("REALTIME relative slept at least 50 ms", mono_ns() - t0 >= 50 * MS, "too short");

	struct timespec deadline;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &deadline);
	deadline.tv_nsec += 50 * MS;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	CHECK_OK("clock_nanosleep TIMER_ABSTIME", sys_clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL));
	CHECK("woke at or after the deadline",
	      mono_ns() >= deadline.tv_sec * 1000000000LL + deadline.tv_nsec, "too early");
	struct timespec past = { 0, 1 };
	CHECK_OK("TIMER_ABSTIME in the past returns at once",
		 sys_clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL));

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { .it_interval = { 0, 0 }, .it_value = { 0, 200000 } };
	struct timespec five = { 5, 0 }, rem = { -1, -1 };
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_ERR("nanosleep interrupted by a signal", sys_nanosleep(&five, &rem), EINTR);
	CHECK("remaining time reported", rem.tv_sec >= 0 && rem.tv_sec < 5 && rem.tv_nsec >= 0 &&
	      rem.tv_nsec < 1000000000L, "bad remainder");
	setitimer(ITIMER_REAL, &it, NULL);
	rem.tv_sec = -1;
	CHECK_ERR("clock_nanosleep interrupted by a signal",
		  sys_clock_nanosleep(CLOCK_MONOTONIC, 0, &five, &rem), EINTR);
	CHECK("clock_nanosleep remaining time reported", rem.tv_sec >= 0 && rem.tv_sec < 5, "bad remainder");

	struct timespec bad = { 0, 1000000000L }, neg = { -1, 0 };
	CHECK_ERR("nanosleep tv_nsec out of range", sys_nanosleep(&bad, NULL), EINVAL);
	CHECK_ERR("nanosleep negative", sys_nanosleep(&neg, NULL), EINVAL);
	CHECK_ERR("clock_nanosleep tv_nsec out of range", sys_clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
	CHECK_ERR("clock_nanosleep unknown clock", sys_clock_nanosleep(100, 0, &fifty, NULL), EINVAL);
	/* clock_nanosleep(2) says EINVAL; Linux 6.x answers EOPNOTSUPP, and that is what we follow. */
	CHECK_ERR("clock_nanosleep THREAD_CPUTIME_ID", sys_clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &fifty, NULL),
		  EOPNOTSUPP);
	return contract_end();
}
