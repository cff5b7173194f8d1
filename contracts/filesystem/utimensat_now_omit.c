/*
 * utimensat_now_omit — UTIME_NOW and UTIME_OMIT in a time's tv_nsec make utimensat ignore its
 * tv_sec (BusyBox touch leaves it uninitialised): NOW sets the current time, OMIT keeps the old
 * one, whatever tv_sec holds. The tv_sec here is a socket's inode number, which differs from
 * kernel to kernel as such garbage does. Errors: EINVAL for tv_nsec out of range.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

int main(void)
{
	int sv[2];
	struct stat st;
	CHECK_OK("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	CHECK_OK("fstat", fstat(sv[0], &st));
	time_t garbage = (time_t)st.st_ino * 7919;

	int fd = open("/tmp/utimensat_now_omit", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	CHECK("create", fd >= 0, "failed");
	struct timespec set[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	CHECK_OK("set both times", utimensat(AT_FDCWD, "/tmp/utimensat_now_omit", set, 0));

	struct timespec omit_now[2] = { { garbage, UTIME_OMIT }, { garbage, UTIME_NOW } };
	CHECK_OK("atime OMIT, mtime NOW (tv_sec garbage)", utimensat(AT_FDCWD, "/tmp/utimensat_now_omit", omit_now, 0));
	CHECK_OK("stat", stat("/tmp/utimensat_now_omit", &st));
	CHECK("atime kept", st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 5, "%ld", (long)st.st_atim.tv_sec);
	CHECK("mtime now", st.st_mtim.tv_sec > 1200000000, "%ld", (long)st.st_mtim.tv_sec);

	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	CHECK_ERR("tv_nsec out of range", utimensat(fd, NULL, bad, 0), EINVAL);
	close(fd);
	unlink("/tmp/utimensat_now_omit");
	return contract_end();
}
