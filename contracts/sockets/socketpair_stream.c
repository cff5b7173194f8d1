/*
 * socketpair_stream — an AF_UNIX SOCK_STREAM pair is a bidirectional byte stream: writes
 * coalesce, reads may split them, both directions work, SO_TYPE says SOCK_STREAM, the
 * flags SOCK_NONBLOCK/SOCK_CLOEXEC apply to both ends, an empty non-blocking read is
 * EAGAIN, and reading after the peer closed returns 0; writing to a closed peer is EPIPE.
 */
#include "contract.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

int main(void)
{
	int sv[2];
	CHECK_RET("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	struct stat st;
	fstat(sv[0], &st);
	CHECK("fstat_is_socket", S_ISSOCK(st.st_mode), "mode %o", (unsigned)st.st_mode);
	int type = -1;
	socklen_t len = sizeof type;
	CHECK_RET("getsockopt_type", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len), 0);
	CHECK_RET("so_type_stream", type, SOCK_STREAM);
	CHECK_RET("so_type_len", len, sizeof(int));
	CHECK_RET("blocking_by_default", fcntl(sv[0], F_GETFL), O_RDWR);

	CHECK_RET("write_abc", write(sv[0], "abc", 3), 3);
	CHECK_RET("write_def", write(sv[0], "def", 3), 3);
	char buf[16] = { 0 };
	CHECK_RET("read_coalesced", read(sv[1], buf, sizeof buf), 6);
	CHECK("coalesced_bytes", memcmp(buf, "abcdef", 6) == 0, "got %.6s", buf);
	CHECK_RET("write_back", write(sv[1], "123456", 6), 6);
	CHECK_RET("read_split_first", read(sv[0], buf, 4), 4);
	CHECK_RET("read_split_rest", read(sv[0], buf, sizeof buf), 2);
	CHECK("split_rest_bytes", memcmp(buf, "56", 2) == 0, "got %.2s", buf);
	CHECK_RET("send_recv", send(sv[0], "xy", 2, 0), 2);
	CHECK_RET("recv_peek", recv(sv[1], buf, sizeof buf, MSG_PEEK), 2);
	CHECK_RET("recv_after_peek", recv(sv[1], buf, sizeof buf, 0), 2);
	CHECK_ERR("recv_dontwait_empty_eagain", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	close(sv[0]);
	CHECK_RET("read_after_peer_close_eof", read(sv[1], buf, sizeof buf), 0);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR("write_after_peer_close_epipe", write(sv[1], "z", 1), EPIPE);
	close(sv[1]);

	CHECK_RET("socketpair_flags", socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
	CHECK_RET("nonblock_end0", fcntl(sv[0], F_GETFL), O_RDWR | O_NONBLOCK);
	CHECK_RET("nonblock_end1", fcntl(sv[1], F_GETFL), O_RDWR | O_NONBLOCK);
	CHECK_RET("cloexec_end0", fcntl(sv[0], F_GETFD), FD_CLOEXEC);
	CHECK_RET("cloexec_end1", fcntl(sv[1], F_GETFD), FD_CLOEXEC);
	CHECK_ERR("nonblock_empty_read_eagain", read(sv[0], buf, sizeof buf), EAGAIN);
	CHECK_ERR("socketpair_protocol_eprotonosupport", socketpair(AF_UNIX, SOCK_STREAM, 7, sv), EPROTONOSUPPORT);
	return contract_end();
}
