/*
 * segv_codes — the si_code and si_addr of SIGSEGV as Linux sets them: SEGV_ACCERR where a
 * mapping exists but forbids the access (a write to the program's own text, a jump into a
 * page without PROT_EXEC, a read of PROT_NONE memory), SEGV_MAPERR where nothing is mapped
 * (a hole, an address in the kernel's half), and SI_KERNEL with si_addr 0 for a
 * non-canonical address (a general-protection fault, not a page fault).
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <stdint.h>
#include <sys/mman.h>

static int probe_call(void *code)
{
	probe_code = 0;
	probe_signo = 0;
	if (sigsetjmp(probe_jmp, 1))
		return probe_code ? probe_code : -1;
	((void (*)(void))code)();
	return 0;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	probe_init();

	volatile char *text = (volatile char *)(uintptr_t)&main;
	CHECK("write to our own text: SEGV_ACCERR", probe_write(text, 0) == SEGV_ACCERR, "code %d", probe_code);
	CHECK("si_addr is the text byte", probe_addr == (void *)text, "elsewhere");

	unsigned char *rw = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rw[0] = 0xc3;   /* ret */
	CHECK("jump into a page without PROT_EXEC: SEGV_ACCERR", probe_call(rw) == SEGV_ACCERR,
	      "code %d", probe_code);
	CHECK("si_addr is the jump target", probe_addr == (void *)rw, "elsewhere");
	CHECK_OK("mprotect PROT_READ|PROT_EXEC", mprotect(rw, page, PROT_READ | PROT_EXEC));
	CHECK("then the call returns", probe_call(rw) == 0, "code %d", probe_code);

	CHECK_OK("mprotect PROT_NONE", mprotect(rw, page, PROT_NONE));
	CHECK("read of PROT_NONE: SEGV_ACCERR", probe_read((char *)rw + 5, NULL) == SEGV_ACCERR, "code %d",
	      probe_code);
	CHECK_OK("munmap", munmap(rw, page));
	CHECK("read of the hole left: SEGV_MAPERR", probe_read((char *)rw + 5, NULL) == SEGV_MAPERR, "code %d",
	      probe_code);
	CHECK("si_addr in the hole", probe_addr == (void *)(rw + 5), "elsewhere");

	volatile char *kernel = (volatile char *)0xffffffff81000000ul;
	CHECK("read of a kernel address: SEGV_MAPERR", probe_read(kernel, NULL) == SEGV_MAPERR, "code %d",
	      probe_code);
	CHECK("si_addr is that address", probe_addr == (void *)kernel, "elsewhere");

	volatile char *noncanon = (volatile char *)0x0000800000000000ul;
	CHECK("non-canonical address: SI_KERNEL", probe_read(noncanon, NULL) == SI_KERNEL, "code %d",
	      probe_code);
	CHECK("with si_addr 0", probe_addr == NULL, "not 0");
	return contract_end();
}
