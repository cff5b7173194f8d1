/* The recorder's side of the sandbox: checks, pipes, cloning init into new namespaces,
 * and the short conversation with it (see sandbox.h). Also the fixed environment and
 * rlimits, which the trace header records. */
#include "sandbox.h"
#include "sandbox_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

const char *const sandbox_env[] = {
	"PATH=/bin:/sbin:/usr/bin:/usr/sbin",
	"HOME=/root",
	"TERM=dumb",
	"LANG=C",
	NULL,
};

#define MiB (1024ul * 1024)
const struct rlimit sandbox_rlimits[SANDBOX_NRLIMITS] = {
	[RLIMIT_CPU]        = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE]      = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA]       = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK]      = { 8 * MiB, RLIM_INFINITY },
	[RLIMIT_CORE]       = { 0, RLIM_INFINITY },
	[RLIMIT_RSS]        = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC]      = { 4096, 4096 },
	[RLIMIT_NOFILE]     = { 1024, 4096 },
	[RLIMIT_MEMLOCK]    = { 8 * MiB, 8 * MiB },
	[RLIMIT_AS]         = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS]      = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING] = { 4096, 4096 },
	[RLIMIT_MSGQUEUE]   = { 819200, 819200 },
	[RLIMIT_NICE]       = { 0, 0 },
	[RLIMIT_RTPRIO]     = { 0, 0 },
	[RLIMIT_RTTIME]     = { RLIM_INFINITY, RLIM_INFINITY },
};

static int failf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* Reads one line from the control pipe; returns its length, 0 at EOF. */
static ssize_t ctl_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	while (n + 1 < size) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = 0;
	return (ssize_t)n;
}

/* build/recorder/lockstep-init, next to this program. */
static int open_init_exe(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash || (size_t)(slash - exe) + sizeof "/lockstep-init" > sizeof exe) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(slash, "/lockstep-init");
	return open(exe, O_RDONLY | O_CLOEXEC);
}

/* The program's process is init's only child when init says "ready". */
static pid_t find_child(pid_t init)
{
	char path[64];
	long pid = 0;
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", init, init);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = -1;
	fclose(f);
	return (pid_t)pid;
}

int sandbox_start(struct sandbox *sb, const char *root, char *const argv[], char *err, size_t errlen)
{
	char abs_root[PATH_MAX], line[4600];
	int ctl[2], go[2], out[2], errp[2];
	struct stat st;

	memset(sb, 0, sizeof *sb);
	sb->init_pid = sb->prog_pid = -1;
	if (geteuid() != 0)
		return failf(err, errlen, "must run as root (namespaces, mounts and chroot need it)");
	if (stat(root, &st) || !S_ISDIR(st.st_mode) || !realpath(root, abs_root))
		return failf(err, errlen, "root directory '%s' does not exist (build it with 'make root')", root);
	if (!strcmp(abs_root, "/"))
		return failf(err, errlen, "the root directory cannot be the host's /");
	int init_exe = open_init_exe();
	if (init_exe < 0)
		return failf(err, errlen, "cannot open lockstep-init next to the recorder (make recorder): %s",
			     strerror(errno));
	if (pipe2(ctl, O_CLOEXEC) || pipe2(go, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(errp, O_CLOEXEC))
		return failf(err, errlen, "pipe: %s", strerror(errno));

	struct sandbox_init_args a = {
		.root = abs_root, .argv = argv, .ctl_w = ctl[1], .go_r = go[0],
		.out_w = { out[1], errp[1] }, .init_exe = init_exe,
	};
	fflush(NULL);
	long pid = syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | SIGCHLD,
			   NULL, NULL, NULL, 0);
	if (pid < 0) {
		int e = errno;
		return failf(err, errlen, "cannot create the sandbox's namespaces (pid, mount, uts, ipc, net): %s",
			     strerror(e));
	}
	if (pid == 0) {
		close(ctl[0]); close(go[1]); close(out[0]); close(errp[0]);
		sandbox_init_main(&a);
	}
	sb->init_pid = (pid_t)pid;
	close(ctl[1]); close(go[0]); close(out[1]); close(errp[1]); close(init_exe);
	sb->ctl_fd = ctl[0];
	sb->go_fd = go[1];
	sb->out_fd[0] = out[0];
	sb->out_fd[1] = errp[0];

	for (;;) {
		if (ctl_line(sb->ctl_fd, line, sizeof line) <= 0) {
			int status = 0;
			waitpid(sb->init_pid, &status, 0);
			return failf(err, errlen, "the sandbox's init died during setup (status 0x%x)", status);
		}
		char *arg = strchr(line, ' ');
		arg = arg ? arg + 1 : line + strlen(line);
		if (!strncmp(line, "error ", 6) || !strncmp(line, "notfound ", 9) ||
		    !strncmp(line, "copyfail ", 9)) {
			waitpid(sb->init_pid, NULL, 0);
			failf(err, errlen, "%s", arg);
			return line[0] == 'n' ? -2 : line[0] == 'c' ? -3 : -1;
		} else if (!strncmp(line, "hash ", 5)) {
			sscanf(arg, "%64s %lu %llu", sb->root_hash, &sb->root_files, &sb->root_bytes);
		} else if (!strncmp(line, "prog ", 5)) {
			snprintf(sb->prog_path, sizeof sb->prog_path, "%s", arg);
		} else if (!strncmp(line, "ready", 5)) {
			break;
		}
	}
	sb->prog_pid = find_child(sb->init_pid);
	if (sb->prog_pid <= 0) {
		kill(sb->init_pid, SIGKILL);
		waitpid(sb->init_pid, NULL, 0);
		return failf(err, errlen, "cannot find the program's process (is /proc/PID/task/TID/children there?)");
	}
	return 0;
}

int sandbox_go(struct sandbox *sb)
{
	char c = 'g';
	int rc = write(sb->go_fd, &c, 1) == 1 ? 0 : -1;
	close(sb->go_fd);
	sb->go_fd = -1;
	return rc;
}

void sandbox_exec_error(struct sandbox *sb, char *msg, size_t len)
{
	char line[4600];
	msg[0] = 0;
	while (ctl_line(sb->ctl_fd, line, sizeof line) > 0)
		if (!strncmp(line, "error ", 6)) {
			snprintf(msg, len, "%s", line + 6);
			return;
		}
}

void sandbox_release(struct sandbox *sb)
{
	if (sb->ctl_fd >= 0)
		close(sb->ctl_fd);
	if (sb->go_fd >= 0)
		close(sb->go_fd);
	sb->ctl_fd = sb->go_fd = -1;
}
