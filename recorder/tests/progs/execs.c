/* Recorder test program: vfork+execve, then execve from a thread that is not the
 * leader. Prints a line at each stage. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *const env[] = { "A=1", NULL };

static void *exec_from_thread(void *arg)
{
	(void)arg;
	char *const argv[] = { "echo", "exec'd from a thread", NULL };
	execve("/bin/busybox", argv, env);
	return NULL;
}

int main(void)
{
	int status;
	pthread_t t;
	pid_t pid = vfork();
	if (pid == 0) {
		char *const argv[] = { "true", NULL };
		execve("/bin/busybox", argv, env);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	printf("vfork child exit %d\n", WEXITSTATUS(status));
	fflush(stdout);
	pthread_create(&t, NULL, exec_from_thread, NULL);
	pthread_join(t, NULL);
	return 1;
}
