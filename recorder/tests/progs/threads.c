/* Recorder test program: three threads that make syscalls. Written so that every task
 * makes the same syscalls with the same results in every run: the main thread waits for
 * each thread's write before creating the next, lets them all go with one write, and
 * every thread, main included, ends with the exit syscall (no join, whose futex calls
 * depend on timing); the process ends when the last thread exits. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static int up[2], down[2];

static void *worker(void *arg)
{
	char c = (char)('a' + (long)arg);
	if (write(up[1], &c, 1) != 1 || read(down[0], &c, 1) != 1)
		syscall(SYS_exit, 1);
	syscall(SYS_exit, 0);
	return NULL;
}

int main(void)
{
	pthread_t t;
	char c;
	if (pipe(up) || pipe(down))
		return 1;
	for (long k = 0; k < 3; k++)
		if (pthread_create(&t, NULL, worker, (void *)k) || read(up[0], &c, 1) != 1)
			return 1;
	printf("three threads wrote\n");
	fflush(stdout);
	if (write(down[1], "xyz", 3) != 3)
		return 1;
	syscall(SYS_exit, 0);
	return 0;
}
