/*
 * symlink_readlink — symlink stores the target text as given (relative or absolute, even
 * dangling); readlink returns it without a NUL and truncates silently to the buffer;
 * lstat sees the link (S_IFLNK, size = target length), stat follows it; ELOOP for a loop
 * and for O_NOFOLLOW on a link; EINVAL for readlink of a non-link; EEXIST for an existing
 * name; ENOENT when a dangling link is opened; a link to a directory is walked through.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_symlink"

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/dir", 0755);
	int fd = open(D "/dir/file", O_WRONLY | O_CREAT, 0644);
	write(fd, "xyz", 3);
	close(fd);
	CHECK_RET("symlink_relative", symlink("dir/file", D "/rel"), 0);
	CHECK_RET("symlink_absolute", symlink(D "/dir", D "/abs"), 0);
	char buf[64];
	memset(buf, 'Q', sizeof buf);
	CHECK_RET("readlink_length", readlink(D "/rel", buf, sizeof buf), 8);
	CHECK("readlink_text", memcmp(buf, "dir/file", 8) == 0, "got %.8s", buf);
	CHECK("readlink_no_nul", buf[8] == 'Q', "wrote a terminator");
	memset(buf, 'Q', sizeof buf);
	CHECK_RET("readlink_truncates", readlink(D "/rel", buf, 3), 3);
	CHECK("readlink_truncated_text", memcmp(buf, "dirQ", 4) == 0, "got %.4s", buf);
	struct stat st;
	lstat(D "/rel", &st);
	CHECK("lstat_is_link", S_ISLNK(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK_RET("lstat_size_is_target_length", st.st_size, 8);
	CHECK_RET("link_mode_0777", st.st_mode & 07777, 0777);
	stat(D "/rel", &st);
	CHECK("stat_follows", S_ISREG(st.st_mode) && st.st_size == 3, "mode %o size %ld", (unsigned)st.st_mode,
	      (long)st.st_size);
	CHECK_RET("walk_through_dir_link", access(D "/abs/file", F_OK), 0);
	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	memset(buf, 0, sizeof buf);
	CHECK_RET("readlinkat", readlinkat(dfd, "abs", buf, sizeof buf), (long)strlen(D "/dir"));

	CHECK_RET("symlink_dangling", symlink("missing", D "/dangle"), 0);
	CHECK_ERR("open_dangling_enoent", open(D "/dangle", O_RDONLY), ENOENT);
	CHECK_RET("lstat_dangling_ok", lstat(D "/dangle", &st), 0);
	fd = open(D "/dangle", O_WRONLY | O_CREAT, 0644);
	CHECK("creat_through_dangling_link", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);
	CHECK_RET("dangling_target_created", access(D "/missing", F_OK), 0);

	symlink("loop2", D "/loop1");
	symlink("loop1", D "/loop2");
	CHECK_ERR("loop_eloop", open(D "/loop1", O_RDONLY), ELOOP);
	CHECK_ERR("loop_stat_eloop", stat(D "/loop1", &st), ELOOP);
	symlink("self", D "/self");
	CHECK_ERR("self_loop_eloop", access(D "/self", F_OK), ELOOP);
	CHECK_ERR("nofollow_on_link_eloop", open(D "/rel", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_ERR("readlink_regular_einval", readlink(D "/dir/file", buf, sizeof buf), EINVAL);
	CHECK_ERR("readlink_missing_enoent", readlink(D "/none", buf, sizeof buf), ENOENT);
	/* Raw syscall: musl turns a zero size into a one-byte buffer. */
	CHECK_ERR("readlink_zero_size_einval", syscall(SYS_readlink, D "/rel", buf, 0), EINVAL);
	CHECK_ERR("symlink_existing_eexist", symlink("x", D "/rel"), EEXIST);
	CHECK_ERR("symlink_empty_target_enoent", symlink("", D "/empty"), ENOENT);
	/* A chain of 40 links resolves; Linux gives up after 40 follows. */
	char name[64], target[64];
	for (int i = 0; i < 41; i++) {
		snprintf(name, sizeof name, D "/c%d", i);
		snprintf(target, sizeof target, i == 0 ? "dir/file" : "c%d", i - 1);
		symlink(target, name);
	}
	CHECK_RET("chain_of_40_resolves", access(D "/c39", F_OK), 0);
	CHECK_ERR("chain_of_41_eloop", access(D "/c40", F_OK), ELOOP);
	contract_rmtree(D);
	return contract_end();
}
