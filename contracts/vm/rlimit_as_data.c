/*
 * rlimit_as_data — RLIMIT_AS bounds the whole address space and RLIMIT_DATA the private
 * writable memory (Linux's may_expand_vm): mmap past either is ENOMEM, while a read-only or a
 * shared mapping is not data; MAP_FIXED over pages already mapped counts only the new ones;
 * mremap growth and an mprotect that makes a private mapping writable are checked the same
 * way; brk past RLIMIT_DATA fails (the break stays). Runs in children, one limit each.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define MB (1024L * 1024)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

static int data_limit(void)
{
	struct rlimit rl = { 8 * MB, 8 * MB };
	if (setrlimit(RLIMIT_DATA, &rl))
		return 1;
	errno = 0;
	if (mmap(NULL, 16 * MB, RW, ANON, -1, 0) != MAP_FAILED || errno != ENOMEM)
		return 2;
	char *ro = mmap(NULL, 16 * MB, PROT_READ, ANON, -1, 0);
	if (ro == MAP_FAILED)
		return 3;   /* read-only: not data */
	if (mmap(NULL, 16 * MB, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
		return 4;   /* shared: not data */
	errno = 0;
	if (mprotect(ro, 16 * MB, RW) != -1 || errno != ENOMEM)
		return 5;   /* would become data */
	char *small = mmap(NULL, 2 * MB, RW, ANON, -1, 0);
	if (small == MAP_FAILED)
		return 6;
	errno = 0;
	if (mremap(small, 2 * MB, 12 * MB, MREMAP_MAYMOVE) != MAP_FAILED || errno != ENOMEM)
		return 7;
	/* MAP_FIXED over itself adds nothing. */
	if (mmap(small, 2 * MB, RW, ANON | MAP_FIXED, -1, 0) != small)
		return 8;
	char *brk0 = (char *)syscall(SYS_brk, 0);
	char *want = brk0 + 16 * MB;
	if ((char *)syscall(SYS_brk, want) != brk0)
		return 9;   /* brk past the limit: unchanged */
	if ((char *)syscall(SYS_brk, brk0 + MB) != brk0 + MB)
		return 10;
	return 0;
}

static int as_limit(void)
{
	/* 64 MiB leaves room for what is mapped already (program, stack, heap). */
	struct rlimit rl = { 64 * MB, 64 * MB };
	if (setrlimit(RLIMIT_AS, &rl))
		return 1;
	errno = 0;
	if (mmap(NULL, 80 * MB, PROT_READ, ANON, -1, 0) != MAP_FAILED || errno != ENOMEM)
		return 2;   /* read-only counts against RLIMIT_AS */
	errno = 0;
	if (mmap(NULL, 80 * MB, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0) != MAP_FAILED || errno != ENOMEM)
		return 3;
	char *p = mmap(NULL, 16 * MB, PROT_READ, ANON, -1, 0);
	if (p == MAP_FAILED)
		return 4;
	errno = 0;
	if (mremap(p, 16 * MB, 70 * MB, MREMAP_MAYMOVE) != MAP_FAILED || errno != ENOMEM)
		return 5;
	if (munmap(p, 16 * MB))
		return 6;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	int r = contract_in_child(data_limit);
	CHECK("RLIMIT_DATA bounds private writable memory and brk", r == 0, "step %d", r);
	r = contract_in_child(as_limit);
	CHECK("RLIMIT_AS bounds every mapping", r == 0, "step %d", r);
	return contract_end();
}
