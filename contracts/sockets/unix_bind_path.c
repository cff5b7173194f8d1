/*
 * unix_bind_path — a listening AF_UNIX stream socket bound to a path: bind creates a socket
 * inode (S_ISSOCK), a second bind is EADDRINUSE; connect queues without an accept; accept4
 * applies SOCK_NONBLOCK/SOCK_CLOEXEC; accept on an empty non-blocking listener is EAGAIN;
 * connect to a missing path is ENOENT, to a socket nobody listens on is ECONNREFUSED;
 * listen on a connected socket is EINVAL; on a listener read is EINVAL and send ENOTCONN.
 */
#include "contract.h"
#include <fcntl.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

static socklen_t addr_of(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

int main(void)
{
	const char *dir = "/tmp/c_unix_bind_path";
	mkdir(dir, 0755);
	struct sockaddr_un a;
	socklen_t alen = addr_of(&a, "/tmp/c_unix_bind_path/srv");
	int srv = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK_RET("bind_path", bind(srv, (struct sockaddr *)&a, alen), 0);
	struct stat st;
	CHECK_RET("bind_created_inode", stat(a.sun_path, &st), 0);
	CHECK("inode_is_socket", S_ISSOCK(st.st_mode), "mode %o", (unsigned)st.st_mode);
	int other = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("bind_same_path_eaddrinuse", bind(other, (struct sockaddr *)&a, alen), EADDRINUSE);
	/* Linux creates the path first: the same path again is EADDRINUSE, another is EINVAL. */
	CHECK_ERR("bind_twice_same_path_eaddrinuse", bind(srv, (struct sockaddr *)&a, alen), EADDRINUSE);
	struct sockaddr_un b;
	socklen_t blen = addr_of(&b, "/tmp/c_unix_bind_path/second");
	CHECK_ERR("bind_twice_other_path_einval", bind(srv, (struct sockaddr *)&b, blen), EINVAL);
	CHECK_ERR("failed_bind_made_no_inode", stat(b.sun_path, &st), ENOENT);
	CHECK_ERR("connect_before_listen_econnrefused", connect(other, (struct sockaddr *)&a, alen), ECONNREFUSED);
	CHECK_RET("listen", listen(srv, 4), 0);
	CHECK_RET("listen_again_ok", listen(srv, 8), 0);
	char c;
	CHECK_ERR("accept_empty_eagain", accept4(srv, NULL, NULL, 0), EAGAIN);
	CHECK_ERR("read_listener_einval", read(srv, &c, 1), EINVAL);
	CHECK_ERR("send_listener_enotconn", send(srv, "x", 1, 0), ENOTCONN);

	int cli = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_RET("connect_without_accept", connect(cli, (struct sockaddr *)&a, alen), 0);
	CHECK_ERR("connect_again_eisconn", connect(cli, (struct sockaddr *)&a, alen), EISCONN);
	CHECK_RET("write_before_accept", write(cli, "hello", 5), 5);
	int acc = accept4(srv, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	CHECK("accept4", acc >= 0, "failed %s", strerrorname(errno));
	CHECK_RET("accepted_nonblock", fcntl(acc, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	CHECK_RET("accepted_cloexec", fcntl(acc, F_GETFD), FD_CLOEXEC);
	char buf[8] = { 0 };
	CHECK_RET("read_queued_data", read(acc, buf, sizeof buf), 5);
	CHECK("queued_bytes", memcmp(buf, "hello", 5) == 0, "got %.5s", buf);
	CHECK_ERR("accepted_empty_eagain", read(acc, buf, sizeof buf), EAGAIN);
	CHECK_RET("write_to_client", write(acc, "hi", 2), 2);
	CHECK_RET("client_reads", read(cli, buf, sizeof buf), 2);
	CHECK_ERR("listen_on_connected_einval", listen(cli, 1), EINVAL);
	int cli2 = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(cli2, (struct sockaddr *)&a, alen);
	int acc2 = accept(srv, NULL, NULL);
	CHECK_RET("plain_accept_blocking", fcntl(acc2, F_GETFL) & O_NONBLOCK, 0);
	CHECK_RET("plain_accept_no_cloexec", fcntl(acc2, F_GETFD), 0);
	/* Raw syscall: musl retries a failed accept4 as accept. */
	CHECK_ERR("accept4_bad_flags_einval", syscall(SYS_accept4, srv, NULL, NULL, 0x1), EINVAL);

	close(srv);
	int late = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("connect_closed_listener_econnrefused", connect(late, (struct sockaddr *)&a, alen), ECONNREFUSED);
	struct sockaddr_un m;
	socklen_t mlen = addr_of(&m, "/tmp/c_unix_bind_path/missing");
	CHECK_ERR("connect_missing_enoent", connect(late, (struct sockaddr *)&m, mlen), ENOENT);
	mlen = addr_of(&m, "/tmp/c_unix_bind_path/nodir/s");
	CHECK_ERR("bind_missing_dir_enoent", bind(late, (struct sockaddr *)&m, mlen), ENOENT);
	CHECK_RET("unlink_socket_path", unlink(a.sun_path), 0);
	rmdir(dir);
	return contract_end();
}
