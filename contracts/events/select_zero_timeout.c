/*
 * select_zero_timeout — select with a zero timeout still polls every fd once: a readable
 * pipe is reported and an empty one is cleared from the set; the same fd in two sets
 * counts twice; Linux writes the remaining time back (0 after a timeout); EINVAL for a
 * negative nfds or timeout; EBADF for a closed fd in a set.
 * The raw syscall is used where musl would hide the timeout write-back.
 */
#include "contract.h"
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>

static long sys_select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	return syscall(SYS_select, n, r, w, e, tv);
}

int main(void)
{
	int p[2];
	pipe(p);
	fd_set r, w;
	struct timeval tv = { 0, 0 };
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_RET("empty_pipe_zero_timeout", select(p[0] + 1, &r, NULL, NULL, &tv), 0);
	CHECK("empty_pipe_bit_cleared", !FD_ISSET(p[0], &r), "bit still set");
	write(p[1], "x", 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_RET("ready_pipe_zero_timeout", select(p[0] + 1, &r, NULL, NULL, &tv), 1);
	CHECK("ready_pipe_bit_set", FD_ISSET(p[0], &r), "bit cleared");

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	int hi = p[0] > p[1] ? p[0] : p[1];
	CHECK_RET("read_and_write_sets", select(hi + 1, &r, &w, NULL, &tv), 2);
	CHECK("both_bits", FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w), "a bit is missing");

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[1], "y", 1);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(sv[0], &r);
	FD_SET(sv[0], &w);
	CHECK_RET("same_fd_two_sets_counts_twice", select(sv[0] + 1, &r, &w, NULL, &tv), 2);

	/* Bits above nfds are not looked at. Linux copies the sets back in whole longs:
	 * a bit above nfds in the same 64-bit word is cleared, one in a later word is kept. */
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_SET(sv[0], &r);
	FD_SET(100, &r);
	int lo = p[0] < sv[0] ? p[0] : sv[0], top = p[0] < sv[0] ? sv[0] : p[0];
	CHECK_RET("nfds_limits_scan", select(lo + 1, &r, NULL, NULL, &tv), 1);
	CHECK("bit_above_nfds_same_word_cleared", !FD_ISSET(top, &r), "bit kept");
	CHECK("bit_above_nfds_next_word_kept", FD_ISSET(100, &r), "bit cleared");

	struct timeval t = { 0, 30000 };
	char c;
	read(p[0], &c, 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_RET("timeout_expires", sys_select(p[0] + 1, &r, NULL, NULL, &t), 0);
	CHECK("remaining_time_zero", t.tv_sec == 0 && t.tv_usec == 0, "timeout not written back as zero");
	t = (struct timeval){ 0, 0 };
	CHECK_RET("no_sets_zero_timeout", sys_select(0, NULL, NULL, NULL, &t), 0);

	CHECK_ERR("negative_nfds_einval", select(-1, NULL, NULL, NULL, &tv), EINVAL);
	struct timeval neg = { -1, 0 };
	CHECK_ERR("negative_timeout_einval", sys_select(0, NULL, NULL, NULL, &neg), EINVAL);
	FD_ZERO(&r);
	FD_SET(p[0] + 20, &r);
	CHECK_ERR("closed_fd_in_set_ebadf", select(p[0] + 21, &r, NULL, NULL, &tv), EBADF);
	return contract_end();
}
