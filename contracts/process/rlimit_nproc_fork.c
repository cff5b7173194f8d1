/*
 * rlimit_nproc_fork — a fork bomb stops at RLIMIT_NPROC: for a user other than root, fork
 * fails with EAGAIN once that user has as many processes as the soft limit allows (root is
 * exempt, so the test drops to an unused uid first, in a child). Every child blocks on a pipe
 * and exits when it closes; all are reaped, and fork works again after.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <sys/resource.h>
#include <sys/wait.h>

#define LIMIT 8
#define TEST_UID 54321

static int bomb(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	if (setrlimit(RLIMIT_NPROC, &rl))
		return 1;
	if (setresgid(TEST_UID, TEST_UID, TEST_UID) || setresuid(TEST_UID, TEST_UID, TEST_UID))
		return 2;
	int hold[2];
	if (pipe(hold))
		return 3;
	int made = 0, err = 0;
	for (int i = 0; i < 4 * LIMIT; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			char c;
			close(hold[1]);
			read(hold[0], &c, 1);
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		made++;
	}
	close(hold[1]);
	/* This process counts too: LIMIT processes of the user in all. */
	if (made != LIMIT - 1)
		return 10 + made;
	if (err != EAGAIN)
		return 50;
	for (int i = 0; i < made; i++)
		if (wait(NULL) < 0)
			return 60;
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		return 70;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	pid_t pid = fork();
	if (pid == 0)
		_exit(bomb());
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK("forks stop with EAGAIN at RLIMIT_NPROC, then work again", WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "status %#x", status);

	/* Root is exempt from RLIMIT_NPROC. */
	struct rlimit rl = { 1, 1 }, old;
	getrlimit(RLIMIT_NPROC, &old);
	CHECK_OK("setrlimit RLIMIT_NPROC 1 as root", setrlimit(RLIMIT_NPROC, &rl));
	pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK("root forks past the limit", pid > 0 && waitpid(pid, NULL, 0) == pid, "fork failed (%s)",
	      strerrorname(errno));
	return contract_end();
}
