/*
 * async_delivery_point — a signal another process sends is delivered wherever the receiver
 * happens to be: in user code that makes no calls (or on the return of the fork, if the child
 * ran first), and, once unblocked, on the return of the sigprocmask that unblocks it. The output
 * does not depend on where; the trace records where, and check mode must deliver it at that point
 * (RULE_SIGNAL_POINT): held until then, waited for there, or given on an interrupt's return after
 * the task stayed in user code. (A read racing the sender's write is left out: whether the signal
 * or the byte wins is not in the trace.)
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
	int status;
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

	/* On a call's return: blocked while the child sends it, delivered when sigprocmask
	 * unblocks it (after the child is gone, so nothing else can move it). */
	got = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = fork();
	if (pid == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	CHECK("child reaped again", waitpid(pid, &status, 0) == pid && status == 0, "status %#x", status);
	CHECK("not delivered while blocked", got == 0, "got %d", (int)got);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK("delivered when unblocked", got == 1, "got %d", (int)got);

	return contract_end();
}
