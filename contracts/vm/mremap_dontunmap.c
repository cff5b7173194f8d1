/*
 * mremap_dontunmap — MREMAP_DONTUNMAP moves the pages to a new place and leaves the old range
 * mapped but empty (a private anonymous page reads zero again); it needs MREMAP_MAYMOVE and
 * equal sizes (EINVAL otherwise); with MREMAP_FIXED it goes exactly where asked, replacing
 * what was there. MREMAP_FIXED alone: an overlap of old and new is EINVAL, an unaligned new
 * address EINVAL; a shrinking move keeps the head; an old range over a hole is EFAULT.
 * Without a move: an old length of 0 is EINVAL on a private mapping and EFAULT where nothing
 * is mapped, and a shrink may name more than the mapping holds (the tail is just unmapped).
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/mman.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *old = mmap(NULL, 2 * page, RW, ANON, -1, 0);
	memset(old, 'o', 2 * page);

	errno = 0;
	void *r = mremap(old, 2 * page, 2 * page, MREMAP_DONTUNMAP);
	CHECK("DONTUNMAP without MAYMOVE: EINVAL", r == MAP_FAILED && errno == EINVAL, "errno %s",
	      strerrorname(errno));
	errno = 0;
	r = mremap(old, 2 * page, 3 * page, MREMAP_DONTUNMAP | MREMAP_MAYMOVE);
	CHECK("DONTUNMAP with another size: EINVAL", r == MAP_FAILED && errno == EINVAL, "errno %s",
	      strerrorname(errno));

	char *moved = mremap(old, 2 * page, 2 * page, MREMAP_DONTUNMAP | MREMAP_MAYMOVE);
	CHECK("DONTUNMAP moves", moved != MAP_FAILED && moved != old, "failed (%s)", strerrorname(errno));
	CHECK("the pages went along", moved[0] == 'o' && moved[2 * page - 1] == 'o', "content lost");
	CHECK("the old range is still mapped and reads zero", old[0] == 0 && old[2 * page - 1] == 0, "not zero");
	old[1] = 'n';
	CHECK("old and new are apart", moved[1] == 'o', "shared");

	/* DONTUNMAP | FIXED: exactly there, replacing a mapping. */
	char *dest = mmap(NULL, 2 * page, RW, ANON, -1, 0);
	memset(dest, 'd', 2 * page);
	char *again = mremap(moved, 2 * page, 2 * page, MREMAP_DONTUNMAP | MREMAP_MAYMOVE | MREMAP_FIXED, dest);
	CHECK("DONTUNMAP|FIXED goes where asked", again == dest, "went elsewhere (%s)", strerrorname(errno));
	CHECK("over the old contents there", dest[0] == 'o', "content %c", dest[0]);
	CHECK("source left empty", moved[0] == 0, "not zero");

	/* MREMAP_FIXED rules. */
	char *src = mmap(NULL, 4 * page, RW, ANON, -1, 0);
	memset(src, 's', 4 * page);
	errno = 0;
	r = mremap(src, 2 * page, 2 * page, MREMAP_MAYMOVE | MREMAP_FIXED, src + page);
	CHECK("FIXED overlapping the old range: EINVAL", r == MAP_FAILED && errno == EINVAL, "errno %s",
	      strerrorname(errno));
	errno = 0;
	r = mremap(src, page, page, MREMAP_MAYMOVE | MREMAP_FIXED, dest + 1);
	CHECK("FIXED to an unaligned address: EINVAL", r == MAP_FAILED && errno == EINVAL, "errno %s",
	      strerrorname(errno));
	char *shrunk = mremap(src, 4 * page, page, MREMAP_MAYMOVE | MREMAP_FIXED, dest);
	CHECK("FIXED shrinking move", shrunk == dest && dest[0] == 's', "failed (%s)", strerrorname(errno));
	CHECK("the rest of the second page there is still the old mapping", dest[page] == 'o',
	      "content %c", dest[page]);
	errno = 0;
	r = mremap(src, page, page, MREMAP_MAYMOVE | MREMAP_FIXED, old);
	CHECK("old range no longer mapped: EFAULT", r == MAP_FAILED && errno == EFAULT, "errno %s",
	      strerrorname(errno));

	char *priv = mmap(NULL, 2 * page, RW, ANON, -1, 0);
	errno = 0;
	r = mremap(priv, 0, page, MREMAP_MAYMOVE);
	CHECK("old length 0 on a private mapping: EINVAL", r == MAP_FAILED && errno == EINVAL, "errno %s",
	      strerrorname(errno));
	munmap(priv + page, page);
	errno = 0;
	r = mremap(priv + page, 0, page, MREMAP_MAYMOVE);
	CHECK("old length 0 where nothing is mapped: EFAULT", r == MAP_FAILED && errno == EFAULT, "errno %s",
	      strerrorname(errno));
	r = mremap(priv, 2 * page, page, 0);
	CHECK("a shrink naming more than the mapping holds", r == priv, "failed (%s)", strerrorname(errno));
	return contract_end();
}
