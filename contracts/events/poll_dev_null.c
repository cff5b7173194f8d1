/*
 * poll_dev_null — files without their own poll method (/dev/null, /dev/zero, regular files)
 * are always readable and writable: revents is the asked subset of POLLIN|POLLOUT|
 * POLLRDNORM|POLLWRNORM, and nothing when nothing is asked; poll with no fds and a zero
 * timeout returns 0; EINVAL when nfds exceeds RLIMIT_NOFILE; EFAULT for a bad array.
 */
#include "contract.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>

int main(void)
{
	int null = open("/dev/null", O_RDWR);
	struct pollfd pf = { null, POLLIN | POLLOUT, 0 };
	CHECK_RET("null_count", poll(&pf, 1, 0), 1);
	CHECK_RET("null_in_out", pf.revents, POLLIN | POLLOUT);
	pf.events = POLLIN;
	poll(&pf, 1, 0);
	CHECK_RET("null_in_only", pf.revents, POLLIN);
	pf.events = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM | POLLPRI;
	poll(&pf, 1, 0);
	CHECK_RET("null_all_asked", pf.revents, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
	pf.events = 0;
	CHECK_RET("null_nothing_asked_count", poll(&pf, 1, 0), 0);
	CHECK_RET("null_nothing_asked_revents", pf.revents, 0);
	pf.events = POLLIN;
	CHECK_RET("null_blocking_poll_returns_at_once", poll(&pf, 1, -1), 1);
	int ronly = open("/dev/null", O_RDONLY);
	struct pollfd r = { ronly, POLLIN | POLLOUT, 0 };
	poll(&r, 1, 0);
	CHECK_RET("null_rdonly_still_both", r.revents, POLLIN | POLLOUT);

	int zero = open("/dev/zero", O_RDONLY);
	const char *path = "/tmp/c_poll_dev_null";
	int file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct pollfd three[3] = { { null, POLLOUT, 0 }, { zero, POLLIN, 0 }, { file, POLLIN | POLLOUT, 0 } };
	CHECK_RET("three_count", poll(three, 3, 0), 3);
	CHECK_RET("three_null", three[0].revents, POLLOUT);
	CHECK_RET("three_zero", three[1].revents, POLLIN);
	CHECK_RET("three_file", three[2].revents, POLLIN | POLLOUT);
	close(file);
	unlink(path);

	CHECK_RET("no_fds_zero_timeout", poll(NULL, 0, 0), 0);
	CHECK_RET("no_fds_short_timeout", poll(NULL, 0, 10), 0);
	struct rlimit rl = { 8, 8 };
	setrlimit(RLIMIT_NOFILE, &rl);
	struct pollfd many[9];
	for (int i = 0; i < 9; i++)
		many[i] = (struct pollfd){ null, POLLIN, 0 };
	CHECK_RET("nfds_at_rlimit_ok", poll(many, 8, 0), 8);
	CHECK_ERR("nfds_above_rlimit_einval", poll(many, 9, 0), EINVAL);
	CHECK_ERR("bad_array_efault", poll((struct pollfd *)8, 1, 0), EFAULT);
	return contract_end();
}
