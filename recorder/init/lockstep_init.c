/* lockstep-init: pid 1 of the recording sandbox, once the sandbox is set up.
 *
 * The recorder's sandbox init (sandbox_init.c) forks the program's process, then execs
 * this small static program, so that what the program can see of pid 1 (/proc/1/cmdline,
 * comm, maps, fds, environment) is small and the same in every recording:
 * argv ["lockstep-init"], no environment, fds 0-2 on /dev/null. It tells the recorder it
 * is in place ("ready" on fd 3), reaps every child (orphans of the program's tree come
 * here), and exits once none is left, with the program's (pid 2's) status. */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int status, prog_status = 0;
	pid_t p;
	if (write(3, "ready\n", 6) != 6)
		return 125;
	close(3);
	for (;;) {
		p = wait(&status);
		if (p < 0 && errno == EINTR)
			continue;
		if (p < 0)
			break;
		if (p == 2)
			prog_status = status;
	}
	return WIFEXITED(prog_status) ? WEXITSTATUS(prog_status) : 128 + WTERMSIG(prog_status);
}
