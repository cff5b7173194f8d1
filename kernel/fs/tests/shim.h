/*
 * shim.h — for the host unit tests only: the few C library functions the tests call
 * (they are built with the kernel's headers, -nostdinc, and linked with the host libc),
 * and the shim's controls (shim.c stands in for the kernel services fs/ uses).
 */
#ifndef KERNEL_FS_TESTS_SHIM_H
#define KERNEL_FS_TESTS_SHIM_H
#include "kernel/kernel.h"
#include "kernel/proc/task.h"

int printf(const char *fmt, ...);
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void free(void *p);
_Noreturn void abort(void);
_Noreturn void exit(int status);

/* Pointers in [SHIM_BAD, SHIM_BAD + 64 KiB) and below 64 KiB fault like unmapped user memory. */
#define SHIM_BAD ((void *)0xdead0000ul)

/* What the program wrote to console stream 1 and 2 (NUL-terminated, truncated at 64 KiB). */
extern char shim_console[3][65536];
extern size_t shim_console_len[3];
/* Number of times a wq_wait found its condition false (a real kernel would have slept). */
extern int shim_would_block;
/* The task current_task() returns. */
extern struct task shim_task;

#endif
