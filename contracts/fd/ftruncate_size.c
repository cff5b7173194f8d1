/*
 * ftruncate_size — ftruncate and truncate grow a file with zeros and shrink it, leave the
 * offset alone, and fail with EINVAL for a negative length, for a descriptor not open for
 * writing, and for a pipe; truncate fails with EISDIR on a directory and ENOENT on a
 * missing path.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

static long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long)st.st_size : -1;
}

int main(void)
{
	const char *path = "/tmp/c_ftruncate";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "abcdef", 6);
	CHECK_RET("ftruncate_shrink", ftruncate(fd, 2), 0);
	CHECK_RET("size_after_shrink", size_of(fd), 2);
	CHECK_RET("offset_unchanged", lseek(fd, 0, SEEK_CUR), 6);
	CHECK_RET("ftruncate_grow", ftruncate(fd, 4000), 0);
	CHECK_RET("size_after_grow", size_of(fd), 4000);
	char buf[8];
	memset(buf, 'q', sizeof buf);
	CHECK_RET("read_old_byte", pread(fd, buf, 2, 0), 2);
	CHECK("old_bytes_kept", memcmp(buf, "ab", 2) == 0, "got %.2s", buf);
	CHECK_RET("read_grown_part", pread(fd, buf, 8, 2), 8);
	int zeros = 1;
	for (int i = 0; i < 8; i++)
		zeros &= buf[i] == 0;
	CHECK("grown_part_zero", zeros, "old bytes came back after shrink and grow");
	CHECK_RET("ftruncate_same_size", ftruncate(fd, 4000), 0);
	CHECK_RET("ftruncate_zero", ftruncate(fd, 0), 0);
	CHECK_RET("size_zero", size_of(fd), 0);
	CHECK_ERR("ftruncate_negative_einval", ftruncate(fd, -1), EINVAL);
	CHECK_RET("truncate_by_path", truncate(path, 10), 0);
	CHECK_RET("size_after_truncate_path", size_of(fd), 10);
	CHECK_ERR("truncate_missing_enoent", truncate("/tmp/c_ftruncate_missing", 1), ENOENT);
	CHECK_ERR("truncate_directory_eisdir", truncate("/tmp", 1), EISDIR);
	close(fd);

	fd = open(path, O_RDONLY);
	CHECK_ERR("ftruncate_rdonly_einval", ftruncate(fd, 1), EINVAL);
	CHECK_RET("rdonly_size_unchanged", size_of(fd), 10);
	close(fd);
	int p[2];
	pipe(p);
	CHECK_ERR("ftruncate_pipe_einval", ftruncate(p[1], 0), EINVAL);
	CHECK_ERR("ftruncate_bad_fd_ebadf", ftruncate(1000, 0), EBADF);
	unlink(path);
	return contract_end();
}
