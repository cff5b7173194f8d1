/*
 * mmap_fixed_hint — placement: a free hint address is used as given; an
 * occupied hint is moved elsewhere; MAP_FIXED replaces what was there (fresh
 * zero pages, neighbours kept); MAP_FIXED_NOREPLACE over a mapping is EEXIST
 * and over free space lands exactly; MAP_FIXED at an unaligned address is EINVAL.
 * The free range is found by mapping and unmapping, so no address is assumed.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <sys/mman.h>
#include <sys/syscall.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	probe_init();

	/* A free range of 8 pages: map it, then unmap it. */
	char *range = mmap(NULL, 8 * page, RW, ANON, -1, 0);
	munmap(range, 8 * page);

	char *h = mmap(range + 2 * page, page, RW, ANON, -1, 0);
	CHECK("free hint is used as given", h == range + 2 * page, "placed elsewhere");
	h[0] = 'h';
	char *moved = mmap(range + 2 * page, page, RW, ANON, -1, 0);
	CHECK("occupied hint is moved elsewhere", moved != MAP_FAILED && moved != h, "replaced the mapping");
	CHECK("the original mapping is intact", h[0] == 'h', "clobbered");
	munmap(moved, page);

	char *block = mmap(range, 4 * page, RW, ANON | MAP_FIXED, -1, 0);
	CHECK("MAP_FIXED lands exactly", block == range, "differs");
	memset(block, 'b', 4 * page);
	char *fix = mmap(block + page, page, RW, ANON | MAP_FIXED, -1, 0);
	CHECK("MAP_FIXED over a mapping lands exactly", fix == block + page, "differs");
	CHECK("replaced page is fresh and zeroed", fix[0] == 0 && fix[page - 1] == 0, "old contents");
	CHECK("neighbours kept", block[0] == 'b' && block[2 * page] == 'b', "neighbours changed");

	void *r = (void *)syscall(SYS_mmap, block, page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("MAP_FIXED_NOREPLACE over a mapping is EEXIST", r == MAP_FAILED && errno == EEXIST,
	      "errno %s", strerrorname(errno));
	CHECK("and leaves it alone", block[0] == 'b', "changed");
	char *nr = mmap(range + 6 * page, page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("MAP_FIXED_NOREPLACE over free space lands exactly", nr == range + 6 * page, "differs");

	r = (void *)syscall(SYS_mmap, range + 1, page, RW, ANON | MAP_FIXED, -1, 0);
	CHECK("MAP_FIXED unaligned is EINVAL", r == MAP_FAILED && errno == EINVAL, "errno %s", strerrorname(errno));
	r = (void *)syscall(SYS_mmap, range + 1, page, RW, ANON, -1, 0);
	CHECK("unaligned hint without MAP_FIXED is rounded, not refused", r != MAP_FAILED, "refused");
	if (r != MAP_FAILED)
		munmap(r, page);

	munmap(range, 8 * page);
	CHECK("whole range unmapped", probe_read(range + 6 * page, NULL) == SEGV_MAPERR, "still mapped");
	return contract_end();
}
