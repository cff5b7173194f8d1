/*
 * posix_timer_signal — POSIX timers: a one-shot timer_create/timer_settime
 * timer queues its signal (si_code SI_TIMER, the sigevent's value, overrun 0)
 * no earlier than asked, relative or TIMER_ABSTIME; timer_gettime reads back
 * value and interval and zero after expiry; disarming returns the old setting;
 * without a sigevent the signal is SIGALRM carrying the timer id; SIGEV_NONE
 * counts down silently; EINVAL for an unknown clock, a bad timespec and a
 * deleted timer. Signals are blocked and taken with sigtimedwait.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>

#define MS 1000000LL

static long long mono_ns(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int take(int sig, siginfo_t *si)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	struct timespec limit = { 10, 0 };
	return sigtimedwait(&set, si, &limit);
}

int main(void)
{
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGRTMIN);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, NULL);

	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN;
	ev.sigev_value.sival_int = 77;
	timer_t t;
	CHECK_OK("timer_create SIGEV_SIGNAL", timer_create(CLOCK_MONOTONIC, &ev, &t));

	struct itimerspec one = { .it_interval = { 0, 0 }, .it_value = { 0, 50 * MS } }, cur;
	long long t0 = mono_ns();
	CHECK_OK("timer_settime relative 50 ms", timer_settime(t, 0, &one, NULL));
	siginfo_t si;
	memset(&si, 0, sizeof si);
	CHECK("signal arrives", take(SIGRTMIN, &si) == SIGRTMIN, "no signal");
	CHECK("no earlier than 50 ms", mono_ns() - t0 >= 50 * MS, "too early");
	CHECK("si_code SI_TIMER", si.si_code == SI_TIMER, "got %d", si.si_code);
	CHECK("sigevent value delivered", si.si_value.sival_int == 77, "got %d", si.si_value.sival_int);
	CHECK("no overrun", si.si_overrun == 0 && timer_getoverrun(t) == 0, "overrun");
	CHECK_OK("timer_gettime after expiry", timer_gettime(t, &cur));
	CHECK("disarmed after expiry", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "still armed");

	struct timespec now;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
	struct itimerspec abs = { .it_interval = { 0, 0 }, .it_value = now };
	abs.it_value.tv_nsec += 50 * MS;
	if (abs.it_value.tv_nsec >= 1000000000L) {
		abs.it_value.tv_sec++;
		abs.it_value.tv_nsec -= 1000000000L;
	}
	CHECK_OK("timer_settime TIMER_ABSTIME", timer_settime(t, TIMER_ABSTIME, &abs, NULL));
	CHECK("absolute timer fires", take(SIGRTMIN, &si) == SIGRTMIN, "no signal");
	CHECK("not before the deadline",
	      mono_ns() >= abs.it_value.tv_sec * 1000000000LL + abs.it_value.tv_nsec, "too early");

	struct itimerspec longer = { .it_interval = { 1, 0 }, .it_value = { 10, 0 } }, old;
	timer_settime(t, 0, &longer, NULL);
	timer_gettime(t, &cur);
	CHECK("interval reads back exactly", cur.it_interval.tv_sec == 1 && cur.it_interval.tv_nsec == 0, "differs");
	CHECK("value counts down from 10 s", cur.it_value.tv_sec >= 9 && cur.it_value.tv_sec < 10, "differs");
	struct itimerspec zero = { { 0, 0 }, { 0, 0 } };
	CHECK_OK("disarm", timer_settime(t, 0, &zero, &old));
	CHECK("disarming returns the old setting", old.it_interval.tv_sec == 1 && old.it_value.tv_sec >= 9, "differs");
	CHECK_OK("timer_delete", timer_delete(t));
	CHECK_ERR("deleted timer is EINVAL", syscall(SYS_timer_gettime, (long)(intptr_t)t, &cur), EINVAL);

	timer_t d = 0; /* the raw syscall stores an int */
	CHECK_OK("timer_create without a sigevent", syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &d));
	timer_settime(d, 0, &one, NULL);
	memset(&si, 0, sizeof si);
	CHECK("default signal is SIGALRM", take(SIGALRM, &si) == SIGALRM, "no SIGALRM");
	CHECK("its value is the timer id", si.si_value.sival_int == (int)(intptr_t)d, "differs");
	timer_delete(d);

	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_NONE;
	timer_t n = 0;
	CHECK_OK("timer_create SIGEV_NONE", timer_create(CLOCK_MONOTONIC, &ev, &n));
	timer_settime(n, 0, &longer, NULL);
	timer_gettime(n, &cur);
	CHECK("SIGEV_NONE timer counts down", cur.it_value.tv_sec >= 9 && cur.it_value.tv_sec < 10, "differs");
	timer_delete(n);

	CHECK_ERR("unknown clock", syscall(SYS_timer_create, 100, NULL, &n), EINVAL);
	timer_create(CLOCK_MONOTONIC, NULL, &n);
	struct itimerspec bad = { .it_interval = { 0, 0 }, .it_value = { 0, 1000000000L } };
	CHECK_ERR("tv_nsec out of range", syscall(SYS_timer_settime, (long)(intptr_t)n, 0, &bad, NULL), EINVAL);
	timer_delete(n);
	sigset_t pend;
	sigpending(&pend);
	CHECK("nothing left pending", !sigismember(&pend, SIGRTMIN) && !sigismember(&pend, SIGALRM), "pending");
	return contract_end();
}
