/*
 * sendto_recvfrom — AF_UNIX datagram sockets bound to paths: sendto an address delivers
 * there and recvfrom reports the sender's path; an unbound sender is reported with only
 * address length 0; MSG_PEEK leaves the datagram queued; connect sets the default destination;
 * errors: ENOENT for a missing path, ENOTCONN without a destination, EISCONN for
 * sendto with an address on a connected stream socket, EAGAIN with MSG_DONTWAIT.
 */
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
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
	mkdir("/tmp/c_sendto", 0755);
	struct sockaddr_un ra, sa, from;
	socklen_t ralen = addr_of(&ra, "/tmp/c_sendto/receiver");
	socklen_t salen = addr_of(&sa, "/tmp/c_sendto/sender");
	int r = socket(AF_UNIX, SOCK_DGRAM, 0);
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(r, (struct sockaddr *)&ra, ralen);
	bind(s, (struct sockaddr *)&sa, salen);

	CHECK_RET("sendto", sendto(s, "one", 3, 0, (struct sockaddr *)&ra, ralen), 3);
	char buf[16] = { 0 };
	socklen_t flen = sizeof from;
	memset(&from, 0, sizeof from);
	CHECK_RET("recvfrom_peek", recvfrom(r, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from, &flen), 3);
	flen = sizeof from;
	CHECK_RET("recvfrom", recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 3);
	CHECK("recvfrom_bytes", memcmp(buf, "one", 3) == 0, "got %.3s", buf);
	CHECK_RET("recvfrom_addrlen", flen, salen);
	CHECK("recvfrom_sender_path", strcmp(from.sun_path, sa.sun_path) == 0, "sender differs");
	CHECK_ERR("queue_empty_eagain", recvfrom(r, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL), EAGAIN);

	int anon = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_RET("sendto_from_unbound", sendto(anon, "two", 3, 0, (struct sockaddr *)&ra, ralen), 3);
	flen = sizeof from;
	CHECK_RET("recvfrom_unbound_sender", recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 3);
	/* An unbound sender has no address at all: the length comes back 0. */
	CHECK_RET("unbound_sender_len_zero", flen, 0);

	CHECK_ERR("send_unconnected_dgram_enotconn", send(anon, "x", 1, 0), ENOTCONN);
	CHECK_ERR("sendto_null_addr_unconnected", sendto(anon, "x", 1, 0, NULL, 0), ENOTCONN);
	CHECK_RET("connect_dgram", connect(anon, (struct sockaddr *)&ra, ralen), 0);
	CHECK_RET("send_to_connected", send(anon, "three", 5, 0), 5);
	CHECK_RET("sendto_other_when_connected", sendto(anon, "four", 4, 0, (struct sockaddr *)&sa, salen), 4);
	CHECK_RET("receiver_gets_connected_send", recv(r, buf, sizeof buf, 0), 5);
	CHECK_RET("sender_gets_explicit_sendto", recv(s, buf, sizeof buf, 0), 4);

	struct sockaddr_un missing;
	socklen_t mlen = addr_of(&missing, "/tmp/c_sendto/nobody");
	CHECK_ERR("sendto_missing_enoent", sendto(s, "x", 1, 0, (struct sockaddr *)&missing, mlen), ENOENT);
	CHECK_ERR("sendto_bad_family_einval", sendto(s, "x", 1, 0, (struct sockaddr *)&(struct sockaddr){ .sa_family = 12345 }, sizeof(struct sockaddr)), EINVAL);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_ERR("stream_sendto_with_addr_eisconn", sendto(sv[0], "x", 1, 0, (struct sockaddr *)&ra, ralen), EISCONN);
	CHECK_RET("stream_sendto_null_addr_ok", sendto(sv[0], "x", 1, 0, NULL, 0), 1);
	flen = sizeof from;
	CHECK_RET("stream_recvfrom", recvfrom(sv[1], buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 1);
	CHECK_RET("stream_recvfrom_addrlen_zero", flen, 0);
	unlink(ra.sun_path);
	unlink(sa.sun_path);
	rmdir("/tmp/c_sendto");
	return contract_end();
}
