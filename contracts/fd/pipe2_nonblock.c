/*
 * pipe2_nonblock — pipe2 flags (O_NONBLOCK, O_CLOEXEC, EINVAL for others); a non-blocking
 * read of an empty pipe is EAGAIN while a writer exists and 0 (EOF) once it is gone;
 * a full pipe (64 KiB by default) refuses a non-blocking write with EAGAIN; writing with
 * no reader is EPIPE (SIGPIPE ignored).
 */
#include "contract.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static char big[65536];

int main(void)
{
	int p[2];
	char buf[16];

	CHECK_OK("pipe2_nonblock", pipe2(p, O_NONBLOCK));
	CHECK_RET("read_end_flags", fcntl(p[0], F_GETFL), O_RDONLY | O_NONBLOCK);
	CHECK_RET("write_end_flags", fcntl(p[1], F_GETFL), O_WRONLY | O_NONBLOCK);
	CHECK_RET("no_cloexec", fcntl(p[0], F_GETFD), 0);
	struct stat st;
	CHECK("fstat_is_fifo", fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK_ERR("read_empty_eagain", read(p[0], buf, sizeof buf), EAGAIN);
	CHECK_RET("write_small", write(p[1], "hello", 5), 5);
	CHECK_RET("read_partial", read(p[0], buf, 3), 3);
	CHECK("read_partial_bytes", memcmp(buf, "hel", 3) == 0, "read %.3s", buf);
	CHECK_RET("read_rest", read(p[0], buf, sizeof buf), 2);
	CHECK_ERR("read_drained_eagain", read(p[0], buf, sizeof buf), EAGAIN);
	CHECK_RET("read_zero_bytes", read(p[0], buf, 0), 0);

	CHECK_RET("pipe_size_default", fcntl(p[1], F_GETPIPE_SZ), 65536);
	memset(big, 'x', sizeof big);
	CHECK_RET("write_fills_pipe", write(p[1], big, sizeof big), 65536);
	CHECK_ERR("write_full_eagain", write(p[1], "y", 1), EAGAIN);
	CHECK_RET("read_one_page", read(p[0], big, 4096), 4096);
	/* A write of at most PIPE_BUF bytes is atomic: it fits whole now that a page is free. */
	CHECK_RET("write_after_drain", write(p[1], big, 4096), 4096);
	CHECK_ERR("write_full_again_eagain", write(p[1], "y", 1), EAGAIN);

	close(p[1]);
	CHECK_RET("read_after_writer_gone_gets_data", read(p[0], big, sizeof big), 65536);
	CHECK_RET("read_eof_zero", read(p[0], buf, sizeof buf), 0);
	CHECK_RET("read_eof_zero_again", read(p[0], buf, sizeof buf), 0);
	close(p[0]);

	CHECK_OK("pipe2_cloexec", pipe2(p, O_CLOEXEC));
	CHECK_RET("cloexec_read_end", fcntl(p[0], F_GETFD), FD_CLOEXEC);
	CHECK_RET("cloexec_write_end", fcntl(p[1], F_GETFD), FD_CLOEXEC);
	CHECK_RET("cloexec_blocking", fcntl(p[0], F_GETFL), O_RDONLY);
	signal(SIGPIPE, SIG_IGN);
	close(p[0]);
	CHECK_ERR("write_no_reader_epipe", write(p[1], "z", 1), EPIPE);
	close(p[1]);

	int q[2] = {-7, -7};
	CHECK_ERR("pipe2_bad_flags_einval", syscall(SYS_pipe2, q, O_APPEND), EINVAL);
	CHECK("pipe2_bad_flags_untouched", q[0] == -7 && q[1] == -7, "fds were written");
	CHECK_ERR("pipe2_bad_pointer_efault", syscall(SYS_pipe2, (int *)8, 0), EFAULT);
	return contract_end();
}
