/*
 * fork_wait_status — fork returns 0 in the child and the child's pid in the
 * parent; the child has its own copy of memory but shares open file offsets;
 * wait statuses encode exit codes (low 8 bits only) as code << 8, death by signal
 * as the signal number and a stop as (sig << 8) | 0x7f; wait fails with ECHILD
 * when there is no child.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static int exit_status_of(int code)
{
	int status = -1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(code);
	waitpid(pid, &status, 0);
	return status;
}

/* A child that blocks `sig`, then waits for it in sigsuspend, so it always dies there. */
static pid_t waiting_child(int sig)
{
	int ready[2];
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t set, none;
		prctl(PR_SET_DUMPABLE, 0);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_BLOCK, &set, NULL);
		write(ready[1], "r", 1);
		sigemptyset(&none);
		sigsuspend(&none);
		_exit(0);
	}
	char c;
	read(ready[0], &c, 1);
	close(ready[0]);
	close(ready[1]);
	return pid;
}

int main(void)
{
	sigchld_quiet();
	static int shared_value = 1;
	pid_t parent = getpid();
	int status;

	int fd = open("/tmp/fork_wait_status.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK("scratch file", fd >= 0, "open failed with %s", strerrorname(errno));

	pid_t pid = fork();
	if (pid == 0) {
		int bad = 0;
		if (getppid() != parent)
			bad |= 1;
		if (getpid() == parent)
			bad |= 2;
		shared_value = 2;
		if (write(fd, "child", 5) != 5)
			bad |= 4;
		_exit(bad);
	}
	CHECK("fork returns a pid in the parent", pid > 0, "returned %d", pid);
	CHECK("wait returns the child", wait(&status) == pid, "wrong pid");
	CHECK("child saw getppid == parent and its own pid", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child reported %#x", status);
	CHECK("memory is copied, not shared", shared_value == 1, "value %d", shared_value);
	CHECK("file offset is shared", lseek(fd, 0, SEEK_CUR) == 5, "offset %ld", (long)lseek(fd, 0, SEEK_CUR));
	close(fd);
	unlink("/tmp/fork_wait_status.tmp");

	status = exit_status_of(0);
	CHECK("exit 0: raw status 0", status == 0, "status %#x", status);
	status = exit_status_of(1);
	CHECK("exit 1: raw status 0x100", status == 0x100 && WIFEXITED(status) && WEXITSTATUS(status) == 1,
	      "status %#x", status);
	status = exit_status_of(255);
	CHECK("exit 255: WEXITSTATUS 255", WIFEXITED(status) && WEXITSTATUS(status) == 255, "status %#x", status);
	status = exit_status_of(256 + 7);
	CHECK("exit 263 keeps the low 8 bits", WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);

	pid = waiting_child(SIGTERM);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	CHECK("killed by SIGTERM: raw status 15", status == SIGTERM && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGTERM && !WIFEXITED(status), "status %#x", status);

	pid = waiting_child(SIGUSR1);
	kill(pid, SIGUSR1);
	waitpid(pid, &status, 0);
	CHECK("killed by SIGUSR1", WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "status %#x", status);

	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(9);
	}
	waitpid(pid, &status, WUNTRACED);
	CHECK("stopped: raw status (SIGSTOP << 8) | 0x7f", status == ((SIGSTOP << 8) | 0x7f) &&
	      WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
	kill(pid, SIGCONT);
	waitpid(pid, &status, 0);
	CHECK("continued child exits normally", WIFEXITED(status) && WEXITSTATUS(status) == 9, "status %#x", status);

	CHECK_ERR("wait with no children", wait(&status), ECHILD);
	CHECK_ERR("waitpid for a non-child", waitpid(1, &status, 0), ECHILD);
	return contract_end();
}
