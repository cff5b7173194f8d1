/*
 * proc_sendfile — which /proc files sendfile can read: the root's files (proc_create's, with
 * copy_splice_read) and /proc/sys's splice, so sendfile copies them; a process's files are
 * seq_files without splice_read, so sendfile from /proc/self/status, cmdline, maps, mem or
 * an fdinfo file fails with EINVAL (and BusyBox's cat then falls back to read).
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/sendfile.h>

static void try(const char *path, int out, int want_errno)
{
	char name[96];
	int fd = open(path, O_RDONLY);
	errno = 0;
	ssize_t n = fd >= 0 ? sendfile(out, fd, NULL, 4096) : -1;
	int e = errno;
	if (want_errno) {
		snprintf(name, sizeof name, "sendfile from %s is %s", path, strerrorname(want_errno));
		CHECK(name, n == -1 && e == want_errno, "returned %zd (errno %s)", n, strerrorname(e));
	} else {
		snprintf(name, sizeof name, "sendfile from %s copies it", path);
		CHECK(name, n > 0, "returned %zd (errno %s)", n, strerrorname(e));
	}
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	int out = open("/dev/null", O_WRONLY);
	try("/proc/filesystems", out, 0);
	try("/proc/sys/kernel/ostype", out, 0);
	try("/proc/self/status", out, EINVAL);
	try("/proc/self/cmdline", out, EINVAL);
	try("/proc/self/maps", out, EINVAL);
	try("/proc/self/mem", out, EINVAL);
	try("/proc/self/fdinfo/0", out, EINVAL);
	close(out);
	return contract_end();
}
