/*
 * ioctl_generic — the fd-level ioctls that every kernel must answer: FIONREAD counts the
 * bytes queued in a pipe and a stream socket (and reads the size left in a file);
 * FIONBIO sets and clears O_NONBLOCK (seen by F_GETFL); FIOCLEX/FIONCLEX set and clear
 * FD_CLOEXEC; a terminal ioctl (TCGETS) on a pipe, a file or /dev/null is ENOTTY; an
 * unknown request is ENOTTY; a bad fd is EBADF.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>

int main(void)
{
	int p[2];
	pipe(p);
	int n = -1;
	CHECK_RET("fionread_empty_pipe", ioctl(p[0], FIONREAD, &n), 0);
	CHECK_RET("fionread_empty_value", n, 0);
	write(p[1], "hello", 5);
	write(p[1], "!!", 2);
	ioctl(p[0], FIONREAD, &n);
	CHECK_RET("fionread_pipe_bytes", n, 7);
	char buf[8];
	read(p[0], buf, 3);
	ioctl(p[0], FIONREAD, &n);
	CHECK_RET("fionread_after_partial_read", n, 4);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "abcdef", 6);
	n = -1;
	CHECK_RET("fionread_socket", ioctl(sv[1], FIONREAD, &n), 0);
	CHECK_RET("fionread_socket_bytes", n, 6);

	const char *path = "/tmp/c_ioctl_generic";
	int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(f, "0123456789", 10);
	lseek(f, 4, SEEK_SET);
	n = -1;
	CHECK_RET("fionread_file", ioctl(f, FIONREAD, &n), 0);
	CHECK_RET("fionread_file_bytes_left", n, 6);

	int on = 1, off = 0;
	CHECK_RET("fionbio_on", ioctl(p[0], FIONBIO, &on), 0);
	CHECK_RET("fionbio_sets_nonblock", fcntl(p[0], F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	read(p[0], buf, sizeof buf);
	CHECK_ERR("fionbio_read_eagain", read(p[0], buf, sizeof buf), EAGAIN);
	CHECK_RET("fionbio_off", ioctl(p[0], FIONBIO, &off), 0);
	CHECK_RET("fionbio_clears_nonblock", fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK_RET("fioclex", ioctl(f, FIOCLEX), 0);
	CHECK_RET("fioclex_sets_cloexec", fcntl(f, F_GETFD), FD_CLOEXEC);
	CHECK_RET("fionclex", ioctl(f, FIONCLEX), 0);
	CHECK_RET("fionclex_clears_cloexec", fcntl(f, F_GETFD), 0);

	struct termios t;
	CHECK_ERR("tcgets_pipe_enotty", ioctl(p[0], TCGETS, &t), ENOTTY);
	CHECK_ERR("tcgets_file_enotty", ioctl(f, TCGETS, &t), ENOTTY);
	int null = open("/dev/null", O_RDWR);
	CHECK_ERR("tcgets_dev_null_enotty", ioctl(null, TCGETS, &t), ENOTTY);
	CHECK_ERR("tcgets_socket_enotty", ioctl(sv[0], TCGETS, &t), ENOTTY);
	CHECK_ERR("tiocgwinsz_pipe_enotty", ioctl(p[1], TIOCGWINSZ, &t), ENOTTY);
	CHECK_ERR("unknown_request_enotty", ioctl(p[0], 0x7f00, 0), ENOTTY);
	CHECK_ERR("bad_fd_ebadf", ioctl(1000, FIONREAD, &n), EBADF);
	CHECK_RET("isatty_stdout_false", isatty(1), 0);
	close(f);
	unlink(path);
	return contract_end();
}
