/*
 * ppoll_pselect_mask — ppoll and pselect install their signal mask only for the wait: a
 * pending blocked signal is delivered (EINTR, handler run once) when the given mask
 * unblocks it, stays pending when the given mask blocks it, and the old mask is back
 * afterwards; when an fd is ready the call returns it and the signal stays pending;
 * EINVAL for a wrong sigset size.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

static int usr1_blocked(void)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, SIGUSR1);
}

static int usr1_pending(void)
{
	sigset_t pend;
	sigpending(&pend);
	return sigismember(&pend, SIGUSR1);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t block, unblock;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&unblock);
	sigprocmask(SIG_BLOCK, &block, NULL);

	int p[2];
	pipe(p);
	struct pollfd pf = { p[0], POLLIN, 0 };
	/* Only zero or no timeouts: the kernel writes the time left back, and a non-zero
	 * remainder would make the recorded memory depend on timing. */
	struct timespec zero = { 0, 0 };

	raise(SIGUSR1);
	CHECK("pending_after_raise", usr1_pending(), "not pending");
	CHECK_RET("ppoll_blocking_mask_times_out", ppoll(&pf, 1, &zero, &block), 0);
	CHECK_RET("ppoll_blocking_mask_no_handler", hits, 0);
	CHECK("still_pending", usr1_pending(), "not pending");
	CHECK_ERR("ppoll_unblocking_mask_eintr", ppoll(&pf, 1, NULL, &unblock), EINTR);
	CHECK_RET("ppoll_handler_ran_once", hits, 1);
	CHECK("ppoll_mask_restored", usr1_blocked(), "SIGUSR1 no longer blocked");
	CHECK("ppoll_signal_consumed", !usr1_pending(), "still pending");

	raise(SIGUSR1);
	CHECK_RET("pselect_blocking_mask_times_out", pselect(0, NULL, NULL, NULL, &zero, &block), 0);
	CHECK_RET("pselect_blocking_mask_no_handler", hits, 1);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_ERR("pselect_unblocking_mask_eintr", pselect(p[0] + 1, &r, NULL, NULL, NULL, &unblock), EINTR);
	CHECK_RET("pselect_handler_ran_once", hits, 2);
	CHECK("pselect_mask_restored", usr1_blocked(), "SIGUSR1 no longer blocked");

	/* A ready fd wins: the call succeeds, the old mask is restored before any delivery. */
	write(p[1], "x", 1);
	raise(SIGUSR1);
	CHECK_RET("ppoll_ready_fd_returns_it", ppoll(&pf, 1, &zero, &unblock), 1);
	CHECK_RET("ppoll_ready_fd_revents", pf.revents, POLLIN);
	CHECK_RET("ppoll_ready_fd_no_handler", hits, 2);
	CHECK("ppoll_ready_fd_signal_still_pending", usr1_pending(), "not pending");
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK_RET("pselect_ready_fd_returns_it", pselect(p[0] + 1, &r, NULL, NULL, &zero, &unblock), 1);
	CHECK_RET("pselect_ready_fd_no_handler", hits, 2);

	/* A NULL mask leaves the current one: the pending signal stays blocked. */
	CHECK_RET("ppoll_null_mask", ppoll(&pf, 1, &zero, NULL), 1);
	CHECK_RET("ppoll_null_mask_no_handler", hits, 2);

	CHECK_ERR("ppoll_bad_sigsetsize_einval", syscall(SYS_ppoll, &pf, 1, &zero, &unblock, 4), EINVAL);
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR("ppoll_bad_timeout_einval", ppoll(&pf, 1, &bad, NULL), EINVAL);

	sigprocmask(SIG_UNBLOCK, &block, NULL);
	CHECK_RET("unblock_delivers", hits, 3);
	return contract_end();
}
