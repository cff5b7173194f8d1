/*
 * signalfd_restart — a blocking signalfd read interrupted by a caught signal behaves as
 * Linux's signalfd_dequeue (-ERESTARTSYS): with SA_RESTART the read resumes after the
 * handler and returns the signal the handler raised (SI_TKILL, from this process);
 * without it the read fails with EINTR and the signal stays pending for the next read.
 *
 * The interrupting signal comes from a 300 ms ITIMER_REAL timer, so this relies on the
 * process entering the blocking read within 300 ms (as signals/sa_restart_read).
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/time.h>

static volatile int hits;

static void on_alarm(int sig)
{
	(void)sig;
	hits++;
	raise(SIGUSR1);   /* blocked: it pends for the signalfd */
}

static void arm(int restart)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { .it_interval = { 0, 0 }, .it_value = { 0, 300000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	int fd = signalfd(-1, &usr1, SFD_CLOEXEC);
	struct signalfd_siginfo si;

	hits = 0;
	arm(1);
	memset(&si, 0, sizeof si);
	ssize_t n = read(fd, &si, sizeof si);
	CHECK("SA_RESTART: the read resumes and returns the raised signal",
	      n == (ssize_t)sizeof si && si.ssi_signo == SIGUSR1 && si.ssi_code == SI_TKILL,
	      "returned %zd errno %s", n, strerrorname(errno));
	CHECK("SA_RESTART: sender is this process", si.ssi_pid == (unsigned)getpid(), "differs");
	CHECK_RET("SA_RESTART: handler ran once", hits, 1);

	hits = 0;
	arm(0);
	CHECK_ERR("no SA_RESTART: the read fails with EINTR", read(fd, &si, sizeof si), EINTR);
	CHECK_RET("no SA_RESTART: handler ran once", hits, 1);
	memset(&si, 0, sizeof si);
	CHECK("the raised signal is there for the next read",
	      read(fd, &si, sizeof si) == (ssize_t)sizeof si && si.ssi_signo == SIGUSR1, "not there");

	signal(SIGALRM, SIG_DFL);
	return contract_end();
}
