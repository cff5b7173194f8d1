/*
 * readahead_sync_range — readahead and sync_file_range, the hints databases and copy tools
 * give: on a regular file both succeed; readahead wants a readable fd (EBADF for O_WRONLY or a
 * bad fd) on a regular file (EINVAL for a directory or a pipe); sync_file_range checks its
 * flags and range first (EINVAL: unknown flag, negative offset, negative length, an end past
 * the largest offset), then the file type (ESPIPE for a pipe; a directory is fine).
 */
#include "contract.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define F "/tmp/c_readahead"

/* Raw calls: musl's wrappers are thin, but say what the kernel sees. */
static long ra(int fd, long off, long count) { return syscall(SYS_readahead, fd, off, count); }
static long sfr(int fd, long off, long n, unsigned flags) { return syscall(SYS_sync_file_range, fd, off, n, flags); }

int main(void)
{
	int fd = open(F, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "some data\n", 10);
	int wr = open(F, O_WRONLY), dir = open("/tmp", O_RDONLY | O_DIRECTORY), p[2];
	pipe(p);

	CHECK_RET("readahead_file", ra(fd, 0, 4096), 0);
	CHECK_RET("readahead_past_eof", ra(fd, 1 << 20, 4096), 0);
	CHECK_ERR("readahead_write_only", ra(wr, 0, 10), EBADF);
	CHECK_ERR("readahead_bad_fd", ra(99, 0, 10), EBADF);
	CHECK_ERR("readahead_directory", ra(dir, 0, 10), EINVAL);
	CHECK_ERR("readahead_pipe", ra(p[0], 0, 10), EINVAL);

	CHECK_RET("sync_range_file", sfr(fd, 0, 0, 7), 0);
	CHECK_RET("sync_range_write_only_fd", sfr(wr, 0, 10, 2), 0);
	CHECK_RET("sync_range_directory", sfr(dir, 0, 0, 2), 0);
	CHECK_ERR("sync_range_bad_flag", sfr(fd, 0, 0, 8), EINVAL);
	CHECK_ERR("sync_range_negative_offset", sfr(fd, -1, 0, 2), EINVAL);
	CHECK_ERR("sync_range_negative_length", sfr(fd, 0, -5, 2), EINVAL);
	CHECK_ERR("sync_range_overflow", sfr(fd, INT64_MAX - 1, 10, 2), EINVAL);
	CHECK_ERR("sync_range_pipe", sfr(p[1], 0, 0, 2), ESPIPE);
	CHECK_ERR("sync_range_bad_fd", sfr(99, 0, 0, 2), EBADF);
	CHECK_ERR("sync_range_flag_before_fd_type", sfr(p[1], 0, 0, 8), EINVAL);

	unlink(F);
	return contract_end();
}
