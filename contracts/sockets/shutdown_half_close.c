/*
 * shutdown_half_close — shutdown(SHUT_WR) on a stream socket: the peer reads the data then
 * EOF, and can still send back; writing after SHUT_WR is EPIPE; SHUT_RD makes reads return
 * 0 at once; SHUT_RDWR; EINVAL for a bad how, ENOTSOCK on a pipe; and AF_UNIX's quirk that an
 * unconnected socket can be shut down (no ENOTCONN).
 */
#include "contract.h"
#include <signal.h>
#include <sys/socket.h>

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "last", 4);
	CHECK_RET("shut_wr", shutdown(sv[0], SHUT_WR), 0);
	char buf[8] = { 0 };
	CHECK_RET("peer_reads_pending_data", read(sv[1], buf, sizeof buf), 4);
	CHECK_RET("peer_reads_eof", read(sv[1], buf, sizeof buf), 0);
	CHECK_RET("peer_reads_eof_again", read(sv[1], buf, sizeof buf), 0);
	CHECK_ERR("write_after_shut_wr_epipe", write(sv[0], "x", 1), EPIPE);
	CHECK_RET("peer_can_still_send", write(sv[1], "back", 4), 4);
	CHECK_RET("half_closed_side_reads", read(sv[0], buf, sizeof buf), 4);
	CHECK("half_closed_bytes", memcmp(buf, "back", 4) == 0, "got %.4s", buf);
	CHECK_RET("shut_wr_twice_ok", shutdown(sv[0], SHUT_WR), 0);
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_RET("shut_rd", shutdown(sv[0], SHUT_RD), 0);
	CHECK_RET("read_after_shut_rd_eof", read(sv[0], buf, sizeof buf), 0);
	CHECK_RET("write_after_own_shut_rd_ok", write(sv[0], "ok", 2), 2);
	CHECK_ERR("peer_write_after_shut_rd_epipe", write(sv[1], "x", 1), EPIPE);
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	CHECK_RET("shut_rdwr", shutdown(sv[0], SHUT_RDWR), 0);
	CHECK_RET("rdwr_read_eof", read(sv[0], buf, sizeof buf), 0);
	CHECK_ERR("rdwr_write_epipe", write(sv[0], "x", 1), EPIPE);
	CHECK_RET("peer_of_rdwr_reads_eof", read(sv[1], buf, sizeof buf), 0);
	CHECK_ERR("bad_how_einval", shutdown(sv[1], 3), EINVAL);
	int lone = socket(AF_UNIX, SOCK_STREAM, 0);
	/* AF_UNIX does not check the state: shutdown of an unconnected socket succeeds. */
	CHECK_RET("unconnected_unix_succeeds", shutdown(lone, SHUT_WR), 0);
	int p[2];
	pipe(p);
	CHECK_ERR("pipe_enotsock", shutdown(p[0], SHUT_RD), ENOTSOCK);
	CHECK_ERR("bad_fd_ebadf", shutdown(1000, SHUT_RD), EBADF);
	return contract_end();
}
