/*
 * poll_pollhup — poll reports POLLHUP when a pipe's writer is gone even if only POLLIN (or
 * nothing) was asked, with POLLIN too only while data remains; a pipe writer whose reader
 * is gone sees POLLERR; a socket whose peer closed reports POLLIN|POLLHUP (and POLLRDHUP
 * when asked); a blocking poll wakes with POLLHUP when a child holding the writer exits;
 * a closed fd gives POLLNVAL and a negative fd is skipped.
 * Linux always reports POLLHUP/POLLERR whatever events were asked: keep that.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

int main(void)
{
	int p[2];
	pipe(p);
	struct pollfd pf = { p[0], POLLIN, 0 };
	CHECK_RET("open_empty_pipe_not_ready", poll(&pf, 1, 0), 0);
	write(p[1], "ab", 2);
	close(p[1]);
	CHECK_RET("data_and_hup_count", poll(&pf, 1, 0), 1);
	CHECK_RET("data_and_hup_revents", pf.revents, POLLIN | POLLHUP);
	char buf[4];
	read(p[0], buf, 2);
	CHECK_RET("hup_only_count", poll(&pf, 1, 0), 1);
	CHECK_RET("hup_only_revents", pf.revents, POLLHUP);
	pf.events = 0;
	CHECK_RET("hup_with_no_events_asked", poll(&pf, 1, 0), 1);
	CHECK_RET("hup_with_no_events_revents", pf.revents, POLLHUP);
	close(p[0]);

	pipe(p);
	close(p[0]);
	pf = (struct pollfd){ p[1], POLLOUT, 0 };
	CHECK_RET("writer_without_reader_count", poll(&pf, 1, 0), 1);
	CHECK_RET("writer_without_reader_revents", pf.revents, POLLOUT | POLLERR);
	close(p[1]);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	pf = (struct pollfd){ sv[0], POLLIN, 0 };
	CHECK_RET("socket_peer_closed_count", poll(&pf, 1, 0), 1);
	CHECK_RET("socket_peer_closed_revents", pf.revents, POLLIN | POLLHUP);
	pf.events = POLLIN | POLLRDHUP;
	poll(&pf, 1, 0);
	CHECK_RET("socket_peer_closed_rdhup", pf.revents, POLLIN | POLLHUP | POLLRDHUP);
	close(sv[0]);

	/* A blocking poll woken by the writer's last holder exiting. */
	pipe(p);
	int go[2];
	pipe(go);
	pid_t child = fork();
	if (child == 0) {
		close(p[0]);
		char c;
		read(go[0], &c, 1); /* wait until the parent dropped its writer */
		_exit(0);
	}
	close(p[1]);
	close(go[0]);
	write(go[1], "g", 1);
	pf = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_RET("blocking_poll_wakes_on_hup", poll(&pf, 1, 10000), 1);
	CHECK_RET("blocking_poll_revents", pf.revents, POLLHUP);
	int status;
	waitpid(child, &status, 0);

	struct pollfd two[3] = { { -1, POLLIN, 0x7 }, { 1000, POLLIN, 0 }, { p[0], POLLIN, 0 } };
	CHECK_RET("nval_and_negative_count", poll(two, 3, 0), 2);
	CHECK_RET("negative_fd_revents_zero", two[0].revents, 0);
	CHECK_RET("closed_fd_pollnval", two[1].revents, POLLNVAL);
	CHECK_RET("third_still_hup", two[2].revents, POLLHUP);
	return contract_end();
}
