/*
 * cwd_chdir — getcwd follows chdir and fchdir, relative paths resolve against the cwd, ".."
 * goes up; chdir fails with ENOTDIR on a file, ENOENT on a missing path; fchdir on a file is
 * ENOTDIR; the getcwd syscall returns the length with the NUL, ERANGE when the buffer is
 * too small, and ENOENT once the cwd has been removed.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_cwd_chdir"

static int cwd_is(const char *want)
{
	char buf[256];
	return getcwd(buf, sizeof buf) && strcmp(buf, want) == 0;
}

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/sub", 0755);
	int f = open(D "/file", O_CREAT | O_WRONLY, 0644);
	close(f);
	CHECK_RET("chdir_abs", chdir(D), 0);
	CHECK("getcwd_abs", cwd_is(D), "cwd differs");
	CHECK_RET("chdir_relative", chdir("sub"), 0);
	CHECK("getcwd_relative", cwd_is(D "/sub"), "cwd differs");
	CHECK_RET("relative_open_uses_cwd", access("../file", F_OK), 0);
	CHECK_RET("chdir_dotdot", chdir(".."), 0);
	CHECK("getcwd_after_dotdot", cwd_is(D), "cwd differs");
	CHECK_RET("chdir_dot", chdir("."), 0);
	CHECK("getcwd_after_dot", cwd_is(D), "cwd differs");

	int sub = open(D "/sub", O_RDONLY | O_DIRECTORY);
	CHECK_RET("fchdir", fchdir(sub), 0);
	CHECK("getcwd_after_fchdir", cwd_is(D "/sub"), "cwd differs");
	int opath = open(D, O_PATH | O_DIRECTORY);
	CHECK_RET("fchdir_opath", fchdir(opath), 0);
	CHECK("getcwd_after_fchdir_opath", cwd_is(D), "cwd differs");

	CHECK_ERR("chdir_file_enotdir", chdir(D "/file"), ENOTDIR);
	CHECK_ERR("chdir_missing_enoent", chdir(D "/missing"), ENOENT);
	CHECK_ERR("chdir_empty_enoent", chdir(""), ENOENT);
	int file = open(D "/file", O_RDONLY);
	CHECK_ERR("fchdir_file_enotdir", fchdir(file), ENOTDIR);
	CHECK("cwd_unchanged_after_errors", cwd_is(D), "cwd differs");

	/* The raw syscall returns the length including the NUL; too small is ERANGE. */
	char buf[64];
	CHECK_RET("getcwd_syscall_length", syscall(SYS_getcwd, buf, sizeof buf), (long)sizeof D);
	CHECK_ERR("getcwd_too_small_erange", syscall(SYS_getcwd, buf, sizeof D - 1), ERANGE);
	CHECK_ERR("getcwd_zero_size_erange", syscall(SYS_getcwd, buf, 0), ERANGE);
	CHECK_ERR("getcwd_bad_buffer_efault", syscall(SYS_getcwd, (char *)8, sizeof buf), EFAULT);

	CHECK_RET("chdir_root", chdir("/"), 0);
	CHECK("getcwd_root", cwd_is("/"), "cwd differs");
	CHECK_RET("root_dotdot_stays", chdir(".."), 0);
	CHECK("root_dotdot_is_root", cwd_is("/"), "cwd differs");

	/* A removed cwd: getcwd fails with ENOENT. */
	mkdir(D "/doomed", 0755);
	chdir(D "/doomed");
	rmdir(D "/doomed");
	CHECK_ERR("getcwd_removed_enoent", syscall(SYS_getcwd, buf, sizeof buf), ENOENT);
	CHECK_ERR("create_in_removed_cwd_enoent", open("new", O_CREAT | O_WRONLY, 0644), ENOENT);
	chdir("/");
	contract_rmtree(D);
	return contract_end();
}
