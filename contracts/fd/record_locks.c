/*
 * record_locks — POSIX record locks (fcntl F_SETLK/F_GETLK) and flock between a parent and
 * a child: F_GETLK reports the conflicting lock (type, range, owner's pid) or F_UNLCK;
 * F_SETLK on a conflicting range is EAGAIN, on a free range succeeds; read locks share;
 * unlocking frees the range; locks are per process (the owner can relock); flock with
 * LOCK_NB is EWOULDBLOCK across separate opens; closing any fd of the file drops the
 * process's record locks (POSIX); EBADF for a write lock on a read-only fd.
 * Only non-blocking requests, so nothing depends on timing.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>

#define PATH "/tmp/c_record_locks"

static int setlk(int fd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, F_SETLK, &fl);
}

/* The child's checks, reported through its exit status bit by bit. */
static int child_checks(void)
{
	int fd = open(PATH, O_RDWR);
	int bad = 0;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 1 };
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_WRLCK || fl.l_start != 0 || fl.l_len != 10 ||
	    fl.l_pid != getppid())
		bad |= 1;
	errno = 0;
	if (setlk(fd, F_WRLCK, 5, 1) != -1 || errno != EAGAIN)
		bad |= 2;
	if (setlk(fd, F_WRLCK, 10, 5) != 0) /* just past the parent's range */
		bad |= 4;
	if (setlk(fd, F_RDLCK, 20, 5) != 0) /* the parent holds a read lock there: shared */
		bad |= 8;
	errno = 0;
	if (setlk(fd, F_WRLCK, 20, 5) != -1 || errno != EAGAIN)
		bad |= 16;
	errno = 0;
	if (flock(fd, LOCK_EX | LOCK_NB) != -1 || errno != EWOULDBLOCK)
		bad |= 32;
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 10 };
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_UNLCK)
		bad |= 64;
	return bad;
}

int main(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
	CHECK_RET("write_lock_0_10", setlk(fd, F_WRLCK, 0, 10), 0);
	CHECK_RET("read_lock_20_25", setlk(fd, F_RDLCK, 20, 5), 0);
	CHECK_RET("owner_relocks_freely", setlk(fd, F_WRLCK, 5, 2), 0);
	CHECK_RET("owner_restores", setlk(fd, F_WRLCK, 0, 10), 0);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	CHECK_RET("getlk_own_lock_is_no_conflict", fcntl(fd, F_GETLK, &fl), 0);
	CHECK_RET("getlk_own_lock_unlck", fl.l_type, F_UNLCK);
	int other = open(PATH, O_RDWR);
	CHECK_RET("flock_exclusive", flock(other, LOCK_EX | LOCK_NB), 0);

	pid_t child = fork();
	if (child == 0)
		_exit(child_checks());
	int status;
	waitpid(child, &status, 0);
	int bits = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
	CHECK("child_getlk_sees_parent_lock", !(bits & 1), "F_GETLK result differs");
	CHECK("child_conflict_eagain", !(bits & 2), "conflicting F_SETLK not EAGAIN");
	CHECK("child_adjacent_range_free", !(bits & 4), "adjacent range refused");
	CHECK("child_read_locks_share", !(bits & 8), "shared read lock refused");
	CHECK("child_write_over_read_eagain", !(bits & 16), "write over read lock not EAGAIN");
	CHECK("child_flock_ewouldblock", !(bits & 32), "flock not EWOULDBLOCK");
	CHECK("child_getlk_free_range_unlck", !(bits & 64), "free range not F_UNLCK");

	CHECK_RET("unlock_all", setlk(fd, F_UNLCK, 0, 0), 0);
	CHECK_RET("flock_unlock", flock(other, LOCK_UN), 0);
	child = fork();
	if (child == 0) {
		int cfd = open(PATH, O_RDWR);
		_exit(setlk(cfd, F_WRLCK, 0, 36) == 0 && flock(cfd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
	}
	waitpid(child, &status, 0);
	CHECK("child_locks_after_unlock", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);

	/* POSIX quirk: closing any fd of the file drops all of this process's locks on it. */
	CHECK_RET("lock_again", setlk(fd, F_WRLCK, 0, 10), 0);
	int extra = open(PATH, O_RDONLY);
	close(extra);
	child = fork();
	if (child == 0) {
		int cfd = open(PATH, O_RDWR);
		_exit(setlk(cfd, F_WRLCK, 0, 10) == 0 ? 0 : 1);
	}
	waitpid(child, &status, 0);
	CHECK("close_of_other_fd_drops_locks", WIFEXITED(status) && WEXITSTATUS(status) == 0, "lock still held");

	int ro = open(PATH, O_RDONLY);
	CHECK_ERR("write_lock_on_rdonly_ebadf", setlk(ro, F_WRLCK, 0, 1), EBADF);
	CHECK_ERR("bad_type_einval", setlk(fd, 99, 0, 1), EINVAL);
	CHECK_ERR("flock_bad_op_einval", flock(fd, 0), EINVAL);
	unlink(PATH);
	return contract_end();
}
