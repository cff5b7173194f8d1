/*
 * epoll_hup_err — epoll always reports EPOLLHUP and EPOLLERR, asked or not: a pipe reader
 * whose writer closed gets EPOLLHUP (with EPOLLIN only while data remains), a writer whose
 * reader closed gets EPOLLERR, a socket whose peer closed gets EPOLLIN|EPOLLHUP (and
 * EPOLLRDHUP when asked); an epoll fd is itself pollable and nestable.
 */
#include "contract.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>

int main(void)
{
	int ep = epoll_create1(0);
	int p[2];
	pipe(p);
	struct epoll_event ev = { .events = 0, .data.u32 = 1 }, out[4];
	CHECK_RET("add_no_events", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	write(p[1], "a", 1);
	CHECK_RET("data_not_asked_not_reported", epoll_wait(ep, out, 4, 0), 0);
	close(p[1]);
	CHECK_RET("hup_reported_unasked", epoll_wait(ep, out, 4, 0), 1);
	CHECK_RET("hup_only_bits", out[0].events, EPOLLHUP);
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	epoll_wait(ep, out, 4, 0);
	CHECK_RET("hup_with_data", out[0].events, EPOLLIN | EPOLLHUP);
	char c;
	read(p[0], &c, 1);
	epoll_wait(ep, out, 4, 0);
	CHECK_RET("hup_after_drain", out[0].events, EPOLLHUP);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
	close(p[0]);

	pipe(p);
	ev.events = EPOLLOUT;
	ev.data.u32 = 2;
	epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev);
	close(p[0]);
	CHECK_RET("writer_without_reader", epoll_wait(ep, out, 4, 0), 1);
	CHECK_RET("writer_without_reader_bits", out[0].events, EPOLLOUT | EPOLLERR);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL);
	close(p[1]);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	ev.events = EPOLLIN | EPOLLRDHUP;
	ev.data.u32 = 3;
	epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
	CHECK_RET("socket_quiet", epoll_wait(ep, out, 4, 0), 0);
	shutdown(sv[1], SHUT_WR);
	CHECK_RET("peer_shut_wr", epoll_wait(ep, out, 4, 0), 1);
	CHECK_RET("peer_shut_wr_bits", out[0].events, EPOLLIN | EPOLLRDHUP);
	close(sv[1]);
	epoll_wait(ep, out, 4, 0);
	CHECK_RET("peer_closed_bits", out[0].events, EPOLLIN | EPOLLRDHUP | EPOLLHUP);

	/* Nesting: the outer epoll and poll() see the inner one as readable. */
	int outer = epoll_create1(0);
	ev.events = EPOLLIN;
	ev.data.u32 = 9;
	CHECK_RET("nest_add", epoll_ctl(outer, EPOLL_CTL_ADD, ep, &ev), 0);
	CHECK_RET("nest_ready", epoll_wait(outer, out, 4, 0), 1);
	CHECK_RET("nest_bits", out[0].events, EPOLLIN);
	struct pollfd pf = { ep, POLLIN, 0 };
	CHECK_RET("poll_on_epoll_fd", poll(&pf, 1, 0), 1);
	CHECK_RET("poll_on_epoll_fd_revents", pf.revents, POLLIN);
	epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], NULL);
	CHECK_RET("nest_quiet_when_inner_empty", epoll_wait(outer, out, 4, 0), 0);
	CHECK_ERR("nest_loop_eloop", epoll_ctl(ep, EPOLL_CTL_ADD, outer, &ev), ELOOP);
	return contract_end();
}
