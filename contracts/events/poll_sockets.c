/*
 * poll_sockets — poll on AF_UNIX sockets as servers use it: a listener is readable exactly
 * when a connection is pending; a connected stream socket is writable, and readable once
 * data arrives; an unconnected stream socket reports POLLOUT|POLLHUP; after the peer's
 * shutdown(SHUT_WR) the reader sees POLLIN|POLLRDHUP; a datagram socket is writable;
 * epoll agrees with poll on a listener.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <poll.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

static short revents_of(int fd, short events)
{
	struct pollfd pf = { fd, events, 0 };
	return poll(&pf, 1, 0) < 0 ? -1 : pf.revents;
}

int main(void)
{
	mkdir("/tmp/c_poll_sockets", 0755);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	strcpy(a.sun_path, "/tmp/c_poll_sockets/s");
	socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1;
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(srv, (struct sockaddr *)&a, alen);
	listen(srv, 4);
	CHECK_RET("listener_idle", revents_of(srv, POLLIN | POLLOUT), 0);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN }, out[2];
	epoll_ctl(ep, EPOLL_CTL_ADD, srv, &ev);
	CHECK_RET("epoll_listener_idle", epoll_wait(ep, out, 2, 0), 0);

	int cli = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_RET("unconnected_stream", revents_of(cli, POLLIN | POLLOUT), POLLOUT | POLLHUP);
	connect(cli, (struct sockaddr *)&a, alen);
	CHECK_RET("listener_pending_connection", revents_of(srv, POLLIN | POLLOUT), POLLIN);
	CHECK_RET("epoll_listener_pending", epoll_wait(ep, out, 2, 0), 1);
	CHECK_RET("epoll_listener_bits", out[0].events, EPOLLIN);
	int acc = accept(srv, NULL, NULL);
	CHECK_RET("listener_idle_after_accept", revents_of(srv, POLLIN), 0);
	CHECK_RET("connected_writable", revents_of(cli, POLLIN | POLLOUT), POLLOUT);
	CHECK_RET("accepted_writable", revents_of(acc, POLLIN | POLLOUT), POLLOUT);
	write(cli, "x", 1);
	CHECK_RET("accepted_readable", revents_of(acc, POLLIN | POLLOUT | POLLRDNORM), POLLIN | POLLOUT | POLLRDNORM);
	char c;
	read(acc, &c, 1);
	shutdown(cli, SHUT_WR);
	CHECK_RET("peer_shut_wr", revents_of(acc, POLLIN | POLLRDHUP), POLLIN | POLLRDHUP);
	CHECK_RET("shut_wr_side", revents_of(cli, POLLIN | POLLOUT), POLLOUT);

	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_RET("dgram_writable", revents_of(d, POLLIN | POLLOUT), POLLOUT);
	unlink(a.sun_path);
	rmdir("/tmp/c_poll_sockets");
	return contract_end();
}
