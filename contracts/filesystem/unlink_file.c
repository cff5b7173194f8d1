/*
 * unlink_file — unlink removes a name; an open file stays readable and writable with
 * st_nlink 0; ENOENT for a missing name, EISDIR (Linux, not POSIX's EPERM) for a
 * directory, ENOTDIR through a file; unlinkat with and without AT_REMOVEDIR; a symlink is
 * removed, not its target.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define D "/tmp/c_unlink_file"

int main(void)
{
	mkdir(D, 0755);
	int fd = open(D "/f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "data", 4);
	CHECK_RET("unlink", unlink(D "/f"), 0);
	struct stat st;
	CHECK_ERR("name_gone_enoent", stat(D "/f", &st), ENOENT);
	fstat(fd, &st);
	CHECK_RET("open_file_nlink_0", st.st_nlink, 0);
	char buf[8] = { 0 };
	CHECK_RET("still_readable", pread(fd, buf, sizeof buf, 0), 4);
	CHECK("still_same_data", memcmp(buf, "data", 4) == 0, "got %.4s", buf);
	CHECK_RET("still_writable", write(fd, "more", 4), 4);
	fstat(fd, &st);
	CHECK_RET("size_grows_after_unlink", st.st_size, 8);
	close(fd);
	CHECK_ERR("unlink_again_enoent", unlink(D "/f"), ENOENT);

	mkdir(D "/dir", 0755);
	CHECK_ERR("unlink_directory_eisdir", unlink(D "/dir"), EISDIR);
	fd = open(D "/plain", O_CREAT | O_WRONLY, 0644);
	close(fd);
	CHECK_ERR("unlink_through_file_enotdir", unlink(D "/plain/x"), ENOTDIR);
	CHECK_ERR("unlink_trailing_slash_on_file_enotdir", unlink(D "/plain/"), ENOTDIR);
	CHECK_ERR("unlink_empty_enoent", unlink(""), ENOENT);

	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK_ERR("unlinkat_dir_without_flag_eisdir", unlinkat(dfd, "dir", 0), EISDIR);
	CHECK_ERR("unlinkat_file_with_removedir_enotdir", unlinkat(dfd, "plain", AT_REMOVEDIR), ENOTDIR);
	CHECK_ERR("unlinkat_bad_flag_einval", unlinkat(dfd, "plain", 0x1), EINVAL);
	CHECK_RET("unlinkat_file", unlinkat(dfd, "plain", 0), 0);
	CHECK_RET("unlinkat_removedir", unlinkat(dfd, "dir", AT_REMOVEDIR), 0);

	fd = open(D "/target", O_CREAT | O_WRONLY, 0644);
	close(fd);
	symlink("target", D "/link");
	CHECK_RET("unlink_symlink", unlink(D "/link"), 0);
	CHECK_RET("target_survives", stat(D "/target", &st), 0);
	symlink("nowhere", D "/dangling");
	CHECK_RET("unlink_dangling_symlink", unlink(D "/dangling"), 0);
	unlink(D "/target");
	CHECK_RET("dir_empty_rmdir", rmdir(D), 0);
	return contract_end();
}
