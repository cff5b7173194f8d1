/* Recorder test program: fork, a pipe between parent and child, wait. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2], status;
	char buf[64];
	if (pipe(p))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		const char *m = "from the child";
		_exit(write(p[1], m, strlen(m)) == (ssize_t)strlen(m) ? 3 : 4);
	}
	close(p[1]);
	ssize_t n = read(p[0], buf, sizeof buf);
	if (n < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	printf("parent read %zd bytes: %.*s; child exit %d\n", n, (int)n, buf, WEXITSTATUS(status));
	return 0;
}
