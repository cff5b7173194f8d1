/*
 * sigaltstack_onstack — an SA_ONSTACK handler runs on the alternate stack and
 * sees SS_ONSTACK; changing the stack while on it fails with EPERM; a handler
 * without SA_ONSTACK, or with the stack disabled, runs on the normal stack; a
 * stack overflow is survivable only on the alternate stack; ENOMEM for a stack
 * under MINSIGSTKSZ and EINVAL for bad flags.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>

#define ALT_SIZE (64 * 1024)
static char altstack[ALT_SIZE] __attribute__((aligned(16)));
static volatile int on_alt;
static volatile int flags_seen;
static volatile int eperm_seen;
static sigjmp_buf escape;

static int address_on_alt(const void *p)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)altstack;
	return a >= lo && a < lo + ALT_SIZE;
}

static void on_usr1(int sig)
{
	volatile char local = 0;
	(void)sig;
	on_alt = address_on_alt((const void *)&local);
	stack_t cur, other = { .ss_sp = altstack, .ss_size = ALT_SIZE, .ss_flags = 0 };
	sigaltstack(NULL, &cur);
	flags_seen = cur.ss_flags;
	errno = 0;
	eperm_seen = sigaltstack(&other, NULL) == -1 && errno == EPERM;
}

static void on_segv(int sig)
{
	volatile char local = 0;
	(void)sig;
	on_alt = address_on_alt((const void *)&local);
	siglongjmp(escape, 1);
}

/* Deep enough to overflow any stack limit this contract sets. */
static int recurse(volatile char *prev, long depth)
{
	volatile char frame[1024];
	frame[0] = prev ? prev[0] + 1 : 0;
	if (depth == 0)
		return frame[0];
	return recurse(frame, depth - 1) + frame[1];
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

int main(void)
{
	stack_t ss, old;

	CHECK_OK("query initial alternate stack", sigaltstack(NULL, &old));
	CHECK("initially disabled", old.ss_flags == SS_DISABLE, "flags %#x", old.ss_flags);

	ss.ss_sp = altstack;
	ss.ss_size = 1024;
	ss.ss_flags = 0;
	CHECK_ERR("stack below MINSIGSTKSZ", sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0x10;
	CHECK_ERR("bad flags", sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0;
	CHECK_OK("install alternate stack", sigaltstack(&ss, NULL));
	sigaltstack(NULL, &old);
	CHECK("read back", old.ss_sp == altstack && old.ss_size == ALT_SIZE && old.ss_flags == 0,
	      "flags %#x", old.ss_flags);

	install(SIGUSR1, on_usr1, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK("SA_ONSTACK handler runs on the alternate stack", on_alt == 1, "not on it");
	CHECK("SS_ONSTACK reported inside", (flags_seen & SS_ONSTACK) != 0, "flags %#x", flags_seen);
	CHECK("changing the stack while on it is EPERM", eperm_seen == 1, "no EPERM");
	sigaltstack(NULL, &old);
	CHECK("SS_ONSTACK clear after return", old.ss_flags == 0, "flags %#x", old.ss_flags);

	install(SIGUSR1, on_usr1, 0);
	raise(SIGUSR1);
	CHECK("handler without SA_ONSTACK uses the normal stack", on_alt == 0, "on alternate stack");

	/* Overflow the (limited) main stack: SIGSEGV is handled on the alternate stack. */
	struct rlimit rl;
	getrlimit(RLIMIT_STACK, &rl);
	rl.rlim_cur = 1024 * 1024;
	setrlimit(RLIMIT_STACK, &rl);
	install(SIGSEGV, on_segv, SA_ONSTACK | SA_NODEFER);
	on_alt = 0;
	if (sigsetjmp(escape, 1) == 0)
		recurse(NULL, 1L << 40);
	CHECK("stack overflow handled on the alternate stack", on_alt == 1, "not on it");

	ss.ss_flags = SS_DISABLE;
	CHECK_OK("disable alternate stack", sigaltstack(&ss, NULL));
	sigaltstack(NULL, &old);
	CHECK("disabled reads back", old.ss_flags == SS_DISABLE, "flags %#x", old.ss_flags);
	install(SIGUSR1, on_usr1, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK("SA_ONSTACK with disabled stack uses the normal stack", on_alt == 0, "on alternate stack");
	return contract_end();
}
