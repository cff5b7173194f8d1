/*
 * rename_open_dir — names follow renames: after a directory is renamed, an fd opened on
 * it still works (fchdir, openat, getdents), getcwd of a cwd inside it shows the new path,
 * a file opened before the rename keeps working, and the old path is gone; moving a
 * directory to another parent changes getcwd's path and "..".
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define D "/tmp/c_rename_open_dir"

static int cwd_is(const char *want)
{
	char buf[256];
	return getcwd(buf, sizeof buf) && strcmp(buf, want) == 0;
}

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/old", 0755);
	mkdir(D "/old/in", 0755);
	mkdir(D "/other", 0755);
	int f = open(D "/old/file", O_RDWR | O_CREAT, 0644);
	int dfd = open(D "/old", O_RDONLY | O_DIRECTORY);
	CHECK_RET("chdir_inside", chdir(D "/old/in"), 0);
	CHECK_RET("rename_dir", rename(D "/old", D "/new"), 0);
	CHECK("getcwd_follows_rename", cwd_is(D "/new/in"), "cwd path differs");
	CHECK_ERR("old_path_gone", access(D "/old", F_OK), ENOENT);
	CHECK_RET("relative_dotdot_after_rename", access("../file", F_OK), 0);
	int g = openat(dfd, "file", O_RDONLY);
	CHECK("openat_through_old_dirfd", g >= 0, "failed %s", strerrorname(errno));
	close(g);
	CHECK_RET("open_file_still_writable", write(f, "data", 4), 4);
	struct stat st;
	stat(D "/new/file", &st);
	CHECK_RET("write_seen_under_new_name", st.st_size, 4);
	CHECK_RET("fchdir_old_dirfd", fchdir(dfd), 0);
	CHECK("getcwd_after_fchdir", cwd_is(D "/new"), "cwd path differs");

	CHECK_RET("move_to_other_parent", rename(D "/new", D "/other/moved"), 0);
	CHECK("getcwd_after_move", cwd_is(D "/other/moved"), "cwd path differs");
	struct stat dd, parent;
	stat("..", &dd);
	stat(D "/other", &parent);
	CHECK("dotdot_is_new_parent", dd.st_ino == parent.st_ino, "'..' is not the new parent");
	CHECK_ERR("rename_cwd_into_itself_einval", rename(D "/other/moved", D "/other/moved/in/x"), EINVAL);
	chdir("/");
	close(f);
	close(dfd);
	contract_rmtree(D);
	return contract_end();
}
