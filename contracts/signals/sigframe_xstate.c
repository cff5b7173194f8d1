/*
 * sigframe_xstate — the x86-64 signal frame holds the CPU's whole user XSAVE area, as
 * Linux lays it out: the fpstate's software bytes carry FP_XSTATE_MAGIC1 and extended_size
 * is xstate_size + 4; with UC_FP_XSTATE in uc_flags, FP_XSTATE_MAGIC2 follows the xstate
 * area; the fpstate is 64-byte aligned above the rt_sigframe (ucontext, then siginfo);
 * uc_flags has UC_SIGCONTEXT_SS and UC_STRICT_RESTORE_SS. An alternate stack of AT_MINSIGSTKSZ bytes is enough for a handler; on one of MINSIGSTKSZ
 * (2048) bytes the frame fits exactly when AT_MINSIGSTKSZ says it does, else the process
 * dies of SIGSEGV. The handler passes pointers into its frame to sigaltstack, so the
 * frame's addresses are compared too.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <ucontext.h>

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif
#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define MAGIC1 0x46505853u
#define MAGIC2 0x46505845u

static char big_stack[64 * 1024] __attribute__((aligned(16)));
static volatile int ran, consistent, aligned, above, ss_flags_ok, stack_call;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	ucontext_t *uc = ctx;
	const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
	uint32_t sw[5];
	memcpy(sw, fp + 464, sizeof sw);
	int has_magic = sw[0] == MAGIC1;
	int xstate = (uc->uc_flags & UC_FP_XSTATE) != 0;
	uint32_t magic2 = 0;
	if (has_magic && xstate)
		memcpy(&magic2, fp + sw[4], sizeof magic2);
	consistent = has_magic && sw[1] == sw[4] + 4 && (!xstate || magic2 == MAGIC2);
	aligned = ((uintptr_t)fp & 63) == 0;
	above = (const void *)fp >= (const void *)(si + 1);   /* the siginfo ends the rt_sigframe */
	ss_flags_ok = (uc->uc_flags & (UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS)) ==
		      (UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
	stack_t cur;   /* on the alternate stack: its address is compared */
	stack_call = sigaltstack(NULL, &cur) == 0 && (cur.ss_flags & SS_ONSTACK);
	ran = 1;
}

static void handle_on(void *stack, size_t size)
{
	stack_t ss = { .ss_sp = stack, .ss_size = size, .ss_flags = 0 };
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
}

int main(void)
{
	sigchld_quiet();   /* SIGCHLD is not the subject (sigchld_quiet.h) */
	unsigned long minsig = getauxval(AT_MINSIGSTKSZ);
	CHECK("AT_MINSIGSTKSZ is there", minsig >= 1024, "value %lu", minsig);

	handle_on(big_stack, sizeof big_stack);
	CHECK("handler ran on a large alternate stack", ran, "did not run");
	CHECK("fpstate software bytes and UC_FP_XSTATE agree", consistent, "inconsistent");
	CHECK("fpstate is 64-byte aligned", aligned, "misaligned");
	CHECK("fpstate lies above the frame", above, "below");
	CHECK("uc_flags has UC_SIGCONTEXT_SS and UC_STRICT_RESTORE_SS", ss_flags_ok, "missing");
	CHECK("sigaltstack in the handler says SS_ONSTACK", stack_call, "not on it");

	/* AT_MINSIGSTKSZ bytes at the top of the big stack: enough. */
	ran = 0;
	handle_on(big_stack + sizeof big_stack - ((minsig + 15) & ~15UL), (minsig + 15) & ~15UL);
	CHECK("AT_MINSIGSTKSZ bytes are enough", ran, "did not run");

	/* MINSIGSTKSZ bytes: the frame fits exactly when AT_MINSIGSTKSZ says so. */
	pid_t pid = fork();
	if (pid == 0) {
		handle_on(big_stack + sizeof big_stack - 2048, 2048);
		_exit(ran ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	int fits = minsig <= 2048;
	CHECK("a MINSIGSTKSZ stack runs the handler or dies of SIGSEGV as AT_MINSIGSTKSZ says",
	      fits ? WIFEXITED(status) && WEXITSTATUS(status) == 0
		   : WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "status %#x", status);
	return contract_end();
}
