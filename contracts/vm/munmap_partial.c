/*
 * munmap_partial — munmap of part of a mapping: unmapping the middle splits it
 * (both ends keep their data, the hole faults with SEGV_MAPERR); unmapping the
 * head or the tail shrinks it; one munmap may span several mappings and holes;
 * unmapping free space succeeds; EINVAL for an unaligned address or length 0.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <sys/mman.h>
#include <sys/syscall.h>

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	probe_init();

	char *p = mmap(NULL, 8 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("map 8 pages", p != MAP_FAILED, "failed");
	for (int i = 0; i < 8; i++)
		p[i * page] = (char)('0' + i);

	CHECK_OK("unmap pages 3-4", munmap(p + 3 * page, 2 * page));
	CHECK("page 2 kept", probe_read(p + 2 * page, NULL) == 0 && p[2 * page] == '2', "lost");
	CHECK("page 5 kept", probe_read(p + 5 * page, NULL) == 0 && p[5 * page] == '5', "lost");
	CHECK("page 3 gone: SEGV_MAPERR", probe_read(p + 3 * page, NULL) == SEGV_MAPERR, "code %d", probe_code);
	CHECK("fault address is the page touched", probe_addr == (void *)(p + 3 * page), "differs");
	CHECK("page 4 gone", probe_read(p + 4 * page + 17, NULL) == SEGV_MAPERR, "code %d", probe_code);

	CHECK_OK("unmap the head", munmap(p, page));
	CHECK("head gone", probe_read(p, NULL) == SEGV_MAPERR, "still there");
	CHECK("page 1 kept", p[page] == '1', "lost");
	CHECK_OK("unmap the tail", munmap(p + 7 * page, page));
	CHECK("tail gone", probe_read(p + 7 * page, NULL) == SEGV_MAPERR, "still there");
	CHECK("page 6 kept", p[6 * page] == '6', "lost");

	CHECK_OK("unmap across pieces and holes", munmap(p, 8 * page));
	int gone = 1;
	for (int i = 0; i < 8; i++)
		gone &= probe_read(p + i * page, NULL) == SEGV_MAPERR;
	CHECK("everything gone", gone, "something left");
	CHECK_OK("unmapping free space succeeds", munmap(p, 8 * page));

	CHECK_ERR("unaligned address", syscall(SYS_munmap, p + 1, page), EINVAL);
	CHECK_ERR("length 0", syscall(SYS_munmap, p, 0), EINVAL);
	return contract_end();
}
