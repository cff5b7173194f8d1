/*
 * epoll_level — level-triggered epoll: a readable pipe is reported on every epoll_wait
 * until it is drained; data.u64 comes back as given; epoll_wait with a timeout blocks
 * and returns 0 when nothing happens, and returns the event when a child writes; errors
 * for a bad maxevents, a bad epfd and a non-epoll fd.
 */
#include "contract.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/wait.h>

int main(void)
{
	int ep = epoll_create1(0);
	CHECK("epoll_create1", ep >= 0, "failed %s", strerrorname(errno));
	CHECK_RET("epoll_create1_no_cloexec", fcntl(ep, F_GETFD), 0);
	int p[2];
	pipe(p);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	CHECK_RET("ctl_add", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);

	struct epoll_event out[4];
	CHECK_RET("wait_empty_zero_timeout", epoll_wait(ep, out, 4, 0), 0);
	CHECK_RET("wait_empty_blocks_then_times_out", epoll_wait(ep, out, 4, 50), 0);

	write(p[1], "abc", 3);
	memset(out, 0, sizeof out);
	CHECK_RET("wait_readable", epoll_wait(ep, out, 4, 0), 1);
	CHECK_RET("event_is_epollin", out[0].events, EPOLLIN);
	CHECK("data_u64_returned", out[0].data.u64 == 0x1122334455667788ULL, "data differs");
	CHECK_RET("level_refires", epoll_wait(ep, out, 4, 0), 1);
	char buf[8];
	read(p[0], buf, 1);
	CHECK_RET("level_refires_after_partial_read", epoll_wait(ep, out, 4, 0), 1);
	read(p[0], buf, 2);
	CHECK_RET("drained_not_reported", epoll_wait(ep, out, 4, 0), 0);

	/* A blocking wait woken by another process. */
	pid_t child = fork();
	if (child == 0) {
		write(p[1], "z", 1);
		_exit(0);
	}
	memset(out, 0, sizeof out);
	CHECK_RET("blocking_wait_woken_by_child", epoll_wait(ep, out, 4, 10000), 1);
	CHECK_RET("blocking_wait_event", out[0].events, EPOLLIN);
	int status;
	waitpid(child, &status, 0);
	read(p[0], buf, 1);

	/* Two ready fds in one wait; maxevents limits the count. */
	struct epoll_event wev = { .events = EPOLLOUT, .data.u64 = 2 };
	CHECK_RET("ctl_add_write_end", epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &wev), 0);
	write(p[1], "q", 1);
	CHECK_RET("wait_two_ready", epoll_wait(ep, out, 4, 0), 2);
	CHECK_RET("wait_maxevents_one", epoll_wait(ep, out, 1, 0), 1);
	sigset_t none;
	sigemptyset(&none);
	CHECK_RET("epoll_pwait_with_mask", epoll_pwait(ep, out, 4, 0, &none), 2);

	CHECK_ERR("maxevents_zero_einval", epoll_wait(ep, out, 0, 0), EINVAL);
	CHECK_ERR("maxevents_negative_einval", epoll_wait(ep, out, -1, 0), EINVAL);
	CHECK_ERR("bad_epfd_ebadf", epoll_wait(1000, out, 4, 0), EBADF);
	CHECK_ERR("not_epoll_fd_einval", epoll_wait(p[0], out, 4, 0), EINVAL);
	CHECK_ERR("bad_events_pointer_efault", epoll_wait(ep, (struct epoll_event *)8, 4, 0), EFAULT);
	int ep2 = epoll_create1(EPOLL_CLOEXEC);
	CHECK_RET("epoll_create1_cloexec", fcntl(ep2, F_GETFD), FD_CLOEXEC);
	CHECK_ERR("epoll_create1_bad_flags_einval", epoll_create1(1), EINVAL);
	return contract_end();
}
