/*
 * epoll_pwait_signal — epoll_pwait's signal mask: a pending signal blocked by the process
 * is delivered during the wait when the given mask unblocks it (EINTR, handler once, old
 * mask back); kept pending when the mask blocks it; an epoll_wait blocked with a timeout
 * is woken by an eventfd written by a child.
 */
#include "contract.h"
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t block, none, cur;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &block, NULL);

	int ep = epoll_create1(0);
	int efd = eventfd(0, EFD_NONBLOCK);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 5 }, out[2];
	epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);

	raise(SIGUSR1);
	CHECK_RET("blocked_mask_times_out", epoll_pwait(ep, out, 2, 0, &block), 0);
	CHECK_RET("blocked_mask_no_handler", hits, 0);
	CHECK_ERR("unblocking_mask_eintr", epoll_pwait(ep, out, 2, -1, &none), EINTR);
	CHECK_RET("handler_ran_once", hits, 1);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	CHECK("old_mask_restored", sigismember(&cur, SIGUSR1), "SIGUSR1 unblocked");

	pid_t child = fork();
	if (child == 0) {
		uint64_t one = 1;
		write(efd, &one, 8);
		_exit(0);
	}
	CHECK_RET("woken_by_child_eventfd", epoll_wait(ep, out, 2, 10000), 1);
	CHECK_RET("event_data", out[0].data.u32, 5);
	uint64_t v = 0;
	read(efd, &v, 8);
	CHECK_RET("eventfd_value", v, 1);
	int status;
	waitpid(child, &status, 0);
	CHECK_ERR("bad_sigsetsize_einval", syscall(SYS_epoll_pwait, ep, out, 2, 0, &none, 4), EINVAL);
	return contract_end();
}
