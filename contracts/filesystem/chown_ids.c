/*
 * chown_ids — as root, chown/fchown/lchown/fchownat set the owner and group (read back with
 * stat), -1 leaves an id unchanged, lchown changes a symlink and not its target, chown
 * follows the link; changing the owner of a regular file clears its setuid and setgid bits
 * (Linux does so even for root) but a directory keeps its setgid bit; ENOENT and EBADF.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define D "/tmp/c_chown_ids"

static int ids_are(const char *p, unsigned uid, unsigned gid, int nofollow)
{
	struct stat st;
	if ((nofollow ? lstat(p, &st) : stat(p, &st)) != 0)
		return 0;
	return st.st_uid == uid && st.st_gid == gid;
}

static long mode_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long)(st.st_mode & 07777) : -1;
}

int main(void)
{
	mkdir(D, 0755);
	int fd = open(D "/f", O_CREAT | O_RDWR, 0644);
	CHECK("created_as_root", ids_are(D "/f", 0, 0, 0), "not owned by 0:0");
	CHECK_RET("chown", chown(D "/f", 1000, 2000), 0);
	CHECK("chown_reads_back", ids_are(D "/f", 1000, 2000, 0), "ids differ");
	CHECK_RET("chown_uid_only", chown(D "/f", 1001, (gid_t)-1), 0);
	CHECK("gid_kept", ids_are(D "/f", 1001, 2000, 0), "ids differ");
	CHECK_RET("chown_gid_only", chown(D "/f", (uid_t)-1, 2001), 0);
	CHECK("uid_kept", ids_are(D "/f", 1001, 2001, 0), "ids differ");
	CHECK_RET("chown_nothing", chown(D "/f", (uid_t)-1, (gid_t)-1), 0);
	CHECK_RET("fchown", fchown(fd, 3000, 3000), 0);
	CHECK("fchown_reads_back", ids_are(D "/f", 3000, 3000, 0), "ids differ");

	symlink("f", D "/l");
	CHECK_RET("lchown_link", lchown(D "/l", 4000, 4000), 0);
	CHECK("link_changed", ids_are(D "/l", 4000, 4000, 1), "link ids differ");
	CHECK("target_unchanged_by_lchown", ids_are(D "/f", 3000, 3000, 0), "target changed");
	CHECK_RET("chown_follows_link", chown(D "/l", 5000, 5000), 0);
	CHECK("target_changed_through_link", ids_are(D "/f", 5000, 5000, 0), "target ids differ");
	CHECK("link_itself_kept", ids_are(D "/l", 4000, 4000, 1), "link changed");
	CHECK_RET("fchownat_nofollow", fchownat(AT_FDCWD, D "/l", 6000, 6000, AT_SYMLINK_NOFOLLOW), 0);
	CHECK("fchownat_nofollow_link", ids_are(D "/l", 6000, 6000, 1), "link ids differ");

	CHECK_RET("set_suid_sgid", fchmod(fd, 06755), 0);
	CHECK_RET("suid_sgid_set", mode_of(D "/f"), 06755);
	CHECK_RET("chown_clears_suid", fchown(fd, 0, 0), 0);
	CHECK_RET("suid_sgid_cleared", mode_of(D "/f"), 0755);

	mkdir(D "/dir", 02755);
	CHECK_RET("mkdir_ignores_setgid_in_mode", mode_of(D "/dir"), 0755);
	chmod(D "/dir", 02755);
	CHECK_RET("chown_dir", chown(D "/dir", 7, 7), 0);
	CHECK_RET("dir_setgid_kept", mode_of(D "/dir"), 02755);
	CHECK_ERR("chown_missing_enoent", chown(D "/none", 1, 1), ENOENT);
	CHECK_ERR("fchown_bad_fd_ebadf", fchown(1000, 1, 1), EBADF);
	CHECK_ERR("fchownat_bad_flags_einval", fchownat(AT_FDCWD, D "/f", 1, 1, 0x1), EINVAL);
	close(fd);
	contract_rmtree(D);
	return contract_end();
}
