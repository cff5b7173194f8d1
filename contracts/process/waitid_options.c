/*
 * waitid_options — waitid by P_PID, P_PGID and P_ALL; WEXITED fills siginfo
 * (si_signo SIGCHLD, si_code, si_pid, si_uid, si_status); WNOWAIT leaves the
 * child waitable; WSTOPPED and WCONTINUED report job-control changes; WNOHANG
 * with nothing to report returns 0 with si_pid 0; EINVAL without a state flag or
 * for a bad idtype; ECHILD when nothing matches.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <signal.h>
#include <sys/wait.h>

int main(void)
{
	sigchld_quiet();
	siginfo_t si;
	int hold[2];
	pipe(hold);

	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(hold[1]);
		raise(SIGSTOP);
		read(hold[0], &c, 1);
		_exit(12);
	}
	memset(&si, 0, sizeof si);
	CHECK_OK("WSTOPPED", waitid(P_PID, pid, &si, WSTOPPED));
	CHECK("stop: CLD_STOPPED with SIGSTOP", si.si_signo == SIGCHLD && si.si_code == CLD_STOPPED &&
	      si.si_status == SIGSTOP && si.si_pid == pid, "code %d status %d", si.si_code, si.si_status);
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof si);
	CHECK_OK("WCONTINUED", waitid(P_PID, pid, &si, WCONTINUED));
	CHECK("continue: CLD_CONTINUED with SIGCONT", si.si_code == CLD_CONTINUED && si.si_status == SIGCONT,
	      "code %d status %d", si.si_code, si.si_status);

	memset(&si, 0xff, sizeof si);
	CHECK("WNOHANG with nothing to report returns 0", waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0,
	      "failed");
	CHECK("si_pid zeroed", si.si_pid == 0, "si_pid not zeroed");

	close(hold[1]);
	memset(&si, 0, sizeof si);
	CHECK_OK("WEXITED | WNOWAIT", waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	CHECK("exit: CLD_EXITED with status", si.si_signo == SIGCHLD && si.si_code == CLD_EXITED &&
	      si.si_status == 12 && si.si_pid == pid && si.si_uid == getuid(),
	      "code %d status %d", si.si_code, si.si_status);
	memset(&si, 0, sizeof si);
	CHECK_OK("still waitable after WNOWAIT", waitid(P_ALL, 0, &si, WEXITED));
	CHECK("P_ALL reaps it", si.si_pid == pid && si.si_status == 12, "status %d", si.si_status);
	CHECK_ERR("ECHILD once reaped", waitid(P_PID, pid, &si, WEXITED), ECHILD);

	/* P_PGID: a child in its own group, killed by a signal. */
	int ready[2];
	pipe(ready);
	pid = fork();
	if (pid == 0) {
		sigset_t set, none;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		setpgid(0, 0);
		write(ready[1], "r", 1);
		sigemptyset(&none);
		sigsuspend(&none);
		_exit(0);
	}
	char c;
	read(ready[0], &c, 1);
	kill(pid, SIGTERM);
	memset(&si, 0, sizeof si);
	CHECK_OK("P_PGID", waitid(P_PGID, pid, &si, WEXITED));
	CHECK("killed: CLD_KILLED with SIGTERM", si.si_code == CLD_KILLED && si.si_status == SIGTERM &&
	      si.si_pid == pid, "code %d status %d", si.si_code, si.si_status);

	CHECK_ERR("no state flag", waitid(P_ALL, 0, &si, WNOHANG), EINVAL);
	CHECK_ERR("bad idtype", waitid((idtype_t)42, 0, &si, WEXITED), EINVAL);
	CHECK_ERR("nothing to wait for", waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	return contract_end();
}
