/*
 * rlimit_prlimit — getrlimit, setrlimit and prlimit64 read back each other;
 * soft above hard is EINVAL, raising RLIMIT_NOFILE above nr_open is EPERM, an
 * unknown resource EINVAL, a missing pid ESRCH; a lowered RLIMIT_NOFILE bounds
 * dup2/F_DUPFD; limits are inherited by fork and prlimit64 can set another
 * process's limit; RLIMIT_FSIZE makes writes short, then EFBIG (with SIGXFSZ
 * ignored) or kills with SIGXFSZ; an unprivileged process cannot raise a hard limit.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static int child_status(pid_t pid)
{
	int status;
	waitpid(pid, &status, 0);
	return status;
}

static int fsize_child(int ignore)
{
	prctl(PR_SET_DUMPABLE, 0);
	if (ignore)
		signal(SIGXFSZ, SIG_IGN);
	struct rlimit rl = { 100, 100 };
	setrlimit(RLIMIT_FSIZE, &rl);
	int fd = open("/tmp/rlimit_prlimit.fsize", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char buf[200];
	memset(buf, 'x', sizeof buf);
	if (write(fd, buf, sizeof buf) != 100)
		return 1; /* short write up to the limit */
	errno = 0;
	if (write(fd, buf, 1) != -1 || errno != EFBIG)
		return 2;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	struct rlimit rl, orig;

	CHECK_OK("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &orig));
	CHECK("soft <= hard", orig.rlim_cur <= orig.rlim_max, "soft above hard");
	struct rlimit via_prlimit;
	CHECK_OK("prlimit64 read", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &via_prlimit));
	CHECK("prlimit64 agrees with getrlimit", via_prlimit.rlim_cur == orig.rlim_cur &&
	      via_prlimit.rlim_max == orig.rlim_max, "differ");
	CHECK_OK("prlimit64 by own pid", syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &via_prlimit));
	CHECK("own pid same as 0", via_prlimit.rlim_cur == orig.rlim_cur, "differ");

	rl.rlim_cur = 32;
	rl.rlim_max = orig.rlim_max;
	struct rlimit old;
	CHECK_OK("prlimit64 set and get old", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, &old));
	CHECK("old value returned", old.rlim_cur == orig.rlim_cur && old.rlim_max == orig.rlim_max, "differs");
	getrlimit(RLIMIT_NOFILE, &rl);
	CHECK("new soft limit reads back", rl.rlim_cur == 32, "got %llu", (unsigned long long)rl.rlim_cur);
	CHECK_ERR("F_DUPFD at the limit", fcntl(0, F_DUPFD, 32), EINVAL);
	CHECK_ERR("dup2 to the limit", dup2(0, 32), EBADF);
	CHECK("dup2 just below the limit", dup2(0, 31) == 31, "failed with %s", strerrorname(errno));
	close(31);

	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit c;
		getrlimit(RLIMIT_NOFILE, &c);
		_exit(c.rlim_cur == 32 ? 0 : 1);
	}
	int st = child_status(pid);
	CHECK("fork inherits limits", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);

	/* Set a child's limit from the parent. */
	int go[2];
	pipe(go);
	pid = fork();
	if (pid == 0) {
		char c;
		read(go[0], &c, 1);
		struct rlimit cl;
		getrlimit(RLIMIT_NOFILE, &cl);
		_exit(cl.rlim_cur == 20 ? 0 : 1);
	}
	rl.rlim_cur = 20;
	rl.rlim_max = orig.rlim_max;
	CHECK_OK("prlimit64 on a child", syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &rl, NULL));
	write(go[1], "g", 1);
	st = child_status(pid);
	CHECK("child sees the limit the parent set", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);

	rl.rlim_cur = orig.rlim_max;
	rl.rlim_max = orig.rlim_max - 1;
	CHECK_ERR("soft above hard", setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
	rl.rlim_cur = RLIM_INFINITY;
	rl.rlim_max = RLIM_INFINITY;
	CHECK_ERR("NOFILE above nr_open", setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	CHECK_ERR("unknown resource", syscall(SYS_prlimit64, 0, 99, NULL, &rl), EINVAL);
	CHECK_ERR("missing pid", syscall(SYS_prlimit64, INT_MAX, RLIMIT_NOFILE, NULL, &rl), ESRCH);
	CHECK_OK("restore NOFILE", setrlimit(RLIMIT_NOFILE, &orig));

	pid = fork();
	if (pid == 0)
		_exit(fsize_child(1));
	st = child_status(pid);
	CHECK("FSIZE: short write, then EFBIG", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	pid = fork();
	if (pid == 0)
		_exit(fsize_child(0));
	st = child_status(pid);
	CHECK("FSIZE: SIGXFSZ kills by default", WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ, "status %#x", st);
	unlink("/tmp/rlimit_prlimit.fsize");

	pid = fork();
	if (pid == 0) {
		struct rlimit c = { 10, 20 };
		setrlimit(RLIMIT_NOFILE, &c);
		setresuid(1000, 1000, 1000);
		c.rlim_max = 21;
		errno = 0;
		if (setrlimit(RLIMIT_NOFILE, &c) != -1 || errno != EPERM)
			_exit(1);
		c.rlim_cur = 15;
		c.rlim_max = 19;
		_exit(setrlimit(RLIMIT_NOFILE, &c) == 0 ? 0 : 2); /* lowering is allowed */
	}
	st = child_status(pid);
	CHECK("unprivileged: raise hard EPERM, lower ok", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status %#x", st);
	return contract_end();
}
