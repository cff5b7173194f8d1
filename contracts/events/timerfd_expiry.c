/*
 * timerfd_expiry — a one-shot timerfd expires once (read returns 1, then the timer is
 * disarmed); an interval timer keeps its interval (read back exactly by timerfd_gettime)
 * and fires again; an absolute time in the past fires at once; settime returns the old
 * setting; disarming reads back as zero; errors are EINVAL (clock, flags, nanoseconds,
 * short buffer) and EAGAIN when nothing expired on a non-blocking timerfd.
 * Intervals are generous (1 s) so that no read depends on scheduling delays.
 */
#include "contract.h"
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>

static int is_zero(const struct itimerspec *t)
{
	return !t->it_value.tv_sec && !t->it_value.tv_nsec && !t->it_interval.tv_sec &&
	       !t->it_interval.tv_nsec;
}

int main(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	CHECK("create_monotonic", fd >= 0, "failed %s", strerrorname(errno));
	struct itimerspec cur, old;
	memset(&cur, 0xff, sizeof cur);
	CHECK_RET("gettime_unarmed", timerfd_gettime(fd, &cur), 0);
	CHECK("gettime_unarmed_zero", is_zero(&cur), "not zero");

	struct itimerspec one = { { 0, 0 }, { 0, 20 * 1000 * 1000 } };
	CHECK_RET("settime_oneshot", timerfd_settime(fd, 0, &one, NULL), 0);
	uint64_t n = 0;
	CHECK_RET("read_blocks_until_expiry", read(fd, &n, 8), 8);
	CHECK_RET("oneshot_count_one", n, 1);
	timerfd_gettime(fd, &cur);
	CHECK("oneshot_disarmed_after_expiry", is_zero(&cur), "still armed");
	close(fd);

	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	CHECK_ERR("nonblock_unarmed_eagain", read(fd, &n, 8), EAGAIN);
	struct itimerspec iv = { { 1, 0 }, { 0, 10 * 1000 * 1000 } };
	CHECK_RET("settime_interval", timerfd_settime(fd, 0, &iv, NULL), 0);
	struct pollfd pf = { fd, POLLIN, 0 };
	CHECK_RET("poll_until_first_expiry", poll(&pf, 1, 5000), 1);
	CHECK_RET("poll_revents", pf.revents, POLLIN);
	CHECK_RET("read_first_expiry", read(fd, &n, 8), 8);
	CHECK_RET("first_expiry_count", n, 1);
	CHECK_ERR("no_second_expiry_yet_eagain", read(fd, &n, 8), EAGAIN);
	timerfd_gettime(fd, &cur);
	CHECK("interval_reads_back", cur.it_interval.tv_sec == 1 && cur.it_interval.tv_nsec == 0,
	      "interval differs");
	CHECK("value_within_interval", (cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0) ||
	      (cur.it_value.tv_sec == 1 && cur.it_value.tv_nsec == 0), "value out of range");
	CHECK_RET("poll_until_second_expiry", poll(&pf, 1, 5000), 1);
	CHECK_RET("read_second_expiry", read(fd, &n, 8), 8);
	CHECK_RET("second_expiry_count", n, 1);

	struct itimerspec off = { { 0, 0 }, { 0, 0 } };
	memset(&old, 0, sizeof old);
	CHECK_RET("settime_disarm_returns_old", timerfd_settime(fd, 0, &off, &old), 0);
	CHECK("old_interval", old.it_interval.tv_sec == 1 && old.it_interval.tv_nsec == 0,
	      "old interval differs");
	timerfd_gettime(fd, &cur);
	CHECK("disarmed_reads_zero", is_zero(&cur), "still armed");
	CHECK_ERR("disarmed_read_eagain", read(fd, &n, 8), EAGAIN);

	/* An absolute expiry in the past fires at once. */
	struct itimerspec past = { { 0, 0 }, { 1, 0 } };
	CHECK_RET("settime_abstime_past", timerfd_settime(fd, TFD_TIMER_ABSTIME, &past, NULL), 0);
	CHECK_RET("abstime_past_poll", poll(&pf, 1, 5000), 1);
	CHECK_RET("abstime_past_read", read(fd, &n, 8), 8);
	CHECK_RET("abstime_past_count", n, 1);

	struct itimerspec bad = { { 0, 0 }, { 0, 1000000000 } };
	CHECK_ERR("settime_bad_nsec_einval", timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	CHECK_ERR("settime_bad_flags_einval", timerfd_settime(fd, 0x100, &one, NULL), EINVAL);
	CHECK_ERR("read_short_buffer_einval", read(fd, &n, 4), EINVAL);
	CHECK_ERR("create_bad_clock_einval", timerfd_create(12345, 0), EINVAL);
	CHECK_ERR("create_bad_flags_einval", timerfd_create(CLOCK_MONOTONIC, 0x1), EINVAL);
	int rt = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC);
	CHECK("create_realtime", rt >= 0, "failed %s", strerrorname(errno));
	int pp[2];
	pipe(pp);
	CHECK_ERR("gettime_not_timerfd_einval", timerfd_gettime(pp[0], &cur), EINVAL);
	CHECK_ERR("gettime_bad_fd_ebadf", timerfd_gettime(1000, &cur), EBADF);
	return contract_end();
}
