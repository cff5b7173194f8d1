/*
 * close_range — close_range(lo, hi, 0) closes exactly the fds in [lo, hi], gaps and an
 * unbounded hi included; CLOSE_RANGE_CLOEXEC marks them close-on-exec instead; EINVAL
 * for lo > hi and for unknown flags.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/syscall.h>

#define CLOSE_RANGE_CLOEXEC_FLAG (1U << 2)

static long sys_close_range(unsigned lo, unsigned hi, unsigned flags)
{
	return syscall(SYS_close_range, lo, hi, flags);
}

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

int main(void)
{
	int base = open("/dev/null", O_RDONLY);
	/* base .. base+9 open, then a gap at base+10, then base+11 and base+20. */
	for (int i = 1; i < 10; i++)
		dup2(base, base + i);
	dup2(base, base + 11);
	dup2(base, base + 20);

	CHECK_RET("close_middle", sys_close_range(base + 2, base + 4, 0), 0);
	CHECK("below_range_open", is_open(base + 1), "fd base+1 closed");
	CHECK("range_closed", !is_open(base + 2) && !is_open(base + 3) && !is_open(base + 4),
	      "some fd in range still open");
	CHECK("above_range_open", is_open(base + 5), "fd base+5 closed");
	CHECK_ERR("closed_fd_ebadf", fcntl(base + 3, F_GETFD), EBADF);

	CHECK_RET("cloexec_range", sys_close_range(base + 5, base + 11, CLOSE_RANGE_CLOEXEC_FLAG), 0);
	CHECK_RET("cloexec_first", fcntl(base + 5, F_GETFD), FD_CLOEXEC);
	CHECK_RET("cloexec_last", fcntl(base + 11, F_GETFD), FD_CLOEXEC);
	CHECK_ERR("cloexec_gap_stays_closed", fcntl(base + 10, F_GETFD), EBADF);
	CHECK_RET("cloexec_outside", fcntl(base + 1, F_GETFD), 0);
	CHECK_RET("cloexec_outside_above", fcntl(base + 20, F_GETFD), 0);

	CHECK_RET("range_of_closed_fds", sys_close_range(base + 30, base + 40, 0), 0);
	CHECK_RET("single_fd", sys_close_range(base + 1, base + 1, 0), 0);
	CHECK("single_fd_closed", !is_open(base + 1), "still open");
	CHECK_ERR("lo_above_hi_einval", sys_close_range(base + 5, base + 4, 0), EINVAL);
	CHECK_ERR("bad_flags_einval", sys_close_range(base, base, 1U << 7), EINVAL);
	CHECK("bad_flags_closed_nothing", is_open(base), "base closed");

	CHECK_RET("unbounded_hi", sys_close_range(base + 6, ~0U, 0), 0);
	CHECK("unbounded_closed_all", !is_open(base + 6) && !is_open(base + 11) && !is_open(base + 20),
	      "an fd above lo still open");
	CHECK("unbounded_below_open", is_open(base + 5), "base+5 closed");
	CHECK_RET("stdout_still_open", fcntl(1, F_GETFD) != -1, 1);
	return contract_end();
}
