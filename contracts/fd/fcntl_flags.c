/*
 * fcntl_flags — F_GETFL/F_SETFL (access mode fixed, only O_APPEND/O_NONBLOCK/... change,
 * O_LARGEFILE reported on x86-64 for open()ed files), F_DUPFD and F_DUPFD_CLOEXEC (lowest
 * fd at or above the argument), and the errors: EBADF, EINVAL for an unknown command and
 * for a minimum at or above RLIMIT_NOFILE.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/resource.h>

#define KERNEL_O_LARGEFILE 0100000 /* the kernel's value; musl's O_LARGEFILE is 0 on x86-64 */

int main(void)
{
	const char *path = "/tmp/c_fcntl_flags";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int fl = fcntl(fd, F_GETFL);
	CHECK("getfl_rdwr", (fl & O_ACCMODE) == O_RDWR, "F_GETFL %#x", fl);
	/* Linux forces O_LARGEFILE on 64-bit and F_GETFL shows it; O_CREAT/O_TRUNC are not kept. */
	CHECK_RET("getfl_exact_after_open", fl, O_RDWR | KERNEL_O_LARGEFILE);

	CHECK_OK("setfl_append_nonblock", fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
	CHECK_RET("getfl_after_setfl", fcntl(fd, F_GETFL), O_RDWR | O_APPEND | O_NONBLOCK | KERNEL_O_LARGEFILE);
	/* The access mode and creation flags are ignored by F_SETFL. */
	CHECK_OK("setfl_wronly_trunc_ignored", fcntl(fd, F_SETFL, O_WRONLY | O_TRUNC | O_CREAT));
	CHECK_RET("getfl_access_mode_kept", fcntl(fd, F_GETFL), O_RDWR | KERNEL_O_LARGEFILE);
	CHECK_OK("setfl_zero", fcntl(fd, F_SETFL, 0));
	CHECK_RET("getfl_after_zero", fcntl(fd, F_GETFL), O_RDWR | KERNEL_O_LARGEFILE);
	close(fd);

	fd = open(path, O_WRONLY | O_APPEND);
	CHECK_RET("getfl_wronly_append", fcntl(fd, F_GETFL), O_WRONLY | O_APPEND | KERNEL_O_LARGEFILE);
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK_RET("getfl_rdonly", fcntl(fd, F_GETFL), O_RDONLY | KERNEL_O_LARGEFILE);

	/* Pipes are not opened through open(): no O_LARGEFILE. */
	int p[2];
	pipe2(p, O_NONBLOCK);
	CHECK_RET("getfl_pipe_read_end", fcntl(p[0], F_GETFL), O_RDONLY | O_NONBLOCK);
	CHECK_RET("getfl_pipe_write_end", fcntl(p[1], F_GETFL), O_WRONLY | O_NONBLOCK);

	/* F_DUPFD: the lowest free fd >= arg. */
	int base = p[1] + 1; /* fd, p[0], p[1] are the three highest open */
	CHECK_RET("dupfd_lowest_at_or_above", fcntl(fd, F_DUPFD, base + 5), base + 5);
	CHECK_RET("dupfd_skips_taken", fcntl(fd, F_DUPFD, base + 5), base + 6);
	CHECK_RET("dupfd_no_cloexec", fcntl(base + 5, F_GETFD), 0);
	CHECK_RET("dupfd_below_takes_lowest", fcntl(fd, F_DUPFD, 0), base);
	CHECK_RET("dupfd_cloexec", fcntl(fd, F_DUPFD_CLOEXEC, base + 5), base + 7);
	CHECK_RET("dupfd_cloexec_getfd", fcntl(base + 7, F_GETFD), FD_CLOEXEC);
	CHECK_RET("dupfd_shares_status_flags", fcntl(base + 7, F_GETFL), O_RDONLY | KERNEL_O_LARGEFILE);

	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	CHECK_ERR("dupfd_at_rlimit_einval", fcntl(fd, F_DUPFD, (int)rl.rlim_cur), EINVAL);
	CHECK_ERR("dupfd_negative_einval", fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_ERR("dupfd_cloexec_bad_fd_ebadf", fcntl(1000, F_DUPFD_CLOEXEC, 0), EBADF);

	/* F_SETFD keeps only FD_CLOEXEC. */
	CHECK_OK("setfd_all_bits", fcntl(fd, F_SETFD, ~0));
	CHECK_RET("setfd_all_bits_reads_cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);

	CHECK_ERR("getfl_bad_fd_ebadf", fcntl(1000, F_GETFL), EBADF);
	CHECK_ERR("setfl_bad_fd_ebadf", fcntl(1000, F_SETFL, 0), EBADF);
	CHECK_ERR("getfd_closed_fd_ebadf", fcntl(base + 8, F_GETFD), EBADF);
	CHECK_ERR("unknown_cmd_einval", fcntl(fd, 9999), EINVAL);
	close(fd);
	unlink(path);
	return contract_end();
}
