/*
 * kernel.h — what every kernel file includes: fixed-width types, the kernel log,
 * panic, the kernel heap and a few small macros. The string and formatting helpers
 * come with it (lib/string.h, lib/printf.h).
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

#include "kernel/lib/string.h"
#include "kernel/lib/printf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12

/* Kernel log: kept in a ring buffer, echoed to COM1 when the run asks for it (verbose). */
__attribute__((format(printf, 1, 2))) void printk(const char *fmt, ...);
/* Prints the message, registers where known, a backtrace, and stops the machine. */
__attribute__((format(printf, 1, 2))) _Noreturn void panic(const char *fmt, ...);

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);

#endif
