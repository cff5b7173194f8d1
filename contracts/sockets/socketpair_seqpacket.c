/*
 * socketpair_seqpacket — an AF_UNIX SOCK_SEQPACKET pair is connected and keeps record
 * boundaries (a short read truncates and discards the rest, with MSG_TRUNC in recvmsg);
 * SO_TYPE says SOCK_SEQPACKET; once the peer closes, reads return 0 and writes EPIPE.
 */
#include "contract.h"
#include <signal.h>
#include <sys/socket.h>

int main(void)
{
	int sv[2];
	CHECK_RET("socketpair_seqpacket", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	int type = -1;
	socklen_t len = sizeof type;
	getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len);
	CHECK_RET("so_type_seqpacket", type, SOCK_SEQPACKET);
	CHECK_RET("write_one", write(sv[0], "alpha", 5), 5);
	CHECK_RET("write_two", write(sv[0], "beta", 4), 4);
	char buf[16] = { 0 };
	CHECK_RET("read_record_one", read(sv[1], buf, sizeof buf), 5);
	CHECK("record_one_bytes", memcmp(buf, "alpha", 5) == 0, "got %.5s", buf);
	CHECK_RET("read_record_two", read(sv[1], buf, sizeof buf), 4);
	CHECK_RET("write_long", write(sv[1], "0123456789", 10), 10);
	CHECK_RET("write_after_long", write(sv[1], "end", 3), 3);
	struct iovec iov = { buf, 4 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	CHECK_RET("recvmsg_short", recvmsg(sv[0], &mh, 0), 4);
	CHECK("recvmsg_msg_trunc", (mh.msg_flags & MSG_TRUNC) != 0, "msg_flags %#x", mh.msg_flags);
	CHECK_RET("rest_discarded", read(sv[0], buf, sizeof buf), 3);
	CHECK("next_record", memcmp(buf, "end", 3) == 0, "got %.3s", buf);
	close(sv[1]);
	CHECK_RET("read_after_close_eof", read(sv[0], buf, sizeof buf), 0);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR("write_after_close_epipe", write(sv[0], "x", 1), EPIPE);
	return contract_end();
}
