/*
 * async_delivery_point — a signal another process sends is delivered wherever the receiver
 * happens to be: in user code that makes no calls, on the return of a call, or in a blocking
 * read it interrupts (EINTR without SA_RESTART). The output does not depend on where; the trace
 * records where, and check mode must deliver it at that point (RULE_SIGNAL_POINT): held until
 * then, waited for there, or given at the next call's entry with that call restarted.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/wait.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

int main(void)
{
	struct sigaction sa;
	sigset_t set;
	int status, p[2];
	char c;
	pid_t parent = getpid(), pid;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);   /* SIGCHLD's own timing is not the point here */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;              /* no SA_RESTART: an interrupted read fails */
	sigaction(SIGUSR1, &sa, NULL);

	/* In user code: the parent spins on the flag the handler sets. */
	pid = fork();
	if (pid == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	while (!got)
		;
	CHECK("handler ran while the parent made no calls", got == 1, "got %d", (int)got);
	CHECK("child reaped", waitpid(pid, &status, 0) == pid && status == 0, "status %#x", status);

	/* Around a blocking read: the signal comes before it (delivered between calls) or
	 * interrupts it (EINTR); then the byte the child writes after the kill arrives. */
	got = 0;
	CHECK("pipe", pipe(p) == 0, "errno %d", errno);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		kill(parent, SIGUSR1);
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	ssize_t n;
	do
		n = read(p[0], &c, 1);
	while (n < 0 && errno == EINTR);
	CHECK("read gets the byte, interrupted or not", n == 1 && c == 'x', "n %zd", n);
	CHECK("handler ran once", got == 1, "got %d", (int)got);
	CHECK("child reaped again", waitpid(pid, &status, 0) == pid && status == 0, "status %#x", status);

	return contract_end();
}
