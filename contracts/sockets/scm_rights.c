/*
 * scm_rights — sendmsg/recvmsg with SCM_RIGHTS pass open files: the receiver gets new fds
 * (lowest free) for the same files (shared offset), with MSG_CMSG_CLOEXEC setting
 * FD_CLOEXEC; a control buffer too small sets MSG_CTRUNC and drops the fds; data comes
 * with the control message; passing a bad fd is EBADF; received fds survive the sender
 * closing its copies; SCM_CREDENTIALS arrives with SO_PASSCRED.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

static long send_fds(int sock, const int *fds, int n, const char *data)
{
	char ctl[CMSG_SPACE(sizeof(int) * 4)];
	memset(ctl, 0, sizeof ctl);
	struct iovec iov = { (void *)data, strlen(data) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			     .msg_controllen = CMSG_SPACE(sizeof(int) * n) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
	return sendmsg(sock, &mh, 0);
}

int main(void)
{
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	const char *path = "/tmp/c_scm_rights";
	int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(f, "0123456789", 10);
	lseek(f, 3, SEEK_SET);
	int p[2];
	pipe(p);
	int pass[2] = { f, p[1] };
	CHECK_RET("sendmsg_two_fds", send_fds(sv[0], pass, 2, "fds"), 3);
	int old_f = f, old_w = p[1];
	close(f);
	close(p[1]);

	char data[8] = { 0 };
	char ctl[CMSG_SPACE(sizeof(int) * 4)];
	struct iovec iov = { data, sizeof data };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	CHECK_RET("recvmsg", recvmsg(sv[1], &mh, MSG_CMSG_CLOEXEC), 3);
	CHECK("recvmsg_data", memcmp(data, "fds", 3) == 0, "got %.3s", data);
	/* Linux echoes MSG_CMSG_CLOEXEC back in msg_flags. */
	CHECK_RET("recvmsg_flags_echo_cmsg_cloexec", mh.msg_flags, MSG_CMSG_CLOEXEC);
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	CHECK("cmsg_present", c != NULL, "no control message");
	if (!c)
		return contract_end();
	CHECK("cmsg_rights", c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS, "level %d type %d",
	      c->cmsg_level, c->cmsg_type);
	CHECK_RET("cmsg_len_two_fds", c->cmsg_len, CMSG_LEN(sizeof(int) * 2));
	int got[2];
	memcpy(got, CMSG_DATA(c), sizeof got);
	/* f and p[1] were closed: the lowest free fds are theirs again. */
	CHECK("received_fds_lowest_in_order", got[0] == old_f && got[1] == old_w,
	      "fd offsets %d %d", got[0] - old_f, got[1] - old_w);
	CHECK_RET("received_cloexec", fcntl(got[0], F_GETFD), FD_CLOEXEC);
	CHECK_RET("shared_offset", lseek(got[0], 0, SEEK_CUR), 3);
	char b = 0;
	CHECK_RET("read_received_file", read(got[0], &b, 1), 1);
	CHECK("received_file_byte", b == '3', "got %c", b);
	CHECK_RET("write_received_pipe", write(got[1], "P", 1), 1);
	CHECK_RET("read_pipe_other_end", read(p[0], &b, 1), 1);
	CHECK("pipe_byte", b == 'P', "got %c", b);
	CHECK("no_second_cmsg", CMSG_NXTHDR(&mh, c) == NULL, "extra control message");

	/* Too little control space: MSG_CTRUNC, fds dropped. */
	int one = got[0];
	send_fds(sv[0], &one, 1, "t");
	char tiny[CMSG_SPACE(0)];
	mh = (struct msghdr){ .msg_iov = &iov, .msg_iovlen = 1, .msg_control = tiny, .msg_controllen = sizeof tiny };
	CHECK_RET("recvmsg_small_control", recvmsg(sv[1], &mh, 0), 1);
	CHECK("msg_ctrunc", (mh.msg_flags & MSG_CTRUNC) != 0, "msg_flags %#x", mh.msg_flags);
	int probe = dup(0);
	CHECK("dropped_fds_not_installed", probe == got[1] + 1, "fd offset %d", probe - got[1]);
	close(probe);

	/* No control buffer at all: data only. */
	send_fds(sv[0], &one, 1, "n");
	mh = (struct msghdr){ .msg_iov = &iov, .msg_iovlen = 1 };
	CHECK_RET("recvmsg_no_control", recvmsg(sv[1], &mh, 0), 1);
	CHECK("no_control_ctrunc", (mh.msg_flags & MSG_CTRUNC) != 0, "msg_flags %#x", mh.msg_flags);

	int bad = 1000;
	CHECK_ERR("send_bad_fd_ebadf", send_fds(sv[0], &bad, 1, "b"), EBADF);

	int on = 1;
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
	write(sv[0], "c", 1);
	char cctl[CMSG_SPACE(sizeof(struct ucred))];
	mh = (struct msghdr){ .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cctl, .msg_controllen = sizeof cctl };
	CHECK_RET("recvmsg_credentials", recvmsg(sv[1], &mh, 0), 1);
	c = CMSG_FIRSTHDR(&mh);
	CHECK("credentials_cmsg", c && c->cmsg_type == SCM_CREDENTIALS, "no SCM_CREDENTIALS");
	if (c) {
		struct ucred cr;
		memcpy(&cr, CMSG_DATA(c), sizeof cr);
		CHECK("credentials_values", cr.pid == getpid() && cr.uid == 0 && cr.gid == 0, "values differ");
	}
	unlink(path);
	return contract_end();
}
