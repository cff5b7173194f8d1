/*
 * cloexec_across_exec — close-on-exec really closes at execve: the program re-executes
 * itself (argv[0]) with the fd numbers as arguments; in the new image an fd marked
 * FD_CLOEXEC (by open, fcntl, dup3 or F_DUPFD_CLOEXEC) is gone (EBADF) and a plain one is
 * still open, at the same offset, with its status flags and no FD_CLOEXEC.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void after_exec(char **argv)
{
	int keep = atoi(argv[2]), gone1 = atoi(argv[3]), gone2 = atoi(argv[4]), gone3 = atoi(argv[5]);
	int gone4 = atoi(argv[6]);
	CHECK_RET("plain_fd_survives", fcntl(keep, F_GETFD), 0);
	CHECK_RET("offset_survives", lseek(keep, 0, SEEK_CUR), 2);
	CHECK_RET("status_flags_survive", fcntl(keep, F_GETFL) & O_APPEND, O_APPEND);
	CHECK_ERR("open_cloexec_closed", fcntl(gone1, F_GETFD), EBADF);
	CHECK_ERR("setfd_cloexec_closed", fcntl(gone2, F_GETFD), EBADF);
	CHECK_ERR("dup3_cloexec_closed", fcntl(gone3, F_GETFD), EBADF);
	CHECK_ERR("dupfd_cloexec_closed", fcntl(gone4, F_GETFD), EBADF);
	char c;
	CHECK_RET("plain_fd_reads", read(keep, &c, 1), 1);
}

int main(int argc, char **argv)
{
	if (argc == 7 && !strcmp(argv[1], "after-exec")) {
		after_exec(argv);
		return contract_failures ? 1 : 0; /* the verdict line is the parent's */
	}
	const char *path = "/tmp/c_cloexec_across_exec";
	int keep = open(path, O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644);
	write(keep, "abcd", 4);
	lseek(keep, 2, SEEK_SET);
	int gone1 = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int gone2 = open("/dev/null", O_RDONLY);
	fcntl(gone2, F_SETFD, FD_CLOEXEC);
	int gone3 = gone2 + 5;
	syscall(SYS_dup3, keep, gone3, O_CLOEXEC);
	int gone4 = fcntl(keep, F_DUPFD_CLOEXEC, gone3 + 1);
	CHECK_RET("before_exec_cloexec_set", fcntl(gone4, F_GETFD), FD_CLOEXEC);

	/* Run the new image in a child so that this process can clean up afterwards. */
	char a[5][16];
	int fds[5] = { keep, gone1, gone2, gone3, gone4 };
	for (int i = 0; i < 5; i++)
		snprintf(a[i], sizeof a[i], "%d", fds[i]);
	pid_t child = fork();
	if (child == 0) {
		char *args[] = { argv[0], "after-exec", a[0], a[1], a[2], a[3], a[4], NULL };
		char *env[] = { NULL };
		execve(argv[0], args, env);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	CHECK("new_image_passed", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK_RET("cloexec_fds_still_open_here", fcntl(gone1, F_GETFD), FD_CLOEXEC);
	unlink(path);
	return contract_end();
}
