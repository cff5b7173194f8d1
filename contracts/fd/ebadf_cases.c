/*
 * ebadf_cases — every fd-taking call fails with EBADF on a closed, negative or too-large
 * fd, and read/write fail with EBADF on a descriptor opened for the other direction;
 * closing twice is EBADF the second time; an O_PATH descriptor cannot be read.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	char c;
	struct stat st;
	int fd = open("/dev/null", O_RDONLY);
	CHECK_RET("close_once", close(fd), 0);
	CHECK_ERR("close_twice_ebadf", close(fd), EBADF);
	CHECK_ERR("read_closed_ebadf", read(fd, &c, 1), EBADF);
	CHECK_ERR("write_closed_ebadf", write(fd, "x", 1), EBADF);
	CHECK_ERR("fstat_closed_ebadf", fstat(fd, &st), EBADF);
	CHECK_ERR("lseek_closed_ebadf", lseek(fd, 0, SEEK_SET), EBADF);
	CHECK_ERR("fcntl_closed_ebadf", fcntl(fd, F_GETFL), EBADF);
	CHECK_ERR("fchdir_closed_ebadf", fchdir(fd), EBADF);
	CHECK_ERR("fsync_closed_ebadf", fsync(fd), EBADF);
	CHECK_ERR("read_negative_ebadf", read(-1, &c, 1), EBADF);
	CHECK_ERR("write_negative_ebadf", write(-5, "x", 1), EBADF);
	CHECK_ERR("close_negative_ebadf", close(-1), EBADF);
	CHECK_ERR("read_huge_ebadf", read(1 << 30, &c, 1), EBADF);
	CHECK_ERR("close_huge_ebadf", close(1 << 30), EBADF);

	const char *path = "/tmp/c_ebadf_cases";
	int w = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_ERR("read_wronly_ebadf", read(w, &c, 1), EBADF);
	CHECK_RET("write_wronly_ok", write(w, "x", 1), 1);
	close(w);
	int r = open(path, O_RDONLY);
	CHECK_ERR("write_rdonly_ebadf", write(r, "x", 1), EBADF);
	CHECK_RET("read_rdonly_ok", read(r, &c, 1), 1);
	close(r);
	int p = open(path, O_PATH);
	CHECK_ERR("read_opath_ebadf", read(p, &c, 1), EBADF);
	CHECK_ERR("write_opath_ebadf", write(p, "x", 1), EBADF);
	CHECK_RET("fstat_opath_ok", fstat(p, &st), 0);
	CHECK_RET("fcntl_opath_getfl", fcntl(p, F_GETFL) & O_PATH, O_PATH);
	close(p);
	int d = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK_ERR("read_directory_eisdir", read(d, &c, 1), EISDIR);
	close(d);
	unlink(path);
	return contract_end();
}
