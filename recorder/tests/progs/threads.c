/* Recorder test program: threads that make syscalls, joined by the main thread. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int fds[2];

static void *worker(void *arg)
{
	long k = (long)arg;
	char c = (char)('a' + k);
	if (write(fds[1], &c, 1) != 1)
		return (void *)1;
	return NULL;
}

int main(void)
{
	pthread_t t[3];
	char buf[3];
	if (pipe(fds))
		return 1;
	for (long k = 0; k < 3; k++)
		if (pthread_create(&t[k], NULL, worker, (void *)k))
			return 1;
	for (int k = 0; k < 3; k++)
		pthread_join(t[k], NULL);
	if (read(fds[0], buf, 3) != 3)
		return 1;
	printf("threads wrote 3 bytes\n");
	return 0;
}
