/*
 * scm_rights_inflight — files in flight in SCM_RIGHTS messages: they work over SOCK_DGRAM
 * and SOCK_SEQPACKET pairs too; a file sent but never received stays open only as long as
 * the message: closing the receiving socket releases it (a pipe whose only writer was in
 * flight then reads EOF); several messages keep their own fds in order; 64 fds travel in
 * one message.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/socket.h>

static long send_fds(int sock, const int *fds, int n)
{
	static char ctl[CMSG_SPACE(sizeof(int) * 64)];
	memset(ctl, 0, sizeof ctl);
	struct iovec iov = { "m", 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			     .msg_controllen = CMSG_SPACE(sizeof(int) * n) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
	return sendmsg(sock, &mh, 0);
}

static int recv_fd(int sock)
{
	char data, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &data, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	if (recvmsg(sock, &mh, 0) != 1)
		return -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}

static void over(const char *what, int type)
{
	char name[96];
	int sv[2], p[2];
	socketpair(AF_UNIX, type, 0, sv);
	pipe(p);
	snprintf(name, sizeof name, "%s_send", what);
	CHECK_RET(name, send_fds(sv[0], &p[1], 1), 1);
	close(p[1]);
	int got = recv_fd(sv[1]);
	snprintf(name, sizeof name, "%s_receive", what);
	CHECK(name, got >= 0, "no fd received");
	snprintf(name, sizeof name, "%s_received_fd_works", what);
	CHECK_RET(name, write(got, "k", 1), 1);
	close(got);
	char c;
	read(p[0], &c, 1);
	snprintf(name, sizeof name, "%s_writer_gone_eof", what);
	CHECK_RET(name, read(p[0], &c, 1), 0);
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	over("dgram", SOCK_DGRAM);
	over("seqpacket", SOCK_SEQPACKET);

	/* Never received: closing the receiver drops the in-flight writer. */
	int sv[2], p[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	send_fds(sv[0], &p[1], 1);
	close(p[1]);
	int fl = fcntl(p[0], F_GETFL);
	fcntl(p[0], F_SETFL, fl | O_NONBLOCK);
	char c;
	CHECK_ERR("in_flight_writer_keeps_pipe_open", read(p[0], &c, 1), EAGAIN);
	close(sv[1]);
	CHECK_RET("receiver_closed_releases_in_flight", read(p[0], &c, 1), 0);
	close(sv[0]);
	close(p[0]);

	/* Two messages, two fds, in order. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int a[2], b[2];
	pipe(a);
	pipe(b);
	send_fds(sv[0], &a[1], 1);
	send_fds(sv[0], &b[1], 1);
	int first = recv_fd(sv[1]);
	int second = recv_fd(sv[1]);
	write(first, "1", 1);
	write(second, "2", 1);
	char x = 0, y = 0;
	read(a[0], &x, 1);
	read(b[0], &y, 1);
	CHECK("messages_keep_their_fds_in_order", x == '1' && y == '2', "got %c %c", x, y);

	/* Many fds in one message (the limit itself, SCM_MAX_FD, is left alone: this Linux
	 * refuses 253 with ENOMEM rather than the documented EINVAL above it). */
	int many[64];
	for (int i = 0; i < 64; i++)
		many[i] = a[0];
	CHECK_RET("sixty_four_fds_in_one_message", send_fds(sv[0], many, 64), 1);
	char data, ctl[CMSG_SPACE(sizeof(int) * 64)];
	struct iovec iov = { &data, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	CHECK_RET("receive_sixty_four", recvmsg(sv[1], &mh, 0), 1);
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	CHECK("sixty_four_fds_arrive", cm && cm->cmsg_len == CMSG_LEN(sizeof(int) * 64), "cmsg_len differs");
	return contract_end();
}
