/*
 * umask_inherit — umask returns the previous mask and only keeps the 0777 bits;
 * new files get mode & ~umask (open, mkdir); a child inherits the mask across
 * fork and execve, and its changes do not reach the parent.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define DIR_ "/tmp/umask_inherit.d"

static mode_t mode_of(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return (mode_t)-1;
	return st.st_mode & 07777;
}

int main(int argc, char **argv)
{
	sigchld_quiet();
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
		mode_t m = umask(0);
		return m == 027 ? 0 : 1;
	}

	mode_t start = umask(022);
	umask(start);
	CHECK("umask returns the previous mask", umask(022) == start, "differs");

	CHECK("umask keeps only 0777 bits", (umask(07777), umask(022)) == 0777, "extra bits kept");

	contract_rmtree(DIR_);
	umask(077);
	CHECK_OK("mkdir under umask 077", mkdir(DIR_, 0777));
	CHECK("directory mode 0700", mode_of(DIR_) == 0700, "mode %o", mode_of(DIR_));
	umask(022);
	int fd = open(DIR_ "/f", O_WRONLY | O_CREAT, 0666);
	close(fd);
	CHECK("file mode 0644 under umask 022", mode_of(DIR_ "/f") == 0644, "mode %o", mode_of(DIR_ "/f"));
	umask(0);
	fd = open(DIR_ "/g", O_WRONLY | O_CREAT, 0666);
	close(fd);
	CHECK("file mode 0666 under umask 0", mode_of(DIR_ "/g") == 0666, "mode %o", mode_of(DIR_ "/g"));
	CHECK_OK("chmod ignores umask", chmod(DIR_ "/g", 0777));
	CHECK("chmod mode 0777", mode_of(DIR_ "/g") == 0777, "mode %o", mode_of(DIR_ "/g"));

	umask(027);
	pid_t pid = fork();
	if (pid == 0) {
		mode_t m = umask(0);
		_exit(m == 027 ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK("fork inherits the umask", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK("child's change stays in the child", umask(027) == 027, "parent changed");

	pid = fork();
	if (pid == 0) {
		char *args[] = { argv[0], "after-exec", NULL };
		char *envp[] = { NULL };
		execve("/proc/self/exe", args, envp);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	CHECK("execve keeps the umask", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);

	umask(start);
	contract_rmtree(DIR_);
	return contract_end();
}
