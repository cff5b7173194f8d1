/*
 * pending_order — which pending signal comes out first, and what is queued, as Linux's
 * dequeue_signal and __send_signal decide: a thread's own signals (tkill) before its
 * process's (kill), in each set synchronous faults before the lowest number; a standard
 * signal pends once per set; real-time signals queue every send, lowest number first, in
 * sending order within one number. With RLIMIT_SIGPENDING at 0 nothing can be queued with
 * siginfo: a real-time sigqueue or tgkill fails with EAGAIN, a real-time kill and any
 * standard signal still pend, and come out as SI_USER from pid 0, except a standard kill,
 * which keeps its siginfo; timer_create fails with EAGAIN (its siginfo is preallocated). rt_sigtimedwait: EAGAIN with a zero timeout, EINVAL for a bad
 * one.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

static const struct timespec zero = { 0, 0 };
static sigset_t all;

static int take(siginfo_t *si)
{
	memset(si, 0, sizeof *si);
	return sigtimedwait(&all, si, &zero);
}

static int tgkill_self(int sig)
{
	return syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
}

int main(void)
{
	siginfo_t si;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);

	/* Own before shared, even a higher number. */
	kill(getpid(), SIGUSR1);
	raise(SIGUSR2);
	sigset_t pend;
	sigpending(&pend);
	CHECK("sigpending shows both sets", sigismember(&pend, SIGUSR1) && sigismember(&pend, SIGUSR2), "missing");
	CHECK_RET("the thread's own SIGUSR2 first", take(&si), SIGUSR2);
	CHECK_RET("then the process's SIGUSR1", take(&si), SIGUSR1);

	/* Synchronous first. */
	raise(SIGHUP);
	raise(SIGSEGV);
	CHECK_RET("SIGSEGV before the lower SIGHUP", take(&si), SIGSEGV);
	CHECK_RET("then SIGHUP", take(&si), SIGHUP);

	/* A standard signal pends once per set. */
	raise(SIGUSR1);
	raise(SIGUSR1);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	CHECK("the thread's copy", take(&si) == SIGUSR1 && si.si_code == SI_TKILL, "code %d", si.si_code);
	CHECK("the process's copy", take(&si) == SIGUSR1 && si.si_code == SI_USER, "code %d", si.si_code);
	CHECK_ERR("no third", take(&si), EAGAIN);

	/* Real-time: every send, lowest number first, in order within one. */
	sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 1 });
	sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 2 });
	sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 3 });
	CHECK("SIGRTMIN first", take(&si) == SIGRTMIN && si.si_value.sival_int == 2, "value %d", si.si_value.sival_int);
	CHECK("SIGRTMIN+1, first sent", take(&si) == SIGRTMIN + 1 && si.si_value.sival_int == 1, "value %d",
	      si.si_value.sival_int);
	CHECK("SIGRTMIN+1, second sent", take(&si) == SIGRTMIN + 1 && si.si_value.sival_int == 3, "value %d",
	      si.si_value.sival_int);

	/* RLIMIT_SIGPENDING 0. */
	struct rlimit old, none = { 0, 0 };
	getrlimit(RLIMIT_SIGPENDING, &old);
	none.rlim_max = old.rlim_max;
	CHECK_OK("setrlimit RLIMIT_SIGPENDING 0", setrlimit(RLIMIT_SIGPENDING, &none));
	CHECK_ERR("real-time sigqueue: EAGAIN", sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 4 }), EAGAIN);
	CHECK_ERR("real-time tgkill: EAGAIN", tgkill_self(SIGRTMIN), EAGAIN);
	CHECK_OK("real-time kill", kill(getpid(), SIGRTMIN));
	CHECK("comes out as SI_USER from pid 0", take(&si) == SIGRTMIN && si.si_code == SI_USER && si.si_pid == 0,
	      "code %d", si.si_code);
	CHECK_OK("standard sigqueue", sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 5 }));
	CHECK("its value is lost", take(&si) == SIGUSR1 && si.si_code == SI_USER && si.si_value.sival_int == 0,
	      "code %d value %d", si.si_code, si.si_value.sival_int);
	CHECK_OK("standard tgkill", tgkill_self(SIGUSR2));
	CHECK("comes out as SI_USER", take(&si) == SIGUSR2 && si.si_code == SI_USER, "code %d", si.si_code);
	CHECK_OK("standard kill", kill(getpid(), SIGUSR1));
	CHECK("keeps its siginfo", take(&si) == SIGUSR1 && si.si_code == SI_USER && si.si_pid == getpid(),
	      "code %d", si.si_code);
	timer_t tm;
	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	CHECK_ERR("timer_create: EAGAIN (its siginfo is preallocated)", timer_create(CLOCK_MONOTONIC, &ev, &tm), EAGAIN);
	setrlimit(RLIMIT_SIGPENDING, &old);
	CHECK_OK("timer_create under the old limit", timer_create(CLOCK_MONOTONIC, &ev, &tm));
	timer_delete(tm);

	CHECK_ERR("sigtimedwait, nothing pending, zero timeout", take(&si), EAGAIN);
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR("sigtimedwait, bad timeout", sigtimedwait(&all, &si, &bad), EINVAL);
	return contract_end();
}
