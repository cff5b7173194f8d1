/*
 * mmap_thp_align — Linux 6.7+ places a private anonymous mapping whose length is a multiple of
 * 2 MiB, mapped without a hint, on a 2 MiB boundary (glibc's thread arenas: 128 MiB, then
 * trimmed to a 64 MiB-aligned heap). Lengths that are not a multiple of 2 MiB, shared anonymous
 * mappings and mappings with a free hint are placed as before (top-down, or at the hint). A
 * mremap that moves an anonymous mapping to a 2 MiB-multiple length is aligned the same way.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <stdint.h>
#include <sys/mman.h>

#define MiB (1024UL * 1024)

static void *map(void *hint, size_t len, int flags)
{
	return mmap(hint, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
}

static int aligned(void *p)
{
	return ((uintptr_t)p & (2 * MiB - 1)) == 0;
}

int main(void)
{
	/* A 4 KiB mapping first, so the top of the mmap area is not 2 MiB aligned by chance. */
	char *small = map(NULL, 4096, MAP_PRIVATE);
	CHECK("4 KiB mapping", small != MAP_FAILED, "failed");

	char *four = map(NULL, 4 * MiB, MAP_PRIVATE);
	CHECK("4 MiB private anonymous: 2 MiB aligned", four != MAP_FAILED && aligned(four), "at %p", four);
	CHECK("4 MiB mapping ends at or below the small one", four + 4 * MiB <= small, "%p vs %p", four, small);
	four[0] = 1;
	four[4 * MiB - 1] = 2;

	char *odd = map(NULL, 3 * MiB + 4096, MAP_PRIVATE);
	CHECK("3 MiB + 4 KiB: directly below the previous mapping", odd + 3 * MiB + 4096 == four, "%p vs %p", odd, four);

	char *shared = map(NULL, 2 * MiB, MAP_SHARED);
	CHECK("2 MiB shared anonymous: directly below (no alignment)", shared + 2 * MiB == odd, "%p vs %p", shared, odd);

	char *big = map(NULL, 128 * MiB, MAP_PRIVATE | MAP_NORESERVE);
	CHECK("128 MiB (a glibc arena): 2 MiB aligned", big != MAP_FAILED && aligned(big), "at %p", big);
	CHECK("and below the shared one", big + 128 * MiB <= shared, "%p vs %p", big, shared);

	void *hint = (void *)0x200001000UL;
	char *hinted = map(hint, 2 * MiB, MAP_PRIVATE);
	CHECK("a free hint is taken as given", hinted == hint, "at %p", hinted);

	char *moved = mremap(small, 4096, 2 * MiB, MREMAP_MAYMOVE);
	CHECK("mremap moving to 2 MiB: aligned", moved != MAP_FAILED && aligned(moved), "at %p", moved);

	CHECK_OK("munmap all", munmap(four, 4 * MiB) | munmap(odd, 3 * MiB + 4096) | munmap(shared, 2 * MiB) |
				       munmap(big, 128 * MiB) | munmap(hinted, 2 * MiB) | munmap(moved, 2 * MiB));
	return contract_end();
}
