/*
 * stop_continue — job-control signals: SIGSTOP stops a process (waitpid
 * WUNTRACED reports it); a stopped process still collects signals; SIGCONT
 * resumes it even while SIGCONT is blocked, and discards pending stop signals
 * (a blocked SIGTSTP queued during the stop is gone), while SIGCONT itself stays
 * pending until unblocked, then runs its handler; SIGKILL ends a stopped
 * process without a SIGCONT.
 *
 * The child stops itself with kill(getpid(), SIGSTOP), so where it stops never
 * depends on timing; the parent acts only after waitpid has seen the stop.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <signal.h>
#include <sys/wait.h>

static volatile int cont_handled;

static void on_cont(int sig)
{
	(void)sig;
	cont_handled++;
}

static int child(int go)
{
	signal(SIGCONT, on_cont);
	sigset_t set, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGCONT);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGSTOP); /* resumes here after the parent's SIGCONT */
	sigpending(&pend);
	int bad = 0;
	if (sigismember(&pend, SIGTSTP))
		bad |= 1; /* SIGCONT must have discarded it */
	if (!sigismember(&pend, SIGCONT))
		bad |= 2; /* blocked SIGCONT stays pending */
	if (cont_handled)
		bad |= 4;
	char c;
	read(go, &c, 1); /* stay alive until the parent has seen the continue */
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	if (cont_handled != 1)
		bad |= 8;
	return bad;
}

int main(void)
{
	sigchld_quiet();
	int status;

	int go[2];
	pipe(go);
	pid_t pid = fork();
	if (pid == 0)
		_exit(child(go[0]));
	CHECK("child stops itself", waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) &&
	      WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	CHECK_OK("signal a stopped process", kill(pid, SIGTSTP));
	CHECK_OK("SIGCONT", kill(pid, SIGCONT));
	CHECK("blocked SIGCONT still resumes", waitpid(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status),
	      "status %#x", status);
	write(go[1], "g", 1);
	waitpid(pid, &status, 0);
	CHECK("pending stop signal discarded; SIGCONT pending, then handled once",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0, "child reported %#x", status);

	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGSTOP);
		_exit(0);
	}
	waitpid(pid, &status, WUNTRACED);
	CHECK_OK("SIGKILL a stopped process", kill(pid, SIGKILL));
	waitpid(pid, &status, 0);
	CHECK("it dies without being continued", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "status %#x", status);
	return contract_end();
}
