/*
 * alarm_pause — alarm(1) fires SIGALRM about a second later: pause() returns -1
 * with EINTR after the handler has run, at least a second after the call
 * (measured with CLOCK_MONOTONIC); si_code is SI_KERNEL; the alarm is one-shot;
 * alarm(0) cancels a pending alarm.
 *
 * pause() cannot be entered atomically with the timer, so this relies on the
 * process reaching pause() within a second of alarm(1), which the brief accepts.
 * The alarm syscall is called directly: musl's alarm() goes through setitimer.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

static volatile int hits;
static volatile int code;

static void on_alarm(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	hits++;
	code = si->si_code;
}

static unsigned sys_alarm(unsigned sec)
{
	return (unsigned)syscall(SYS_alarm, sec);
}

static long long mono_ns(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_alarm;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGALRM, &sa, NULL);

	long long t0 = mono_ns();
	CHECK("alarm with none pending returns 0", sys_alarm(1) == 0, "nonzero");
	CHECK_ERR("pause returns EINTR", pause(), EINTR);
	long long dt = mono_ns() - t0;
	CHECK("handler ran once", hits == 1, "hits %d", hits);
	CHECK("si_code SI_KERNEL", code == SI_KERNEL, "got %d", code);
	CHECK("waited at least the alarm time", dt >= 1000000000LL - 1000000LL, "too short");
	CHECK("alarm is one-shot", sys_alarm(0) == 0, "still armed");

	/* Cancelled alarms never fire: block, arm, cancel, then nothing is pending. */
	sigset_t set, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sys_alarm(5);
	CHECK("alarm(0) reports the pending alarm", sys_alarm(0) > 0, "returned 0");
	sigpending(&pend);
	CHECK("cancelled alarm not pending", !sigismember(&pend, SIGALRM), "pending");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK("no delivery after cancel", hits == 1, "hits %d", hits);

	/* Default disposition of SIGALRM terminates; checked via a blocked+sigwait instead. */
	sigprocmask(SIG_BLOCK, &set, NULL);
	sys_alarm(1);
	int sig = 0;
	CHECK("sigwait receives SIGALRM", sigwait(&set, &sig) == 0 && sig == SIGALRM, "got %d", sig);
	return contract_end();
}
