/*
 * sigsegv_siginfo — faults become SIGSEGV with the faulting address in si_addr:
 * SEGV_ACCERR for a write to a read-only page (mprotect) and a read of a
 * PROT_NONE page, SEGV_MAPERR for a page removed by a partial munmap and for
 * NULL. A handler that repairs the mapping and returns lets the access retry.
 * A fault while SIGSEGV is blocked kills the process anyway.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static volatile int hits;
static volatile int code;
static void *volatile addr;
static char *fix_page;
static int fix_mode; /* 0: mprotect RW, 1: map a fresh page, 2: longjmp out */
static sigjmp_buf escape;
static long page;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	hits++;
	code = si->si_code;
	addr = si->si_addr;
	if (sig != SIGSEGV || si->si_signo != SIGSEGV)
		code = -1;
	if (fix_mode == 0)
		mprotect(fix_page, page, PROT_READ | PROT_WRITE);
	else if (fix_mode == 1)
		mmap(fix_page, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	else
		siglongjmp(escape, 1);
}

int main(void)
{
	sigchld_quiet();
	page = sysconf(_SC_PAGESIZE);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);

	char *map = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap three pages", map != MAP_FAILED, "failed");

	/* Write to a read-only page: SEGV_ACCERR; the handler makes it writable again. */
	CHECK_OK("mprotect middle page read-only", mprotect(map + page, page, PROT_READ));
	fix_page = map + page;
	fix_mode = 0;
	hits = 0;
	volatile char *target = map + page + 123;
	*target = 'w';
	CHECK("write to read-only page faults once", hits == 1, "hits %d", hits);
	CHECK("si_code SEGV_ACCERR", code == SEGV_ACCERR, "got %d", code);
	CHECK("si_addr is the written byte", addr == (void *)target, "offset %ld",
	      (long)((char *)addr - map));
	CHECK("write retried after the handler", *target == 'w', "value lost");

	/* Read a PROT_NONE page. */
	mprotect(map + page, page, PROT_NONE);
	hits = 0;
	char v = *(volatile char *)(map + page + 7);
	CHECK("read of PROT_NONE page faults, SEGV_ACCERR", hits == 1 && code == SEGV_ACCERR,
	      "hits %d code %d", hits, code);
	CHECK("si_addr for read", addr == (void *)(map + page + 7), "wrong address");
	CHECK("data kept across PROT_NONE", v == 0 && map[page + 123] == 'w', "data lost");

	/* Partial munmap: the middle page is gone; the others still work. */
	CHECK_OK("munmap middle page", munmap(map + page, page));
	map[0] = 'a';
	map[2 * page] = 'c';
	fix_mode = 1;
	hits = 0;
	target = map + page + 9;
	*target = 'm';
	CHECK("access to unmapped page faults, SEGV_MAPERR", hits == 1 && code == SEGV_MAPERR,
	      "hits %d code %d", hits, code);
	CHECK("si_addr after munmap", addr == (void *)target, "wrong address");
	CHECK("fresh page mapped by the handler", *target == 'm' && map[page] == 0, "content differs");
	CHECK("neighbours intact", map[0] == 'a' && map[2 * page] == 'c', "neighbours changed");

	/* NULL: SEGV_MAPERR with si_addr 0; escape with siglongjmp. */
	fix_mode = 2;
	hits = 0;
	if (sigsetjmp(escape, 1) == 0)
		*(volatile int *)0 = 1;
	CHECK("NULL write faults, SEGV_MAPERR at 0", hits == 1 && code == SEGV_MAPERR && addr == NULL,
	      "hits %d code %d", hits, code);

	/* Blocked SIGSEGV does not protect a faulting process. */
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_DUMPABLE, 0);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGSEGV);
		sigprocmask(SIG_BLOCK, &set, NULL);
		*(volatile int *)0 = 1;
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK("fault with SIGSEGV blocked kills", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "status %#x", status);

	munmap(map, 3 * page);
	return contract_end();
}
