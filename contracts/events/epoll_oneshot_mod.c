/*
 * epoll_oneshot_mod — EPOLLONESHOT disables an fd after one report until EPOLL_CTL_MOD
 * re-arms it; MOD changes the events and the data; DEL stops reports; closing one of two
 * duplicates keeps the registration; and epoll_ctl's errors: EEXIST, ENOENT, EINVAL
 * (epoll into itself, bad op, EPOLLEXCLUSIVE with MOD), EPERM (regular file), EBADF.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/syscall.h>

int main(void)
{
	int ep = epoll_create1(0);
	int p[2];
	pipe(p);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.u32 = 1 };
	struct epoll_event out[2];
	CHECK_RET("add_oneshot", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	write(p[1], "ab", 2);
	CHECK_RET("oneshot_fires", epoll_wait(ep, out, 2, 0), 1);
	CHECK_RET("oneshot_data", out[0].data.u32, 1);
	CHECK_RET("oneshot_disabled", epoll_wait(ep, out, 2, 0), 0);
	write(p[1], "c", 1);
	CHECK_RET("oneshot_disabled_despite_new_data", epoll_wait(ep, out, 2, 0), 0);
	CHECK_ERR("add_again_eexist", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	ev.data.u32 = 2;
	CHECK_RET("mod_rearms", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	CHECK_RET("rearmed_fires", epoll_wait(ep, out, 2, 0), 1);
	CHECK_RET("rearmed_new_data", out[0].data.u32, 2);
	CHECK_RET("rearmed_then_disabled", epoll_wait(ep, out, 2, 0), 0);

	/* MOD to plain level-triggered EPOLLIN with new data. */
	ev.events = EPOLLIN;
	ev.data.u32 = 3;
	CHECK_RET("mod_to_level", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	CHECK_RET("level_fires", epoll_wait(ep, out, 2, 0), 1);
	CHECK_RET("level_fires_again", epoll_wait(ep, out, 2, 0), 1);
	CHECK_RET("level_data", out[0].data.u32, 3);
	/* MOD to events the fd is not ready for. */
	ev.events = EPOLLOUT;
	CHECK_RET("mod_to_epollout", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
	CHECK_RET("read_end_never_writable", epoll_wait(ep, out, 2, 0), 0);
	CHECK_RET("del", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0);
	CHECK_ERR("mod_after_del_enoent", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
	CHECK_ERR("del_after_del_enoent", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);

	/* Registration follows the open file: a surviving duplicate keeps it. */
	int d = dup(p[0]);
	ev.events = EPOLLIN;
	ev.data.u32 = 4;
	CHECK_RET("add_dup", epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev), 0);
	int d2 = dup(d);
	close(d);
	CHECK_RET("closed_fd_but_file_alive_still_reported", epoll_wait(ep, out, 2, 0), 1);
	CHECK_RET("reported_data", out[0].data.u32, 4);
	close(d2);
	close(p[0]);
	CHECK_RET("last_close_removes", epoll_wait(ep, out, 2, 0), 0);

	pipe(p);
	ev.events = EPOLLIN;
	CHECK_ERR("add_self_einval", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	CHECK_ERR("bad_op_einval", epoll_ctl(ep, 99, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_RET("add_exclusive", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	CHECK_ERR("mod_exclusive_einval", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN;
	int f = open("/tmp/c_epoll_oneshot", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_ERR("regular_file_eperm", epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev), EPERM);
	close(f);
	unlink("/tmp/c_epoll_oneshot");
	CHECK_ERR("bad_fd_ebadf", epoll_ctl(ep, EPOLL_CTL_ADD, 1000, &ev), EBADF);
	CHECK_ERR("bad_epfd_ebadf", epoll_ctl(1000, EPOLL_CTL_ADD, p[1], &ev), EBADF);
	CHECK_ERR("epfd_not_epoll_einval", epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	CHECK_ERR("epoll_create_zero_einval", syscall(SYS_epoll_create, 0), EINVAL);
	long e = syscall(SYS_epoll_create, 1);
	CHECK("epoll_create_one", e >= 0, "failed %s", strerrorname(errno));
	return contract_end();
}
