/*
 * access_faccessat — access and faccessat as root: read and write are granted whatever the
 * mode bits, execute only if some x bit is set (or for a directory); F_OK; ENOENT, ENOTDIR,
 * EINVAL for a bad mode or flag; faccessat relative to a dirfd, AT_SYMLINK_NOFOLLOW on a
 * dangling link (faccessat2), AT_EACCESS, and AT_EMPTY_PATH on an fd.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_access"

static long faccessat2_(int dfd, const char *p, int mode, int flags)
{
	return syscall(SYS_faccessat2, dfd, p, mode, flags);
}

int main(void)
{
	mkdir(D, 0755);
	int f = open(D "/none", O_CREAT | O_WRONLY, 0000);
	close(f);
	f = open(D "/xonly", O_CREAT | O_WRONLY, 0100);
	close(f);
	chmod(D "/none", 0000);
	CHECK_RET("root_f_ok", access(D "/none", F_OK), 0);
	CHECK_RET("root_read_mode_0000", access(D "/none", R_OK), 0);
	CHECK_RET("root_write_mode_0000", access(D "/none", W_OK), 0);
	CHECK_ERR("root_exec_no_x_bits_eacces", access(D "/none", X_OK), EACCES);
	CHECK_RET("root_exec_one_x_bit", access(D "/xonly", X_OK), 0);
	CHECK_RET("root_all_one_x_bit", access(D "/xonly", R_OK | W_OK | X_OK), 0);
	mkdir(D "/dir", 0000);
	CHECK_RET("root_exec_dir_mode_0000", access(D "/dir", X_OK), 0);
	CHECK_ERR("missing_enoent", access(D "/missing", F_OK), ENOENT);
	CHECK_ERR("through_file_enotdir", access(D "/none/x", F_OK), ENOTDIR);
	CHECK_ERR("bad_mode_einval", access(D "/none", 0x10), EINVAL);
	CHECK_ERR("empty_path_enoent", access("", F_OK), ENOENT);

	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK_RET("faccessat_dirfd", faccessat(dfd, "xonly", X_OK, 0), 0);
	CHECK_ERR("faccessat_dirfd_missing", faccessat(dfd, "missing", F_OK, 0), ENOENT);
	CHECK_RET("faccessat_eaccess", faccessat(dfd, "none", R_OK, AT_EACCESS), 0);
	CHECK_ERR("faccessat_file_as_dirfd_enotdir", faccessat(f = open(D "/none", O_RDONLY), "x", F_OK, 0), ENOTDIR);
	close(f);
	CHECK_ERR("faccessat_bad_dirfd_ebadf", faccessat(1000, "x", F_OK, 0), EBADF);
	CHECK_RET("faccessat_abs_ignores_dirfd", faccessat(1000, D "/none", F_OK, 0), 0);

	symlink("missing", D "/dangle");
	CHECK_ERR("dangling_follow_enoent", faccessat2_(dfd, "dangle", F_OK, 0), ENOENT);
	CHECK_RET("dangling_nofollow_ok", faccessat2_(dfd, "dangle", F_OK, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_ERR("faccessat2_bad_flag_einval", faccessat2_(dfd, "none", F_OK, 0x1), EINVAL);
	int fd = open(D "/xonly", O_RDONLY);
	CHECK_RET("empty_path_on_fd", faccessat2_(fd, "", X_OK, AT_EMPTY_PATH), 0);
	CHECK_ERR("empty_path_without_flag_enoent", faccessat2_(fd, "", X_OK, 0), ENOENT);
	contract_rmtree(D);
	return contract_end();
}
