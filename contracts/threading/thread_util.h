/*
 * thread_util.h — deterministic thread helpers shared by the threading, signals
 * and process contracts.
 *
 * Contracts are replayed syscall by syscall, per task, so a thread's end must be
 * observed without a race. pthread_join races: musl spins, then FUTEX_WAITs on
 * the thread's state, and the exiting thread's FUTEX_WAKE returns 0 or 1
 * depending on who came first. Instead, the thread holds the only other copy of
 * a pipe's write end in a private fd table; Linux drops that table in do_exit
 * after clearing the tid (exit_mm before exit_files), so the main thread's read
 * returning 0 proves the thread is fully gone, and the pthread_join that follows
 * makes no futex call at all.
 *
 * The thread also waits for the creator's acknowledgement before it may go on:
 * a thread that exited while its creator was still inside pthread_create would
 * contend for musl's thread-list lock (a FUTEX_WAIT on it, or not, by timing).
 *
 * Raw clone threads (raw_thread) are for contracts that need exact control of
 * the clone flags; they share the caller's TLS, so they call only raw_syscall.
 */
#ifndef THREAD_UTIL_H
#define THREAD_UTIL_H

#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* A syscall that never touches errno or TLS: safe in a raw clone thread. */
static inline long raw_syscall(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define THREAD_FLAGS_BASE (CLONE_VM | CLONE_FS | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)

/* Start fn(arg) on a fresh 64 KiB stack with the given clone flags; returns the tid or -1. */
static inline int raw_thread(int (*fn)(void *), void *arg, int flags, int *ptid, int *ctid)
{
	size_t size = 64 * 1024;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return -1;
	return clone(fn, stack + size, flags, arg, ptid, (void *)0, ctid);
}

/* Exit watch: fd[0] reads EOF once the watched thread has fully exited; ack lets it go on. */
struct exit_watch {
	int fd[2];
	int ack[2];
};

static inline int exit_watch_open(struct exit_watch *w)
{
	if (pipe(w->fd) != 0)
		return -1;
	return pipe(w->ack);
}

/*
 * In a watched pthread, before it can exit: take a private fd table, say so,
 * keep only the write end, and wait until the creator is out of pthread_create.
 */
static inline void exit_watch_thread_start(struct exit_watch *w)
{
	char c = 's';
	unshare(CLONE_FILES);
	close(w->fd[0]);
	write(w->fd[1], &c, 1);
	read(w->ack[0], &c, 1);
}

/* In the creator, after pthread_create: wait until the thread owns its copy, drop ours, ack. */
static inline int exit_watch_started(struct exit_watch *w)
{
	char c;
	int n = read(w->fd[0], &c, 1);
	close(w->fd[1]);
	write(w->ack[1], "a", 1);
	close(w->ack[0]);
	close(w->ack[1]);
	return n == 1 ? 0 : -1;
}

/* For a raw thread cloned without CLONE_FILES: it already has its own copy (and no ack). */
static inline void exit_watch_cloned(struct exit_watch *w)
{
	close(w->fd[1]);
	close(w->ack[0]);
	close(w->ack[1]);
}

/* Block until the watched thread has exited; 0 on EOF. */
static inline int exit_watch_wait(struct exit_watch *w)
{
	char c;
	int n = read(w->fd[0], &c, 1);
	close(w->fd[0]);
	return n == 0 ? 0 : -1;
}

#endif
