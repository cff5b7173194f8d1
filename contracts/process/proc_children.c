/*
 * proc_children — /proc/self/task/<tid>/children lists the thread's children, each pid
 * followed by a space, in the order they were made; a zombie child stays listed until it is
 * reaped, and a reaped one is gone. Only the comparison with fork's results is printed.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <sys/wait.h>

static char buf[256];

static void read_children(void)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/children", getpid());
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	sigchld_quiet();
	int gate[2];
	char want[64];
	if (pipe(gate) != 0)
		return 1;
	pid_t a = fork();
	if (a == 0) {
		char c;
		close(gate[1]);
		read(gate[0], &c, 1);   /* until the parent closes its end */
		_exit(0);
	}
	pid_t b = fork();
	if (b == 0)
		_exit(3);
	static siginfo_t si;   /* not on the stack: waitid writes only its first fields */
	waitid(P_PID, b, &si, WEXITED | WNOWAIT);   /* b is a zombie now */

	read_children();
	snprintf(want, sizeof want, "%d %d ", a, b);
	CHECK("children lists both, in fork order, a zombie too", strcmp(buf, want) == 0, "differs");

	waitpid(b, NULL, 0);
	read_children();
	snprintf(want, sizeof want, "%d ", a);
	CHECK("a reaped child is gone", strcmp(buf, want) == 0, "differs");

	close(gate[1]);
	waitpid(a, NULL, 0);
	read_children();
	CHECK("no children: empty", buf[0] == '\0', "not empty");
	return contract_end();
}
