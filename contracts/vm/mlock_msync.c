/*
 * mlock_msync — mlock makes pages resident (mincore) and munlock undoes the
 * lock, both keeping the data; mlock2 with MLOCK_ONFAULT is accepted, unknown
 * mlock2 flags are EINVAL; mlockall(0) is EINVAL; msync with MS_SYNC or
 * MS_ASYNC or MS_INVALIDATE succeeds on a file mapping; errors: EINVAL for
 * MS_SYNC|MS_ASYNC, unknown msync bits or an unaligned address, ENOMEM for an
 * unmapped range (msync and mlock).
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define FILE_ "/tmp/mlock_msync.tmp"
#define MLOCK_ONFAULT 0x01

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned char vec[8];

	char *p = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 'm';
	mincore(p, 4 * page, vec);
	CHECK("untouched pages not resident before mlock", (vec[1] & 1) == 0 && (vec[3] & 1) == 0, "resident");
	CHECK_OK("mlock 4 pages", mlock(p, 4 * page));
	mincore(p, 4 * page, vec);
	CHECK("all locked pages resident", (vec[0] & vec[1] & vec[2] & vec[3] & 1) == 1, "not resident");
	CHECK_OK("munlock", munlock(p, 4 * page));
	CHECK("data kept", p[0] == 'm' && p[page] == 0, "differs");
	CHECK_OK("mlock2 MLOCK_ONFAULT", syscall(SYS_mlock2, p, page, MLOCK_ONFAULT));
	munlock(p, page);
	CHECK_ERR("mlock2 unknown flag", syscall(SYS_mlock2, p, page, 0x2), EINVAL);
	CHECK_ERR("mlockall(0)", mlockall(0), EINVAL);
	munmap(p, 4 * page);
	CHECK_ERR("mlock unmapped range", mlock(p, page), ENOMEM);

	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, 2 * page);
	char *f = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memcpy(f, "synced", 6);
	CHECK_OK("msync MS_SYNC", msync(f, 2 * page, MS_SYNC));
	char buf[6] = { 0 };
	pread(fd, buf, 6, 0);
	CHECK("file has the data", memcmp(buf, "synced", 6) == 0, "differs");
	CHECK_OK("msync MS_ASYNC", msync(f, page, MS_ASYNC));
	CHECK_OK("msync MS_INVALIDATE", msync(f, page, MS_INVALIDATE));
	CHECK_ERR("MS_SYNC | MS_ASYNC", syscall(SYS_msync, f, page, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERR("unknown msync bits", syscall(SYS_msync, f, page, 0x100), EINVAL);
	CHECK_ERR("unaligned address", syscall(SYS_msync, f + 1, page, MS_SYNC), EINVAL);
	munmap(f, 2 * page);
	CHECK_ERR("msync unmapped range", syscall(SYS_msync, f, page, MS_SYNC), ENOMEM);
	close(fd);
	unlink(FILE_);
	return contract_end();
}
