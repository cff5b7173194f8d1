/*
 * proc_self — /proc/self basics: readlink("/proc/self") is the pid; /proc/self/exe
 * links to this program's file (same device and inode); /proc/self/cmdline is argv
 * joined by NULs; /proc/self/status has Name (the same as /proc/self/comm), Pid,
 * PPid, Tgid and Uid lines matching the syscalls (only the file's stable first lines are read); /proc/self/stat starts with
 * "<pid> (<comm>) R <ppid>"; /proc/self/cwd follows chdir; /proc/self/fd links name
 * open files and pipes. After an execve through /proc/self/exe, the command name
 * is "exe". Nothing host-specific is printed.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char buf[8192];

static ssize_t slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t total = 0, n;
	while ((n = read(fd, buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* The value of a "Key:\t..." line of /proc/self/status (already in buf), or NULL. */
static const char *status_field(const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	for (const char *line = buf; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len > klen + 1 && strncmp(line, key, klen) == 0 && line[klen] == ':') {
			const char *v = line + klen + 1;
			while (*v == '\t' || *v == ' ')
				v++;
			size_t vlen = len - (size_t)(v - line);
			if (vlen >= outlen)
				vlen = outlen - 1;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return out;
		}
		line += len + (end ? 1 : 0);
	}
	return NULL;
}

static int number_field(const char *key)
{
	char v[64];
	return status_field(key, v, sizeof v) ? atoi(v) : -1;
}

int main(int argc, char **argv)
{
	sigchld_quiet();
	char link[4096], want[64], comm[64];
	ssize_t n;

	if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
		slurp("/proc/self/comm");
		return strcmp(buf, "exe\n") == 0 ? 0 : 1;
	}

	n = readlink("/proc/self", link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof want, "%d", getpid());
	CHECK("readlink /proc/self is the pid", n > 0 && strcmp(link, want) == 0, "differs");

	n = readlink("/proc/self/exe", link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("/proc/self/exe is an absolute path", n > 0 && link[0] == '/', "not absolute");
	struct stat a, b;
	CHECK("/proc/self/exe target is this file", stat(link, &a) == 0 && stat("/proc/self/exe", &b) == 0 &&
	      a.st_dev == b.st_dev && a.st_ino == b.st_ino, "different file");

	n = slurp("/proc/self/cmdline");
	int ok = n > 0;
	ssize_t off = 0;
	for (int i = 0; ok && i < argc; i++) {
		size_t len = strlen(argv[i]);
		ok = off + (ssize_t)len + 1 <= n && strcmp(buf + off, argv[i]) == 0;
		off += len + 1;
	}
	CHECK("cmdline is argv joined by NULs", ok && off == n, "differs");

	slurp("/proc/self/comm");
	size_t clen = strcspn(buf, "\n");
	if (clen >= sizeof comm)
		clen = sizeof comm - 1;
	memcpy(comm, buf, clen);
	comm[clen] = '\0';
	CHECK("comm non-empty, at most 15 chars", comm[0] != '\0' && strlen(comm) <= 15, "bad length");

	/* One read of a fixed 160 bytes (the file is longer): its first lines (Name .. Uid) are
	   stable, while later ones (memory and context-switch counters) change from run to run,
	   and the trace of a contract must not. */
	int stfd = open("/proc/self/status", O_RDONLY);
	ssize_t stn = read(stfd, buf, 160);
	close(stfd);
	buf[stn > 0 ? stn : 0] = '\0';
	char name[64];
	CHECK("status Name equals comm", status_field("Name", name, sizeof name) && strcmp(name, comm) == 0,
	      "differs");
	CHECK("status Pid equals getpid", number_field("Pid") == getpid(), "differs");
	CHECK("status Tgid equals getpid", number_field("Tgid") == getpid(), "differs");
	CHECK("status PPid equals getppid", number_field("PPid") == getppid(), "differs");
	char uid[64];
	CHECK("status Uid line", status_field("Uid", uid, sizeof uid) && strcmp(uid, "0\t0\t0\t0") == 0,
	      "differs");

	/* Only the start of /proc/self/stat is read: later fields (fault counts, times) change from
	   run to run, and the trace of a contract must not. */
	char expect[128];
	snprintf(expect, sizeof expect, "%d (%.63s) R %d ", getpid(), comm, getppid());
	int sfd = open("/proc/self/stat", O_RDONLY);
	ssize_t got = read(sfd, buf, strlen(expect));
	close(sfd);
	CHECK("stat starts with pid (comm) R ppid", got == (ssize_t)strlen(expect) &&
	      strncmp(buf, expect, strlen(expect)) == 0, "differs");

	chdir("/tmp");
	n = readlink("/proc/self/cwd", link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("cwd link follows chdir", n > 0 && strcmp(link, "/tmp") == 0, "differs");
	chdir("/");
	n = readlink("/proc/self/cwd", link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("cwd link after chdir /", n > 0 && strcmp(link, "/") == 0, "differs");

	int fd = open("/tmp/proc_self.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("fd link names the file", n > 0 && strcmp(link, "/tmp/proc_self.tmp") == 0, "differs");
	unlink("/tmp/proc_self.tmp");
	n = readlink(path, link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("fd link of an unlinked file says (deleted)", n > 0 &&
	      strcmp(link, "/tmp/proc_self.tmp (deleted)") == 0, "differs");
	close(fd);
	int p[2];
	pipe(p);
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
	n = readlink(path, link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("fd link of a pipe is pipe:[...]", n > 7 && strncmp(link, "pipe:[", 6) == 0 && link[n - 1] == ']',
	      "differs");
	CHECK_ERR("closed fd has no link", readlink("/proc/self/fd/999", link, sizeof link), ENOENT);

	pid_t pid = fork();
	if (pid == 0) {
		char *args[] = { argv[0], "after-exec", NULL };
		char *envp[] = { NULL };
		execve("/proc/self/exe", args, envp);
		_exit(127);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK("after execve of /proc/self/exe, comm is \"exe\"", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	return contract_end();
}
