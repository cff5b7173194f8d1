/*
 * epoll_ready_order — epoll_wait reports in the order of Linux's ready list: a file joins its
 * tail when it becomes ready; a reported level-triggered item goes back to the tail, so it
 * stays ahead of files that become ready after that wait; an item no longer ready is dropped
 * from the list and joins at the tail again when it is next ready; what maxevents left
 * unreported stays at the head for the next wait; an item that is ready when it is added
 * joins at the tail. Checked on socketpairs, whose indices are printed, not their fds.
 */
#include "contract.h"
#include <sys/epoll.h>
#include <sys/socket.h>

#define N 4

static int rd[N], wr[N], ep;

/* The indices epoll_wait reports (at most max), as a string like "1 2". */
static const char *order(int max)
{
	static char s[32];
	struct epoll_event out[N];
	int n = epoll_wait(ep, out, max, 0), len = 0;
	s[0] = 0;
	for (int i = 0; i < n; i++)
		len += snprintf(s + len, sizeof s - (size_t)len, i ? " %u" : "%u", out[i].data.u32);
	return n < 0 ? "error" : n == 0 ? "none" : s;
}

static void drain(int i)
{
	char buf[64];
	read(rd[i], buf, sizeof buf);
}

static void expect(const char *name, const char *got, const char *want)
{
	CHECK(name, !strcmp(got, want), "reported \"%s\", expected \"%s\"", got, want);
}

int main(void)
{
	ep = epoll_create1(0);
	for (int i = 0; i < N; i++) {
		int sv[2];
		socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
		rd[i] = sv[0];
		wr[i] = sv[1];
		if (i < 3) {
			struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (unsigned)i };
			epoll_ctl(ep, EPOLL_CTL_ADD, rd[i], &ev);
		}
	}
	write(wr[2], "x", 1);
	write(wr[0], "x", 1);
	expect("order_of_becoming_ready", order(N), "2 0");

	drain(2);
	drain(0);
	write(wr[1], "x", 1);
	write(wr[0], "x", 1);
	/* 0 is still on the list (reported last time), 1 joined after it. */
	expect("reported_item_stays_ahead", order(N), "0 1");

	write(wr[2], "x", 1);
	expect("new_item_after_requeued_ones", order(N), "0 1 2");

	drain(0);
	drain(1);
	drain(2);
	expect("dropped_when_not_ready", order(N), "none");

	write(wr[1], "x", 1);
	write(wr[2], "x", 1);
	write(wr[0], "x", 1);
	expect("maxevents_takes_the_head", order(1), "1");
	expect("rest_stays_at_the_head", order(1), "2");
	expect("then_the_requeued_one", order(N), "0 1 2");

	/* Ready when added: at the tail, behind the items already on the list. */
	write(wr[3], "x", 1);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 3 };
	epoll_ctl(ep, EPOLL_CTL_ADD, rd[3], &ev);
	expect("added_ready_joins_the_tail", order(N), "0 1 2 3");

	/* A MOD that leaves an item ready keeps its place on the list. */
	ev.data.u32 = 0;
	epoll_ctl(ep, EPOLL_CTL_MOD, rd[0], &ev);
	expect("mod_keeps_place", order(N), "0 1 2 3");
	return contract_end();
}
