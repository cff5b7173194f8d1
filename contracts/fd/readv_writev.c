/*
 * readv_writev — writev gathers, readv scatters (in order, short at EOF), empty iovecs
 * are skipped, iovcnt 0 transfers nothing, EINVAL for a negative iovcnt or one above
 * IOV_MAX (1024); preadv/pwritev work at an offset without moving the file offset.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/uio.h>

int main(void)
{
	const char *path = "/tmp/c_readv_writev";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct iovec w[4] = {
		{ "abc", 3 }, { NULL, 0 }, { "defgh", 5 }, { "ij", 2 },
	};
	CHECK_RET("writev_total", writev(fd, w, 4), 10);
	CHECK_RET("writev_moves_offset", lseek(fd, 0, SEEK_CUR), 10);
	CHECK_RET("writev_zero_count", writev(fd, w, 0), 0);

	lseek(fd, 0, SEEK_SET);
	char a[2], b[4], c[8];
	memset(c, 0, sizeof c);
	struct iovec r[3] = { { a, 2 }, { b, 4 }, { c, 8 } };
	CHECK_RET("readv_short_at_eof", readv(fd, r, 3), 10);
	CHECK("readv_first", memcmp(a, "ab", 2) == 0, "got %.2s", a);
	CHECK("readv_second", memcmp(b, "cdef", 4) == 0, "got %.4s", b);
	CHECK("readv_third", memcmp(c, "ghij", 4) == 0, "got %.4s", c);
	CHECK_RET("readv_at_eof", readv(fd, r, 3), 0);

	CHECK_ERR("writev_negative_count_einval", writev(fd, w, -1), EINVAL);
	static struct iovec many[1025];
	for (int i = 0; i < 1025; i++)
		many[i] = (struct iovec){ "x", 1 };
	CHECK_ERR("writev_over_iov_max_einval", writev(fd, many, 1025), EINVAL);
	CHECK_RET("writev_iov_max_ok", writev(fd, many, 1024), 1024);

	struct iovec pw[2] = { { "XY", 2 }, { "Z", 1 } };
	lseek(fd, 0, SEEK_SET);
	CHECK_RET("pwritev_at_offset", pwritev(fd, pw, 2, 4), 3);
	CHECK_RET("pwritev_keeps_offset", lseek(fd, 0, SEEK_CUR), 0);
	char d[5] = { 0 };
	struct iovec pr[1] = { { d, 5 } };
	CHECK_RET("preadv_at_offset", preadv(fd, pr, 1, 2), 5);
	CHECK("preadv_bytes", memcmp(d, "cdXYZ", 5) == 0, "got %.5s", d);
	CHECK_RET("preadv_keeps_offset", lseek(fd, 0, SEEK_CUR), 0);
	CHECK_ERR("preadv_negative_offset_einval", preadv(fd, pr, 1, -1), EINVAL);
	CHECK_ERR("readv_bad_fd_ebadf", readv(1000, pr, 1), EBADF);
	close(fd);
	unlink(path);

	/* On a pipe, writev of several iovecs is one atomic write. */
	int p[2];
	pipe(p);
	CHECK_RET("writev_pipe", writev(p[1], w, 4), 10);
	char e[16] = { 0 };
	CHECK_RET("read_pipe_whole", read(p[0], e, sizeof e), 10);
	CHECK("read_pipe_bytes", memcmp(e, "abcdefghij", 10) == 0, "got %.10s", e);
	CHECK_ERR("preadv_pipe_espipe", preadv(p[0], pr, 1, 0), ESPIPE);
	return contract_end();
}
