/*
 * poll_revents_input — the kernel never reads pollfd.revents or a sendmsg msghdr's msg_flags,
 * so whatever a program left there (shells leave stack garbage) is not part of what it asked:
 * poll overwrites revents, sendmsg ignores msg_flags. The revents garbage is the low bits of a
 * socket's inode number, which differs from kernel to kernel as such garbage does (strace does
 * not show poll's input revents, so the recording stays the same run to run; msg_flags, which
 * it shows, gets a constant).
 */
#define _GNU_SOURCE
#include "contract.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>

int main(void)
{
	int fds[2];
	CHECK_OK("socketpair", socketpair(AF_UNIX, SOCK_DGRAM, 0, fds));
	struct stat st;
	CHECK_OK("fstat", fstat(fds[0], &st));
	short garbage = (short)(st.st_ino | 0x4000);

	struct pollfd p[2] = { { fds[0], POLLIN, garbage }, { fds[1], POLLOUT, garbage } };
	CHECK("poll: only the writable end is ready", poll(p, 2, 0) == 1, "differs");
	CHECK("revents overwritten", p[0].revents == 0 && p[1].revents == POLLOUT, "%#x %#x", p[0].revents,
	      p[1].revents);

	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_flags = 0x5a5a };
	CHECK("sendmsg ignores msg_flags", sendmsg(fds[1], &m, 0) == 1, "differs");
	p[0].revents = garbage;
	CHECK("poll: now readable", poll(p, 1, 0) == 1 && p[0].revents == POLLIN, "%#x", p[0].revents);
	return contract_end();
}
