/* libc.h — the four C library functions the traces/ code calls, declared here so the code
 * builds freestanding (the kernel provides them) without including any libc header. */
#ifndef LOCKSTEP_TRACES_LIBC_H
#define LOCKSTEP_TRACES_LIBC_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
