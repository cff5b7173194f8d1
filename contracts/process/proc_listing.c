/*
 * proc_listing — what programs that scan /proc see: getdents64 of /proc (its fixed entries
 * in Linux's order, then self, thread-self and one directory per process) and of
 * /proc/self (tgid_base_stuff's names and order), a listing resumed from a record's d_off,
 * and reads of the files glibc, Rust's std and procps-like tools read: /proc/self's limits,
 * mounts, cgroup, environ, cmdline, oom_score_adj, loginuid, sessionid, personality, wchan,
 * timerslack_ns, coredump_filter, the id maps, setgroups, the ksm files, timens_offsets, cpuset;
 * /proc/sys's kernel, vm and fs values; /proc's version, filesystems and cmdline (the host's
 * texts are world input, replaced by the recorded ones). Files whose figures change from run
 * to run (loadavg, uptime, stat, meminfo, cpuinfo, oom_score) are left out, so that the
 * recording is the same every time (contracts/tests/test_trace_stability). Then the modes
 * and link counts of a process directory's entries and of /proc/sys's directories, and
 * /proc/sys/kernel/hostname after sethostname. The checks print names and properties only;
 * the bytes read are compared by the checker.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static char dents[65536];
static char buf[16384];

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* One getdents64 of path into dents (count bytes); the number of bytes, or -1. */
static long list(const char *path, size_t count, int *fdp)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	memset(dents, 0, sizeof dents);   /* a record's padding keeps what was there */
	long n = syscall(SYS_getdents64, fd, dents, count);
	if (fdp)
		*fdp = fd;
	else
		close(fd);
	return n;
}

static int count_names(long n, int *numeric)
{
	int k = 0;
	*numeric = 0;
	for (long off = 0; off < n;) {
		struct linux_dirent64 *d = (void *)(dents + off);
		k++;
		*numeric += d->d_name[0] >= '0' && d->d_name[0] <= '9';
		off += d->d_reclen;
	}
	return k;
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
	buf[total > 0 ? total : 0] = '\0';
	return total;
}

int main(void)
{
	int numeric, fd;
	long n = list("/proc", sizeof dents, NULL);
	int k = count_names(n, &numeric);
	CHECK("/proc lists its entries and the processes", n > 0 && k > 40 && numeric >= 2,
	      "%ld bytes, %d names, %d numeric", n, k, numeric);

	/* A short buffer, then the rest from where the last record said to go on. */
	n = list("/proc", 200, &fd);
	long last = 0;
	for (long off = 0; off < n;) {
		struct linux_dirent64 *d = (void *)(dents + off);
		last = d->d_off;
		off += d->d_reclen;
	}
	CHECK("lseek to a d_off", lseek(fd, last, SEEK_SET) == last, "errno %s", strerrorname(errno));
	memset(dents, 0, sizeof dents);
	n = syscall(SYS_getdents64, fd, dents, sizeof dents);
	CHECK("the listing goes on from there", n > 0, "%ld", n);
	close(fd);

	n = list("/proc/self", sizeof dents, NULL);
	k = count_names(n, &numeric);
	CHECK("/proc/self lists its entries", n > 0 && k > 40, "%ld bytes, %d names", n, k);
	n = list("/proc/self/task/.", sizeof dents, NULL);
	CHECK("/proc/self/task lists the thread", n > 0, "%ld", n);
	char task[64];
	snprintf(task, sizeof task, "/proc/self/task/%d", getpid());
	n = list(task, sizeof dents, NULL);
	k = count_names(n, &numeric);
	CHECK("/proc/self/task/<tid> lists its entries", n > 0 && k > 40, "%ld bytes, %d names", n, k);

	static const char *const files[] = {
		"/proc/self/limits", "/proc/self/mounts", "/proc/self/cgroup", "/proc/self/environ",
		"/proc/self/cmdline", "/proc/self/oom_score_adj", "/proc/self/loginuid",
		"/proc/self/sessionid", "/proc/self/personality", "/proc/self/wchan",
		"/proc/self/timerslack_ns", "/proc/self/coredump_filter", "/proc/self/uid_map",
		"/proc/self/gid_map", "/proc/self/projid_map", "/proc/self/setgroups",
		"/proc/self/ksm_merging_pages", "/proc/self/ksm_stat", "/proc/self/timens_offsets",
		"/proc/self/cpuset",
		"/proc/sys/kernel/ostype", "/proc/sys/kernel/hostname", "/proc/sys/kernel/domainname",
		"/proc/sys/kernel/pid_max", "/proc/sys/kernel/ngroups_max",
		"/proc/sys/kernel/threads-max", "/proc/sys/vm/overcommit_memory",
		"/proc/sys/fs/file-max", "/proc/sys/fs/nr_open", "/proc/sys/fs/pipe-max-size",
		"/proc/sys/kernel/osrelease", "/proc/sys/kernel/version",
		"/proc/sys/kernel/random/boot_id", "/proc/filesystems", "/proc/cmdline", "/proc/version",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		ssize_t len = slurp(files[i]);
		char name[96];
		snprintf(name, sizeof name, "%s reads", files[i]);
		CHECK(name, len >= 0, "errno %s", strerrorname(errno));
	}

	/* Modes and link counts (compared by the checker): a process directory's subdirectories
	 * and files, and /proc/sys's directories (link count 1). */
	static const char *const stats[] = {
		"/proc/self/fd", "/proc/self/fdinfo", "/proc/self/map_files", "/proc/self/ns",
		"/proc/self/attr", "/proc/self/environ", "/proc/self/mem", "/proc/self/clear_refs",
		"/proc/self/timerslack_ns", "/proc/self/ksm_stat", "/proc/sys", "/proc/sys/kernel",
		"/proc/sys/kernel/ostype", "/proc/sys/kernel/pid_max", "/proc/meminfo", "/proc/kmsg",
		"/proc/timer_list", "/proc/mounts", "/proc/net", "/proc/self", "/proc/acpi",
	};
	for (size_t i = 0; i < sizeof stats / sizeof stats[0]; i++) {
		struct stat st;
		char name[96];
		snprintf(name, sizeof name, "stat %s", stats[i]);
		CHECK(name, lstat(stats[i], &st) == 0, "errno %s", strerrorname(errno));
	}

	/* /proc/sys/kernel/hostname follows sethostname. */
	CHECK("sethostname", sethostname("proc-listing", 12) == 0, "errno %s", strerrorname(errno));
	slurp("/proc/sys/kernel/hostname");
	CHECK("/proc/sys/kernel/hostname shows the new name", strcmp(buf, "proc-listing\n") == 0, "%.40s", buf);
	sethostname("lockstep", 8);
	return contract_end();
}
