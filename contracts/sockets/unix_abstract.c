/*
 * unix_abstract — AF_UNIX abstract names (sun_path starting with a NUL byte): bind creates
 * no file, the length given decides the name, getsockname returns the same bytes and
 * length, connect/accept4 work, a second bind is EADDRINUSE, and the name is gone (so
 * connect is ECONNREFUSED) once the socket is closed. Autobind is left out on purpose: the
 * name Linux picks is random, so the recorded result could not be replayed exactly.
 */
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static const char NAME[] = "lockstep.contract.unix_abstract";

static socklen_t abstract_addr(struct sockaddr_un *a)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, NAME, sizeof NAME - 1);
	return offsetof(struct sockaddr_un, sun_path) + 1 + sizeof NAME - 1;
}

int main(void)
{
	struct sockaddr_un a, got;
	socklen_t alen = abstract_addr(&a);
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_RET("bind_abstract", bind(srv, (struct sockaddr *)&a, alen), 0);
	socklen_t glen = sizeof got;
	memset(&got, 0, sizeof got);
	CHECK_RET("getsockname", getsockname(srv, (struct sockaddr *)&got, &glen), 0);
	CHECK_RET("getsockname_len", glen, alen);
	CHECK("getsockname_bytes", memcmp(&got, &a, alen) == 0, "name differs");
	CHECK_RET("listen", listen(srv, 2), 0);
	int dup_srv = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("bind_same_name_eaddrinuse", bind(dup_srv, (struct sockaddr *)&a, alen), EADDRINUSE);

	/* A longer length is a different name (trailing NULs count). */
	int miss = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("longer_len_other_name_econnrefused", connect(miss, (struct sockaddr *)&a, alen + 1), ECONNREFUSED);

	int cli = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_RET("connect_abstract", connect(cli, (struct sockaddr *)&a, alen), 0);
	glen = sizeof got;
	int acc = accept4(srv, (struct sockaddr *)&got, &glen, SOCK_CLOEXEC);
	CHECK("accept4", acc >= 0, "failed %s", strerrorname(errno));
	CHECK_RET("accept_peer_unnamed_len", glen, sizeof(sa_family_t));
	glen = sizeof got;
	getpeername(cli, (struct sockaddr *)&got, &glen);
	CHECK_RET("client_peer_len", glen, alen);
	CHECK("client_peer_name", memcmp(&got, &a, alen) == 0, "name differs");
	CHECK_RET("data_flows", write(cli, "ping", 4), 4);
	char buf[8];
	CHECK_RET("data_arrives", read(acc, buf, sizeof buf), 4);
	close(srv);
	int late = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("closed_name_econnrefused", connect(late, (struct sockaddr *)&a, alen), ECONNREFUSED);
	CHECK_RET("name_free_again", bind(dup_srv, (struct sockaddr *)&a, alen), 0);

	return contract_end();
}
