/*
 * mmap_anonymous — anonymous mappings: private and shared ones start zeroed,
 * are page-aligned and writable; a length that is not a page multiple is
 * rounded up; PROT_NONE faults (SEGV_ACCERR); errors: EINVAL for length 0,
 * for neither or both of MAP_PRIVATE/MAP_SHARED and for an unaligned offset,
 * EBADF for a bad fd without MAP_ANONYMOUS, ENOMEM for an impossible length.
 * Error cases use the raw syscall: musl rejects some of them before the kernel.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	probe_init();
	CHECK("page size 4096", page == 4096, "got %ld", page);

	size_t len = 16 * page;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("private anonymous mapping", p != MAP_FAILED, "failed with %s", strerrorname(errno));
	CHECK("page-aligned", ((uintptr_t)p % page) == 0, "misaligned");
	CHECK("starts zeroed", all_zero(p, len), "not zero");
	memset(p, 0x5a, len);
	CHECK("writable throughout", p[0] == 0x5a && p[len - 1] == 0x5a, "lost writes");
	CHECK_OK("munmap", munmap(p, len));

	char *s = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK("shared anonymous mapping", s != MAP_FAILED, "failed with %s", strerrorname(errno));
	CHECK("shared starts zeroed", all_zero(s, 3 * page), "not zero");
	s[page] = 1;
	CHECK("shared writable", s[page] == 1, "lost write");
	munmap(s, 3 * page);

	char *odd = mmap(NULL, page + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("odd length mapping", odd != MAP_FAILED, "failed");
	CHECK("length rounded up to whole pages", probe_write(odd + 2 * page - 1, 'x') == 0, "last page missing");
	munmap(odd, 2 * page);

	char *none = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("PROT_NONE mapping", none != MAP_FAILED, "failed");
	CHECK("PROT_NONE read faults with SEGV_ACCERR", probe_read(none, NULL) == SEGV_ACCERR, "code %d", probe_code);
	munmap(none, page);

	char *ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char v = 1;
	CHECK("read-only anonymous page reads zero", probe_read(ro, &v) == 0 && v == 0, "differs");
	CHECK("write to it faults with SEGV_ACCERR", probe_write(ro, 1) == SEGV_ACCERR, "code %d", probe_code);
	munmap(ro, page);

	CHECK("length 0 is EINVAL",
	      (void *)syscall(SYS_mmap, NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
	      "errno %s", strerrorname(errno));
	CHECK("neither PRIVATE nor SHARED is EINVAL",
	      (void *)syscall(SYS_mmap, NULL, page, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
	      "errno %s", strerrorname(errno));
	CHECK("unaligned offset is EINVAL",
	      (void *)syscall(SYS_mmap, NULL, page, PROT_READ, MAP_PRIVATE, 0, 1) == MAP_FAILED && errno == EINVAL,
	      "errno %s", strerrorname(errno));
	CHECK("bad fd is EBADF", (void *)syscall(SYS_mmap, NULL, page, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED && errno == EBADF,
	      "errno %s", strerrorname(errno));
	CHECK("impossible length is ENOMEM",
	      (void *)syscall(SYS_mmap, NULL, (size_t)1 << 62, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	      MAP_FAILED && errno == ENOMEM, "errno %s", strerrorname(errno));
	return contract_end();
}
