/*
 * alarm_rounding — alarm() returns the seconds left on the previous timer rounded
 * to the nearest second, and never 0 while a timer is pending (Linux rounds a
 * remainder under a second up to 1, see alarm_setitimer); it shares the timer
 * with setitimer(ITIMER_REAL), which getitimer reads back.
 *
 * musl's alarm() is built on setitimer and rounds up instead, so this calls the
 * alarm syscall directly. Each check reads the timer right after setting it; the 100 ms margins assume
 * that no more than that passes between two consecutive syscalls.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>

static unsigned sys_alarm(unsigned sec)
{
	return (unsigned)syscall(SYS_alarm, sec);
}

static void set_real(long sec, long usec)
{
	struct itimerval it = { .it_interval = { 0, 0 }, .it_value = { sec, usec } };
	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);

	CHECK("first alarm returns 0", sys_alarm(10) == 0, "nonzero");
	unsigned r = sys_alarm(5);
	CHECK("9.99 s left rounds to 10", r == 10, "got %u", r);

	struct itimerval it;
	CHECK_OK("getitimer", getitimer(ITIMER_REAL, &it));
	CHECK("alarm shows in getitimer", it.it_value.tv_sec == 4 && it.it_value.tv_usec > 0,
	      "sec %ld", (long)it.it_value.tv_sec);
	CHECK("alarm has no interval", it.it_interval.tv_sec == 0 && it.it_interval.tv_usec == 0,
	      "interval set");

	set_real(2, 300000);
	r = sys_alarm(0);
	CHECK("2.3 s left rounds down to 2", r == 2, "got %u", r);
	set_real(2, 800000);
	r = sys_alarm(0);
	CHECK("2.8 s left rounds up to 3", r == 3, "got %u", r);
	set_real(0, 300000);
	r = sys_alarm(0);
	CHECK("0.3 s left reports 1, not 0", r == 1, "got %u", r);

	CHECK_OK("getitimer after cancel", getitimer(ITIMER_REAL, &it));
	CHECK("cancelled timer reads zero", it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0,
	      "still armed");

	struct itimerval bad = { .it_interval = { 0, 0 }, .it_value = { 1, 1000000 } };
	CHECK_ERR("setitimer usec out of range", setitimer(ITIMER_REAL, &bad, NULL), EINVAL);
	CHECK_ERR("getitimer bad which", getitimer(7, &it), EINVAL);

	sigset_t pend;
	sigpending(&pend);
	CHECK("no SIGALRM fired", !sigismember(&pend, SIGALRM), "pending");
	return contract_end();
}
