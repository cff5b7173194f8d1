/*
 * rename_cases — rename within a directory, across directories, over an existing file (the
 * old target is replaced atomically; an open fd to it keeps the old data), and of a
 * directory (its ".." follows, nlinks move); the errors: ENOTEMPTY (over a non-empty
 * directory), EISDIR (file over directory), ENOTDIR (directory over file), EINVAL (into
 * its own subtree), ENOENT; rename of a name onto itself does nothing; renameat2 with
 * RENAME_NOREPLACE (EEXIST) and RENAME_EXCHANGE.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_rename_cases"
#define RENAME_NOREPLACE_FLAG (1 << 0)
#define RENAME_EXCHANGE_FLAG (1 << 1)

static void put(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(fd, data, strlen(data));
	close(fd);
}

static int has(const char *path, const char *data)
{
	char buf[32] = { 0 };
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	int n = read(fd, buf, sizeof buf - 1);
	close(fd);
	return n == (int)strlen(data) && memcmp(buf, data, n) == 0;
}

static long nlink_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long)st.st_nlink : -1;
}

static long renameat2_(const char *a, const char *b, unsigned flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/a", 0755);
	mkdir(D "/b", 0755);
	put(D "/a/one", "one");
	struct stat before, after;
	stat(D "/a/one", &before);
	CHECK_RET("rename_same_dir", rename(D "/a/one", D "/a/uno"), 0);
	CHECK_ERR("old_name_gone", access(D "/a/one", F_OK), ENOENT);
	stat(D "/a/uno", &after);
	CHECK("same_inode_after_rename", before.st_ino == after.st_ino, "inode changed");
	CHECK("content_kept", has(D "/a/uno", "one"), "content differs");
	CHECK_RET("rename_across_dirs", rename(D "/a/uno", D "/b/uno"), 0);
	CHECK("across_content", has(D "/b/uno", "one"), "content differs");

	put(D "/b/two", "two");
	int old = open(D "/b/two", O_RDONLY);
	CHECK_RET("rename_over_existing", rename(D "/b/uno", D "/b/two"), 0);
	CHECK("target_replaced", has(D "/b/two", "one"), "content differs");
	CHECK_ERR("source_gone", access(D "/b/uno", F_OK), ENOENT);
	char buf[8] = { 0 };
	read(old, buf, sizeof buf);
	CHECK("open_fd_keeps_old_file", memcmp(buf, "two", 3) == 0, "got %.3s", buf);
	struct stat ost;
	fstat(old, &ost);
	CHECK_RET("replaced_file_nlink_0", ost.st_nlink, 0);
	close(old);

	/* Hard links to the same file: rename does nothing and both names stay. */
	link(D "/b/two", D "/b/two_link");
	CHECK_RET("rename_onto_own_hard_link", rename(D "/b/two", D "/b/two_link"), 0);
	CHECK("both_links_remain", access(D "/b/two", F_OK) == 0 && access(D "/b/two_link", F_OK) == 0,
	      "a name vanished");
	CHECK_RET("rename_onto_itself", rename(D "/b/two", D "/b/two"), 0);

	/* Directories. */
	mkdir(D "/a/sub", 0755);
	put(D "/a/sub/inner", "in");
	CHECK_RET("a_nlink_with_sub", nlink_of(D "/a"), 3);
	CHECK_RET("rename_dir_across", rename(D "/a/sub", D "/b/sub"), 0);
	CHECK_RET("old_parent_nlink_down", nlink_of(D "/a"), 2);
	CHECK_RET("new_parent_nlink_up", nlink_of(D "/b"), 3);
	CHECK("moved_dir_content", has(D "/b/sub/inner", "in"), "content differs");
	struct stat dd, b;
	stat(D "/b/sub/..", &dd);
	stat(D "/b", &b);
	CHECK("dotdot_follows", dd.st_ino == b.st_ino, "'..' still points at the old parent");
	mkdir(D "/a/empty", 0755);
	CHECK_RET("rename_dir_over_empty_dir", rename(D "/b/sub", D "/a/empty"), 0);
	CHECK("dir_over_empty_content", has(D "/a/empty/inner", "in"), "content differs");
	mkdir(D "/b/full", 0755);
	put(D "/b/full/x", "x");
	CHECK_ERR("dir_over_nonempty_enotempty", rename(D "/a/empty", D "/b/full"), ENOTEMPTY);
	CHECK_ERR("file_over_dir_eisdir", rename(D "/b/two", D "/b/full"), EISDIR);
	CHECK_ERR("dir_over_file_enotdir", rename(D "/b/full", D "/b/two"), ENOTDIR);
	CHECK_ERR("dir_into_own_subtree_einval", rename(D "/b", D "/b/full/inside"), EINVAL);
	CHECK_ERR("missing_source_enoent", rename(D "/b/none", D "/b/other"), ENOENT);
	CHECK_ERR("missing_target_dir_enoent", rename(D "/b/two", D "/nodir/two"), ENOENT);
	CHECK_ERR("rename_dot_ebusy", rename(D "/b/.", D "/b/dot"), EBUSY);

	put(D "/a/p", "p");
	put(D "/a/q", "q");
	CHECK_ERR("noreplace_existing_eexist", renameat2_(D "/a/p", D "/a/q", RENAME_NOREPLACE_FLAG), EEXIST);
	CHECK_RET("noreplace_free_name", renameat2_(D "/a/p", D "/a/r", RENAME_NOREPLACE_FLAG), 0);
	CHECK_RET("exchange", renameat2_(D "/a/r", D "/a/q", RENAME_EXCHANGE_FLAG), 0);
	CHECK("exchange_swapped", has(D "/a/r", "q") && has(D "/a/q", "p"), "not swapped");
	CHECK_ERR("exchange_missing_enoent", renameat2_(D "/a/r", D "/a/none", RENAME_EXCHANGE_FLAG), ENOENT);
	CHECK_ERR("both_flags_einval", renameat2_(D "/a/r", D "/a/q", RENAME_EXCHANGE_FLAG | RENAME_NOREPLACE_FLAG), EINVAL);
	contract_rmtree(D);
	CHECK_ERR("cleanup_done", access(D, F_OK), ENOENT);
	return contract_end();
}
