/*
 * exit_group_thread — a thread that calls exit_group ends the whole process with
 * its status, killing the main thread; a thread that calls plain exit ends only
 * itself and the process lives on.
 *
 * The threads are cloned with CLONE_VFORK, so the main thread is known to be
 * blocked inside clone when the thread acts: nothing depends on timing.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include "../threading/thread_util.h"
#include <sys/wait.h>

static int group_exit(void *arg)
{
	raw_syscall(SYS_exit_group, (long)arg, 0, 0, 0, 0, 0);
	return 0;
}

static int thread_exit(void *arg)
{
	(void)arg;
	raw_syscall(SYS_exit, 0, 0, 0, 0, 0, 0);
	return 0;
}

int main(void)
{
	sigchld_quiet();
	int flags = THREAD_FLAGS_BASE | CLONE_FILES | CLONE_VFORK;
	int status;

	pid_t pid = fork();
	if (pid == 0) {
		raw_thread(group_exit, (void *)42L, flags, NULL, NULL);
		_exit(1); /* never reached: exit_group killed this thread */
	}
	siginfo_t si;
	memset(&si, 0, sizeof si);
	CHECK_OK("waitid on the process", waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	CHECK("CLD_EXITED with the thread's code", si.si_code == CLD_EXITED && si.si_status == 42,
	      "code %d status %d", si.si_code, si.si_status);
	waitpid(pid, &status, 0);
	CHECK("exit status 42 from the thread", WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "status %#x", status);

	pid = fork();
	if (pid == 0) {
		int tid = raw_thread(thread_exit, NULL, flags, NULL, NULL);
		_exit(tid > 0 && tid != getpid() ? 7 : 8);
	}
	waitpid(pid, &status, 0);
	CHECK("thread exit leaves the process running", WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "status %#x", status);

	/* exit_group from a thread of this very process ends the contract, so run it last in a child
	   that also has a second, already finished, thread. */
	pid = fork();
	if (pid == 0) {
		raw_thread(thread_exit, NULL, flags, NULL, NULL);
		raw_thread(group_exit, (void *)3L, flags, NULL, NULL);
		_exit(1);
	}
	waitpid(pid, &status, 0);
	CHECK("second thread's exit_group after the first ended", WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "status %#x", status);
	return contract_end();
}
