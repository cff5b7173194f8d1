/*
 * orphan_reparent — a process whose parent exits is adopted by pid 1 (getppid says 1), or by
 * the nearest living ancestor that is a child subreaper (PR_SET_CHILD_SUBREAPER), which can
 * then wait for it, and gets SIGCHLD for it. The orphan looks only when we say so, after we
 * reaped its first parent (whose exit had re-parented it by then). A child that is already a
 * zombie when it is handed over makes its new parent a SIGCHLD right then, before the one for
 * the exiting parent (Linux's reparent_leader), so that is the SIGCHLD the subreaper finds.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* Fork a child that forks the orphan and exits; once we reaped that child, the orphan writes
 * getppid() into report. Returns the orphan's pid as the middle child said it. */
static pid_t make_orphan(int report)
{
	int pids[2], go[2];
	pipe(pids);
	pipe(go);
	pid_t mid = fork();
	if (mid == 0) {
		pid_t orphan = fork();
		if (orphan == 0) {
			char c;
			close(go[1]);
			read(go[0], &c, 1);
			pid_t pp = getppid();
			write(report, &pp, sizeof pp);
			_exit(9);
		}
		write(pids[1], &orphan, sizeof orphan);
		_exit(0);
	}
	pid_t orphan = -1;
	read(pids[0], &orphan, sizeof orphan);
	int status;
	waitpid(mid, &status, 0);
	write(go[1], "g", 1);
	close(go[0]);
	close(go[1]);
	close(pids[0]);
	close(pids[1]);
	return orphan;
}

int main(void)
{
	sigchld_quiet();
	int rep[2];
	pipe(rep);

	/* Adopted by init: its new parent is pid 1, and we cannot wait for it. */
	pid_t orphan = make_orphan(rep[1]);
	pid_t pp = -1;
	CHECK("orphan reports its parent", read(rep[0], &pp, sizeof pp) == sizeof pp, "no report");
	CHECK("orphan's parent is pid 1", pp == 1, "ppid is %s", pp == getpid() ? "us" : "another");
	CHECK_ERR("not our child to wait for", waitpid(orphan, NULL, 0), ECHILD);

	/* A child subreaper adopts its orphaned descendants. */
	CHECK_OK("PR_SET_CHILD_SUBREAPER", prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	int is = 0;
	CHECK_OK("PR_GET_CHILD_SUBREAPER", prctl(PR_GET_CHILD_SUBREAPER, &is, 0, 0, 0));
	CHECK("subreaper flag set", is == 1, "flag %d", is);
	orphan = make_orphan(rep[1]);
	pp = -1;
	CHECK("adopted orphan reports", read(rep[0], &pp, sizeof pp) == sizeof pp, "no report");
	CHECK("subreaper is its parent", pp == getpid(), "ppid is %s", pp == 1 ? "1" : "another");
	int status = 0;
	CHECK("subreaper reaps it", waitpid(orphan, &status, 0) == orphan && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 9, "status %#x", status);
	sigset_t pending;
	sigpending(&pending);
	CHECK("SIGCHLD pending for the children", sigismember(&pending, SIGCHLD) == 1, "not pending");
	CHECK_ERR("no children left", wait(NULL), ECHILD);

	/* An adopted zombie: its SIGCHLD reaches the subreaper first. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	CHECK("take the pending SIGCHLD", sigtimedwait(&chld, &si, &zero) == SIGCHLD, "none");
	int zp[2];
	pipe(zp);
	pid_t mid = fork();
	if (mid == 0) {
		pid_t g = fork();
		if (g == 0)
			_exit(5);
		siginfo_t gi;
		waitid(P_PID, g, &gi, WEXITED | WNOWAIT);   /* g is a zombie now */
		write(zp[1], &g, sizeof g);
		_exit(0);
	}
	pid_t zombie = -1;
	read(zp[0], &zombie, sizeof zombie);
	waitpid(mid, &status, 0);
	memset(&si, 0, sizeof si);
	CHECK("a SIGCHLD is pending", sigtimedwait(&chld, &si, &zero) == SIGCHLD, "none");
	CHECK("it is the adopted zombie's", si.si_pid == zombie && si.si_code == CLD_EXITED && si.si_status == 5,
	      "code %d status %d, %s", si.si_code, si.si_status, si.si_pid == mid ? "from its parent" : "another pid");
	CHECK("and the subreaper reaps it", waitpid(zombie, &status, 0) == zombie && WEXITSTATUS(status) == 5,
	      "status %#x", status);
	return contract_end();
}
