/*
 * socket_type_mismatch — AF_UNIX refuses to mix socket types: connecting a datagram socket
 * to a stream listener's path, or a stream socket to a bound datagram socket, is
 * EPROTOTYPE; sendto a stream listener's path from a datagram socket too; SEQPACKET and
 * STREAM do not mix either; a datagram socket connected to a peer refuses datagrams from
 * other senders (EPERM).
 */
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#define D "/tmp/c_socket_type_mismatch"

static socklen_t addr_of(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

int main(void)
{
	mkdir(D, 0755);
	struct sockaddr_un st, dg, sq, other;
	socklen_t stlen = addr_of(&st, D "/stream");
	socklen_t dglen = addr_of(&dg, D "/dgram");
	socklen_t sqlen = addr_of(&sq, D "/seqpacket");
	socklen_t olen = addr_of(&other, D "/other");
	int lst = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(lst, (struct sockaddr *)&st, stlen);
	listen(lst, 4);
	int ldg = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(ldg, (struct sockaddr *)&dg, dglen);
	int lsq = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	bind(lsq, (struct sockaddr *)&sq, sqlen);
	listen(lsq, 4);

	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_ERR("dgram_to_stream_eprototype", connect(d, (struct sockaddr *)&st, stlen), EPROTOTYPE);
	CHECK_ERR("dgram_sendto_stream_eprototype", sendto(d, "x", 1, 0, (struct sockaddr *)&st, stlen), EPROTOTYPE);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("stream_to_dgram_eprototype", connect(s, (struct sockaddr *)&dg, dglen), EPROTOTYPE);
	CHECK_ERR("stream_to_seqpacket_eprototype", connect(s, (struct sockaddr *)&sq, sqlen), EPROTOTYPE);
	int q = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	CHECK_ERR("seqpacket_to_stream_eprototype", connect(q, (struct sockaddr *)&st, stlen), EPROTOTYPE);
	CHECK_RET("seqpacket_to_seqpacket", connect(q, (struct sockaddr *)&sq, sqlen), 0);

	/* ldg connects to "other": datagrams from anyone else are refused. */
	int o = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(o, (struct sockaddr *)&other, olen);
	CHECK_RET("dgram_connect_peer", connect(ldg, (struct sockaddr *)&other, olen), 0);
	CHECK_ERR("stranger_to_connected_dgram_eperm", sendto(d, "x", 1, 0, (struct sockaddr *)&dg, dglen), EPERM);
	CHECK_RET("peer_to_connected_dgram_ok", sendto(o, "y", 1, 0, (struct sockaddr *)&dg, dglen), 1);
	char c = 0;
	CHECK_RET("connected_dgram_receives_peer", recv(ldg, &c, 1, 0), 1);
	CHECK("peer_byte", c == 'y', "got %c", c);
	contract_rmtree(D);
	return contract_end();
}
