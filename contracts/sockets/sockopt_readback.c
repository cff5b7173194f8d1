/*
 * sockopt_readback — setsockopt values read back through getsockopt: SO_RCVBUF/SO_SNDBUF
 * (Linux doubles the value), SO_PASSCRED, SO_KEEPALIVE, SO_RCVTIMEO (a timeval), SO_LINGER;
 * read-only facts: SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN, SO_ERROR, and
 * SO_PEERCRED on a socketpair (own pid, uid 0, gid 0); errors: ENOPROTOOPT for an unknown
 * option or level, EINVAL for a short optlen, ENOTSOCK, EBADF.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/socket.h>
#include <sys/time.h>

static int get_int(int fd, int opt)
{
	int v = -12345;
	socklen_t len = sizeof v;
	if (getsockopt(fd, SOL_SOCKET, opt, &v, &len) != 0 || len != sizeof v)
		return -12345;
	return v;
}

int main(void)
{
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int v = 8192;
	CHECK_RET("set_rcvbuf", setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, sizeof v), 0);
	CHECK_RET("rcvbuf_doubled", get_int(sv[0], SO_RCVBUF), 16384);
	v = 16384;
	CHECK_RET("set_sndbuf", setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof v), 0);
	CHECK_RET("sndbuf_doubled", get_int(sv[0], SO_SNDBUF), 32768);
	v = 1;
	CHECK_RET("passcred_default_off", get_int(sv[0], SO_PASSCRED), 0);
	CHECK_RET("set_passcred", setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, sizeof v), 0);
	CHECK_RET("passcred_on", get_int(sv[0], SO_PASSCRED), 1);
	v = 5;
	CHECK_RET("set_keepalive_nonzero", setsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v), 0);
	CHECK_RET("keepalive_reads_one", get_int(sv[0], SO_KEEPALIVE), 1);

	struct timeval tv = { 2, 500000 }, back = { 0, 0 };
	socklen_t len = sizeof back;
	CHECK_RET("set_rcvtimeo", setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
	CHECK_RET("get_rcvtimeo", getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &back, &len), 0);
	CHECK("rcvtimeo_reads_back", back.tv_sec == 2 && back.tv_usec == 500000 && len == sizeof back,
	      "got %ld.%06ld len %u", (long)back.tv_sec, (long)back.tv_usec, (unsigned)len);
	struct linger lg = { 1, 7 }, lgb = { 0, 0 };
	len = sizeof lgb;
	setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	getsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lgb, &len);
	CHECK("linger_reads_back", lgb.l_onoff == 1 && lgb.l_linger == 7, "got %d/%d", lgb.l_onoff, lgb.l_linger);

	CHECK_RET("so_type", get_int(sv[0], SO_TYPE), SOCK_STREAM);
	CHECK_RET("so_domain", get_int(sv[0], SO_DOMAIN), AF_UNIX);
	CHECK_RET("so_protocol", get_int(sv[0], SO_PROTOCOL), 0);
	CHECK_RET("so_error_zero", get_int(sv[0], SO_ERROR), 0);
	CHECK_RET("acceptconn_pair_zero", get_int(sv[0], SO_ACCEPTCONN), 0);
	int l = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	struct sockaddr_un { sa_family_t f; } fam = { AF_UNIX };
	bind(l, (struct sockaddr *)&fam, sizeof fam);
	listen(l, 1);
	CHECK_RET("acceptconn_listener_one", get_int(l, SO_ACCEPTCONN), 1);
	CHECK_RET("so_type_seqpacket", get_int(l, SO_TYPE), SOCK_SEQPACKET);

	struct ucred cr;
	memset(&cr, 0xff, sizeof cr);
	len = sizeof cr;
	CHECK_RET("get_peercred", getsockopt(sv[1], SOL_SOCKET, SO_PEERCRED, &cr, &len), 0);
	CHECK("peercred_pid_self", cr.pid == getpid(), "pid differs");
	CHECK("peercred_ids_root", cr.uid == 0 && cr.gid == 0, "uid %u gid %u", cr.uid, cr.gid);
	CHECK_RET("peercred_len", len, sizeof cr);

	/* A larger buffer gets sizeof(int); a shorter one is cut, not refused. */
	long big = -1;
	len = sizeof big;
	CHECK_RET("getsockopt_large_buffer", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &big, &len), 0);
	CHECK_RET("getsockopt_large_buffer_len", len, sizeof(int));
	v = 1;
	CHECK_ERR("setsockopt_short_optlen_einval", setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, 2), EINVAL);
	len = (socklen_t)-1;
	CHECK_ERR("getsockopt_negative_len_einval", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len), EINVAL);
	len = sizeof v;
	CHECK_ERR("unknown_option_enoprotoopt", getsockopt(sv[0], SOL_SOCKET, 9999, &v, &len), ENOPROTOOPT);
	CHECK_ERR("set_unknown_option_enoprotoopt", setsockopt(sv[0], SOL_SOCKET, 9999, &v, sizeof v), ENOPROTOOPT);
	CHECK_ERR("not_socket_enotsock", getsockopt(0, SOL_SOCKET, SO_TYPE, &v, &len), ENOTSOCK);
	CHECK_ERR("bad_fd_ebadf", setsockopt(1000, SOL_SOCKET, SO_PASSCRED, &v, sizeof v), EBADF);
	return contract_end();
}
