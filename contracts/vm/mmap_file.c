/*
 * mmap_file — file mappings: a private read mapping shows the file's bytes and
 * zeros past EOF up to the page end; a shared writable mapping writes through
 * to the file (seen by read(2) and after munmap), and write(2) shows through an
 * existing mapping; an offset maps the matching page; touching a page wholly
 * beyond EOF raises SIGBUS (BUS_ADRERR); EACCES for a write-only fd, for
 * MAP_SHARED|PROT_WRITE on a read-only fd; ENODEV for a pipe.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <fcntl.h>
#include <sys/mman.h>

#define FILE_ "/tmp/mmap_file.tmp"

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char buf[64];
	probe_init();

	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK("scratch file", fd >= 0, "open failed with %s", strerrorname(errno));
	char *content = malloc(2 * page);
	for (long i = 0; i < 2 * page; i++)
		content[i] = (char)('a' + i % 26);
	write(fd, content, page + 100); /* one page and 100 bytes */

	char *p = mmap(NULL, 2 * page, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK("private read mapping", p != MAP_FAILED, "failed with %s", strerrorname(errno));
	CHECK("shows the file's bytes", memcmp(p, content, page + 100) == 0, "differs");
	int zeros = 1;
	for (long i = page + 100; i < 2 * page; i++)
		zeros &= p[i] == 0;
	CHECK("zeros after EOF to the page end", zeros, "not zero");
	munmap(p, 2 * page);

	char *off = mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, page);
	CHECK("mapping at offset one page", off != MAP_FAILED && memcmp(off, content + page, 100) == 0, "differs");
	munmap(off, page);

	char *s = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("shared writable mapping", s != MAP_FAILED, "failed with %s", strerrorname(errno));
	memcpy(s + 10, "SHARED", 6);
	pread(fd, buf, 6, 10);
	CHECK("store through the mapping seen by read(2)", memcmp(buf, "SHARED", 6) == 0, "differs");
	pwrite(fd, "WRITE", 5, 20);
	CHECK("write(2) seen through the mapping", memcmp(s + 20, "WRITE", 5) == 0, "differs");
	CHECK_OK("msync", msync(s, page, MS_SYNC));
	munmap(s, page);
	pread(fd, buf, 6, 10);
	CHECK("data stays after munmap", memcmp(buf, "SHARED", 6) == 0, "differs");

	/* A mapping longer than the file: the page wholly past EOF gives SIGBUS. */
	char *big = mmap(NULL, 4 * page, PROT_READ, MAP_SHARED, fd, 0);
	CHECK("mapping beyond EOF", big != MAP_FAILED, "failed");
	CHECK("last partial page readable", probe_read(big + page + 50, NULL) == 0, "faulted");
	int code = probe_read(big + 3 * page, NULL);
	CHECK("page past EOF raises SIGBUS BUS_ADRERR", probe_signo == SIGBUS && code == BUS_ADRERR,
	      "signal %d code %d", probe_signo, code);
	CHECK("si_addr is the address touched", probe_addr == (void *)(big + 3 * page), "differs");
	munmap(big, 4 * page);
	close(fd);

	int wo = open(FILE_, O_WRONLY);
	CHECK("write-only fd is EACCES", mmap(NULL, page, PROT_READ, MAP_PRIVATE, wo, 0) == MAP_FAILED &&
	      errno == EACCES, "errno %s", strerrorname(errno));
	close(wo);
	int ro = open(FILE_, O_RDONLY);
	CHECK("shared writable on a read-only fd is EACCES",
	      mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED && errno == EACCES,
	      "errno %s", strerrorname(errno));
	char *pw = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	CHECK("private writable on a read-only fd is fine", pw != MAP_FAILED, "failed with %s", strerrorname(errno));
	pw[0] = 'Z';
	pread(ro, buf, 1, 0);
	CHECK("private writes do not reach the file", buf[0] == 'a', "file changed");
	munmap(pw, page);
	close(ro);

	int pfd[2];
	pipe(pfd);
	CHECK("pipe is ENODEV", mmap(NULL, page, PROT_READ, MAP_PRIVATE, pfd[0], 0) == MAP_FAILED && errno == ENODEV,
	      "errno %s", strerrorname(errno));
	unlink(FILE_);
	free(content);
	return contract_end();
}
