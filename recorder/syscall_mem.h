/* Capturing a syscall's memory for the recorder: runs the walker of traces/capture.h
 * (the description table's reading, shared with the kernel's checker) and copies each
 * region it names out of the tracee into the task's capture buffer. */
#ifndef RECORDER_SYSCALL_MEM_H
#define RECORDER_SYSCALL_MEM_H

#include "tasks.h"

void syscall_mem_entry(struct task *t);                  /* IN regions, at syscall-entry-stop */
void syscall_mem_exit(struct task *t, int64_t result);   /* OUT regions, at syscall-exit-stop */

#endif
