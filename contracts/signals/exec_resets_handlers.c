/*
 * exec_resets_handlers — across execve, handled signals go back to SIG_DFL,
 * ignored signals stay ignored, the signal mask is kept, pending signals stay
 * pending and the alternate signal stack is dropped. The program re-executes
 * itself through /proc/self/exe with the argument "after-exec".
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>

static void on_signal(int sig)
{
	(void)sig;
}

static void after_exec(void)
{
	struct sigaction sa;
	sigset_t now, pend;

	sigaction(SIGUSR1, NULL, &sa);
	CHECK("handled signal reset to SIG_DFL", sa.sa_handler == SIG_DFL, "not SIG_DFL");
	sigaction(SIGINT, NULL, &sa);
	CHECK("handled SIGINT reset to SIG_DFL", sa.sa_handler == SIG_DFL, "not SIG_DFL");
	sigaction(SIGUSR2, NULL, &sa);
	CHECK("ignored signal stays ignored", sa.sa_handler == SIG_IGN, "not SIG_IGN");
	sigaction(SIGHUP, NULL, &sa);
	CHECK("default signal stays default", sa.sa_handler == SIG_DFL, "not SIG_DFL");

	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("blocked mask kept", sigismember(&now, SIGTERM) == 1 && sigismember(&now, SIGINT) == 1,
	      "mask lost");
	CHECK("unblocked stay unblocked", !sigismember(&now, SIGUSR1), "SIGUSR1 blocked");
	sigpending(&pend);
	CHECK("pending signal kept", sigismember(&pend, SIGTERM) == 1, "not pending");

	stack_t ss;
	sigaltstack(NULL, &ss);
	CHECK("alternate stack dropped", (ss.ss_flags & SS_DISABLE) != 0, "flags %#x", ss.ss_flags);

	/* The kept pending SIGTERM is ignored by switching it to SIG_IGN before unblocking. */
	signal(SIGTERM, SIG_IGN);
	sigprocmask(SIG_UNBLOCK, &now, NULL);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
		after_exec();
		return contract_end();
	}

	CHECK("handler installed", signal(SIGUSR1, on_signal) != SIG_ERR, "signal failed");
	signal(SIGINT, on_signal);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGHUP, SIG_DFL);

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGTERM);

	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	CHECK_OK("sigaltstack before exec", sigaltstack(&ss, NULL));

	char *args[] = { argv[0], "after-exec", NULL };
	char *envp[] = { "CONTRACT=exec", NULL };
	execve("/proc/self/exe", args, envp);
	CHECK("execve /proc/self/exe", 0, "failed with %s", strerrorname(errno));
	return contract_end();
}
