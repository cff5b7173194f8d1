/*
 * orphaned_pgrp_hup — when an exit leaves a process group orphaned (no member has a
 * parent in another group of the same session) and a member of it is stopped, Linux
 * (kill_orphaned_pgrp) sends the group SIGHUP and then SIGCONT: the stopped process
 * resumes and both handlers run (SIGCONT's first: both are pending when it resumes and
 * the higher-numbered frame goes on top). Here A starts a session, its child C leads a
 * group of its own, C's child D stops itself, and C exits: D's new parent (init) is in
 * another session, so D's group is orphaned.
 */
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <signal.h>
#include <sys/wait.h>

static int report[2];

static void on_sig(int sig)
{
	char c = sig == SIGHUP ? 'H' : sig == SIGCONT ? 'C' : '?';
	write(report[1], &c, 1);
}

int main(void)
{
	sigchld_quiet();   /* SIGCHLD is not the subject (sigchld_quiet.h) */
	pipe(report);
	pid_t a = fork();
	if (a == 0) {
		setsid();
		pid_t c = fork();
		if (c == 0) {
			setpgid(0, 0);
			pid_t d = fork();
			if (d == 0) {
				signal(SIGHUP, on_sig);
				signal(SIGCONT, on_sig);
				kill(getpid(), SIGSTOP);
				_exit(0);
			}
			int st;
			waitpid(d, &st, WUNTRACED);   /* D is stopped: now leave */
			_exit(WIFSTOPPED(st) ? 0 : 1);
		}
		int st;
		waitpid(c, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 2);
	}
	close(report[1]);
	char got[3] = { 0 };
	int n = 0;
	while (n < 2 && read(report[0], got + n, 1) == 1)
		n++;
	CHECK("the stopped process got SIGCONT and SIGHUP", n == 2 && got[0] == 'C' && got[1] == 'H', "got '%s'", got);
	int st;
	waitpid(a, &st, 0);
	CHECK("its parent saw it stop before leaving", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	return contract_end();
}
