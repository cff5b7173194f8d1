/*
 * path_resolution — the path walk: repeated slashes and "." components are ignored, ".."
 * goes up (and stays at / at the root), ".." after a symlink to a directory is the parent
 * of the target (physical), not of the link; a file followed by "/", "/." or "/.." is
 * ENOTDIR; a missing middle component is ENOENT; a path of 4095 bytes resolves and one of
 * 4096 (PATH_MAX with the NUL) is ENAMETOOLONG; an absolute symlink starts from the root.
 */
#include "contract.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#define D "/tmp/c_path_resolution"

static char long_path[PATH_MAX + 16];

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/a", 0755);
	mkdir(D "/a/b", 0755);
	int fd = open(D "/a/x", O_CREAT | O_WRONLY, 0644);
	close(fd);
	fd = open(D "/f", O_CREAT | O_WRONLY, 0644);
	close(fd);
	CHECK_RET("double_slashes", access("/tmp//c_path_resolution///a//x", F_OK), 0);
	CHECK_RET("dot_components", access("/tmp/./c_path_resolution/./a/./x", F_OK), 0);
	CHECK_RET("dotdot_component", access(D "/a/b/../x", F_OK), 0);
	CHECK_RET("dotdot_at_root_stays", access("/../../tmp/c_path_resolution/f", F_OK), 0);
	CHECK_RET("trailing_slash_on_dir", access(D "/a/", F_OK), 0);
	CHECK_RET("trailing_dot_on_dir", access(D "/a/.", F_OK), 0);
	CHECK_ERR("file_trailing_slash_enotdir", access(D "/f/", F_OK), ENOTDIR);
	CHECK_ERR("file_trailing_dot_enotdir", access(D "/f/.", F_OK), ENOTDIR);
	CHECK_ERR("file_dotdot_enotdir", access(D "/f/..", F_OK), ENOTDIR);
	CHECK_ERR("missing_middle_enoent", access(D "/nope/x", F_OK), ENOENT);
	CHECK_ERR("missing_middle_then_dotdot_enoent", access(D "/nope/../f", F_OK), ENOENT);

	/* l -> a/b: "l/.." is a (the target's parent), so "l/../x" is a/x. */
	symlink("a/b", D "/l");
	CHECK_RET("dotdot_after_symlink_is_physical", access(D "/l/../x", F_OK), 0);
	CHECK_ERR("not_the_links_directory", access(D "/l/../f", F_OK), ENOENT);
	symlink(D "/a", D "/abs");
	CHECK_RET("absolute_symlink_from_root", access(D "/abs/x", F_OK), 0);
	symlink("a/", D "/slash");
	CHECK_RET("symlink_target_with_slash", access(D "/slash/x", F_OK), 0);
	int dfd = open(D "/a/b", O_RDONLY | O_DIRECTORY);
	CHECK_RET("dirfd_dotdot", faccessat(dfd, "../x", F_OK, 0), 0);
	CHECK_RET("dirfd_deep_dotdot", faccessat(dfd, "../../f", F_OK, 0), 0);

	/* Pad with "./" up to exactly 4095 bytes (4096 with the NUL) and one more. */
	const char *tail = "f";
	size_t base = strlen(D) + 1;
	memcpy(long_path, D "/", base);
	size_t n = base;
	while (n + 2 + strlen(tail) <= PATH_MAX - 1)
		memcpy(long_path + n, "./", 2), n += 2;
	if (n + strlen(tail) < PATH_MAX - 1)
		long_path[n++] = '/';
	strcpy(long_path + n, tail);
	CHECK_RET("path_4095_bytes", (long)strlen(long_path), PATH_MAX - 1);
	CHECK_RET("path_4095_resolves", access(long_path, F_OK), 0);
	memmove(long_path + 1, long_path, strlen(long_path) + 1);
	long_path[0] = '/';
	CHECK_RET("path_4096_bytes", (long)strlen(long_path), PATH_MAX);
	CHECK_ERR("path_4096_enametoolong", access(long_path, F_OK), ENAMETOOLONG);
	contract_rmtree(D);
	return contract_end();
}
