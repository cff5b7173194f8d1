/*
 * vfork_shares_memory — vfork suspends the parent until the child calls _exit or
 * execve: the child runs first, its writes to memory are seen by the parent, the
 * parent resumes only after the child is gone (its exit status is then waitable)
 * or has exec'd (the child keeps running on its own image).
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <sys/wait.h>

static volatile int shared_value;

int main(int argc, char **argv)
{
	sigchld_quiet();
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0)
		return 42;

	shared_value = 1;
	pid_t parent = getpid();
	pid_t pid = vfork();
	if (pid == 0) {
		/* Only what vfork allows: plain stores and _exit. */
		shared_value = (getppid() == parent) ? 2 : 3;
		_exit(7);
	}
	CHECK("vfork returns the child's pid", pid > 0, "returned %d", pid);
	CHECK("child ran first and its write is visible", shared_value == 2, "value %d", shared_value);
	int status;
	CHECK("child is waitable", waitpid(pid, &status, 0) == pid, "waitpid failed");
	CHECK("child's exit status", WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);

	/* vfork + execve: the parent resumes once the exec has happened. */
	shared_value = 10;
	char *args[] = { argv[0], "after-exec", NULL };
	char *envp[] = { NULL };
	pid = vfork();
	if (pid == 0) {
		shared_value = 11;
		execve("/proc/self/exe", args, envp);
		_exit(127);
	}
	CHECK("write before execve is visible", shared_value == 11, "value %d", shared_value);
	waitpid(pid, &status, 0);
	CHECK("exec'd child ran its new image", WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "status %#x", status);

	/* A failing execve in a vfork child: the child can report it through shared memory. */
	pid = vfork();
	if (pid == 0) {
		execve("/tmp/vfork-no-such-program", args, envp);
		shared_value = errno;
		_exit(126);
	}
	CHECK("failed execve errno reaches the parent", shared_value == ENOENT, "value %d", shared_value);
	waitpid(pid, &status, 0);
	CHECK("child exited after failed exec", WIFEXITED(status) && WEXITSTATUS(status) == 126,
	      "status %#x", status);
	return contract_end();
}
