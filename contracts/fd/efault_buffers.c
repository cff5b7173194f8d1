/*
 * efault_buffers — a bad user pointer is EFAULT, never a crash: read and write with an
 * unmapped buffer on a file and a pipe, stat with a bad struct pointer, open with a bad
 * path; the file is left unchanged; zero-length transfers with a NULL buffer return 0;
 * a write from a buffer that runs into an unmapped page stops short with the bytes that
 * could be copied (regular file), and so does a writev whose second iovec is bad.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

int main(void)
{
	const char *path = "/tmp/c_efault_buffers";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "0123456789", 10);
	void *bad = (void *)8;
	CHECK_ERR("pread_bad_buffer_efault", pread(fd, bad, 10, 0), EFAULT);
	CHECK_ERR("write_bad_buffer_efault", write(fd, bad, 10), EFAULT);
	struct stat st;
	fstat(fd, &st);
	CHECK_RET("size_unchanged", st.st_size, 10);
	CHECK_RET("offset_unchanged", lseek(fd, 0, SEEK_CUR), 10);
	CHECK_RET("read_null_zero_len", read(fd, NULL, 0), 0);
	CHECK_RET("write_null_zero_len", write(fd, NULL, 0), 0);
	CHECK_ERR("fstat_bad_pointer_efault", syscall(SYS_fstat, fd, bad), EFAULT);
	CHECK_ERR("stat_bad_pointer_efault", syscall(SYS_stat, path, bad), EFAULT);
	CHECK_ERR("open_bad_path_efault", syscall(SYS_open, bad, O_RDONLY), EFAULT);
	CHECK_ERR("stat_bad_path_efault", syscall(SYS_stat, bad, &st), EFAULT);

	int p[2];
	pipe(p);
	CHECK_ERR("pipe_write_bad_buffer_efault", write(p[1], bad, 4), EFAULT);
	write(p[1], "abcd", 4);
	CHECK_ERR("pipe_read_bad_buffer_efault", read(p[0], bad, 4), EFAULT);

	/* A buffer whose second page is unmapped: 100 good bytes, then a hole. */
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(m + 4096, 4096);
	memset(m, 'z', 4096);
	CHECK_RET("seek_to_end", lseek(fd, 0, SEEK_END), 10);
	CHECK_RET("write_runs_into_hole_short", write(fd, m + 4096 - 100, 200), 100);
	fstat(fd, &st);
	CHECK_RET("size_after_short_write", st.st_size, 110);
	/* writev: a bad second iovec ends the write after the first one. */
	struct iovec iov[2] = { { "12345", 5 }, { bad, 5 } };
	CHECK_RET("writev_bad_second_iovec_short", writev(fd, iov, 2), 5);
	struct iovec allbad[1] = { { bad, 5 } };
	CHECK_ERR("writev_bad_first_iovec_efault", writev(fd, allbad, 1), EFAULT);
	CHECK_ERR("writev_bad_iovec_array_efault", writev(fd, (struct iovec *)bad, 1), EFAULT);
	CHECK_ERR("read_into_hole_efault", pread(fd, m + 4096, 10, 0), EFAULT);
	CHECK_RET("read_up_to_hole_short", pread(fd, m + 4096 - 4, 10, 0), 4);
	close(fd);
	unlink(path);
	return contract_end();
}
