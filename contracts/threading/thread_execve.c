/*
 * thread_execve — a non-main thread calls execve: the other threads (here the
 * main thread) are killed, the exec'ing thread takes over the process id, the
 * new image runs with a single thread whose tid equals the pid, and the parent
 * sees the same pid exit with the new image's status.
 *
 * The thread is cloned with CLONE_VFORK, so the main thread is known to be
 * blocked inside clone when it is killed: nothing depends on timing.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <dirent.h>
#include "../process/sigchld_quiet.h"
#include "thread_util.h"
#include <fcntl.h>
#include <sys/wait.h>

static char *exec_args[] = { "thread_execve", "after-exec", NULL };
static char *exec_env[] = { NULL };

static int exec_thread(void *arg)
{
	(void)arg;
	raw_syscall(SYS_execve, (long)"/proc/self/exe", (long)exec_args, (long)exec_env, 0, 0, 0);
	raw_syscall(SYS_exit, 127, 0, 0, 0, 0, 0);
	return 0;
}

/* In the new image: report the pid on fd 10 and check that only one thread is left. */
static int after_exec(void)
{
	pid_t pid = getpid();
	int bad = 0;
	if (syscall(SYS_gettid) != pid)
		bad |= 1;
	/* One thread left: /proc/self/task lists one tid, the pid. (Not /proc/self/status: its
	 * memory and context-switch figures count the recorder's ptrace stops on Linux.) */
	DIR *d = opendir("/proc/self/task");
	int tasks = 0, own = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.') {
			tasks++;
			own += atoi(e->d_name) == pid;
		}
	if (d)
		closedir(d);
	if (tasks != 1 || own != 1)
		bad |= 2;
	write(10, &pid, sizeof pid);
	return bad ? 10 + bad : 0;
}

int main(int argc, char **argv)
{
	sigchld_quiet();
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0)
		return after_exec();

	int p[2];
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 10);
		close(p[0]);
		close(p[1]);
		raw_thread(exec_thread, NULL, THREAD_FLAGS_BASE | CLONE_FILES | CLONE_VFORK, NULL, NULL);
		_exit(99); /* not reached: the exec kills this thread */
	}
	close(p[1]);
	pid_t reported = 0;
	ssize_t n = read(p[0], &reported, sizeof reported);
	CHECK("new image reported its pid", n == (ssize_t)sizeof reported, "read %zd", n);
	CHECK("exec'ing thread took over the process id", reported == pid, "differs");
	int status;
	CHECK("parent waits for the same pid", waitpid(pid, &status, 0) == pid, "differs");
	CHECK("single thread with tid == pid after exec", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	return contract_end();
}
