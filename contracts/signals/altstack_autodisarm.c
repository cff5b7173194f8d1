/*
 * altstack_autodisarm — SS_AUTODISARM: entering a handler on the alternate stack disarms
 * it, so inside the handler sigaltstack reports SS_DISABLE with no stack (not
 * SS_ONSTACK), may be changed without EPERM, and a nested SA_ONSTACK signal is not moved
 * back to the top of the stack; rt_sigreturn puts the stack back as the frame's uc_stack
 * had it, SS_AUTODISARM included, undoing the change made inside.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <signal.h>
#include <stdint.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif
#define ALT_SIZE (64 * 1024)
static char alt[ALT_SIZE] __attribute__((aligned(16)));
static char other[ALT_SIZE] __attribute__((aligned(16)));
static volatile int inner_flags = -1, set_inside = -1, nested_below = 0;
static volatile uintptr_t outer_sp, nested_sp;
static volatile uint64_t inner_sp_field, inner_size_field;

static void on_usr2(int sig)
{
	volatile char local = 0;
	(void)sig;
	nested_sp = (uintptr_t)&local;
}

static void on_usr1(int sig)
{
	volatile char local = 0;
	(void)sig;
	outer_sp = (uintptr_t)&local;
	stack_t cur;
	sigaltstack(NULL, &cur);
	inner_flags = cur.ss_flags;
	inner_sp_field = (uintptr_t)cur.ss_sp;
	inner_size_field = cur.ss_size;
	raise(SIGUSR2);
	nested_below = nested_sp < outer_sp && nested_sp > (uintptr_t)alt;
	stack_t ss = { .ss_sp = other, .ss_size = ALT_SIZE, .ss_flags = 0 };
	set_inside = sigaltstack(&ss, NULL);
}

int main(void)
{
	stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = SS_AUTODISARM };
	CHECK_OK("sigaltstack with SS_AUTODISARM", sigaltstack(&ss, NULL));
	stack_t cur;
	sigaltstack(NULL, &cur);
	CHECK_RET("reported flags outside a handler", (unsigned)cur.ss_flags, SS_AUTODISARM);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR1);
	CHECK("the handler ran on the alternate stack", outer_sp > (uintptr_t)alt &&
	      outer_sp < (uintptr_t)alt + ALT_SIZE, "elsewhere");
	CHECK_RET("inside: SS_DISABLE", inner_flags, SS_DISABLE);
	CHECK("inside: no stack", inner_sp_field == 0 && inner_size_field == 0, "sp or size set");
	CHECK("a nested SA_ONSTACK handler runs below, not at the top again", nested_below, "moved");
	CHECK_RET("inside: changing it is allowed", set_inside, 0);
	sigaltstack(NULL, &cur);
	CHECK("after return: the first stack is back, with SS_AUTODISARM",
	      cur.ss_sp == alt && cur.ss_size == ALT_SIZE && (unsigned)cur.ss_flags == SS_AUTODISARM,
	      "flags %#x", (unsigned)cur.ss_flags);
	return contract_end();
}
