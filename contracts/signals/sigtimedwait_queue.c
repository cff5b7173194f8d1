/*
 * sigtimedwait_queue — rt_sigtimedwait takes pending blocked signals with their
 * siginfo: EAGAIN with a zero timeout when none is pending, EAGAIN after at least
 * the timeout otherwise; standard signals merge while real-time signals queue
 * every instance with its value, lowest signal number first; signals outside the
 * set stay pending; EINVAL for a bad timespec or sigsetsize.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

static long long mono_ns(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void queue(int sig, int value)
{
	union sigval v = { .sival_int = value };
	sigqueue(getpid(), sig, v);
}

int main(void)
{
	sigset_t set, pend;
	siginfo_t si;
	struct timespec zero = { 0, 0 }, tenth = { 0, 100000000 };

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, NULL);

	CHECK_ERR("nothing pending, zero timeout", sigtimedwait(&set, &si, &zero), EAGAIN);
	long long t0 = mono_ns();
	CHECK_ERR("nothing pending, 100 ms timeout", sigtimedwait(&set, &si, &tenth), EAGAIN);
	CHECK("waited at least the timeout", mono_ns() - t0 >= 100000000LL, "too short");

	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	memset(&si, 0, sizeof si);
	CHECK("takes SIGUSR1", sigtimedwait(&set, &si, &zero) == SIGUSR1, "wrong signal");
	CHECK("siginfo from kill", si.si_signo == SIGUSR1 && si.si_code == SI_USER && si.si_pid == getpid(),
	      "code %d", si.si_code);
	CHECK_ERR("standard signal merged", sigtimedwait(&set, &si, &zero), EAGAIN);

	queue(SIGRTMIN + 1, 1);
	queue(SIGRTMIN + 1, 2);
	queue(SIGRTMIN, 3);
	kill(getpid(), SIGUSR2);
	int order[4], values[4];
	for (int i = 0; i < 4; i++) {
		memset(&si, 0, sizeof si);
		order[i] = sigtimedwait(&set, &si, &zero);
		values[i] = si.si_value.sival_int;
	}
	CHECK("standard signal first", order[0] == SIGUSR2, "got %d", order[0]);
	CHECK("lowest real-time signal next", order[1] == SIGRTMIN && values[1] == 3, "got %d value %d",
	      order[1], values[1]);
	CHECK("queued instances in order", order[2] == SIGRTMIN + 1 && values[2] == 1 &&
	      order[3] == SIGRTMIN + 1 && values[3] == 2, "got %d/%d %d/%d",
	      order[2], values[2], order[3], values[3]);
	CHECK_ERR("queue drained", sigtimedwait(&set, &si, &zero), EAGAIN);

	queue(SIGRTMIN, 7);
	CHECK("sigwaitinfo returns queued signal", sigwaitinfo(&set, &si) == SIGRTMIN, "wrong signal");
	CHECK("SI_QUEUE with value", si.si_code == SI_QUEUE && si.si_value.sival_int == 7,
	      "code %d value %d", si.si_code, si.si_value.sival_int);

	/* Only signals in the set are taken. */
	sigset_t only2;
	sigemptyset(&only2);
	sigaddset(&only2, SIGUSR2);
	kill(getpid(), SIGUSR1);
	CHECK_ERR("signal outside the set not taken", sigtimedwait(&only2, &si, &zero), EAGAIN);
	sigpending(&pend);
	CHECK("it stays pending", sigismember(&pend, SIGUSR1) == 1, "not pending");
	CHECK("then taken with the full set", sigtimedwait(&set, &si, &zero) == SIGUSR1, "not taken");

	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR("tv_nsec out of range", syscall(SYS_rt_sigtimedwait, &set, &si, &bad, 8), EINVAL);
	struct timespec neg = { -1, 0 };
	CHECK_ERR("negative timeout", syscall(SYS_rt_sigtimedwait, &set, &si, &neg, 8), EINVAL);
	CHECK_ERR("bad sigsetsize", syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 4), EINVAL);
	return contract_end();
}
