/*
 * sigpipe_epipe — writing to a pipe whose read end is closed raises SIGPIPE
 * (si_code SI_USER, si_pid our own pid, as the kernel sends it) and fails with
 * EPIPE: by default SIGPIPE kills; ignored, the write just fails with EPIPE;
 * handled, the handler runs first; blocked, it stays pending. The same holds
 * for a stream socket whose peer is closed, and MSG_NOSIGNAL suppresses it.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

static volatile int hits, code;
static volatile pid_t sender;

static void on_pipe(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	hits++;
	code = si->si_code;
	sender = si->si_pid;
}

static int broken_pipe(void)
{
	int p[2];
	pipe(p);
	close(p[0]);
	return p[1];
}

int main(void)
{
	sigchld_quiet();
	int fd;

	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		fd = broken_pipe();
		write(fd, "x", 1);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK("default SIGPIPE kills the writer", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "status %#x", status);

	signal(SIGPIPE, SIG_IGN);
	fd = broken_pipe();
	CHECK_ERR("ignored: write fails with EPIPE", write(fd, "x", 1), EPIPE);
	close(fd);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_pipe;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGPIPE, &sa, NULL);
	fd = broken_pipe();
	CHECK_ERR("handled: write fails with EPIPE", write(fd, "x", 1), EPIPE);
	CHECK("handler ran once", hits == 1, "hits %d", hits);
	CHECK("si_code SI_USER", code == SI_USER, "got %d", code);
	CHECK("si_pid is the writer itself", sender == getpid(), "differs");

	sigset_t set, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	hits = 0;
	CHECK_ERR("blocked: write fails with EPIPE", write(fd, "x", 1), EPIPE);
	sigpending(&pend);
	CHECK("blocked: SIGPIPE pending", sigismember(&pend, SIGPIPE) == 1 && hits == 0, "not pending");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK("unblocking delivers it", hits == 1, "hits %d", hits);
	close(fd);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	hits = 0;
	CHECK_ERR("socket with closed peer: EPIPE", write(sv[0], "x", 1), EPIPE);
	CHECK("socket with closed peer: SIGPIPE", hits == 1, "hits %d", hits);
	hits = 0;
	CHECK_ERR("MSG_NOSIGNAL: EPIPE", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	CHECK("MSG_NOSIGNAL: no SIGPIPE", hits == 0, "hits %d", hits);
	close(sv[0]);
	return contract_end();
}
