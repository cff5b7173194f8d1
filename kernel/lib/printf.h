/* printf.h — snprintf for the kernel: %d %i %u %x %X %p %s %c %%, flags 0 - and width, l/ll/z. */
#ifndef KERNEL_LIB_PRINTF_H
#define KERNEL_LIB_PRINTF_H
#include <stddef.h>
#include <stdarg.h>

__attribute__((format(printf, 3, 4))) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
