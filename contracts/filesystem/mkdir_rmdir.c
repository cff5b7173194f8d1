/*
 * mkdir_rmdir — mkdir makes an empty directory (nlink 2, the parent's nlink goes up by
 * one) with the mode masked by the umask; EEXIST for an existing name (file or directory);
 * ENOENT for a missing parent; ENOTDIR through a file; rmdir refuses a non-empty directory
 * (ENOTEMPTY), a file (ENOTDIR), "." (EINVAL) and a missing one (ENOENT); mkdirat works.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define D "/tmp/c_mkdir_rmdir"

static long nlink_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long)st.st_nlink : -1;
}

int main(void)
{
	umask(022);
	CHECK_RET("mkdir", mkdir(D, 0777), 0);
	struct stat st;
	stat(D, &st);
	CHECK("is_directory", S_ISDIR(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK_RET("mode_masked_by_umask", st.st_mode & 07777, 0755);
	CHECK_RET("new_dir_nlink_2", st.st_nlink, 2);
	CHECK_RET("mkdir_sub", mkdir(D "/sub", 0700), 0);
	CHECK_RET("parent_nlink_up", nlink_of(D), 3);
	CHECK_ERR("mkdir_existing_eexist", mkdir(D "/sub", 0755), EEXIST);
	int f = open(D "/file", O_CREAT | O_WRONLY, 0644);
	close(f);
	CHECK_ERR("mkdir_over_file_eexist", mkdir(D "/file", 0755), EEXIST);
	CHECK_ERR("mkdir_missing_parent_enoent", mkdir(D "/nope/x", 0755), ENOENT);
	CHECK_ERR("mkdir_through_file_enotdir", mkdir(D "/file/x", 0755), ENOTDIR);
	CHECK_ERR("mkdir_empty_path_enoent", mkdir("", 0755), ENOENT);
	CHECK_RET("mkdir_trailing_slash", mkdir(D "/slash/", 0755), 0);

	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK_RET("mkdirat", mkdirat(dfd, "at", 0755), 0);
	CHECK_RET("mkdirat_made_it", nlink_of(D "/at"), 2);

	CHECK_RET("mkdir_deep", mkdir(D "/sub/deeper", 0755), 0);
	CHECK_ERR("rmdir_not_empty_enotempty", rmdir(D "/sub"), ENOTEMPTY);
	CHECK_ERR("rmdir_file_enotdir", rmdir(D "/file"), ENOTDIR);
	CHECK_ERR("rmdir_missing_enoent", rmdir(D "/missing"), ENOENT);
	CHECK_ERR("rmdir_dot_einval", rmdir(D "/sub/."), EINVAL);
	CHECK_ERR("rmdir_dotdot_enotempty", rmdir(D "/sub/deeper/.."), ENOTEMPTY);
	CHECK_RET("rmdir_deep", rmdir(D "/sub/deeper"), 0);
	CHECK_RET("sub_nlink_back_to_2", nlink_of(D "/sub"), 2);
	CHECK_RET("rmdir_sub", rmdir(D "/sub"), 0);
	CHECK_ERR("rmdir_gone_stat_enoent", stat(D "/sub", &st), ENOENT);
	CHECK_RET("unlinkat_removedir", unlinkat(dfd, "at", AT_REMOVEDIR), 0);
	CHECK_RET("rmdir_trailing_slash", rmdir(D "/slash/"), 0);
	CHECK_RET("parent_nlink_down", nlink_of(D), 2);

	/* A removed directory that is still open (as cwd) reads as empty and refuses new entries. */
	mkdir(D "/gone", 0755);
	int g = open(D "/gone", O_RDONLY | O_DIRECTORY);
	rmdir(D "/gone");
	fstat(g, &st);
	CHECK_RET("removed_dir_nlink_0", st.st_nlink, 0);
	CHECK_ERR("mkdirat_in_removed_dir_enoent", mkdirat(g, "x", 0755), ENOENT);
	close(g);
	unlink(D "/file");
	CHECK_RET("rmdir_top", rmdir(D), 0);
	return contract_end();
}
