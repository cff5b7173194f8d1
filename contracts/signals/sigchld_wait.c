/*
 * sigchld_wait — a child's exit, death by signal, stop and continue each raise
 * SIGCHLD in the parent with the matching si_code (CLD_EXITED, CLD_KILLED,
 * CLD_STOPPED, CLD_CONTINUED), si_pid and si_status, and wait reports the same;
 * SA_NOCLDSTOP suppresses the stop/continue notifications; with SIGCHLD set to
 * SIG_IGN children are reaped by the kernel and wait fails with ECHILD.
 *
 * SIGCHLD stays blocked and is collected with sigwaitinfo, so it does not matter
 * whether the child changes state before or after the parent starts waiting.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/wait.h>

static void on_chld(int sig)
{
	(void)sig;
}

static int wait_chld(siginfo_t *si)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	return sigwaitinfo(&set, si);
}

int main(void)
{
	sigset_t set;
	siginfo_t si;
	int status;
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);

	/* Exit with a status. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(3);
	CHECK("SIGCHLD on exit", wait_chld(&si) == SIGCHLD, "no SIGCHLD");
	CHECK("si_code CLD_EXITED", si.si_code == CLD_EXITED, "got %d", si.si_code);
	CHECK("si_pid is the child", si.si_pid == pid, "differs from fork result");
	CHECK("si_status is the exit code", si.si_status == 3, "got %d", si.si_status);
	CHECK("waitpid reaps it", waitpid(pid, &status, 0) == pid, "waitpid failed");
	CHECK("WEXITSTATUS 3", WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x", status);

	/* Killed by a signal. */
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	CHECK("SIGCHLD on kill", wait_chld(&si) == SIGCHLD, "no SIGCHLD");
	CHECK("si_code CLD_KILLED", si.si_code == CLD_KILLED, "got %d", si.si_code);
	CHECK("si_status is the signal", si.si_status == SIGKILL, "got %d", si.si_status);
	waitpid(pid, &status, 0);
	CHECK("WTERMSIG SIGKILL", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);

	/* Stopped, then continued, then exits. */
	int go[2];
	pipe(go);
	pid = fork();
	if (pid == 0) {
		char c;
		kill(getpid(), SIGSTOP);
		read(go[0], &c, 1);
		_exit(4);
	}
	CHECK("SIGCHLD on stop", wait_chld(&si) == SIGCHLD, "no SIGCHLD");
	CHECK("si_code CLD_STOPPED", si.si_code == CLD_STOPPED && si.si_status == SIGSTOP,
	      "code %d status %d", si.si_code, si.si_status);
	CHECK("waitpid WUNTRACED sees stop", waitpid(pid, &status, WUNTRACED) == pid &&
	      WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	kill(pid, SIGCONT);
	CHECK("SIGCHLD on continue", wait_chld(&si) == SIGCHLD, "no SIGCHLD");
	CHECK("si_code CLD_CONTINUED", si.si_code == CLD_CONTINUED && si.si_status == SIGCONT,
	      "code %d status %d", si.si_code, si.si_status);
	CHECK("waitpid WCONTINUED sees continue", waitpid(pid, &status, WCONTINUED) == pid &&
	      WIFCONTINUED(status), "status %#x", status);
	write(go[1], "x", 1);
	wait_chld(&si);
	waitpid(pid, &status, 0);
	CHECK("exit after continue", WIFEXITED(status) && WEXITSTATUS(status) == 4, "status %#x", status);

	/* SA_NOCLDSTOP: no SIGCHLD for the stop, only for the exit. */
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		char c;
		kill(getpid(), SIGSTOP);
		read(go[0], &c, 1);
		_exit(5);
	}
	waitpid(pid, &status, WUNTRACED);
	CHECK("stopped child", WIFSTOPPED(status), "status %#x", status);
	sigset_t pend;
	sigpending(&pend);
	CHECK("SA_NOCLDSTOP: no SIGCHLD for stop", !sigismember(&pend, SIGCHLD), "pending");
	kill(pid, SIGCONT);
	write(go[1], "x", 1);
	CHECK("SA_NOCLDSTOP: SIGCHLD for exit", wait_chld(&si) == SIGCHLD && si.si_code == CLD_EXITED,
	      "code %d", si.si_code);
	waitpid(pid, &status, 0);

	/* SIG_IGN: the kernel reaps children itself; wait blocks until they are gone, then ECHILD. */
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(6);
	CHECK_ERR("SIG_IGN auto-reaps (ECHILD)", waitpid(pid, &status, 0), ECHILD);
	sigpending(&pend);
	CHECK("SIG_IGN: nothing pending", !sigismember(&pend, SIGCHLD), "pending");

	signal(SIGCHLD, SIG_DFL);
	return contract_end();
}
