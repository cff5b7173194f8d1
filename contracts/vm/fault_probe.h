/*
 * fault_probe.h — try a memory access and report whether it faulted, for the vm
 * contracts. probe_read/probe_write return 0 when the access worked, or the
 * SIGSEGV/SIGBUS si_code (SEGV_MAPERR, SEGV_ACCERR, BUS_ADRERR, ...) when it
 * faulted; the faulting address is left in probe_addr. A fault costs one signal
 * delivery and an rt_sigprocmask from siglongjmp, nothing that depends on timing.
 */
#ifndef FAULT_PROBE_H
#define FAULT_PROBE_H

#include <setjmp.h>
#include <signal.h>
#include <string.h>

static sigjmp_buf probe_jmp;
static volatile int probe_code;
static volatile int probe_signo;
static void *volatile probe_addr;

static void probe_handler(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	probe_signo = sig;
	probe_code = si->si_code;
	probe_addr = si->si_addr;
	siglongjmp(probe_jmp, 1);
}

/* Install the handler for SIGSEGV and SIGBUS; call once. */
static inline void probe_init(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = probe_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

static inline int probe_read(const volatile char *p, char *out)
{
	probe_code = 0;
	probe_signo = 0;
	if (sigsetjmp(probe_jmp, 1))
		return probe_code ? probe_code : -1;
	char v = *p;
	if (out)
		*out = v;
	return 0;
}

static inline int probe_write(volatile char *p, char v)
{
	probe_code = 0;
	probe_signo = 0;
	if (sigsetjmp(probe_jmp, 1))
		return probe_code ? probe_code : -1;
	*p = v;
	return 0;
}

#endif
