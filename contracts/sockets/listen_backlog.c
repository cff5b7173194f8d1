/*
 * listen_backlog — an AF_UNIX stream listener queues connections until accepted: with
 * backlog 1 Linux accepts two pending connections (the queue is full only when it holds
 * more than the backlog), and a third non-blocking connect is EAGAIN; accepting one makes
 * room; accept returns connections in arrival order; a client's data written before the
 * accept is there after it; a listener closed with pending connections resets them.
 */
#include "contract.h"
#include <fcntl.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

int main(void)
{
	mkdir("/tmp/c_listen_backlog", 0755);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	strcpy(a.sun_path, "/tmp/c_listen_backlog/s");
	socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1;
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(srv, (struct sockaddr *)&a, alen);
	CHECK_RET("listen_backlog_1", listen(srv, 1), 0);
	int c[4];
	for (int i = 0; i < 4; i++)
		c[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK_RET("first_connect", connect(c[0], (struct sockaddr *)&a, alen), 0);
	CHECK_RET("second_connect_fits", connect(c[1], (struct sockaddr *)&a, alen), 0);
	CHECK_ERR("third_connect_eagain", connect(c[2], (struct sockaddr *)&a, alen), EAGAIN);
	write(c[0], "A", 1);
	write(c[1], "B", 1);
	int s0 = accept(srv, NULL, NULL);
	char ch = 0;
	CHECK_RET("first_accepted_reads", read(s0, &ch, 1), 1);
	CHECK("accept_in_arrival_order", ch == 'A', "got %c", ch);
	CHECK_RET("room_after_accept", connect(c[2], (struct sockaddr *)&a, alen), 0);
	CHECK_ERR("full_again_eagain", connect(c[3], (struct sockaddr *)&a, alen), EAGAIN);
	int s1 = accept(srv, NULL, NULL);
	read(s1, &ch, 1);
	CHECK("second_in_order", ch == 'B', "got %c", ch);

	/* c[2] is still queued: closing the listener resets it. */
	close(srv);
	errno = 0;
	long r = read(c[2], &ch, 1);
	CHECK("queued_client_reset", r == -1 && errno == ECONNRESET, "read returned %ld errno %s", r,
	      strerrorname(errno));
	CHECK_RET("accepted_stay_connected", write(s0, "x", 1), 1);
	CHECK_RET("accepted_peer_reads", read(c[0], &ch, 1), 1);
	unlink(a.sun_path);
	rmdir("/tmp/c_listen_backlog");
	return contract_end();
}
