/*
 * epoll_edge — edge-triggered epoll: readiness is reported once per arrival of new data,
 * not again while unread data remains; new data fires again; EPOLL_CTL_MOD re-arms and
 * reports a still-ready fd; the same holds on a stream socket.
 */
#include "contract.h"
#include <sys/epoll.h>
#include <sys/socket.h>

static void edge_on(const char *what, int rfd, int wfd)
{
	char name[96];
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u32 = 7 };
	struct epoll_event out[2];
	char buf[8];

	snprintf(name, sizeof name, "%s_add", what);
	CHECK_RET(name, epoll_ctl(ep, EPOLL_CTL_ADD, rfd, &ev), 0);
	snprintf(name, sizeof name, "%s_nothing_yet", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 0);
	write(wfd, "abcd", 4);
	snprintf(name, sizeof name, "%s_fires_on_data", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 1);
	snprintf(name, sizeof name, "%s_event_bits", what);
	CHECK_RET(name, out[0].events, EPOLLIN);
	snprintf(name, sizeof name, "%s_no_refire", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 0);
	read(rfd, buf, 1);
	snprintf(name, sizeof name, "%s_no_refire_after_partial_read", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 0);
	write(wfd, "e", 1);
	snprintf(name, sizeof name, "%s_fires_on_new_data", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 1);
	snprintf(name, sizeof name, "%s_quiet_again", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 0);
	snprintf(name, sizeof name, "%s_mod_rearms", what);
	CHECK_RET(name, epoll_ctl(ep, EPOLL_CTL_MOD, rfd, &ev), 0);
	snprintf(name, sizeof name, "%s_ready_after_mod", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 1);
	snprintf(name, sizeof name, "%s_quiet_after_mod_report", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 0);
	read(rfd, buf, sizeof buf);
	snprintf(name, sizeof name, "%s_drained_quiet", what);
	CHECK_RET(name, epoll_wait(ep, out, 2, 0), 0);
	close(ep);
}

int main(void)
{
	int p[2];
	pipe(p);
	edge_on("pipe", p[0], p[1]);
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	edge_on("stream_socket", sv[0], sv[1]);
	return contract_end();
}
