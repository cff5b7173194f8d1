/* fswalk — file-tree chores as backup and build tools do them: builds a tree with the *at calls
 * (mkdirat, openat, symlinkat, linkat), walks it with nftw (physical walk, depth first) summing
 * sizes and counting types, copies it with sendfile and copy_file_range, sets times with
 * utimensat (UTIME_OMIT, AT_SYMLINK_NOFOLLOW), swaps two names with renameat2(RENAME_EXCHANGE),
 * refuses an overwrite with RENAME_NOREPLACE, truncates and punches files, follows a deep cwd
 * with getcwd, and removes everything bottom-up with unlinkat. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TOP "/tmp/tree"

static long total_size;
static int files, dirs, links, depth_max;

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)path;
	if (ftw->level > depth_max)
		depth_max = ftw->level;
	if (type == FTW_F) {
		files++;
		total_size += st->st_size;
	} else if (type == FTW_D)
		dirs++;
	else if (type == FTW_SL)
		links++;
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

static void write_file(int dirfd, const char *name, size_t size, char fill)
{
	char buf[1024];
	memset(buf, fill, sizeof buf);
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	for (size_t done = 0; done < size;) {
		size_t n = size - done < sizeof buf ? size - done : sizeof buf;
		if (write(fd, buf, n) != (ssize_t)n)
			break;
		done += n;
	}
	close(fd);
}

static long size_of(const char *path)
{
	struct stat st;
	return stat(path, &st) ? -errno : (long)st.st_size;
}

int main(void)
{
	mkdir(TOP, 0755);
	int top = open(TOP, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	mkdirat(top, "src", 0755);
	mkdirat(top, "src/lib", 0755);
	mkdirat(top, "src/lib/deep", 0700);
	mkdirat(top, "docs", 0755);
	write_file(top, "src/main.c", 1500, 'm');
	write_file(top, "src/lib/util.c", 3000, 'u');
	write_file(top, "src/lib/deep/x.h", 10, 'x');
	write_file(top, "docs/README", 700, 'r');
	symlinkat("../src/main.c", top, "docs/main-link");
	linkat(top, "docs/README", top, "README.hard", 0);

	nftw(TOP, visit, 8, FTW_PHYS);
	printf("walk: %d files, %d dirs, %d links, %ld bytes, depth %d\n", files, dirs, links, total_size, depth_max);

	/* Copy two files: sendfile for one, copy_file_range for the other. */
	int in = openat(top, "src/lib/util.c", O_RDONLY), out = openat(top, "util.copy", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	off_t off = 0;
	ssize_t n = sendfile(out, in, &off, 1 << 20);
	printf("sendfile copied %zd, offset now %lld\n", n, (long long)off);
	close(in);
	close(out);
	in = openat(top, "src/main.c", O_RDONLY);
	out = openat(top, "main.copy", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	loff_t ioff = 100;
	n = copy_file_range(in, &ioff, out, NULL, 1000, 0);
	printf("copy_file_range copied %zd from offset 100, input offset now %lld\n", n, (long long)ioff);
	close(in);
	close(out);

	/* Times: set mtime only, keep atime; a link's own time. */
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 1600000000, 500 } };
	struct stat st;
	utimensat(top, "docs/README", ts, 0);
	fstatat(top, "docs/README", &st, 0);
	printf("README mtime %lld.%09ld, hard link sees %s\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
	       fstatat(top, "README.hard", &st, 0) == 0 && st.st_mtim.tv_sec == 1600000000 ? "the same" : "another");
	struct timespec lts[2] = { { 1500000000, 0 }, { 1500000000, 0 } };
	utimensat(top, "docs/main-link", lts, AT_SYMLINK_NOFOLLOW);
	fstatat(top, "docs/main-link", &st, AT_SYMLINK_NOFOLLOW);
	long long link_mtime = (long long)st.st_mtim.tv_sec;
	printf("link mtime %lld, target mtime changed: %s\n", link_mtime,
	       stat(TOP "/src/main.c", &st) == 0 && st.st_mtim.tv_sec == 1500000000 ? "yes" : "no");

	/* renameat2: exchange, then no-replace. */
	long r = syscall(SYS_renameat2, top, "util.copy", top, "main.copy", 2 /* RENAME_EXCHANGE */);
	printf("exchange: %ld, util.copy is %ld bytes, main.copy %ld bytes\n", r, size_of(TOP "/util.copy"),
	       size_of(TOP "/main.copy"));
	r = syscall(SYS_renameat2, top, "util.copy", top, "main.copy", 1 /* RENAME_NOREPLACE */);
	printf("noreplace: %ld %s\n", r, r < 0 ? strerror(errno) : "");

	/* Truncate, extend and punch. */
	truncate(TOP "/main.copy", 10);
	int fd = openat(top, "main.copy", O_RDWR);
	ftruncate(fd, 8192);
	fstat(fd, &st);
	printf("after ftruncate: size %lld\n", (long long)st.st_size);
	r = fallocate(fd, 3 /* FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE */, 0, 4096);
	char c = 1;
	pread(fd, &c, 1, 5);
	printf("punch hole: %ld, byte 5 now %d\n", r, c);
	close(fd);

	/* A deep cwd. */
	char cwd[256];
	chdir(TOP "/src/lib/deep");
	printf("cwd: %s\n", getcwd(cwd, sizeof cwd));
	chdir("../..");
	printf("cwd after ../..: %s\n", getcwd(cwd, sizeof cwd));
	chdir("/");

	/* Errors a tool must handle. */
	printf("mkdir existing: %s\n", mkdirat(top, "src", 0755) < 0 ? strerror(errno) : "ok?");
	printf("rmdir non-empty: %s\n", unlinkat(top, "src", AT_REMOVEDIR) < 0 ? strerror(errno) : "ok?");
	printf("unlink a dir: %s\n", unlinkat(top, "docs", 0) < 0 ? strerror(errno) : "ok?");
	printf("link to a dir: %s\n", linkat(top, "docs", top, "docs2", 0) < 0 ? strerror(errno) : "ok?");
	printf("open a dir for writing: %s\n", openat(top, "docs", O_WRONLY) < 0 ? strerror(errno) : "ok?");

	close(top);
	nftw(TOP, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	printf("removed: %s\n", access(TOP, F_OK) < 0 && errno == ENOENT ? "yes" : "no");
	return 0;
}
