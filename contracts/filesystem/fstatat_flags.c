/*
 * fstatat_flags — fstatat relative to a dirfd, AT_SYMLINK_NOFOLLOW (the link itself),
 * AT_EMPTY_PATH (the fd itself, also an O_PATH fd), AT_FDCWD; the st_* fields for each file
 * type (regular size, directory nlink, symlink size, FIFO, character device rdev);
 * EINVAL for unknown flags, ENOENT for an empty path without AT_EMPTY_PATH, ENOTDIR when
 * the dirfd is a file, EBADF for a bad dirfd.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define D "/tmp/c_fstatat"

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/sub", 0755);
	int fd = open(D "/f", O_CREAT | O_WRONLY, 0640);
	write(fd, "12345", 5);
	close(fd);
	symlink("f", D "/l");
	mkfifo(D "/p", 0600);
	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	struct stat st;
	CHECK_RET("fstatat_relative", fstatat(dfd, "f", &st, 0), 0);
	CHECK("regular_fields", st.st_mode == (S_IFREG | 0640) && st.st_size == 5 && st.st_nlink == 1,
	      "mode %o size %ld nlink %lu", (unsigned)st.st_mode, (long)st.st_size, (unsigned long)st.st_nlink);
	CHECK_RET("fstatat_follows", fstatat(dfd, "l", &st, 0), 0);
	CHECK("follow_gives_target", S_ISREG(st.st_mode) && st.st_size == 5, "mode %o", (unsigned)st.st_mode);
	CHECK_RET("fstatat_nofollow", fstatat(dfd, "l", &st, AT_SYMLINK_NOFOLLOW), 0);
	CHECK("nofollow_gives_link", S_ISLNK(st.st_mode) && st.st_size == 1, "mode %o size %ld",
	      (unsigned)st.st_mode, (long)st.st_size);
	CHECK_RET("fstatat_dir", fstatat(dfd, "sub", &st, 0), 0);
	CHECK("dir_fields", S_ISDIR(st.st_mode) && st.st_nlink == 2, "mode %o nlink %lu", (unsigned)st.st_mode,
	      (unsigned long)st.st_nlink);
	CHECK_RET("fstatat_dot", fstatat(dfd, ".", &st, 0), 0);
	CHECK_RET("parent_nlink_counts_subdir", st.st_nlink, 3);
	CHECK_RET("fstatat_fifo", fstatat(dfd, "p", &st, 0), 0);
	CHECK("fifo_fields", st.st_mode == (S_IFIFO | 0600) && st.st_size == 0, "mode %o", (unsigned)st.st_mode);
	CHECK_RET("fstatat_dev_null", fstatat(AT_FDCWD, "/dev/null", &st, 0), 0);
	CHECK("dev_null_fields", S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3,
	      "mode %o", (unsigned)st.st_mode);

	int f = open(D "/f", O_RDONLY);
	CHECK_RET("empty_path_fd", fstatat(f, "", &st, AT_EMPTY_PATH), 0);
	CHECK_RET("empty_path_size", st.st_size, 5);
	int p = open(D "/l", O_PATH | O_NOFOLLOW);
	CHECK_RET("empty_path_opath_link", fstatat(p, "", &st, AT_EMPTY_PATH), 0);
	CHECK("opath_link_is_link", S_ISLNK(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK_RET("empty_path_dirfd", fstatat(dfd, "", &st, AT_EMPTY_PATH), 0);
	CHECK("empty_path_dir_is_dir", S_ISDIR(st.st_mode), "mode %o", (unsigned)st.st_mode);
	chdir(D);
	CHECK_RET("at_fdcwd_relative", fstatat(AT_FDCWD, "f", &st, 0), 0);
	chdir("/");

	CHECK_ERR("bad_flags_einval", fstatat(dfd, "f", &st, 0x1), EINVAL);
	CHECK_ERR("empty_path_without_flag_enoent", fstatat(f, "", &st, 0), ENOENT);
	CHECK_ERR("file_as_dirfd_enotdir", fstatat(f, "x", &st, 0), ENOTDIR);
	CHECK_ERR("bad_dirfd_ebadf", fstatat(1000, "f", &st, 0), EBADF);
	CHECK_ERR("missing_enoent", fstatat(dfd, "none", &st, 0), ENOENT);
	CHECK_ERR("through_file_enotdir", fstatat(dfd, "f/x", &st, 0), ENOTDIR);
	contract_rmtree(D);
	return contract_end();
}
