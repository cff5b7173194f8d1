/*
 * execve_argv_envp — execve passes argv and envp exactly (empty strings, count,
 * order, NULL end) and keeps the pid; close-on-exec fds are closed and others
 * stay open; errors: ENOENT for a missing file, EACCES for a file without execute
 * permission or a directory, ENOEXEC for an executable file in no known format,
 * EFAULT for a bad path. The program re-executes itself via /proc/self/exe.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

static int after_exec(int argc, char **argv)
{
	CHECK("argc", argc == 5, "got %d", argc);
	CHECK("argv[1]", strcmp(argv[1], "after-exec") == 0, "differs");
	CHECK("argv[2] empty string kept", argc > 2 && argv[2][0] == '\0', "differs");
	CHECK("argv[3] with spaces", argc > 3 && strcmp(argv[3], "two words") == 0, "differs");
	CHECK("argv[4] fd numbers", argc > 4 && strcmp(argv[4], "10,11") == 0, "differs");
	CHECK("argv NULL-terminated", argv[argc] == NULL, "no NULL");

	int n = 0;
	while (environ[n])
		n++;
	CHECK("envp count", n == 3, "got %d", n);
	CHECK("envp[0]", n > 0 && strcmp(environ[0], "A=1") == 0, "differs");
	CHECK("envp[1] empty value", n > 1 && strcmp(environ[1], "EMPTY=") == 0, "differs");
	CHECK("envp[2] without '='", n > 2 && strcmp(environ[2], "NOEQUALS") == 0, "differs");
	CHECK("getenv sees it", getenv("A") && strcmp(getenv("A"), "1") == 0, "no A");

	CHECK("fd without FD_CLOEXEC stays open", fcntl(10, F_GETFD) == 0, "fd 10 state differs");
	CHECK_ERR("FD_CLOEXEC fd closed", fcntl(11, F_GETFD), EBADF);
	/* The parent prints the verdict; the exit status carries ours. */
	return contract_failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	sigchld_quiet();
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0)
		return after_exec(argc, argv);

	char *nothing[] = { "x", NULL };
	CHECK_ERR("missing file", execve("/tmp/no-such-program", nothing, environ), ENOENT);
	CHECK_ERR("directory", execve("/tmp", nothing, environ), EACCES);
	CHECK_ERR("bad path pointer", syscall(SYS_execve, (char *)8, nothing, environ), EFAULT);

	int fd = open("/tmp/execve_argv_envp.noexec", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(fd, "plain text\n", 11);
	close(fd);
	CHECK_ERR("no execute permission", execve("/tmp/execve_argv_envp.noexec", nothing, environ), EACCES);
	chmod("/tmp/execve_argv_envp.noexec", 0755);
	/* A file in no known format: the kernel says ENOEXEC (a shell would then try it as a script). */
	CHECK_ERR("unknown format", syscall(SYS_execve, "/tmp/execve_argv_envp.noexec", nothing, environ), ENOEXEC);
	unlink("/tmp/execve_argv_envp.noexec");

	/* A failed exec in a child does not kill it; a successful one keeps the pid. */
	int p[2];
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 10);
		dup2(p[1], 11);
		fcntl(11, F_SETFD, FD_CLOEXEC);
		char *args[] = { argv[0], "after-exec", "", "two words", "10,11", NULL };
		char *envp[] = { "A=1", "EMPTY=", "NOEQUALS", NULL };
		execve("/proc/self/exe", args, envp);
		_exit(127);
	}
	close(p[1]);
	int status;
	waitpid(pid, &status, 0);
	CHECK("re-executed child passed", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	return contract_end();
}
