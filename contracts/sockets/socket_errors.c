/*
 * socket_errors — socket() refuses what it cannot make: EAFNOSUPPORT for an unknown family,
 * EINVAL for a type out of range or unknown type flags, ESOCKTNOSUPPORT/EPROTONOSUPPORT
 * inside AF_UNIX, EOPNOTSUPP for socketpair of AF_INET; socket calls on a non-socket are
 * ENOTSOCK; SOCK_NONBLOCK/SOCK_CLOEXEC apply; listen on a datagram socket is EOPNOTSUPP.
 */
#include "contract.h"
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

int main(void)
{
	int sv[2];
	CHECK_ERR("unknown_family_eafnosupport", socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR("family_max_eafnosupport", socket(AF_MAX, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR("negative_family_eafnosupport", socket(-1, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR("type_out_of_range_einval", socket(AF_UNIX, 99, 0), EINVAL);
	CHECK_ERR("type_negative_einval", socket(AF_UNIX, -1, 0), EINVAL);
	CHECK_ERR("unknown_type_flag_einval", socket(AF_UNIX, SOCK_STREAM | 0x100, 0), EINVAL);
	CHECK_ERR("unix_rdm_esocktnosupport", socket(AF_UNIX, SOCK_RDM, 0), ESOCKTNOSUPPORT);
	CHECK_ERR("unix_protocol_eprotonosupport", socket(AF_UNIX, SOCK_STREAM, 2), EPROTONOSUPPORT);
	int pf = socket(AF_UNIX, SOCK_STREAM, PF_UNIX);
	CHECK("unix_protocol_pf_unix_accepted", pf >= 0, "failed %s", strerrorname(errno));
	close(pf);
	int raw = socket(AF_UNIX, SOCK_RAW, 0);
	CHECK("unix_raw_is_dgram", raw >= 0, "failed %s", strerrorname(errno));
	if (raw >= 0) {
		int t = -1;
		socklen_t l = sizeof t;
		getsockopt(raw, SOL_SOCKET, SO_TYPE, &t, &l);
		CHECK_RET("unix_raw_so_type", t, SOCK_DGRAM);
	}
	CHECK_ERR("socketpair_inet_eopnotsupp", socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
	CHECK_ERR("socketpair_unknown_family", socketpair(12345, SOCK_STREAM, 0, sv), EAFNOSUPPORT);

	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	CHECK_RET("flags_nonblock", fcntl(s, F_GETFL), O_RDWR | O_NONBLOCK);
	CHECK_RET("flags_cloexec", fcntl(s, F_GETFD), FD_CLOEXEC);
	CHECK_ERR("listen_dgram_eopnotsupp", listen(s, 1), EOPNOTSUPP);
	int plain = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_RET("plain_flags", fcntl(plain, F_GETFL), O_RDWR);
	CHECK_RET("plain_no_cloexec", fcntl(plain, F_GETFD), 0);

	int p[2];
	pipe(p);
	struct sockaddr sa = { .sa_family = AF_UNIX };
	char c;
	CHECK_ERR("bind_pipe_enotsock", bind(p[0], &sa, sizeof sa), ENOTSOCK);
	CHECK_ERR("listen_pipe_enotsock", listen(p[0], 1), ENOTSOCK);
	CHECK_ERR("connect_pipe_enotsock", connect(p[0], &sa, sizeof sa), ENOTSOCK);
	CHECK_ERR("accept_pipe_enotsock", accept(p[0], NULL, NULL), ENOTSOCK);
	CHECK_ERR("recv_pipe_enotsock", recv(p[0], &c, 1, 0), ENOTSOCK);
	CHECK_ERR("send_pipe_enotsock", send(p[1], "x", 1, 0), ENOTSOCK);
	CHECK_ERR("bind_short_addr_einval", bind(plain, &sa, 1), EINVAL);
	CHECK_ERR("bind_wrong_family_einval", bind(plain, &(struct sockaddr){ .sa_family = AF_INET }, sizeof sa), EINVAL);
	return contract_end();
}
