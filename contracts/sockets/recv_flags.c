/*
 * recv_flags — recv/send flags on an AF_UNIX stream: MSG_WAITALL waits for the whole
 * length across several writes of a child; MSG_PEEK leaves data queued; MSG_DONTWAIT on an
 * empty blocking socket is EAGAIN; SO_RCVTIMEO makes a blocking recv give up with EAGAIN;
 * MSG_NOSIGNAL turns a write to a closed peer into a plain EPIPE, while without it a
 * child is killed by SIGPIPE.
 */
#include "contract.h"
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

int main(void)
{
	int sv[2], go[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(go);
	pid_t child = fork();
	if (child == 0) {
		/* Three separate writes: the parent's MSG_WAITALL must gather them. The child
		 * then waits for the parent: its exit (SIGCHLD) must not land while the parent
		 * is inside recv, where a traced parent would see a signal and stop short. */
		char c;
		write(sv[1], "abc", 3);
		write(sv[1], "def", 3);
		write(sv[1], "gh", 2);
		read(go[0], &c, 1);
		_exit(0);
	}
	char buf[16] = { 0 };
	CHECK_RET("waitall_gathers_all", recv(sv[0], buf, 8, MSG_WAITALL), 8);
	CHECK("waitall_bytes", memcmp(buf, "abcdefgh", 8) == 0, "got %.8s", buf);
	write(go[1], "g", 1);
	int status;
	waitpid(child, &status, 0);

	write(sv[1], "peek", 4);
	CHECK_RET("peek_part", recv(sv[0], buf, 2, MSG_PEEK), 2);
	CHECK_RET("peek_again_from_start", recv(sv[0], buf, 4, MSG_PEEK), 4);
	CHECK("peek_bytes", memcmp(buf, "peek", 4) == 0, "got %.4s", buf);
	CHECK_RET("read_after_peek", recv(sv[0], buf, sizeof buf, 0), 4);
	CHECK_ERR("dontwait_empty_eagain", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	CHECK_ERR("peek_dontwait_empty_eagain", recv(sv[0], buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT), EAGAIN);

	struct timeval tv = { 0, 50000 };
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	CHECK_ERR("rcvtimeo_expires_eagain", recv(sv[0], buf, sizeof buf, 0), EAGAIN);
	CHECK_ERR("rcvtimeo_read_too", read(sv[0], buf, sizeof buf), EAGAIN);

	close(sv[1]);
	CHECK_ERR("nosignal_epipe", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	CHECK_RET("still_alive_after_nosignal", 1, 1);
	child = fork();
	if (child == 0) {
		write(sv[0], "x", 1); /* SIGPIPE's default action ends the child here */
		_exit(0);
	}
	waitpid(child, &status, 0);
	CHECK("write_without_nosignal_kills", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "status %#x",
	      status);
	return contract_end();
}
