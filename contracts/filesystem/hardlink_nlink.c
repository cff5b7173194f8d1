/*
 * hardlink_nlink — link adds a name for the same inode: st_nlink goes 1, 2, 3 and back down
 * with unlink, every name sees writes through any other; EEXIST for an
 * existing new name, EPERM for a directory, ENOENT for a missing source; linkat with
 * AT_SYMLINK_FOLLOW links the target, without it the symlink itself.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define D "/tmp/c_hardlink"

static long nlink_of(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0 ? (long)st.st_nlink : -1;
}

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/sub", 0755);
	int fd = open(D "/orig", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_RET("nlink_1", nlink_of(D "/orig"), 1);
	CHECK_RET("link", link(D "/orig", D "/second"), 0);
	CHECK_RET("nlink_2", nlink_of(D "/orig"), 2);
	CHECK_RET("link_other_dir", link(D "/second", D "/sub/third"), 0);
	CHECK_RET("nlink_3_seen_from_any_name", nlink_of(D "/sub/third"), 3);
	struct stat a, b;
	stat(D "/orig", &a);
	stat(D "/sub/third", &b);
	CHECK("same_inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev, "inodes differ");
	write(fd, "shared", 6);
	char buf[8] = { 0 };
	int fd3 = open(D "/sub/third", O_RDONLY);
	CHECK_RET("read_through_other_name", read(fd3, buf, sizeof buf), 6);
	fstat(fd, &a);
	CHECK_RET("fstat_nlink_3", a.st_nlink, 3);

	CHECK_ERR("link_existing_eexist", link(D "/orig", D "/second"), EEXIST);
	CHECK_ERR("link_directory_eperm", link(D "/sub", D "/sublink"), EPERM);
	CHECK_ERR("link_missing_enoent", link(D "/none", D "/x"), ENOENT);
	CHECK_ERR("link_into_missing_dir_enoent", link(D "/orig", D "/nodir/x"), ENOENT);

	CHECK_RET("unlink_orig", unlink(D "/orig"), 0);
	CHECK_RET("nlink_2_after_unlink", nlink_of(D "/second"), 2);
	CHECK_RET("unlink_second", unlink(D "/second"), 0);
	CHECK_RET("nlink_1_after_unlink", nlink_of(D "/sub/third"), 1);
	fstat(fd, &a);
	CHECK_RET("fstat_follows", a.st_nlink, 1);
	unlink(D "/sub/third");
	fstat(fd, &a);
	CHECK_RET("nlink_0_open", a.st_nlink, 0);
	close(fd);
	close(fd3);

	fd = open(D "/t", O_WRONLY | O_CREAT, 0644);
	close(fd);
	symlink("t", D "/sl");
	CHECK_RET("linkat_nofollow_links_symlink", linkat(AT_FDCWD, D "/sl", AT_FDCWD, D "/sl2", 0), 0);
	struct stat st;
	lstat(D "/sl2", &st);
	CHECK("linkat_nofollow_is_symlink", S_ISLNK(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK_RET("symlink_nlink_2", nlink_of(D "/sl"), 2);
	CHECK_RET("linkat_follow", linkat(AT_FDCWD, D "/sl", AT_FDCWD, D "/t2", AT_SYMLINK_FOLLOW), 0);
	lstat(D "/t2", &st);
	CHECK("linkat_follow_is_target", S_ISREG(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK_RET("target_nlink_2", nlink_of(D "/t"), 2);
	CHECK_ERR("linkat_bad_flags_einval", linkat(AT_FDCWD, D "/t", AT_FDCWD, D "/t3", 0x1), EINVAL);
	contract_rmtree(D);
	return contract_end();
}
