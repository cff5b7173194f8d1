/* Recorder test program: a handled SIGALRM interrupts blocking reads, sent by a helper
 * thread once the main thread is asleep in read (it watches /proc/self/task/TID/syscall),
 * so the outcome never depends on timing. The first read has SA_RESTART: it is
 * interrupted (ERESTARTSYS), the handler writes a byte, and the restarted read returns
 * it. The second has no SA_RESTART and fails with EINTR. Then the program kills itself
 * with SIGTERM. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int p[2], alarms_wanted[2];
static pid_t main_tid;
static volatile int hits;

static void on_alarm(int sig)
{
	(void)sig;
	if (++hits == 1 && write(p[1], "x", 1) != 1)
		_exit(3);
}

/* Waits until the main thread sleeps in read(2), then sends it SIGALRM. */
static void alarm_main_in_read(void)
{
	char path[64], buf[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", main_tid);
	for (;;) {
		int fd = open(path, O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n > 2 && !strncmp(buf, "0 ", 2))
			break;
		usleep(1000);
	}
	syscall(SYS_tgkill, getpid(), main_tid, SIGALRM);
}

static void *helper(void *arg)
{
	char c;
	(void)arg;
	for (int k = 0; k < 2; k++)
		if (read(alarms_wanted[0], &c, 1) == 1)
			alarm_main_in_read();
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	pthread_t t;
	char c;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	main_tid = (pid_t)syscall(SYS_gettid);
	if (pipe(p) || pipe(alarms_wanted) || pthread_create(&t, NULL, helper, NULL))
		return 1;
	if (write(alarms_wanted[1], "1", 1) != 1)
		return 1;
	ssize_t n = read(p[0], &c, 1);
	printf("restarted read returned %zd after %d alarm\n", n, hits);
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);
	if (write(alarms_wanted[1], "2", 1) != 1)
		return 1;
	n = read(p[0], &c, 1);
	printf("second read: %s\n", n < 0 && errno == EINTR ? "EINTR" : "unexpected");
	fflush(stdout);
	kill(getpid(), SIGTERM);
	return 0;
}
