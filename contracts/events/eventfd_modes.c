/*
 * eventfd_modes — eventfd as a counter (writes add, a read returns the sum and resets it)
 * and as a semaphore (each read returns 1 and decrements); EAGAIN when zero (non-blocking);
 * poll readiness; EINVAL for a short buffer and for writing 2^64-1; EAGAIN when a write
 * would overflow; flags read back.
 */
#include "contract.h"
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>

int main(void)
{
	uint64_t v = 0;
	int fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
	CHECK("eventfd_create", fd >= 0, "failed %s", strerrorname(errno));
	CHECK_RET("flags_nonblock", fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	CHECK_RET("flags_cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_RET("read_initval", read(fd, &v, 8), 8);
	CHECK_RET("initval", v, 5);
	CHECK_ERR("read_zero_eagain", read(fd, &v, 8), EAGAIN);
	struct pollfd pf = { fd, POLLIN | POLLOUT, 0 };
	CHECK_RET("poll_zero_writable_only", poll(&pf, 1, 0), 1);
	CHECK_RET("poll_zero_revents", pf.revents, POLLOUT);
	v = 3;
	CHECK_RET("write_3", write(fd, &v, 8), 8);
	v = 4;
	CHECK_RET("write_4", write(fd, &v, 8), 8);
	CHECK_RET("poll_nonzero", poll(&pf, 1, 0), 1);
	CHECK_RET("poll_nonzero_revents", pf.revents, POLLIN | POLLOUT);
	v = 0;
	CHECK_RET("read_sum", read(fd, &v, 8), 8);
	CHECK_RET("sum_is_7", v, 7);
	CHECK_ERR("read_after_reset_eagain", read(fd, &v, 8), EAGAIN);
	CHECK_RET("read_large_buffer", (v = 2, write(fd, &v, 8), read(fd, (char[16]){0}, 16)), 8);
	CHECK_ERR("read_short_buffer_einval", read(fd, &v, 4), EINVAL);
	CHECK_ERR("write_short_buffer_einval", write(fd, &v, 4), EINVAL);
	v = UINT64_MAX;
	CHECK_ERR("write_max_einval", write(fd, &v, 8), EINVAL);
	v = UINT64_MAX - 1;
	CHECK_RET("write_to_max_minus_one", write(fd, &v, 8), 8);
	pf.events = POLLOUT;
	CHECK_RET("poll_full_not_writable", poll(&pf, 1, 0), 0);
	v = 1;
	CHECK_ERR("write_overflow_eagain", write(fd, &v, 8), EAGAIN);
	CHECK_RET("read_max_minus_one", read(fd, &v, 8), 8);
	CHECK("value_max_minus_one", v == UINT64_MAX - 1, "got a different value");
	v = 0;
	CHECK_RET("write_zero_ok", write(fd, &v, 8), 8);
	CHECK_ERR("write_zero_leaves_zero", read(fd, &v, 8), EAGAIN);
	close(fd);

	fd = eventfd(0, EFD_SEMAPHORE | EFD_NONBLOCK);
	v = 3;
	write(fd, &v, 8);
	int ones = 1;
	for (int i = 0; i < 3; i++) {
		v = 0;
		ones &= read(fd, &v, 8) == 8 && v == 1;
	}
	CHECK("semaphore_reads_one_three_times", ones, "a read did not return 1");
	CHECK_ERR("semaphore_empty_eagain", read(fd, &v, 8), EAGAIN);
	close(fd);

	CHECK_ERR("bad_flags_einval", eventfd(0, 0x4), EINVAL);
	return contract_end();
}
