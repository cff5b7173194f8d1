/*
 * sigframe_probe.c — lockstep-sigframe: how this host's Linux lays out a signal frame, for
 * the kernel to lay out its own the same way (docs/interfaces.md, "Kernel boot"). Linux
 * reserves the CPU's whole user XSAVE area in every x86-64 signal frame (fpu__alloc_mathframe),
 * so where a handler's frame, locals and siginfo land depends on which xstate features the
 * host enabled. The probe takes one signal and reads what Linux wrote: the fpstate's software
 * bytes (FP_XSTATE_MAGIC1, xstate_size, xfeatures), and AT_MINSIGSTKSZ from the auxiliary
 * vector. It prints one kernel command-line word:
 *   sigframe=XSTATE_SIZE,XFEATURES,MINSIGSTKSZ
 * XSTATE_SIZE 0 means no XSAVE: the frame holds a 512-byte fxsave image only.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <ucontext.h>

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif
#ifndef FP_XSTATE_MAGIC1
#define FP_XSTATE_MAGIC1 0x46505853u
#endif
#define SW_RESERVED 464                /* struct _fpx_sw_bytes inside the fxsave image */

static volatile uint32_t xstate_size;
static volatile uint64_t xfeatures;

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)si;
	const ucontext_t *uc = ctx;
	const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
	uint32_t sw[6];
	if (!fp)
		return;
	memcpy(sw, fp + SW_RESERVED, sizeof sw);
	if (sw[0] != FP_XSTATE_MAGIC1)
		return;                /* fxsave only */
	memcpy((void *)&xfeatures, &sw[2], sizeof xfeatures);
	xstate_size = sw[4];
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGUSR1, &sa, NULL) || raise(SIGUSR1))
		return 1;
	printf("sigframe=%u,%#llx,%lu\n", (unsigned)xstate_size, (unsigned long long)xfeatures,
	       getauxval(AT_MINSIGSTKSZ));
	return 0;
}
