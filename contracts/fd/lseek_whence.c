/*
 * lseek_whence — lseek on a regular file with SEEK_SET, SEEK_CUR and SEEK_END, seeking past
 * the end (a later write leaves a hole that reads as zeros), EINVAL for a negative result
 * or a bad whence, and ESPIPE on pipes and sockets.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

int main(void)
{
	const char *path = "/tmp/c_lseek_whence";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_RET("write_ten", write(fd, "0123456789", 10), 10);
	CHECK_RET("seek_cur_zero_reports_offset", lseek(fd, 0, SEEK_CUR), 10);
	CHECK_RET("seek_set", lseek(fd, 2, SEEK_SET), 2);
	char c = 0;
	CHECK_RET("read_at_2", read(fd, &c, 1), 1);
	CHECK("read_at_2_byte", c == '2', "read %c", c);
	CHECK_RET("seek_cur_forward", lseek(fd, 4, SEEK_CUR), 7);
	CHECK_RET("seek_cur_backward", lseek(fd, -5, SEEK_CUR), 2);
	CHECK_RET("seek_end", lseek(fd, 0, SEEK_END), 10);
	CHECK_RET("seek_end_negative", lseek(fd, -3, SEEK_END), 7);
	CHECK_ERR("seek_before_start_einval", lseek(fd, -11, SEEK_END), EINVAL);
	CHECK_RET("offset_kept_after_einval", lseek(fd, 0, SEEK_CUR), 7);
	CHECK_ERR("seek_set_negative_einval", lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR("bad_whence_einval", lseek(fd, 0, 17), EINVAL);

	CHECK_RET("seek_past_end", lseek(fd, 100, SEEK_SET), 100);
	CHECK_RET("read_past_end_eof", read(fd, &c, 1), 0);
	struct stat st;
	fstat(fd, &st);
	CHECK_RET("seek_alone_keeps_size", st.st_size, 10);
	CHECK_RET("write_past_end", write(fd, "Z", 1), 1);
	fstat(fd, &st);
	CHECK_RET("size_after_write_past_end", st.st_size, 101);
	CHECK_RET("seek_end_after_extend", lseek(fd, 0, SEEK_END), 101);
	char hole[90];
	memset(hole, 'q', sizeof hole);
	CHECK_RET("pread_hole", pread(fd, hole, sizeof hole, 10), 90);
	int zeros = 1;
	for (size_t i = 0; i < sizeof hole; i++)
		zeros &= hole[i] == 0;
	CHECK("hole_reads_zeros", zeros, "non-zero byte in hole");
	CHECK_RET("seek_end_positive", lseek(fd, 5, SEEK_END), 106);
	close(fd);
	unlink(path);

	int p[2];
	pipe(p);
	CHECK_ERR("pipe_read_end_espipe", lseek(p[0], 0, SEEK_CUR), ESPIPE);
	CHECK_ERR("pipe_write_end_espipe", lseek(p[1], 0, SEEK_SET), ESPIPE);
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_ERR("socket_espipe", lseek(sv[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR("bad_fd_ebadf", lseek(1000, 0, SEEK_SET), EBADF);
	return contract_end();
}
