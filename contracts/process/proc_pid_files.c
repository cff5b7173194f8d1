/*
 * proc_pid_files — the fixed-format files and directories of /proc/<pid>:
 * fdinfo/<fd> starts "pos:\t<offset>\nflags:\t0<octal>\n" with the open flags
 * as Linux keeps them (O_LARGEFILE included, O_CLOEXEC from the fd table) and
 * follows lseek; environ is the environment joined by NULs; fd/ lists exactly
 * the open descriptors; a closed fd has no fdinfo (ENOENT); /proc/<pid> and
 * /proc/self are the same directory, whose link count, like fd/'s, is Linux's
 * (the checker compares st_nlink); a child reads its parent's cmdline as the
 * parent's argv; /proc/mounts is the symlink self/mounts. A whole fdinfo is
 * read once (its mnt_id and ino lines carry ids, which the checker maps), only
 * its start elsewhere.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;
static char buf[8192];

/* Exactly len bytes from the start of path. */
static ssize_t read_prefix(const char *path, size_t len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, len);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

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

static int fdinfo_starts(int fd, const char *want)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
	return read_prefix(path, strlen(want)) == (ssize_t)strlen(want) && strcmp(buf, want) == 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	sigchld_quiet();
	char path[64];
	int fd = open("/tmp/proc_pid_files.tmp", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	write(fd, "hello", 5);
	CHECK("fdinfo: pos after a write, flags with O_LARGEFILE and O_CLOEXEC",
	      fdinfo_starts(fd, "pos:\t5\nflags:\t02100002\n"), "got %.40s", buf);
	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
	slurp(path);
	unsigned long pos, mnt, ino;
	unsigned flags;
	int used = 0;
	CHECK("fdinfo of a file: pos, flags, mnt_id and ino lines, nothing more",
	      sscanf(buf, "pos:\t%lu\nflags:\t%o\nmnt_id:\t%lu\nino:\t%lu\n%n", &pos, &flags, &mnt, &ino, &used) == 4 &&
	      used == (int)strlen(buf) && pos == 5 && flags == 02100002, "got %.80s", buf);
	lseek(fd, 2, SEEK_SET);
	CHECK("fdinfo: pos follows lseek", fdinfo_starts(fd, "pos:\t2\n"), "got %.20s", buf);
	int ro = open("/tmp/proc_pid_files.tmp", O_RDONLY | O_APPEND | O_NONBLOCK);
	CHECK("fdinfo: O_RDONLY|O_APPEND|O_NONBLOCK", fdinfo_starts(ro, "pos:\t0\nflags:\t0106000\n"),
	      "got %.40s", buf);
	close(ro);
	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", ro);
	CHECK_ERR("fdinfo of a closed fd", open(path, O_RDONLY), ENOENT);

	ssize_t n = slurp("/proc/self/environ");
	int ok = n >= 0;
	ssize_t off = 0;
	for (char **e = environ; ok && *e; e++) {
		size_t len = strlen(*e);
		ok = off + (ssize_t)len + 1 <= n && strcmp(buf + off, *e) == 0;
		off += len + 1;
	}
	CHECK("environ is the environment joined by NULs", ok && off == n, "differs");

	DIR *d = opendir("/proc/self/fd");
	int seen = 0, others = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		int k = atoi(e->d_name);
		if (k == 0 || k == 1 || k == 2 || k == fd || k == dirfd(d))
			seen++;
		else
			others++;
	}
	if (d)
		closedir(d);
	CHECK("fd/ lists exactly the open fds", seen == 5 && others == 0, "%d listed, %d others", seen, others);

	struct stat a, b, f;
	snprintf(path, sizeof path, "/proc/%d", getpid());
	CHECK("/proc/<pid> is /proc/self", stat(path, &a) == 0 && stat("/proc/self", &b) == 0 &&
	      a.st_ino == b.st_ino && S_ISDIR(a.st_mode) && a.st_nlink > 2, "differ");
	CHECK("fd/ is a directory", stat("/proc/self/fd", &f) == 0 && S_ISDIR(f.st_mode) && f.st_nlink == 2,
	      "nlink %ld", (long)f.st_nlink);

	char target[64];
	ssize_t tl = readlink("/proc/mounts", target, sizeof target - 1);
	target[tl > 0 ? tl : 0] = '\0';
	CHECK("/proc/mounts is a symlink to self/mounts", lstat("/proc/mounts", &a) == 0 && S_ISLNK(a.st_mode) &&
	      strcmp(target, "self/mounts") == 0, "got %s", target);
	CHECK("/proc/mounts is this process's mounts", stat("/proc/mounts", &a) == 0 &&
	      stat("/proc/self/mounts", &b) == 0 && a.st_ino == b.st_ino, "differ");

	/* A child reads its parent's cmdline (the parent's memory does not change meanwhile). */
	pid_t child = fork();
	if (child == 0) {
		snprintf(path, sizeof path, "/proc/%d/cmdline", getppid());
		ssize_t got = slurp(path);
		_exit(got == (ssize_t)strlen(argv[0]) + 1 && memcmp(buf, argv[0], got) == 0 ? 0 : 1);
	}
	int status;
	waitpid(child, &status, 0);
	CHECK("another process's cmdline is its argv", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	close(fd);
	unlink("/tmp/proc_pid_files.tmp");
	return contract_end();
}
