/*
 * sigaction_siginfo — SA_SIGINFO handlers receive si_signo, si_code and the sender's
 * pid/uid; sa_mask and the signal itself are blocked while the handler runs;
 * SA_RESETHAND and SA_NODEFER; sigaction read-back and its errors.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <sys/syscall.h>

static volatile int hits;
static siginfo_t last_info;
static void *last_ctx;
static sigset_t mask_in_handler;

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	hits++;
	last_info = *si;
	last_ctx = ctx;
	sigprocmask(SIG_BLOCK, NULL, &mask_in_handler);
}

static int install(int sig, int flags, int extra_masked)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	if (extra_masked)
		sigaddset(&sa.sa_mask, extra_masked);
	return sigaction(sig, &sa, NULL);
}

int main(void)
{
	pid_t me = getpid();
	sigset_t now;

	CHECK_OK("install SIGUSR1 handler", install(SIGUSR1, 0, SIGUSR2));

	struct sigaction old;
	memset(&old, 0, sizeof old);
	sigaction(SIGUSR1, NULL, &old);
	CHECK("read back handler", old.sa_sigaction == on_signal, "handler differs");
	CHECK("read back SA_SIGINFO", (old.sa_flags & SA_SIGINFO) != 0, "flags %#x", old.sa_flags);
	CHECK("read back sa_mask", sigismember(&old.sa_mask, SIGUSR2) == 1 &&
	      sigismember(&old.sa_mask, SIGINT) == 0, "mask differs");

	hits = 0;
	kill(me, SIGUSR1);
	CHECK("kill self delivers before return", hits == 1, "hits %d", hits);
	CHECK("si_signo", last_info.si_signo == SIGUSR1, "got %d", last_info.si_signo);
	CHECK("si_code SI_USER for kill", last_info.si_code == SI_USER, "got %d", last_info.si_code);
	CHECK("si_pid is sender", last_info.si_pid == me, "differs from getpid");
	CHECK("si_uid is sender's uid", last_info.si_uid == getuid(), "differs from getuid");
	CHECK("ucontext passed", last_ctx != NULL, "NULL context");
	CHECK("signal blocked in handler", sigismember(&mask_in_handler, SIGUSR1) == 1, "not blocked");
	CHECK("sa_mask blocked in handler", sigismember(&mask_in_handler, SIGUSR2) == 1, "not blocked");
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("mask restored after handler", !sigismember(&now, SIGUSR1) && !sigismember(&now, SIGUSR2),
	      "still blocked");

	hits = 0;
	raise(SIGUSR1);
	CHECK("raise si_code SI_TKILL", hits == 1 && last_info.si_code == SI_TKILL,
	      "hits %d code %d", hits, last_info.si_code);

	hits = 0;
	union sigval v = { .sival_int = 4242 };
	CHECK_OK("sigqueue", sigqueue(me, SIGUSR1, v));
	CHECK("sigqueue si_code SI_QUEUE", hits == 1 && last_info.si_code == SI_QUEUE,
	      "hits %d code %d", hits, last_info.si_code);
	CHECK("sigqueue si_value", last_info.si_value.sival_int == 4242, "got %d",
	      last_info.si_value.sival_int);

	/* SA_NODEFER: the signal stays deliverable inside its own handler. */
	install(SIGUSR2, SA_NODEFER, 0);
	hits = 0;
	kill(me, SIGUSR2);
	CHECK("SA_NODEFER leaves signal unblocked", hits == 1 && !sigismember(&mask_in_handler, SIGUSR2),
	      "hits %d blocked %d", hits, sigismember(&mask_in_handler, SIGUSR2));

	/* SA_RESETHAND: one delivery, then the default disposition. */
	install(SIGUSR2, SA_RESETHAND, 0);
	hits = 0;
	kill(me, SIGUSR2);
	sigaction(SIGUSR2, NULL, &old);
	CHECK("SA_RESETHAND handled once", hits == 1, "hits %d", hits);
	CHECK("SA_RESETHAND resets to SIG_DFL", old.sa_handler == SIG_DFL, "not SIG_DFL");

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	CHECK_ERR("sigaction SIGKILL", sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR("sigaction SIGSTOP", sigaction(SIGSTOP, &sa, NULL), EINVAL);
	CHECK_ERR("sigaction signal 0", syscall(SYS_rt_sigaction, 0, &sa, NULL, 8), EINVAL);
	CHECK_ERR("sigaction signal 65", syscall(SYS_rt_sigaction, 65, NULL, &old, 8), EINVAL);
	CHECK_ERR("rt_sigaction bad sigsetsize", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4), EINVAL);
	CHECK_OK("query SIGKILL disposition", sigaction(SIGKILL, NULL, &old));
	CHECK("SIGKILL disposition is SIG_DFL", old.sa_handler == SIG_DFL, "not SIG_DFL");

	return contract_end();
}
