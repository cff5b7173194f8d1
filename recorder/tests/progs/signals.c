/* Recorder test program: a handled signal interrupts a blocking read (restarted with
 * SA_RESTART the first time, failing with EINTR the second), then the program kills
 * itself with SIGTERM. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int p[2];
static volatile int hits;

static void on_alarm(int sig)
{
	(void)sig;
	if (++hits == 2 && write(p[1], "x", 1) != 1)
		_exit(3);
}

int main(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
	char c;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	if (pipe(p))
		return 1;
	setitimer(ITIMER_REAL, &it, NULL);
	ssize_t n = read(p[0], &c, 1);      /* restarted after the first alarm */
	printf("read %zd after %d alarms\n", n, hits);
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);
	n = read(p[0], &c, 1);              /* no data: the next alarm interrupts it */
	printf("read %zd errno %s\n", n, n < 0 && errno == EINTR ? "EINTR" : "?");
	fflush(stdout);
	kill(getpid(), SIGTERM);
	return 0;
}
