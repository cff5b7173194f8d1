/*
 * dup_cloexec — dup, dup2 and dup3: lowest free fd, close-on-exec is per fd (read back
 * with F_GETFD), the offset and status flags are shared between duplicates, and the
 * error cases (EBADF, EINVAL for dup3 onto itself or with bad flags).
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

/* The raw syscall: musl emulates dup3 without O_CLOEXEC with dup2. */
static long sys_dup3(int oldfd, int newfd, int flags)
{
	return syscall(SYS_dup3, oldfd, newfd, flags);
}

int main(void)
{
	int p[2];
	if (pipe(p) != 0)
		return 1;
	/* p[0], p[1] are the lowest free fds; the next free one is p[1]+1. */
	int low = p[1] + 1;

	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	CHECK("open_cloexec_lowest", fd == low, "got fd offset %d", fd - low);
	CHECK_RET("open_cloexec_getfd", fcntl(fd, F_GETFD), FD_CLOEXEC);

	int d = dup(fd);
	CHECK("dup_lowest", d == fd + 1, "got fd offset %d", d - fd);
	CHECK_RET("dup_clears_cloexec", fcntl(d, F_GETFD), 0);
	CHECK_RET("dup_original_keeps_cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);

	/* Closing a hole makes dup reuse it. */
	close(p[1]);
	int d2 = dup(fd);
	CHECK("dup_reuses_hole", d2 == p[1], "got fd offset %d", d2 - p[1]);

	int target = fd + 10;
	CHECK_RET("dup2_to_free_fd", dup2(fd, target), target);
	CHECK_RET("dup2_clears_cloexec", fcntl(target, F_GETFD), 0);
	CHECK_RET("dup2_onto_itself", dup2(target, target), target);
	CHECK_RET("dup2_onto_itself_keeps_flags", fcntl(target, F_GETFD), 0);
	/* dup2 over an open fd closes it silently. */
	CHECK_RET("dup2_over_open_fd", dup2(p[0], target), target);
	struct stat st;
	CHECK("dup2_over_open_fd_is_new_file", fstat(target, &st) == 0 && S_ISFIFO(st.st_mode),
	      "fstat mode %o", (unsigned)st.st_mode);

	CHECK_RET("dup3_cloexec", sys_dup3(fd, target + 1, O_CLOEXEC), target + 1);
	CHECK_RET("dup3_cloexec_getfd", fcntl(target + 1, F_GETFD), FD_CLOEXEC);
	CHECK_RET("dup3_no_flags", sys_dup3(target + 1, target + 2, 0), target + 2);
	CHECK_RET("dup3_no_flags_getfd", fcntl(target + 2, F_GETFD), 0);
	CHECK_ERR("dup3_onto_itself_einval", sys_dup3(target, target, 0), EINVAL);
	CHECK_ERR("dup3_bad_flags_einval", sys_dup3(fd, target + 3, O_NONBLOCK), EINVAL);
	CHECK_ERR("dup3_bad_flags_target_untouched", fcntl(target + 3, F_GETFD), EBADF);

	/* F_SETFD on one duplicate leaves the other alone. */
	CHECK_OK("setfd_on_dup", fcntl(d, F_SETFD, FD_CLOEXEC));
	CHECK_RET("setfd_on_dup_reads_back", fcntl(d, F_GETFD), FD_CLOEXEC);
	CHECK_RET("setfd_other_dup_unchanged", fcntl(d2, F_GETFD), 0);

	/* Duplicates share the open file: offset and status flags. */
	char path[] = "/tmp/c_dup_cloexec";
	int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_RET("write_file", write(f, "abcdefgh", 8), 8);
	int g = dup(f);
	CHECK_RET("lseek_through_original", lseek(f, 3, SEEK_SET), 3);
	CHECK_RET("offset_shared_with_dup", lseek(g, 0, SEEK_CUR), 3);
	char c = 0;
	CHECK_RET("read_through_dup", read(g, &c, 1), 1);
	CHECK("read_through_dup_byte", c == 'd', "read %c", c);
	CHECK_RET("offset_advanced_for_original", lseek(f, 0, SEEK_CUR), 4);
	CHECK_OK("setfl_append_on_original", fcntl(f, F_SETFL, O_APPEND));
	CHECK("status_flags_shared", (fcntl(g, F_GETFL) & O_APPEND) != 0, "F_GETFL %#x", fcntl(g, F_GETFL));
	close(f);
	close(g);
	unlink(path);

	CHECK_ERR("dup_bad_fd_ebadf", dup(1000), EBADF);
	CHECK_ERR("dup_negative_fd_ebadf", dup(-1), EBADF);
	CHECK_ERR("dup2_bad_old_ebadf", dup2(1000, target + 4), EBADF);
	CHECK_ERR("dup2_bad_old_target_untouched", fcntl(target + 4, F_GETFD), EBADF);
	CHECK_ERR("dup2_negative_new_ebadf", dup2(fd, -1), EBADF);
	CHECK_ERR("dup3_bad_old_ebadf", sys_dup3(1000, target + 5, 0), EBADF);
	return contract_end();
}
