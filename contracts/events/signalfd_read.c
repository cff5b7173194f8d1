/*
 * signalfd_read — a signalfd reads blocked pending signals of its mask as 128-byte
 * signalfd_siginfo records (lowest signal first, several per read if the buffer allows),
 * with ssi_signo, ssi_code (SI_TKILL for raise, SI_QUEUE with the value for sigqueue),
 * ssi_pid and ssi_uid; EAGAIN when nothing is pending (non-blocking); signals outside
 * the mask are not read until the mask is updated (same fd returned); poll says POLLIN;
 * EINVAL for a short buffer, bad flags, or a non-signalfd fd.
 */
#include "contract.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>

int main(void)
{
	sigset_t both, usr1;
	sigemptyset(&both);
	sigaddset(&both, SIGUSR1);
	sigaddset(&both, SIGUSR2);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &both, NULL);

	int fd = signalfd(-1, &usr1, SFD_NONBLOCK | SFD_CLOEXEC);
	CHECK("create", fd >= 0, "failed %s", strerrorname(errno));
	CHECK_RET("flags_cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
	struct signalfd_siginfo si[2];
	CHECK_ERR("nothing_pending_eagain", read(fd, si, sizeof si), EAGAIN);
	struct pollfd pf = { fd, POLLIN, 0 };
	CHECK_RET("poll_nothing_pending", poll(&pf, 1, 0), 0);

	raise(SIGUSR1);
	CHECK_RET("poll_pending", poll(&pf, 1, 0), 1);
	CHECK_RET("poll_revents", pf.revents, POLLIN);
	memset(si, 0, sizeof si);
	CHECK_RET("read_one_record", read(fd, si, sizeof si), 128);
	CHECK_RET("ssi_signo", si[0].ssi_signo, SIGUSR1);
	CHECK_RET("ssi_code_tkill", si[0].ssi_code, SI_TKILL);
	CHECK("ssi_pid_is_self", si[0].ssi_pid == (unsigned)getpid(), "pid differs");
	CHECK_RET("ssi_uid_root", si[0].ssi_uid, 0);
	CHECK_ERR("consumed_eagain", read(fd, si, sizeof si), EAGAIN);
	sigset_t pend;
	sigpending(&pend);
	CHECK("consumed_not_pending", !sigismember(&pend, SIGUSR1), "still pending");

	raise(SIGUSR2);
	CHECK_ERR("outside_mask_not_read", read(fd, si, sizeof si), EAGAIN);
	CHECK_RET("update_mask_same_fd", signalfd(fd, &both, 0), fd);
	CHECK_RET("update_keeps_nonblock", fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	raise(SIGUSR1);
	memset(si, 0, sizeof si);
	CHECK_RET("read_two_records", read(fd, si, sizeof si), 256);
	CHECK_RET("first_is_lowest_usr1", si[0].ssi_signo, SIGUSR1);
	CHECK_RET("second_is_usr2", si[1].ssi_signo, SIGUSR2);

	union sigval val = { .sival_int = 42 };
	sigqueue(getpid(), SIGUSR1, val);
	memset(si, 0, sizeof si);
	CHECK_RET("read_queued", read(fd, si, sizeof si), 128);
	CHECK_RET("queued_code", si[0].ssi_code, SI_QUEUE);
	CHECK_RET("queued_value", si[0].ssi_int, 42);

	raise(SIGUSR1);
	CHECK_ERR("short_buffer_einval", read(fd, si, 100), EINVAL);
	CHECK_RET("still_readable_after_einval", read(fd, si, 128), 128);
	CHECK_ERR("bad_flags_einval", signalfd(-1, &usr1, 0x1), EINVAL);
	int p[2];
	pipe(p);
	CHECK_ERR("not_signalfd_einval", signalfd(p[0], &usr1, 0), EINVAL);
	CHECK_ERR("bad_fd_ebadf", signalfd(1000, &usr1, 0), EBADF);
	return contract_end();
}
