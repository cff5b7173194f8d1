/*
 * demand_paging_large — a 256 MiB anonymous mapping costs nothing until it is
 * touched: mincore shows no page resident at first, then exactly the pages
 * written (one every 16 MiB), and untouched pages still read as zero;
 * MAP_POPULATE makes pages resident at once; a 1 GiB MAP_NORESERVE mapping
 * succeeds; mincore is EINVAL for an unaligned address and ENOMEM for an
 * unmapped range. Transparent huge pages are turned off for the mapping so
 * that residency is per 4 KiB page.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>

#define BIG (256UL << 20)
#define STRIDE (16UL << 20)

static unsigned char vec[BIG / 4096];

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t pages = BIG / page;

	char *p = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("map 256 MiB", p != MAP_FAILED, "failed with %s", strerrorname(errno));
	CHECK_OK("MADV_NOHUGEPAGE", madvise(p, BIG, MADV_NOHUGEPAGE));

	CHECK_OK("mincore before touching", mincore(p, BIG, vec));
	size_t resident = 0;
	for (size_t i = 0; i < pages; i++)
		resident += vec[i] & 1;
	CHECK("nothing resident before touching", resident == 0, "%zu pages resident", resident);

	for (size_t off = 0; off < BIG; off += STRIDE)
		p[off + 123] = (char)(off / STRIDE + 1);
	CHECK_OK("mincore after touching", mincore(p, BIG, vec));
	int exact = 1;
	for (size_t i = 0; i < pages; i++)
		exact &= (vec[i] & 1) == (((i * page) % STRIDE) == 0);
	CHECK("exactly the written pages are resident", exact, "residency differs");
	int kept = 1;
	for (size_t off = 0; off < BIG; off += STRIDE)
		kept &= p[off + 123] == (char)(off / STRIDE + 1);
	CHECK("written values kept", kept, "differs");
	CHECK("untouched pages read zero", p[STRIDE / 2] == 0 && p[BIG - 1] == 0, "not zero");
	munmap(p, BIG);

	size_t npop = 16;
	char *pop = mmap(NULL, npop * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	CHECK("MAP_POPULATE mapping", pop != MAP_FAILED, "failed");
	mincore(pop, npop * page, vec);
	int all = 1;
	for (size_t i = 0; i < npop; i++)
		all &= vec[i] & 1;
	CHECK("MAP_POPULATE pages resident at once", all, "not resident");
	munmap(pop, npop * page);

	char *huge = mmap(NULL, 1UL << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK("1 GiB MAP_NORESERVE mapping", huge != MAP_FAILED, "failed with %s", strerrorname(errno));
	huge[(1UL << 30) - 1] = 1;
	CHECK("its last byte is usable", huge[(1UL << 30) - 1] == 1, "lost");

	CHECK_ERR("mincore unaligned", syscall(SYS_mincore, huge + 1, page, vec), EINVAL);
	munmap(huge, 1UL << 30);
	CHECK_ERR("mincore unmapped", syscall(SYS_mincore, huge, page, vec), ENOMEM);
	return contract_end();
}
