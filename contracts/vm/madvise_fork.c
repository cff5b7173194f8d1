/*
 * madvise_fork — advice that changes fork and residency: MADV_DONTFORK leaves the range out
 * of a child (it faults there with SEGV_MAPERR) until MADV_DOFORK; MADV_WIPEONFORK gives a
 * child zero pages where the parent keeps its data (EINVAL on a shared mapping) until
 * MADV_KEEPONFORK; MADV_POPULATE_READ/WRITE fault pages in (mincore), EINVAL where the
 * protection forbids the access, ENOMEM over a hole; MADV_DONTNEED_LOCKED drops pages as
 * MADV_DONTNEED does.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include "../process/sigchld_quiet.h"
#include <sys/mman.h>
#include <sys/wait.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

static long page;
static char *area;

/* In a child: what a read of area + off gives (0 ok and *v the byte, else the si_code). */
static int child_sees(long off, char want)
{
	pid_t pid = fork();
	if (pid == 0) {
		char v = 0;
		int code = probe_read(area + off, &v);
		_exit(code ? 100 + code : v == want ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

int main(void)
{
	sigchld_quiet();
	probe_init();
	page = sysconf(_SC_PAGESIZE);
	area = mmap(NULL, 4 * page, RW, ANON, -1, 0);
	memset(area, 'a', 4 * page);

	CHECK_OK("MADV_DONTFORK on the second page", madvise(area + page, page, MADV_DONTFORK));
	CHECK("a child has the first page", child_sees(0, 'a') == 0, "no");
	CHECK("but not the second: SEGV_MAPERR", child_sees(page, 'a') == 100 + SEGV_MAPERR, "status %d",
	      child_sees(page, 'a'));
	CHECK("the parent keeps it", area[page] == 'a', "lost");
	CHECK_OK("MADV_DOFORK", madvise(area + page, page, MADV_DOFORK));
	CHECK("now a child has it", child_sees(page, 'a') == 0, "no");

	CHECK_OK("MADV_WIPEONFORK on the third page", madvise(area + 2 * page, page, MADV_WIPEONFORK));
	CHECK("a child reads zero there", child_sees(2 * page + 5, 0) == 0, "not zero");
	CHECK("and the data next to it", child_sees(3 * page, 'a') == 0, "differs");
	CHECK("the parent keeps its data", area[2 * page + 5] == 'a', "lost");
	CHECK_OK("MADV_KEEPONFORK", madvise(area + 2 * page, page, MADV_KEEPONFORK));
	CHECK("a child has the data again", child_sees(2 * page + 5, 'a') == 0, "no");
	char *shared = mmap(NULL, page, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK_ERR("MADV_WIPEONFORK on a shared mapping: EINVAL", madvise(shared, page, MADV_WIPEONFORK), EINVAL);

	char *p = mmap(NULL, 4 * page, RW, ANON, -1, 0);
	unsigned char vec[4];
	CHECK_OK("MADV_POPULATE_READ", madvise(p, 2 * page, MADV_POPULATE_READ));
	CHECK_OK("MADV_POPULATE_WRITE", madvise(p + 2 * page, 2 * page, MADV_POPULATE_WRITE));
	mincore(p, 4 * page, vec);
	CHECK("all four resident", (vec[0] & vec[1] & vec[2] & vec[3] & 1) == 1, "vec %d %d %d %d",
	      vec[0], vec[1], vec[2], vec[3]);
	CHECK("and zero", p[0] == 0 && p[3 * page] == 0, "not zero");
	mprotect(p, page, PROT_READ);
	CHECK_ERR("MADV_POPULATE_WRITE on read-only: EINVAL", madvise(p, page, MADV_POPULATE_WRITE), EINVAL);
	mprotect(p, page, PROT_NONE);
	CHECK_ERR("MADV_POPULATE_READ on PROT_NONE: EINVAL", madvise(p, page, MADV_POPULATE_READ), EINVAL);
	munmap(p + page, page);
	CHECK_ERR("MADV_POPULATE_READ over a hole: ENOMEM", madvise(p + page, 2 * page, MADV_POPULATE_READ), ENOMEM);

	p[2 * page] = 'x';
	CHECK_OK("MADV_DONTNEED_LOCKED", madvise(p + 2 * page, page, MADV_DONTNEED_LOCKED));
	CHECK("the page reads zero again", p[2 * page] == 0, "kept");
	return contract_end();
}
