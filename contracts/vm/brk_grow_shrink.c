/*
 * brk_grow_shrink — the program break: brk(0) reports it; growing returns the
 * new break and gives zeroed, writable memory; shrinking releases the pages
 * (they fault with SEGV_MAPERR) and growing again brings them back zeroed; a
 * request below the start of the heap fails by returning the unchanged break.
 * Uses the raw syscall: musl's malloc is not involved.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <stdint.h>
#include <sys/syscall.h>

static char *sys_brk(void *addr)
{
	return (char *)syscall(SYS_brk, addr);
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	probe_init();

	char *start = sys_brk(NULL);
	CHECK("brk(0) reports the break", start != NULL && start != (char *)-1, "failed");
	CHECK("brk(0) is stable", sys_brk(NULL) == start, "moved");

	/* Work from the next page boundary so that whole pages come and go. */
	char *base = (char *)(((uintptr_t)start + page - 1) & ~(uintptr_t)(page - 1));
	char *top = base + 16 * page;
	CHECK("grow by 16 pages", sys_brk(top) == top, "not moved");
	CHECK("new memory is zeroed", base[0] == 0 && top[-1] == 0 && base[5 * page] == 0, "not zero");
	memset(base, 'k', 16 * page);
	CHECK("new memory is writable", base[0] == 'k' && top[-1] == 'k', "lost writes");

	char *mid = base + 4 * page;
	CHECK("shrink to 4 pages", sys_brk(mid) == mid, "not moved");
	CHECK("pages below the break kept", mid[-1] == 'k', "lost");
	CHECK("released page faults with SEGV_MAPERR", probe_read(mid + page, NULL) == SEGV_MAPERR, "code %d",
	      probe_code);
	CHECK("grow again", sys_brk(top) == top, "not moved");
	CHECK("regrown pages are zeroed", mid[page] == 0 && top[-1] == 0, "old contents");
	CHECK("kept pages still hold their data", base[0] == 'k', "lost");

	CHECK("request below the heap start fails", sys_brk(start - 64 * page) == top, "moved");
	CHECK("break unchanged after the failure", sys_brk(NULL) == top, "moved");
	CHECK("back to the start", sys_brk(start) == start, "not moved");
	return contract_end();
}
