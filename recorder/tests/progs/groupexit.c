/* Recorder test program: two threads block in read(2) forever; once both have said so
 * (and are asleep in read, which the main thread checks in /proc), the main thread calls
 * exit_group(5), which kills them inside their reads. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int up[2], never[2];

static void *blocker(void *arg)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);
	char c;
	(void)arg;
	if (write(up[1], &tid, sizeof tid) != sizeof tid)
		return NULL;
	if (read(never[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static void wait_in_read(pid_t tid)
{
	char path[64], buf[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
	for (;;) {
		int fd = open(path, O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n > 2 && !strncmp(buf, "0 ", 2))
			return;
		usleep(1000);
	}
}

int main(void)
{
	pthread_t t;
	pid_t tid;
	if (pipe(up) || pipe(never))
		return 1;
	for (int k = 0; k < 2; k++) {
		if (pthread_create(&t, NULL, blocker, NULL) || read(up[0], &tid, sizeof tid) != sizeof tid)
			return 1;
		wait_in_read(tid);
	}
	syscall(SYS_exit_group, 5);
	return 0;
}
