/*
 * proc_self_mem — /proc/self/mem reads and writes the process's memory at the file
 * position, taken as an address: pread of a global's address gives its bytes, pwrite changes
 * them (seen through the variable), lseek to an address then read goes on from there, a read
 * across into an unmapped page stops at the page's end, and a read or write of an unmapped
 * address fails with EIO.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>

static char data[8192] = "the data segment, read through /proc/self/mem";

int main(void)
{
	char got[64];
	int fd = open("/proc/self/mem", O_RDWR);
	CHECK("open /proc/self/mem", fd >= 0, "errno %s", strerrorname(errno));

	ssize_t n = pread(fd, got, 16, (off_t)(uintptr_t)data);
	CHECK("pread at a global's address gives its bytes", n == 16 && memcmp(got, data, 16) == 0,
	      "returned %zd (errno %s)", n, strerrorname(errno));

	n = pwrite(fd, "THE", 3, (off_t)(uintptr_t)data);
	CHECK("pwrite changes the memory", n == 3 && memcmp(data, "THE data", 8) == 0,
	      "returned %zd (errno %s)", n, strerrorname(errno));

	off_t at = lseek(fd, (off_t)(uintptr_t)(data + 4), SEEK_SET);
	CHECK("lseek to an address", at == (off_t)(uintptr_t)(data + 4), "returned %lld", (long long)at);
	n = read(fd, got, 4);
	CHECK("read goes on from there", n == 4 && memcmp(got, "data", 4) == 0, "returned %zd", n);
	CHECK("and moves the position by the bytes read",
	      lseek(fd, 0, SEEK_CUR) == (off_t)(uintptr_t)(data + 8), "elsewhere");

	/* A mapped page followed by a hole. */
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(p + 4096, 4096);
	memset(p, 'x', 4096);
	static char big[256];
	n = pread(fd, big, sizeof big, (off_t)(uintptr_t)(p + 4096 - 100));
	CHECK("a read into an unmapped page stops at the page's end", n == 100, "returned %zd (errno %s)", n,
	      strerrorname(errno));
	CHECK_ERR("a read of an unmapped address is EIO", pread(fd, big, 16, (off_t)(uintptr_t)(p + 4096)), EIO);
	CHECK_ERR("a write to an unmapped address is EIO", pwrite(fd, "y", 1, (off_t)(uintptr_t)(p + 4096)), EIO);
	close(fd);
	return contract_end();
}
