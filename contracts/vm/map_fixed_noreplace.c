/*
 * map_fixed_noreplace — MAP_FIXED_NOREPLACE maps at exactly the address asked when the range
 * is free, and fails with EEXIST when any page of it is mapped, leaving that mapping alone;
 * with MAP_FIXED as well it still refuses (Linux checks NOREPLACE first); an unaligned address
 * is EINVAL. MAP_POPULATE gives resident pages at once (mincore), readable and zero.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/mman.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *range = mmap(NULL, 8 * page, RW, ANON, -1, 0);
	CHECK("reserve eight pages", range != MAP_FAILED, "failed");
	munmap(range, 8 * page);

	char *a = mmap(range + 2 * page, 2 * page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("free range: mapped at the address asked", a == range + 2 * page, "got another address");
	a[0] = 'a';
	errno = 0;
	void *r = mmap(range + page, 2 * page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("overlap at the start: EEXIST", r == MAP_FAILED && errno == EEXIST, "errno %s", strerrorname(errno));
	errno = 0;
	r = mmap(range + 3 * page, page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("inside: EEXIST", r == MAP_FAILED && errno == EEXIST, "errno %s", strerrorname(errno));
	errno = 0;
	r = mmap(range + 2 * page, page, RW, ANON | MAP_FIXED_NOREPLACE | MAP_FIXED, -1, 0);
	CHECK("with MAP_FIXED too: still EEXIST", r == MAP_FAILED && errno == EEXIST, "errno %s",
	      strerrorname(errno));
	CHECK("the existing mapping is untouched", a[0] == 'a', "content lost");
	errno = 0;
	r = mmap(range + 5 * page + 1, page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("unaligned: EINVAL", r == MAP_FAILED && errno == EINVAL, "errno %s", strerrorname(errno));
	char *b = mmap(range + 4 * page, page, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("right after it: mapped", b == range + 4 * page, "failed (%s)", strerrorname(errno));

	char *p = mmap(NULL, 4 * page, RW, ANON | MAP_POPULATE, -1, 0);
	CHECK("MAP_POPULATE maps", p != MAP_FAILED, "failed");
	unsigned char vec[4] = { 0 };
	CHECK_OK("mincore", mincore(p, 4 * page, vec));
	CHECK("MAP_POPULATE pages are resident", (vec[0] & 1) && (vec[1] & 1) && (vec[2] & 1) && (vec[3] & 1),
	      "vec %d %d %d %d", vec[0], vec[1], vec[2], vec[3]);
	CHECK("and zero", p[0] == 0 && p[4 * page - 1] == 0, "not zero");
	char *q = mmap(NULL, 2 * page, RW, ANON, -1, 0);
	CHECK_OK("mincore without MAP_POPULATE", mincore(q, 2 * page, vec));
	CHECK("untouched pages are not resident", !(vec[0] & 1) && !(vec[1] & 1), "vec %d %d", vec[0], vec[1]);
	munmap(p, 4 * page);
	munmap(q, 2 * page);
	munmap(range, 8 * page);
	return contract_end();
}
