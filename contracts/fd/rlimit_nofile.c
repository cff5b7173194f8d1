/*
 * rlimit_nofile — with RLIMIT_NOFILE lowered, open returns the lowest free fd until the
 * table is full, then EMFILE; pipe needs two free fds and fails with EMFILE (leaking
 * nothing) when only one is left; dup2 onto an fd at or above the limit is EBADF and
 * F_DUPFD with such a minimum is EINVAL.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define LIMIT 16

int main(void)
{
	/* Start from a known table: only 0, 1 and 2. */
	syscall(SYS_close_range, 3U, ~0U, 0U);
	struct rlimit rl = { LIMIT, LIMIT };
	CHECK_RET("setrlimit_nofile", setrlimit(RLIMIT_NOFILE, &rl), 0);
	struct rlimit back;
	getrlimit(RLIMIT_NOFILE, &back);
	CHECK("getrlimit_reads_back", back.rlim_cur == LIMIT && back.rlim_max == LIMIT, "got %lu/%lu",
	      (unsigned long)back.rlim_cur, (unsigned long)back.rlim_max);

	int ok = 1;
	for (int want = 3; want < LIMIT - 1; want++)
		ok &= open("/dev/null", O_RDONLY) == want;
	CHECK("opens_take_lowest_fds", ok, "an open returned an unexpected fd");
	/* One slot (LIMIT-1) is left. */
	int p[2] = { -7, -7 };
	CHECK_ERR("pipe_one_slot_emfile", pipe(p), EMFILE);
	CHECK_RET("pipe_leaked_nothing", fcntl(LIMIT - 1, F_GETFD) == -1 && errno == EBADF, 1);
	CHECK_RET("last_open", open("/dev/null", O_RDONLY), LIMIT - 1);
	CHECK_ERR("open_full_emfile", open("/dev/null", O_RDONLY), EMFILE);
	CHECK_ERR("dup_full_emfile", dup(0), EMFILE);
	CHECK_ERR("fcntl_dupfd_full_emfile", fcntl(0, F_DUPFD, 0), EMFILE);
	CHECK_ERR("dup2_at_limit_ebadf", dup2(0, LIMIT), EBADF);
	CHECK_ERR("dupfd_min_at_limit_einval", fcntl(0, F_DUPFD, LIMIT), EINVAL);
	CHECK_RET("dup2_below_limit_replaces", dup2(0, LIMIT - 1), LIMIT - 1);
	close(5);
	CHECK_RET("open_after_close_reuses", open("/dev/null", O_RDONLY), 5);

	rl.rlim_cur = LIMIT + 1;
	CHECK_ERR("raise_soft_above_hard_einval", setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
	return contract_end();
}
