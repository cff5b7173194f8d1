/* Reading a tracee's memory: process_vm_readv in one call; word-by-word PTRACE_PEEKDATA
 * only where process_vm_readv is unavailable (see vmread.c for why not per page). */
#ifndef RECORDER_VMREAD_H
#define RECORDER_VMREAD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reads len bytes at addr into out. Returns the number of bytes read from the start
 * (len when all could be read; less at the first unreadable byte). */
size_t vm_read(pid_t pid, uint64_t addr, void *out, size_t len);

/* Reads a NUL-terminated string of at most max bytes (NUL included) into out.
 * Returns its length without the NUL, or -1 if it could not be read or has no NUL
 * within max bytes (then out holds what was read, *got its length). */
long vm_read_str(pid_t pid, uint64_t addr, char *out, size_t max, size_t *got);

#endif
