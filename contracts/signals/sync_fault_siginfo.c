/*
 * sync_fault_siginfo — synchronous CPU faults become signals with the fault
 * described in siginfo: integer division by zero is SIGFPE/FPE_INTDIV, ud2 is
 * SIGILL/ILL_ILLOPN, both with si_addr at the faulting instruction; int3 is
 * SIGTRAP/SI_KERNEL; a handler that skips the instruction resumes after it.
 * With the default disposition a child dies of each signal.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <ucontext.h>

static volatile int got_sig, got_code;
static void *volatile got_addr;
static volatile uintptr_t got_rip;
static volatile int skip_len;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	got_rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	uc->uc_mcontext.gregs[REG_RIP] += skip_len;
}

/* Each fault sits at a global label so its address is known. */
extern char fault_div[], fault_ud2[], after_int3[];

__attribute__((noinline)) static void do_div(void)
{
	/* idiv %ecx with %ecx == 0: two bytes (f7 f9). */
	__asm__ volatile("xor %%ecx, %%ecx\n\tmov $1, %%eax\n\tcltd\n"
			 ".globl fault_div\nfault_div:\n\tidiv %%ecx\n"
			 ::: "eax", "ecx", "edx", "cc");
}

__attribute__((noinline)) static void do_ud2(void)
{
	__asm__ volatile(".globl fault_ud2\nfault_ud2:\n\tud2\n");
}

__attribute__((noinline)) static void do_int3(void)
{
	__asm__ volatile("int3\n.globl after_int3\nafter_int3:\n");
}

static int dies_of(void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_DUMPABLE, 0);
		fn();
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : -1;
}

int main(void)
{
	sigchld_quiet();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);

	skip_len = 2;
	do_div();
	CHECK("division by zero raises SIGFPE", got_sig == SIGFPE, "got %d", got_sig);
	CHECK("si_code FPE_INTDIV", got_code == FPE_INTDIV, "got %d", got_code);
	CHECK("si_addr is the idiv instruction", got_addr == (void *)fault_div, "differs");
	CHECK("saved RIP is the idiv instruction", got_rip == (uintptr_t)fault_div, "differs");

	got_sig = 0;
	skip_len = 2;
	do_ud2();
	CHECK("ud2 raises SIGILL", got_sig == SIGILL, "got %d", got_sig);
	CHECK("si_code ILL_ILLOPN", got_code == ILL_ILLOPN, "got %d", got_code);
	CHECK("si_addr is the ud2 instruction", got_addr == (void *)fault_ud2, "differs");

	got_sig = 0;
	skip_len = 0;
	do_int3();
	CHECK("int3 raises SIGTRAP", got_sig == SIGTRAP, "got %d", got_sig);
	CHECK("si_code SI_KERNEL", got_code == SI_KERNEL, "got %d", got_code);
	CHECK("saved RIP is just after int3", got_rip == (uintptr_t)after_int3, "differs");

	signal(SIGFPE, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	signal(SIGTRAP, SIG_DFL);
	CHECK("default SIGFPE kills", dies_of(do_div) == SIGFPE, "differs");
	CHECK("default SIGILL kills", dies_of(do_ud2) == SIGILL, "differs");
	CHECK("default SIGTRAP kills", dies_of(do_int3) == SIGTRAP, "differs");
	return contract_end();
}
