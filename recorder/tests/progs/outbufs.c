/* Recorder test program: calls read, fstat, getdents64, pipe2, clock_gettime and uname
 * and prints, for each, the bytes the kernel wrote into its memory as hex
 * ("name hexbytes"), so a test can compare them with what the trace captured. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static void show(const char *name, const void *p, long n)
{
	const unsigned char *b = p;
	printf("%s ", name);
	for (long i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

int main(void)
{
	char buf[256], dents[4096];
	struct stat st;
	struct timespec ts;
	struct utsname u;
	int p[2];
	int fd = open("/etc/passwd", O_RDONLY);
	long n = read(fd, buf, sizeof buf);
	show("read", buf, n);
	if (fstat(fd, &st))
		return 1;
	show("fstat", &st, sizeof st);
	close(fd);
	fd = open("/etc", O_RDONLY | O_DIRECTORY);
	n = syscall(SYS_getdents64, fd, dents, sizeof dents);
	show("getdents64", dents, n);
	if (pipe2(p, O_CLOEXEC))
		return 1;
	show("pipe2", p, sizeof p);
	if (syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts))
		return 1;
	show("clock_gettime", &ts, sizeof ts);
	if (uname(&u))
		return 1;
	show("uname", &u, sizeof u);
	return 0;
}
