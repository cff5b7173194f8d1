/* Recorder test program: a child stops itself with SIGSTOP; the parent sees it stopped
 * (waitpid WUNTRACED), continues it with SIGCONT, and reaps it. Job control must behave
 * under the recorder as without it. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(7);
	}
	if (waitpid(pid, &status, WUNTRACED) != pid || !WIFSTOPPED(status))
		return 1;
	printf("child stopped by %d\n", WSTOPSIG(status));
	kill(pid, SIGCONT);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 2;
	printf("child exited %d\n", WEXITSTATUS(status));
	return 0;
}
