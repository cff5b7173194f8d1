/*
 * sockname_peername — getsockname/getpeername for AF_UNIX: an unbound socket's name is
 * just the family (length 2); a socketpair's peer is unnamed; a path-bound listener's
 * accepted socket reports the listener's path as its own name; the client sees it as its
 * peer; a short buffer truncates but returns the full length; ENOTCONN for an unconnected
 * peer; ENOTSOCK for a non-socket; EINVAL for a negative length.
 */
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un got;
	socklen_t len;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	len = sizeof got;
	memset(&got, 0x55, sizeof got);
	CHECK_RET("unbound_getsockname", getsockname(s, (struct sockaddr *)&got, &len), 0);
	CHECK_RET("unbound_len_is_family", len, sizeof(sa_family_t));
	CHECK_RET("unbound_family", got.sun_family, AF_UNIX);
	len = sizeof got;
	CHECK_ERR("unconnected_getpeername_enotconn", getpeername(s, (struct sockaddr *)&got, &len), ENOTCONN);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	len = sizeof got;
	CHECK_RET("pair_getpeername", getpeername(sv[0], (struct sockaddr *)&got, &len), 0);
	CHECK_RET("pair_peer_unnamed", len, sizeof(sa_family_t));

	mkdir("/tmp/c_sockname", 0755);
	const char *path = "/tmp/c_sockname/listener";
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	strcpy(a.sun_path, path);
	socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(srv, (struct sockaddr *)&a, alen);
	listen(srv, 1);
	len = sizeof got;
	getsockname(srv, (struct sockaddr *)&got, &len);
	CHECK_RET("bound_len", len, alen);
	CHECK("bound_path", strcmp(got.sun_path, path) == 0, "path differs");
	int cli = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(cli, (struct sockaddr *)&a, alen);
	int acc = accept(srv, NULL, NULL);
	len = sizeof got;
	memset(&got, 0, sizeof got);
	CHECK_RET("accepted_getsockname", getsockname(acc, (struct sockaddr *)&got, &len), 0);
	CHECK_RET("accepted_name_len", len, alen);
	CHECK("accepted_name_is_listener_path", strcmp(got.sun_path, path) == 0, "path differs");
	len = sizeof got;
	getpeername(acc, (struct sockaddr *)&got, &len);
	CHECK_RET("accepted_peer_unnamed", len, sizeof(sa_family_t));
	len = sizeof got;
	memset(&got, 0, sizeof got);
	getpeername(cli, (struct sockaddr *)&got, &len);
	CHECK_RET("client_peer_len", len, alen);
	CHECK("client_peer_path", strcmp(got.sun_path, path) == 0, "path differs");
	len = sizeof got;
	getsockname(cli, (struct sockaddr *)&got, &len);
	CHECK_RET("client_name_unnamed", len, sizeof(sa_family_t));

	/* Truncation: 6 bytes asked, the full length is returned. */
	char small[8];
	memset(small, 'Z', sizeof small);
	len = 6;
	CHECK_RET("short_buffer_ok", getsockname(srv, (struct sockaddr *)small, &len), 0);
	CHECK_RET("short_buffer_full_len", len, alen);
	CHECK("short_buffer_untouched_after", small[6] == 'Z' && small[7] == 'Z', "wrote past the buffer");
	CHECK("short_buffer_prefix", memcmp(small + 2, "/tmp", 4) == 0, "prefix differs");
	len = (socklen_t)-1;
	CHECK_ERR("negative_len_einval", getsockname(srv, (struct sockaddr *)&got, &len), EINVAL);
	len = sizeof got;
	CHECK_ERR("not_socket_enotsock", getsockname(0, (struct sockaddr *)&got, &len), ENOTSOCK);
	CHECK_ERR("bad_fd_ebadf", getpeername(1000, (struct sockaddr *)&got, &len), EBADF);
	unlink(path);
	rmdir("/tmp/c_sockname");
	return contract_end();
}
