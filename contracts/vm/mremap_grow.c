/*
 * mremap_grow — mremap keeps contents: growing in place when the next pages
 * are free (same address), moving with MREMAP_MAYMOVE when they are not (old
 * range unmapped, data moved, new tail zeroed), ENOMEM when blocked without
 * MAYMOVE, shrinking in place, MREMAP_FIXED to a chosen address; EINVAL for an
 * unaligned address, FIXED without MAYMOVE, or new size 0.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <sys/mman.h>
#include <sys/syscall.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	probe_init();

	/* Reserve 8 free pages, then map the first 2 of them. */
	char *range = mmap(NULL, 8 * page, RW, ANON, -1, 0);
	munmap(range, 8 * page);
	char *p = mmap(range, 2 * page, RW, ANON | MAP_FIXED, -1, 0);
	memset(p, 'g', 2 * page);

	char *q = mremap(p, 2 * page, 4 * page, 0);
	CHECK("grow in place into free pages", q == p, "moved or failed (%s)", strerrorname(errno));
	CHECK("contents kept", q[0] == 'g' && q[2 * page - 1] == 'g', "lost");
	CHECK("new tail zeroed", q[2 * page] == 0 && q[4 * page - 1] == 0, "not zero");

	/* Block further growth with a mapping right after it. */
	char *blocker = mmap(range + 4 * page, page, RW, ANON | MAP_FIXED, -1, 0);
	CHECK("blocker placed", blocker == range + 4 * page, "misplaced");
	void *r = mremap(q, 4 * page, 6 * page, 0);
	CHECK("blocked growth without MAYMOVE is ENOMEM", r == MAP_FAILED && errno == ENOMEM,
	      "errno %s", strerrorname(errno));
	char *m = mremap(q, 4 * page, 6 * page, MREMAP_MAYMOVE);
	CHECK("MREMAP_MAYMOVE moves it", m != MAP_FAILED && m != q, "did not move");
	CHECK("moved contents kept", m[0] == 'g' && m[2 * page - 1] == 'g' && m[2 * page] == 0, "lost");
	CHECK("old range unmapped", probe_read(q, NULL) == SEGV_MAPERR, "still mapped");
	CHECK("blocker untouched", probe_write(blocker, 'b') == 0, "faulted");

	char *s = mremap(m, 6 * page, 3 * page, 0);
	CHECK("shrink in place", s == m, "moved");
	CHECK("shrunk tail unmapped", probe_read(m + 4 * page, NULL) == SEGV_MAPERR, "still mapped");
	CHECK("shrunk contents kept", s[0] == 'g', "lost");

	char *f = mremap(s, 3 * page, 3 * page, MREMAP_MAYMOVE | MREMAP_FIXED, range);
	CHECK("MREMAP_FIXED to a chosen address", f == range, "misplaced");
	CHECK("fixed move keeps contents", f[0] == 'g', "lost");

	CHECK_ERR("unaligned address", syscall(SYS_mremap, f + 1, page, 2 * page, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERR("FIXED without MAYMOVE", syscall(SYS_mremap, f, page, page, MREMAP_FIXED, range + 6 * page), EINVAL);
	CHECK_ERR("new size 0", syscall(SYS_mremap, f, page, 0, MREMAP_MAYMOVE), EINVAL);
	munmap(f, 3 * page);
	munmap(blocker, page);
	return contract_end();
}
