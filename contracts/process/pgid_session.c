/*
 * pgid_session — process groups and sessions: a child starts in its parent's
 * group and session; setpgid(0, 0) makes it a group leader; setsid makes a new
 * session (sid = pgid = pid) and fails with EPERM for a group leader; setpgid
 * into a group of another session is EPERM, on a non-child ESRCH, on a child
 * after its execve EACCES; getpgid/getsid of a missing process is ESRCH.
 *
 * Everything that moves groups or sessions happens in children, so the
 * contract never depends on the group it was started in.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

/* Run fn in a child and return its exit code (0 means every check there passed). */
static int child_inherits(void)
{
	if (getpgid(0) != getpgid(getppid()))
		return 1;
	if (getsid(0) != getsid(getppid()))
		return 2;
	if (getpgrp() != getpgid(0))
		return 3;
	return 0;
}

static int child_new_group(void)
{
	if (setpgid(0, 0) != 0)
		return 1;
	if (getpgid(0) != getpid())
		return 2;
	if (getsid(0) != getsid(getppid()))
		return 3; /* same session */
	errno = 0;
	if (setsid() != -1 || errno != EPERM)
		return 4; /* a group leader cannot make a session */
	return 0;
}

static int child_new_session(void)
{
	pid_t old_sid = getsid(0);
	pid_t sid = setsid();
	if (sid != getpid())
		return 1;
	if (getsid(0) != getpid() || getpgid(0) != getpid())
		return 2;
	if (old_sid == sid)
		return 3;
	errno = 0;
	if (setsid() != -1 || errno != EPERM)
		return 4; /* now a group leader */
	/* The parent's group is in another session now. */
	errno = 0;
	if (setpgid(0, getpgid(getppid())) != -1 || errno != EPERM)
		return 5;
	return 0;
}

int main(int argc, char **argv)
{
	sigchld_quiet();
	if (argc > 1 && strcmp(argv[1], "hold") == 0) {
		char c;
		read(0, &c, 1);
		return 0;
	}

	CHECK("getpgid(0) == getpgrp()", getpgid(0) == getpgrp(), "differ");
	CHECK("getpgid(getpid()) == getpgid(0)", getpgid(getpid()) == getpgid(0), "differ");
	CHECK("getsid(getpid()) == getsid(0)", getsid(getpid()) == getsid(0), "differ");
	CHECK("child inherits group and session", contract_in_child(child_inherits) == 0, "step failed");
	CHECK("setpgid(0, 0) makes a group leader; setsid then EPERM", contract_in_child(child_new_group) == 0,
	      "step %d failed", contract_in_child(child_new_group));
	CHECK("setsid makes a new session; EPERM rules", contract_in_child(child_new_session) == 0,
	      "step %d failed", contract_in_child(child_new_session));

	CHECK_ERR("getpgid of a missing process", getpgid(INT_MAX), ESRCH);
	CHECK_ERR("getsid of a missing process", getsid(INT_MAX), ESRCH);
	CHECK_ERR("setpgid on a non-child", setpgid(getppid(), 0), ESRCH);
	CHECK_ERR("setpgid negative pgid", setpgid(0, -1), EINVAL);

	/* The parent moves a child into a new group; after the child's execve that is EACCES. */
	int p[2];
	pipe(p);
	int ready[2], go[2];
	pipe(ready);
	pipe(go);
	pid_t pid = fork();
	if (pid == 0) {
		char g;
		read(go[0], &g, 1); /* exec only after the parent's first setpgid */
		dup2(p[0], 0);
		close(p[1]);
		char *args[] = { argv[0], "hold", NULL };
		char *envp[] = { NULL };
		fcntl(ready[1], F_SETFD, FD_CLOEXEC);
		close(ready[0]);
		execve("/proc/self/exe", args, envp);
		_exit(127);
	}
	close(p[0]);
	close(ready[1]);
	CHECK_OK("setpgid on a child", setpgid(pid, pid));
	CHECK("child's group changed", getpgid(pid) == pid, "not moved");
	write(go[1], "g", 1);
	/* The close-on-exec pipe reads EOF once the exec has happened. */
	char c;
	read(ready[0], &c, 1);
	CHECK_ERR("setpgid on a child after execve", setpgid(pid, 0), EACCES);
	close(p[1]);
	int status;
	waitpid(pid, &status, 0);
	CHECK("held child exits", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	return contract_end();
}
