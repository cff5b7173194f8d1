/* errno.h — Linux's errno numbers, taken from its own uapi header (never retyped). */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H
#include <asm-generic/errno.h>
#endif
