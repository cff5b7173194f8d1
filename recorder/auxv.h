/* The recorder's one change to a new image: at each exec it hides the vDSO from the
 * program, so that time is read with syscalls the trace records (and the kernel then
 * injects), never silently in user space. */
#ifndef RECORDER_AUXV_H
#define RECORDER_AUXV_H

#include <sys/types.h>

/* At a PTRACE_EVENT_EXEC stop: turns the AT_SYSINFO_EHDR entry of the new image's auxv
 * into AT_IGNORE (same size, so the stack layout is unchanged). Returns 0, or -1 if the
 * auxv could not be read or written (the vDSO then stays visible). */
int auxv_hide_vdso(pid_t pid);

#endif
