/*
 * fork_shared_offset — after fork, parent and child share each open file description: a
 * child's read or write moves the parent's offset, F_SETFL in the child changes the
 * parent's flags, while FD_CLOEXEC (per descriptor) and closing in the child do not touch
 * the parent. Ordered with wait, never with sleeps.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/wait.h>

int main(void)
{
	const char *path = "/tmp/c_fork_shared_offset";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "0123456789", 10);
	lseek(fd, 2, SEEK_SET);
	pid_t child = fork();
	if (child == 0) {
		char buf[3];
		int ok = lseek(fd, 0, SEEK_CUR) == 2;    /* inherited offset */
		ok &= read(fd, buf, 3) == 3;              /* moves the shared offset to 5 */
		ok &= fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND) == 0;
		ok &= fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;  /* this descriptor only */
		close(fd);                                /* the parent's stays open */
		_exit(ok ? 0 : 1);
	}
	int status;
	waitpid(child, &status, 0);
	CHECK("child_saw_inherited_offset", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK_RET("offset_moved_by_child", lseek(fd, 0, SEEK_CUR), 5);
	CHECK_RET("flags_changed_by_child", fcntl(fd, F_GETFL) & (O_NONBLOCK | O_APPEND), O_NONBLOCK | O_APPEND);
	CHECK_RET("cloexec_is_per_descriptor", fcntl(fd, F_GETFD), 0);
	char c = 0;
	CHECK_RET("parent_reads_after_child_close", read(fd, &c, 1), 1);
	CHECK("parent_reads_next_byte", c == '5', "read %c", c);

	/* A file opened separately in the child has its own offset. */
	child = fork();
	if (child == 0) {
		int own = open(path, O_RDONLY);
		char b;
		read(own, &b, 1);
		_exit(b == '0' ? 0 : 1);
	}
	waitpid(child, &status, 0);
	CHECK("separate_open_own_offset", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK_RET("parent_offset_untouched_by_separate_open", lseek(fd, 0, SEEK_CUR), 6);
	unlink(path);
	return contract_end();
}
