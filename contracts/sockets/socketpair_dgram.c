/*
 * socketpair_dgram — an AF_UNIX SOCK_DGRAM pair keeps message boundaries: one read returns
 * one datagram, a short buffer truncates it (the rest is lost; MSG_TRUNC returns the real
 * length), an empty datagram is a datagram; SO_TYPE says SOCK_DGRAM; EAGAIN when empty.
 */
#include "contract.h"
#include <sys/socket.h>

int main(void)
{
	int sv[2];
	CHECK_RET("socketpair_dgram", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	int type = -1;
	socklen_t len = sizeof type;
	getsockopt(sv[1], SOL_SOCKET, SO_TYPE, &type, &len);
	CHECK_RET("so_type_dgram", type, SOCK_DGRAM);

	CHECK_RET("send_first", write(sv[0], "first", 5), 5);
	CHECK_RET("send_second", write(sv[0], "second!", 7), 7);
	CHECK_RET("send_empty", write(sv[0], "", 0), 0);
	CHECK_RET("send_third", write(sv[0], "third", 5), 5);
	char buf[32] = { 0 };
	CHECK_RET("read_one_datagram", read(sv[1], buf, sizeof buf), 5);
	CHECK("first_bytes", memcmp(buf, "first", 5) == 0, "got %.5s", buf);
	CHECK_RET("read_truncated", read(sv[1], buf, 3), 3);
	CHECK("truncated_bytes", memcmp(buf, "sec", 3) == 0, "got %.3s", buf);
	CHECK_RET("empty_datagram", recv(sv[1], buf, sizeof buf, 0), 0);
	CHECK_RET("rest_discarded_next_is_third", recv(sv[1], buf, 2, MSG_TRUNC), 5);
	CHECK("third_prefix", memcmp(buf, "th", 2) == 0, "got %.2s", buf);
	CHECK_ERR("empty_queue_eagain", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);

	struct iovec iov = { buf, 2 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	write(sv[1], "reply", 5);
	CHECK_RET("recvmsg_truncated", recvmsg(sv[0], &mh, 0), 2);
	CHECK("recvmsg_sets_msg_trunc", (mh.msg_flags & MSG_TRUNC) != 0, "msg_flags %#x", mh.msg_flags);
	write(sv[1], "ok", 2);
	mh.msg_flags = 0;
	CHECK_RET("recvmsg_exact", recvmsg(sv[0], &mh, 0), 2);
	CHECK_RET("recvmsg_exact_flags", mh.msg_flags, 0);
	close(sv[0]);
	CHECK_ERR("send_to_closed_peer_econnrefused", write(sv[1], "x", 1), ECONNREFUSED);
	CHECK_ERR("recv_from_closed_peer_eagain", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	return contract_end();
}
