/*
 * sigprocmask_pending — a blocked signal stays pending (sigpending shows it, a
 * standard signal is not queued twice) and is delivered by the unblocking call;
 * SIGKILL and SIGSTOP are silently left out of the mask; SIG_SETMASK returns the
 * old mask; bad `how` and bad sigsetsize give EINVAL.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/syscall.h>

static volatile int hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	sigset_t set, old, pend, now;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_OK("block SIGUSR1", sigprocmask(SIG_BLOCK, &set, &old));
	CHECK("old mask was empty of SIGUSR1", !sigismember(&old, SIGUSR1), "was blocked");

	hits = 0;
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	CHECK("blocked signal not delivered", hits == 0, "hits %d", hits);
	sigpending(&pend);
	CHECK("blocked signal pending", sigismember(&pend, SIGUSR1) == 1, "not pending");
	CHECK("other signals not pending", !sigismember(&pend, SIGUSR2), "SIGUSR2 pending");

	CHECK_OK("unblock SIGUSR1", sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK("unblock delivers exactly once (standard signals merge)", hits == 1, "hits %d", hits);
	sigpending(&pend);
	CHECK("nothing pending after delivery", !sigismember(&pend, SIGUSR1), "still pending");

	/* Ignored while blocked: the pending signal is discarded when it becomes ignored. */
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	signal(SIGUSR1, SIG_IGN);
	sigpending(&pend);
	CHECK("setting SIG_IGN discards pending", !sigismember(&pend, SIGUSR1), "still pending");
	signal(SIGUSR1, on_usr1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);

	/* SIGKILL and SIGSTOP cannot be blocked: the kernel drops them from the new mask. */
	sigset_t all;
	sigfillset(&all);
	sigaddset(&all, SIGKILL);
	sigaddset(&all, SIGSTOP);
	CHECK_OK("raw block everything", syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8));
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &now, 8);
	CHECK("SIGKILL not blocked", !sigismember(&now, SIGKILL), "blocked");
	CHECK("SIGSTOP not blocked", !sigismember(&now, SIGSTOP), "blocked");
	CHECK("SIGTERM blocked", sigismember(&now, SIGTERM) == 1, "not blocked");
	CHECK("SIGRTMAX blocked", sigismember(&now, SIGRTMAX) == 1, "not blocked");

	sigset_t prev;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_OK("SIG_SETMASK", syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &prev, 8));
	CHECK("SIG_SETMASK returns previous mask", sigismember(&prev, SIGTERM) == 1 &&
	      !sigismember(&prev, SIGKILL), "previous mask differs");
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &now, 8);
	CHECK("SIG_SETMASK replaces", sigismember(&now, SIGUSR2) == 1 && !sigismember(&now, SIGTERM),
	      "mask differs");

	CHECK_ERR("bad how", syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8), EINVAL);
	CHECK_ERR("bad sigsetsize", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
	CHECK_OK("bad how ignored when set is NULL", syscall(SYS_rt_sigprocmask, 7, NULL, &now, 8));
	CHECK_ERR("rt_sigpending bad sigsetsize", syscall(SYS_rt_sigpending, &pend, 16), EINVAL);

	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	return contract_end();
}
