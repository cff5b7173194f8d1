/*
 * sigwait_thread — the signal-handling-thread pattern: every thread blocks the signals and
 * one thread takes them with sigwaitinfo. Signals for the process pend for the process
 * (Linux's shared pending), not for whichever thread was picked when they came, so the
 * waiting thread gets them even when they arrived before it started to wait: kill
 * (SI_USER), an ITIMER_REAL expiry (SIGALRM, SI_KERNEL) and a POSIX timer (SI_TIMER with
 * its value). The main thread sleeps before letting the waiter go, so the timers fire
 * while nobody waits; the results do not depend on it.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

struct waiter {
	struct exit_watch watch;
	int go[2], out[2];
};

static void *waiter_main(void *p)
{
	struct waiter *w = p;
	exit_watch_thread_start(&w->watch);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGALRM);
	sigaddset(&set, SIGUSR2);
	char c;
	while (read(w->go[0], &c, 1) == 1 && c != 'q') {
		siginfo_t si;
		memset(&si, 0, sizeof si);
		int got[3] = { sigwaitinfo(&set, &si), si.si_code, si.si_value.sival_int };
		write(w->out[1], got, sizeof got);
	}
	return NULL;
}

static void next(struct waiter *w, int got[3])
{
	write(w->go[1], "n", 1);
	read(w->out[0], got, 3 * sizeof(int));
}

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGALRM);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);

	struct waiter w;
	memset(&w, 0, sizeof w);
	pipe(w.go);
	pipe(w.out);
	exit_watch_open(&w.watch);
	pthread_t th;
	pthread_create(&th, NULL, waiter_main, &w);
	exit_watch_started(&w.watch);
	int got[3];
	struct timespec nap = { 0, 50 * 1000 * 1000 };

	kill(getpid(), SIGUSR1);
	next(&w, got);
	CHECK("kill: the waiting thread takes it", got[0] == SIGUSR1 && got[1] == SI_USER, "sig %d code %d",
	      got[0], got[1]);

	struct itimerval it = { { 0, 0 }, { 0, 10000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	nanosleep(&nap, NULL);
	next(&w, got);
	CHECK("ITIMER_REAL: SIGALRM to the waiting thread", got[0] == SIGALRM && got[1] == SI_KERNEL,
	      "sig %d code %d", got[0], got[1]);

	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	ev.sigev_value.sival_int = 77;
	timer_t tm;
	CHECK_OK("timer_create", timer_create(CLOCK_MONOTONIC, &ev, &tm));
	struct itimerspec ts = { { 0, 0 }, { 0, 10 * 1000 * 1000 } };
	timer_settime(tm, 0, &ts, NULL);
	nanosleep(&nap, NULL);
	next(&w, got);
	CHECK("POSIX timer: SI_TIMER with its value to the waiting thread",
	      got[0] == SIGUSR2 && got[1] == SI_TIMER && got[2] == 77, "sig %d code %d value %d", got[0], got[1],
	      got[2]);
	timer_delete(tm);

	write(w.go[1], "q", 1);
	exit_watch_wait(&w.watch);
	pthread_join(th, NULL);
	return contract_end();
}
