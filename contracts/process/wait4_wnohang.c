/*
 * wait4_wnohang — wait4 with WNOHANG returns 0 while the child runs and its pid
 * once it is a zombie, and fills struct rusage; pid -1 waits for any child;
 * waiting for a specific pid leaves other zombies alone; ECHILD with no children
 * and EINVAL for unknown option bits.
 *
 * The child is held on a pipe so "still running" is certain, and its exit is
 * awaited with waitid(WNOWAIT) before the WNOHANG call so "zombie" is certain too.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <sys/resource.h>
#include <sys/wait.h>

static pid_t held_child(int *release, int code)
{
	int p[2];
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		read(p[0], &c, 1);
		_exit(code);
	}
	close(p[0]);
	*release = p[1];
	return pid;
}

int main(void)
{
	sigchld_quiet();
	int status, release;
	struct rusage ru;
	siginfo_t si;

	pid_t pid = held_child(&release, 5);
	status = -1;
	CHECK("WNOHANG on a running child returns 0", wait4(pid, &status, WNOHANG, &ru) == 0, "did not return 0");
	CHECK("status untouched when nothing was reaped", status == -1, "status %#x", status);
	close(release);
	CHECK_OK("waitid WNOWAIT waits for the exit", waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	memset(&ru, 0xff, sizeof ru);
	CHECK("WNOHANG on a zombie returns its pid", wait4(pid, &status, WNOHANG, &ru) == pid, "not reaped");
	CHECK("exit status", WIFEXITED(status) && WEXITSTATUS(status) == 5, "status %#x", status);
	CHECK("rusage filled", ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
	      ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000 && ru.ru_maxrss >= 0 && ru.ru_minflt >= 0,
	      "rusage not filled");
	CHECK_ERR("WNOHANG with no children", wait4(-1, &status, WNOHANG, NULL), ECHILD);

	/* Two children: a specific pid leaves the other zombie for pid -1. */
	int r1, r2;
	pid_t a = held_child(&r1, 1);
	pid_t b = held_child(&r2, 2);
	CHECK("WNOHANG any child, both running", wait4(-1, &status, WNOHANG, NULL) == 0, "reaped one");
	close(r1);
	close(r2);
	waitid(P_PID, a, &si, WEXITED | WNOWAIT);
	waitid(P_PID, b, &si, WEXITED | WNOWAIT);
	CHECK("wait4 for b reaps b", wait4(b, &status, 0, NULL) == b && WEXITSTATUS(status) == 2,
	      "status %#x", status);
	CHECK("wait4 -1 reaps a", wait4(-1, &status, 0, NULL) == a && WEXITSTATUS(status) == 1,
	      "status %#x", status);
	CHECK_ERR("ECHILD after both", wait4(-1, &status, 0, NULL), ECHILD);

	CHECK_ERR("unknown option bits", wait4(-1, &status, 0x10000, NULL), EINVAL);
	CHECK_OK("NULL status and rusage are allowed", ({
		pid_t c = fork();
		if (c == 0)
			_exit(0);
		wait4(c, NULL, 0, NULL);
	}));
	return contract_end();
}
