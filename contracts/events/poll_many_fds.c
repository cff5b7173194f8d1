/*
 * poll_many_fds — poll, select and epoll with many descriptors: 300 pipes (600 fds, a
 * pollfd array over a page long, select sets spanning several 64-bit words) where every
 * third one has data: poll counts exactly those with exactly POLLIN, select sets exactly
 * their bits, epoll returns exactly them (in batches limited by maxevents).
 */
#include "contract.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/select.h>

#define N 300

static int rd[N], wr[N];
static struct pollfd pf[N];

int main(void)
{
	struct rlimit rl = { 1024, 1024 };
	setrlimit(RLIMIT_NOFILE, &rl);
	int ok = 1;
	for (int i = 0; i < N; i++) {
		int p[2];
		ok &= pipe(p) == 0;
		rd[i] = p[0];
		wr[i] = p[1];
	}
	CHECK("made_300_pipes", ok, "pipe failed");
	CHECK("fds_fit_fd_setsize", wr[N - 1] < FD_SETSIZE, "fd too high for select");
	for (int i = 0; i < N; i += 3)
		write(wr[i], "x", 1);

	for (int i = 0; i < N; i++)
		pf[i] = (struct pollfd){ rd[i], POLLIN, 0 };
	CHECK_RET("poll_counts_ready", poll(pf, N, 0), N / 3);
	ok = 1;
	for (int i = 0; i < N; i++)
		ok &= pf[i].revents == (i % 3 == 0 ? POLLIN : 0);
	CHECK("poll_revents_exact", ok, "a revents differs");

	fd_set r;
	FD_ZERO(&r);
	int maxfd = 0;
	for (int i = 0; i < N; i++) {
		FD_SET(rd[i], &r);
		if (rd[i] > maxfd)
			maxfd = rd[i];
	}
	struct timeval tv = { 0, 0 };
	CHECK_RET("select_counts_ready", select(maxfd + 1, &r, NULL, NULL, &tv), N / 3);
	ok = 1;
	for (int i = 0; i < N; i++)
		ok &= !!FD_ISSET(rd[i], &r) == (i % 3 == 0);
	CHECK("select_bits_exact", ok, "a bit differs");

	int ep = epoll_create1(0);
	ok = 1;
	for (int i = 0; i < N; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (unsigned)i };
		ok &= epoll_ctl(ep, EPOLL_CTL_ADD, rd[i], &ev) == 0;
	}
	CHECK("epoll_add_300", ok, "epoll_ctl failed");
	static struct epoll_event out[N];
	CHECK_RET("epoll_all_ready", epoll_wait(ep, out, N, 0), N / 3);
	ok = 1;
	int seen[N] = { 0 };
	for (int k = 0; k < N / 3; k++) {
		ok &= out[k].events == EPOLLIN && out[k].data.u32 % 3 == 0;
		if (out[k].data.u32 < N)
			seen[out[k].data.u32]++;
	}
	for (int i = 0; i < N; i += 3)
		ok &= seen[i] == 1;
	CHECK("epoll_reports_each_once", ok, "an event differs");
	CHECK_RET("epoll_batch_of_7", epoll_wait(ep, out, 7, 0), 7);
	return contract_end();
}
