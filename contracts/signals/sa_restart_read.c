/*
 * sa_restart_read — a signal caught while read() blocks on an empty pipe:
 * with SA_RESTART the read resumes after the handler and returns the byte the
 * handler wrote; without it the read fails with EINTR; poll() is never restarted
 * (EINTR even with SA_RESTART), as signal(7) documents.
 *
 * The signal comes from a 300 ms ITIMER_REAL timer, so this relies on the process
 * entering the blocking call within 300 ms (nothing can arm a timer atomically
 * with a read).
 */
#define _GNU_SOURCE
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/time.h>

static int pipefd[2];
static volatile int hits;

static void on_alarm(int sig)
{
	(void)sig;
	hits++;
	write(pipefd[1], "h", 1);
}

static void arm(int restart)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { .it_interval = { 0, 0 }, .it_value = { 0, 300000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	char buf[16];

	pipe(pipefd);

	hits = 0;
	arm(1);
	ssize_t n = read(pipefd[0], buf, sizeof buf);
	CHECK("SA_RESTART: read resumes and returns the handler's byte", n == 1 && buf[0] == 'h',
	      "returned %zd errno %s", n, strerrorname(errno));
	CHECK("SA_RESTART: handler ran once", hits == 1, "hits %d", hits);

	hits = 0;
	arm(0);
	errno = 0;
	n = read(pipefd[0], buf, sizeof buf);
	CHECK("no SA_RESTART: read fails with EINTR", n == -1 && errno == EINTR,
	      "returned %zd errno %s", n, strerrorname(errno));
	CHECK("no SA_RESTART: handler ran once", hits == 1, "hits %d", hits);
	n = read(pipefd[0], buf, sizeof buf);
	CHECK("byte written by the handler is there", n == 1 && buf[0] == 'h', "returned %zd", n);

	/* poll is not restarted: its wakeup would need a second pipe, so poll one nobody writes. */
	int quiet[2];
	pipe(quiet);
	hits = 0;
	arm(1);
	struct pollfd pfd = { .fd = quiet[0], .events = POLLIN };
	errno = 0;
	int r = poll(&pfd, 1, -1);
	CHECK("poll fails with EINTR despite SA_RESTART", r == -1 && errno == EINTR,
	      "returned %d errno %s", r, strerrorname(errno));
	CHECK("poll: handler ran once", hits == 1, "hits %d", hits);
	read(pipefd[0], buf, sizeof buf);

	signal(SIGALRM, SIG_DFL);
	return contract_end();
}
