/*
 * sigsuspend_mask — sigsuspend swaps in the given mask, runs the handler of a
 * pending signal, returns -1/EINTR and puts the old mask back; while the handler
 * runs, the suspend mask plus the signal itself are blocked; a signal that the
 * suspend mask keeps blocked stays pending.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/syscall.h>

static volatile int usr1_hits, usr2_hits;
static sigset_t mask_in_handler;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_hits++;
	sigprocmask(SIG_BLOCK, NULL, &mask_in_handler);
}

static void on_usr2(int sig)
{
	(void)sig;
	usr2_hits++;
}

int main(void)
{
	sigset_t block, wait_mask, now, pend;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, on_usr2);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);

	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	CHECK("blocked signals wait", usr1_hits == 0 && usr2_hits == 0, "delivered early");

	/* Suspend with only SIGUSR2 (and SIGTERM) blocked: SIGUSR1 is delivered. */
	sigemptyset(&wait_mask);
	sigaddset(&wait_mask, SIGUSR2);
	sigaddset(&wait_mask, SIGTERM);
	CHECK_ERR("sigsuspend returns EINTR", sigsuspend(&wait_mask), EINTR);
	CHECK("handler ran inside sigsuspend", usr1_hits == 1, "hits %d", usr1_hits);
	CHECK("signal still blocked by suspend mask stays pending", usr2_hits == 0, "SIGUSR2 delivered");
	CHECK("handler mask has the suspend mask", sigismember(&mask_in_handler, SIGUSR2) == 1 &&
	      sigismember(&mask_in_handler, SIGTERM) == 1, "suspend mask not in effect");
	CHECK("handler mask has the signal itself", sigismember(&mask_in_handler, SIGUSR1) == 1,
	      "SIGUSR1 not blocked");

	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("old mask restored", sigismember(&now, SIGUSR1) == 1 && sigismember(&now, SIGUSR2) == 1 &&
	      sigismember(&now, SIGTERM) == 1, "mask differs");
	sigpending(&pend);
	CHECK("SIGUSR2 still pending", sigismember(&pend, SIGUSR2) == 1, "not pending");
	CHECK("SIGUSR1 consumed", !sigismember(&pend, SIGUSR1), "still pending");

	/* An empty suspend mask lets SIGUSR2 through. */
	sigemptyset(&wait_mask);
	sigaddset(&wait_mask, SIGTERM);
	CHECK_ERR("second sigsuspend returns EINTR", sigsuspend(&wait_mask), EINTR);
	CHECK("SIGUSR2 delivered by second sigsuspend", usr2_hits == 1, "hits %d", usr2_hits);

	CHECK_ERR("rt_sigsuspend bad sigsetsize", syscall(SYS_rt_sigsuspend, &wait_mask, 4), EINVAL);
	return contract_end();
}
