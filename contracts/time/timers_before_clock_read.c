/*
 * timers_before_clock_read — timers armed with a relative time keep their length whatever the
 * program reads from the clocks afterwards: an alarm, an ITIMER_REAL, a POSIX timer and a
 * timerfd, all armed before the first clock_gettime, have not fired 100 ms later, and report
 * more than a second left. (Check mode moves the kernel's clocks to the recorded values at the
 * first read; a deadline taken before that move must move with it.)
 */
#include "contract.h"
#include <signal.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);

	CHECK_RET("alarm_armed", alarm(3), 0);
	timer_t pt;
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	CHECK_RET("posix_timer_created", timer_create(CLOCK_MONOTONIC, &sev, &pt), 0);
	struct itimerspec three = { .it_value = { 3, 0 } };
	CHECK_RET("posix_timer_armed", timer_settime(pt, 0, &three, NULL), 0);
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	CHECK_RET("timerfd_armed", timerfd_settime(tfd, 0, &three, NULL), 0);

	struct timespec now;
	CHECK_RET("first_clock_read", clock_gettime(CLOCK_MONOTONIC, &now), 0);

	struct timespec tmo = { 0, 100000000 };
	CHECK_ERR("no_signal_within_100ms", sigtimedwait(&set, NULL, &tmo), EAGAIN);
	unsigned long long n;
	CHECK_ERR("timerfd_not_expired", read(tfd, &n, sizeof n), EAGAIN);

	struct itimerval iv;
	getitimer(ITIMER_REAL, &iv);
	CHECK("alarm_time_left", iv.it_value.tv_sec >= 1 && iv.it_value.tv_sec <= 3, "%ld s left",
	      (long)iv.it_value.tv_sec);
	struct itimerspec cur;
	timer_gettime(pt, &cur);
	CHECK("posix_timer_time_left", cur.it_value.tv_sec >= 1 && cur.it_value.tv_sec <= 3, "%lld s left",
	      (long long)cur.it_value.tv_sec);
	timerfd_gettime(tfd, &cur);
	CHECK("timerfd_time_left", cur.it_value.tv_sec >= 1 && cur.it_value.tv_sec <= 3, "%lld s left",
	      (long long)cur.it_value.tv_sec);

	alarm(0);
	timer_delete(pt);
	close(tfd);
	return contract_end();
}
