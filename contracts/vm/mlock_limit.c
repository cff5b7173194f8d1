/*
 * mlock_limit — RLIMIT_MEMLOCK bounds what an unprivileged process may lock (root has
 * CAP_IPC_LOCK and is exempt): mlock past it is ENOMEM, pages already locked are not counted
 * twice, munlock gives the room back, a zero limit makes mlock EPERM, and mlockall(MCL_CURRENT)
 * is ENOMEM when the whole address space is over the limit. Runs as uid 12345 in a child.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define KB 1024L

static int unprivileged(void)
{
	struct rlimit rl = { 64 * KB, 64 * KB };
	if (setrlimit(RLIMIT_MEMLOCK, &rl) || setresuid(12345, 12345, 12345))
		return 1;
	char *p = mmap(NULL, 256 * KB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 2;
	if (mlock(p, 32 * KB))
		return 3;
	if (mlock(p, 64 * KB))
		return 4;   /* half of it locked already: 64 KiB in all */
	errno = 0;
	if (mlock(p + 64 * KB, 4 * KB) != -1 || errno != ENOMEM)
		return 5;
	if (munlock(p, 32 * KB))
		return 6;
	if (mlock(p + 64 * KB, 32 * KB))
		return 7;   /* the room came back */
	errno = 0;
	if (mlockall(MCL_CURRENT) != -1 || errno != ENOMEM)
		return 8;
	if (munlockall())
		return 9;
	struct rlimit zero = { 0, 64 * KB };
	if (setrlimit(RLIMIT_MEMLOCK, &zero))
		return 10;
	errno = 0;
	if (mlock(p, 4 * KB) != -1 || errno != EPERM)
		return 11;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	pid_t pid = fork();
	if (pid == 0)
		_exit(unprivileged());
	int status;
	waitpid(pid, &status, 0);
	CHECK("RLIMIT_MEMLOCK for an unprivileged process", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "step %d", WEXITSTATUS(status));

	/* Root is exempt. */
	struct rlimit rl = { 4 * KB, 4 * KB };
	setrlimit(RLIMIT_MEMLOCK, &rl);
	char *p = mmap(NULL, 64 * KB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK_OK("root locks past the limit", mlock(p, 64 * KB));
	CHECK_OK("munlock", munlock(p, 64 * KB));
	return contract_end();
}
