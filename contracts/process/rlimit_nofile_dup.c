/*
 * rlimit_nofile_dup — RLIMIT_NOFILE bounds the descriptor numbers: dup2/dup3 to a number at or
 * above the soft limit is EBADF, fcntl(F_DUPFD) from such a number EINVAL, while dup, open and
 * F_DUPFD with no free number below the limit are EMFILE. Lowering the limit below an fd in
 * use leaves that fd working. Runs in a child, whose fd table is its own.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>

static int limited(void)
{
	int hi = dup2(1, 40);
	if (hi != 40)
		return 1;
	struct rlimit rl = { 16, 16 };
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return 2;
	errno = 0;
	if (dup2(1, 16) != -1 || errno != EBADF)
		return 3;
	errno = 0;
	if (dup3(1, 20, O_CLOEXEC) != -1 || errno != EBADF)
		return 4;
	errno = 0;
	if (fcntl(1, F_DUPFD, 16) != -1 || errno != EINVAL)
		return 5;
	errno = 0;
	if (fcntl(1, F_DUPFD_CLOEXEC, 100) != -1 || errno != EINVAL)
		return 6;
	if (dup2(1, 15) != 15)
		return 7;
	/* Fill every number below the limit. */
	for (int fd = 3; fd < 16; fd++)
		if (fcntl(1, F_DUPFD, fd) < 0 && errno != EMFILE)
			return 8;
	errno = 0;
	if (dup(1) != -1 || errno != EMFILE)
		return 9;
	errno = 0;
	if (open("/dev/null", O_RDONLY) != -1 || errno != EMFILE)
		return 10;
	errno = 0;
	if (fcntl(1, F_DUPFD, 3) != -1 || errno != EMFILE)
		return 11;
	/* The fd above the limit still works. */
	if (write(40, "", 0) != 0 || close(40) != 0)
		return 12;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	pid_t pid = fork();
	if (pid == 0)
		_exit(limited());
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK("RLIMIT_NOFILE: EBADF, EINVAL and EMFILE where Linux gives them",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0, "step %d", WEXITSTATUS(status));
	return contract_end();
}
