/*
 * clone3_args — clone3(2) as glibc's pthread_create and posix_spawn use it: a fork-like
 * clone3 returns the child's pid and the child gets 0; CLONE_CLEAR_SIGHAND resets handled
 * signals to SIG_DFL in the child but keeps SIG_IGN; a child stack given as (stack,
 * stack_size) starts at its top. Errors in Linux's order: size below the first version
 * (EINVAL), non-zero bytes past the known struct (E2BIG), CSIGNAL bits in flags,
 * CLONE_SIGHAND with CLONE_CLEAR_SIGHAND, exit_signal with CLONE_THREAD, a stack without
 * a size (all EINVAL), and a bad struct pointer (EFAULT).
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <signal.h>
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* Linux's struct clone_args (version 2, 88 bytes); musl's headers do not have it. */
struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
		set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_CLEAR_SIGHAND 0x100000000ULL

static void on_usr1(int sig) { (void)sig; }

static long clone3(struct clone_args *args, size_t size)
{
	return syscall(SYS_clone3, args, size);
}

static char child_stack[16384] __attribute__((aligned(16)));

/* Runs in a child on child_stack: exit 7 when its locals are inside that stack. */
static void child_on_stack(void)
{
	volatile char here;
	uintptr_t sp = (uintptr_t)&here;
	_exit(sp > (uintptr_t)child_stack && sp < (uintptr_t)child_stack + sizeof child_stack ? 7 : 1);
}

/* clone3 where the child, on a new stack, cannot return through the syscall() wrapper: it
 * calls fn (which must not return) straight from the syscall instruction's return. */
static long clone3_on_stack(struct clone_args *args, size_t size, void (*fn)(void))
{
	register void (*r12)(void) __asm__("r12") = fn;
	long ret;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "call *%%r12\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "0"((long)SYS_clone3), "D"(args), "S"(size), "r"(r12)
			 : "rcx", "r11", "memory");
	return ret;
}

/* The child reports what it sees in its exit status: bit 0 SIGUSR1 back to default,
 * bit 1 SIGUSR2 still ignored. */
static int child_report(void)
{
	struct sigaction sa;
	int bits = 0;
	sigaction(SIGUSR1, NULL, &sa);
	bits |= sa.sa_handler == SIG_DFL;
	sigaction(SIGUSR2, NULL, &sa);
	bits |= (sa.sa_handler == SIG_IGN) << 1;
	return bits;
}

int main(void)
{
	sigchld_quiet();
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);

	struct clone_args args = { .exit_signal = SIGCHLD };
	long pid = clone3(&args, sizeof args);
	if (pid == 0)
		_exit(child_report());
	CHECK("fork-like clone3 returns a pid", pid > 0, "got %ld", pid);
	int status = -1;
	waitpid((pid_t)pid, &status, 0);
	CHECK("child inherits handlers", WIFEXITED(status) && WEXITSTATUS(status) == 2, "status %#x", status);

	args = (struct clone_args){ .flags = CLONE_CLEAR_SIGHAND, .exit_signal = SIGCHLD };
	pid = clone3(&args, CLONE_ARGS_SIZE_VER0);
	if (pid == 0)
		_exit(child_report());
	waitpid((pid_t)pid, &status, 0);
	CHECK("CLONE_CLEAR_SIGHAND: handled to default, ignored kept", WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "status %#x", status);

	/* A child on its own stack, given as base and size: it must start at the top. */
	args = (struct clone_args){ .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD,
				    .stack = (uint64_t)(uintptr_t)child_stack, .stack_size = sizeof child_stack };
	pid = clone3_on_stack(&args, sizeof args, child_on_stack);
	waitpid((pid_t)pid, &status, 0);
	CHECK("child runs on the given stack", WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);

	args = (struct clone_args){ .exit_signal = SIGCHLD };
	CHECK_ERR("size below version 0", clone3(&args, CLONE_ARGS_SIZE_VER0 - 8), EINVAL);
	struct { struct clone_args a; uint64_t extra; } big = { .a = { .exit_signal = SIGCHLD }, .extra = 1 };
	CHECK_ERR("non-zero tail", clone3(&big.a, sizeof big), E2BIG);
	args = (struct clone_args){ .flags = SIGCHLD };
	CHECK_ERR("CSIGNAL bits in flags", clone3(&args, sizeof args), EINVAL);
	args = (struct clone_args){ .flags = CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND };
	CHECK_ERR("CLONE_SIGHAND with CLONE_CLEAR_SIGHAND", clone3(&args, sizeof args), EINVAL);
	args = (struct clone_args){ .flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, .exit_signal = SIGCHLD };
	CHECK_ERR("exit_signal with CLONE_THREAD", clone3(&args, sizeof args), EINVAL);
	args = (struct clone_args){ .exit_signal = SIGCHLD, .stack = (uint64_t)(uintptr_t)child_stack };
	CHECK_ERR("stack without a size", clone3(&args, sizeof args), EINVAL);
	CHECK_ERR("bad struct pointer", clone3((struct clone_args *)8, sizeof args), EFAULT);
	return contract_end();
}
