/*
 * prctl_name_pdeathsig — prctl basics: PR_SET_NAME renames the thread (16 bytes
 * with the NUL, longer names truncated) as PR_GET_NAME and /proc/self/comm show;
 * PR_SET_DUMPABLE reads back; a child subreaper adopts an orphaned grandchild,
 * which receives its PR_SET_PDEATHSIG signal when its parent exits and then sees
 * the subreaper as its parent; EINVAL for a bad death signal or an unknown option.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static int read_comm(char *buf, size_t len)
{
	int fd = open("/proc/self/comm", O_RDONLY);
	ssize_t n = read(fd, buf, len - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? 0 : -1;
}

/* The grandchild: wait for the death signal, then report (as its exit code) what it saw. */
static int grandchild(int ready_fd, pid_t subreaper)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGUSR1) != 0)
		return 1;
	int sig = 0;
	if (prctl(PR_GET_PDEATHSIG, &sig) != 0 || sig != SIGUSR1)
		return 2;
	write(ready_fd, "r", 1);
	siginfo_t si;
	if (sigwaitinfo(&set, &si) != SIGUSR1)
		return 3;
	if (getppid() != subreaper)
		return 4;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	char name[32], comm[32];

	CHECK_OK("PR_SET_NAME", prctl(PR_SET_NAME, "renamed-task"));
	memset(name, 0, sizeof name);
	CHECK_OK("PR_GET_NAME", prctl(PR_GET_NAME, name));
	CHECK("name reads back", strcmp(name, "renamed-task") == 0, "differs");
	read_comm(comm, sizeof comm);
	CHECK("/proc/self/comm shows it", strcmp(comm, "renamed-task\n") == 0, "differs");
	prctl(PR_SET_NAME, "a-name-longer-than-fifteen");
	prctl(PR_GET_NAME, name);
	CHECK("long names truncated to 15 bytes", strcmp(name, "a-name-longer-t") == 0, "differs");

	CHECK_OK("PR_SET_DUMPABLE 0", prctl(PR_SET_DUMPABLE, 0));
	CHECK("PR_GET_DUMPABLE 0", prctl(PR_GET_DUMPABLE) == 0, "differs");
	prctl(PR_SET_DUMPABLE, 1);
	CHECK("PR_GET_DUMPABLE 1", prctl(PR_GET_DUMPABLE) == 1, "differs");

	CHECK_OK("PR_SET_CHILD_SUBREAPER", prctl(PR_SET_CHILD_SUBREAPER, 1));
	int flag = 0;
	prctl(PR_GET_CHILD_SUBREAPER, &flag);
	CHECK("PR_GET_CHILD_SUBREAPER", flag == 1, "got %d", flag);

	int ready[2];
	pipe(ready);
	pid_t me = getpid();
	int gpid_pipe[2];
	pipe(gpid_pipe);
	pid_t middle = fork();
	if (middle == 0) {
		pid_t g = fork();
		if (g == 0)
			_exit(grandchild(ready[1], me));
		char c;
		read(ready[0], &c, 1); /* the grandchild has its death signal set */
		write(gpid_pipe[1], &g, sizeof g);
		_exit(0);
	}
	pid_t g = 0;
	read(gpid_pipe[0], &g, sizeof g);
	int status;
	waitpid(middle, &status, 0);
	CHECK("middle child exited", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK("orphaned grandchild is now our child", waitpid(g, &status, 0) == g, "not ours");
	CHECK("grandchild got its death signal and saw the subreaper as parent",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0, "step %d failed", WEXITSTATUS(status));

	CHECK_ERR("bad death signal", prctl(PR_SET_PDEATHSIG, 99), EINVAL);
	CHECK_ERR("unknown option", prctl(0x7fff0000), EINVAL);
	return contract_end();
}
