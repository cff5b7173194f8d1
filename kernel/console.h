/*
 * console.h — the program's output channel to the host. stream 1 is the program's stdout,
 * 2 its stderr; the host runner (replayer/host/run.py) passes them on to its own.
 * The wire format on COM1 is described in kernel/console.c.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H
#include <stddef.h>

void console_write(int stream, const void *buf, size_t len);

/* The end of the run ('x', wait status) or a failed exec ('X', errno): see console.c. */
void console_report(char type, long value);

#endif
