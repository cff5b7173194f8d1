/*
 * utimensat_times — utimensat and futimens set atime and mtime exactly (seconds and
 * nanoseconds read back through stat), UTIME_OMIT leaves one alone, UTIME_NOW and a NULL
 * times array set the current time, AT_SYMLINK_NOFOLLOW changes the link and not its
 * target, a NULL path with a dirfd names the fd itself; EINVAL for nanoseconds out of
 * range and for bad flags; ENOENT. No time is printed.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_utimensat"
#define T_A 1000000000L /* 2001-09-09 */
#define T_M 1200000000L /* 2008-01-10 */

static int times_are(const char *p, long as, long an, long ms, long mn, int nofollow)
{
	struct stat st;
	if ((nofollow ? lstat(p, &st) : stat(p, &st)) != 0)
		return 0;
	return st.st_atim.tv_sec == as && st.st_atim.tv_nsec == an && st.st_mtim.tv_sec == ms &&
	       st.st_mtim.tv_nsec == mn;
}

static long mtime_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long)st.st_mtim.tv_sec : -1;
}

int main(void)
{
	mkdir(D, 0755);
	int fd = open(D "/f", O_CREAT | O_RDWR, 0644);
	struct timespec ts[2] = { { T_A, 123456789 }, { T_M, 987654321 } };
	CHECK_RET("utimensat_set", utimensat(AT_FDCWD, D "/f", ts, 0), 0);
	CHECK("times_read_back_exactly", times_are(D "/f", T_A, 123456789, T_M, 987654321, 0), "times differ");

	struct timespec omit_a[2] = { { 0, UTIME_OMIT }, { T_A, 5 } };
	CHECK_RET("omit_atime", utimensat(AT_FDCWD, D "/f", omit_a, 0), 0);
	CHECK("atime_kept_mtime_set", times_are(D "/f", T_A, 123456789, T_A, 5, 0), "times differ");
	struct timespec omit_both[2] = { { 1, UTIME_OMIT }, { 2, UTIME_OMIT } };
	CHECK_RET("omit_both", utimensat(AT_FDCWD, D "/f", omit_both, 0), 0);
	CHECK("omit_both_changes_nothing", times_are(D "/f", T_A, 123456789, T_A, 5, 0), "times differ");

	struct timespec now_m[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	CHECK_RET("utime_now_mtime", utimensat(AT_FDCWD, D "/f", now_m, 0), 0);
	CHECK("utime_now_is_recent", mtime_of(D "/f") > T_M, "mtime not updated to now");
	CHECK_RET("futimens_set", futimens(fd, ts), 0);
	CHECK("futimens_read_back", times_are(D "/f", T_A, 123456789, T_M, 987654321, 0), "times differ");
	CHECK_RET("null_times_is_now", utimensat(AT_FDCWD, D "/f", NULL, 0), 0);
	CHECK("null_times_recent", mtime_of(D "/f") > T_M, "mtime not updated to now");
	CHECK_RET("null_path_names_fd", syscall(SYS_utimensat, fd, NULL, ts, 0), 0);
	CHECK("null_path_read_back", times_are(D "/f", T_A, 123456789, T_M, 987654321, 0), "times differ");

	symlink("f", D "/l");
	struct timespec lt[2] = { { T_M, 0 }, { T_A, 0 } };
	CHECK_RET("nofollow_sets_link", utimensat(AT_FDCWD, D "/l", lt, AT_SYMLINK_NOFOLLOW), 0);
	CHECK("link_times_set", times_are(D "/l", T_M, 0, T_A, 0, 1), "link times differ");
	CHECK("target_untouched", times_are(D "/f", T_A, 123456789, T_M, 987654321, 0), "target changed");
	CHECK_RET("follow_sets_target", utimensat(AT_FDCWD, D "/l", lt, 0), 0);
	CHECK("target_set_through_link", times_are(D "/f", T_M, 0, T_A, 0, 0), "target times differ");

	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	CHECK_ERR("nsec_too_big_einval", utimensat(AT_FDCWD, D "/f", bad, 0), EINVAL);
	bad[0].tv_nsec = -1;
	CHECK_ERR("nsec_negative_einval", utimensat(AT_FDCWD, D "/f", bad, 0), EINVAL);
	CHECK_ERR("bad_flags_einval", utimensat(AT_FDCWD, D "/f", ts, 0x1), EINVAL);
	CHECK_ERR("missing_enoent", utimensat(AT_FDCWD, D "/none", ts, 0), ENOENT);
	CHECK_ERR("futimens_bad_fd_ebadf", futimens(1000, ts), EBADF);
	close(fd);
	contract_rmtree(D);
	return contract_end();
}
