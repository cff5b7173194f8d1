/*
 * orphaned_pgrp_stop — job-control stops in an orphaned process group, as Linux's
 * get_signal decides: the program's own group is orphaned (its only parent outside the
 * group, the sandbox's init, is in another session), so a default SIGTSTP, SIGTTIN or
 * SIGTTOU there is discarded and the child runs on, while SIGSTOP still stops it and a
 * handled SIGTSTP still runs its handler; in a new group whose parent is in the session
 * outside it (not orphaned), SIGTSTP stops.
 */
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <signal.h>
#include <sys/wait.h>

static volatile int handled;

static void on_tstp(int sig)
{
	(void)sig;
	handled = 1;
}

/* A child raises sig, in a new group if asked; then exits with 40 + handled. */
static int outcome(int sig, int new_group, int with_handler)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (new_group)
			setpgid(0, 0);
		if (with_handler)
			signal(sig, on_tstp);
		raise(sig);
		_exit(40 + handled);
	}
	int st;
	waitpid(pid, &st, WUNTRACED);
	if (WIFSTOPPED(st)) {
		kill(pid, SIGCONT);
		int end;
		waitpid(pid, &end, 0);
	}
	return st;
}

int main(void)
{
	sigchld_quiet();   /* SIGCHLD is not the subject (sigchld_quiet.h) */
	int st = outcome(SIGTSTP, 0, 0);
	CHECK("SIGTSTP in the orphaned group: discarded", WIFEXITED(st) && WEXITSTATUS(st) == 40, "status %#x", st);
	st = outcome(SIGTTIN, 0, 0);
	CHECK("SIGTTIN likewise", WIFEXITED(st) && WEXITSTATUS(st) == 40, "status %#x", st);
	st = outcome(SIGTTOU, 0, 0);
	CHECK("SIGTTOU likewise", WIFEXITED(st) && WEXITSTATUS(st) == 40, "status %#x", st);
	st = outcome(SIGSTOP, 0, 0);
	CHECK("SIGSTOP still stops", WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "status %#x", st);
	st = outcome(SIGTSTP, 0, 1);
	CHECK("a handled SIGTSTP runs its handler", WIFEXITED(st) && WEXITSTATUS(st) == 41, "status %#x", st);
	st = outcome(SIGTSTP, 1, 0);
	CHECK("SIGTSTP in a group with a parent outside: stops", WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP,
	      "status %#x", st);
	return contract_end();
}
