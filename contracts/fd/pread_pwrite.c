/*
 * pread_pwrite — pread and pwrite at an explicit offset leave the file offset alone;
 * pread past the end returns 0; pwrite past the end extends the file; EINVAL for a
 * negative offset; ESPIPE on a pipe; and Linux's documented quirk that pwrite on an
 * O_APPEND file appends whatever the offset says.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	const char *path = "/tmp/c_pread_pwrite";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_RET("write", write(fd, "0123456789", 10), 10);
	CHECK_RET("lseek_to_3", lseek(fd, 3, SEEK_SET), 3);
	char buf[16] = { 0 };
	CHECK_RET("pread_at_5", pread(fd, buf, 4, 5), 4);
	CHECK("pread_at_5_bytes", memcmp(buf, "5678", 4) == 0, "got %.4s", buf);
	CHECK_RET("pread_keeps_offset", lseek(fd, 0, SEEK_CUR), 3);
	CHECK_RET("pread_short_at_end", pread(fd, buf, 8, 7), 3);
	CHECK_RET("pread_at_end_zero", pread(fd, buf, 8, 10), 0);
	CHECK_RET("pread_past_end_zero", pread(fd, buf, 8, 1000), 0);
	CHECK_RET("pwrite_at_1", pwrite(fd, "AB", 2, 1), 2);
	CHECK_RET("pwrite_keeps_offset", lseek(fd, 0, SEEK_CUR), 3);
	CHECK_RET("read_sees_pwrite", pread(fd, buf, 4, 0), 4);
	CHECK("read_sees_pwrite_bytes", memcmp(buf, "0AB3", 4) == 0, "got %.4s", buf);
	CHECK_RET("pwrite_past_end", pwrite(fd, "E", 1, 20), 1);
	struct stat st;
	fstat(fd, &st);
	CHECK_RET("pwrite_past_end_size", st.st_size, 21);
	CHECK_ERR("pread_negative_einval", pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERR("pwrite_negative_einval", pwrite(fd, "x", 1, -5), EINVAL);
	CHECK_RET("pread_zero_len", pread(fd, buf, 0, 0), 0);
	close(fd);

	/* Linux appends with pwrite on an O_APPEND file (man 2 pwrite, BUGS). */
	fd = open(path, O_RDWR | O_APPEND);
	CHECK_RET("pwrite_append_file", pwrite(fd, "T", 1, 0), 1);
	fstat(fd, &st);
	CHECK_RET("pwrite_append_grows", st.st_size, 22);
	CHECK_RET("pwrite_append_byte_at_end", pread(fd, buf, 1, 21), 1);
	CHECK("pwrite_append_byte_value", buf[0] == 'T', "got %c", buf[0]);
	CHECK_RET("pwrite_append_first_untouched", pread(fd, buf, 1, 0), 1);
	CHECK("pwrite_append_first_value", buf[0] == '0', "got %c", buf[0]);
	close(fd);

	fd = open(path, O_WRONLY);
	CHECK_ERR("pread_wronly_ebadf", pread(fd, buf, 1, 0), EBADF);
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK_ERR("pwrite_rdonly_ebadf", pwrite(fd, "x", 1, 0), EBADF);
	close(fd);
	unlink(path);

	int p[2];
	pipe(p);
	CHECK_ERR("pwrite_pipe_espipe", pwrite(p[1], "x", 1, 0), ESPIPE);
	CHECK_ERR("pread_pipe_espipe", pread(p[0], buf, 1, 0), ESPIPE);
	return contract_end();
}
