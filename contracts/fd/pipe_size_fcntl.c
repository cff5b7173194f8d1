/*
 * pipe_size_fcntl — F_GETPIPE_SZ/F_SETPIPE_SZ: a new pipe holds 65536 bytes; a new size is
 * rounded up to a power-of-two number of pages (5000 -> 8192, 1 -> 4096); the new size is
 * what a non-blocking write can fill; shrinking below the bytes queued is EBUSY; the
 * size is per pipe (both ends see it); a non-pipe fd is EBADF.
 */
#include "contract.h"
#include <fcntl.h>

static char buf[16384];

int main(void)
{
	int p[2];
	pipe2(p, O_NONBLOCK);
	CHECK_RET("default_size", fcntl(p[0], F_GETPIPE_SZ), 65536);
	CHECK_RET("set_5000_rounds_to_8192", fcntl(p[1], F_SETPIPE_SZ, 5000), 8192);
	CHECK_RET("read_end_sees_new_size", fcntl(p[0], F_GETPIPE_SZ), 8192);
	memset(buf, 'x', sizeof buf);
	CHECK_RET("nonblock_write_fills_new_size", write(p[1], buf, sizeof buf), 8192);
	CHECK_ERR("full_eagain", write(p[1], "y", 1), EAGAIN);
	CHECK_ERR("shrink_below_content_ebusy", fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	CHECK_RET("size_unchanged_after_ebusy", fcntl(p[1], F_GETPIPE_SZ), 8192);
	CHECK_RET("drain", read(p[0], buf, sizeof buf), 8192);
	CHECK_RET("set_1_rounds_to_page", fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
	CHECK_RET("one_page_pipe_write", write(p[1], buf, sizeof buf), 4096);
	read(p[0], buf, sizeof buf);
	CHECK_RET("set_65536_again", fcntl(p[0], F_SETPIPE_SZ, 65536), 65536);
	CHECK_RET("set_exact_power_kept", fcntl(p[0], F_SETPIPE_SZ, 16384), 16384);
	int f = open("/dev/null", O_RDONLY);
	CHECK_ERR("getpipe_sz_non_pipe_ebadf", fcntl(f, F_GETPIPE_SZ), EBADF);
	CHECK_ERR("setpipe_sz_non_pipe_ebadf", fcntl(f, F_SETPIPE_SZ, 4096), EBADF);
	return contract_end();
}
