/* The recorder's tasks: one per traced thread or process, found by host tid.
 *
 * A task's id is its index in birth order (0 is the program itself). A task keeps the
 * syscall it is inside of, with the memory captured at entry, until the syscall exits. */
#ifndef RECORDER_TASKS_H
#define RECORDER_TASKS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "capbuf.h"
#include "capture.h"   /* traces/: struct capture_state */

enum task_state {
	TASK_PRE_EXEC,   /* the sandbox's program process before its first execve: not recorded */
	TASK_RUNNING,    /* recorded */
};

struct task {
	pid_t tid;                /* host tid (what waitpid and ptrace use) */
	pid_t tgid;               /* host tgid (its process) */
	uint32_t id;
	uint32_t nchildren;       /* births so far: the next child's birth_index */
	enum task_state state;
	bool in_syscall;          /* between syscall-entry-stop and syscall-exit-stop */
	uint32_t nr;
	uint32_t entered_after;   /* emit_events() when the call left its entry stop */
	uint64_t args[6];
	struct capbuf cap;        /* memory captured for the current syscall */
	struct capture_state cstate; /* what the entry walk keeps for the exit walk */
	uint32_t sc_flags;        /* TRACE_SC_* gathered while capturing */
	char *image;              /* execve's path, read at entry */
};

struct task *task_new(pid_t tid);            /* the next id; NULL when out of memory */
struct task *task_find(pid_t tid);
void task_rekey(struct task *t, pid_t new_tid); /* execve from a non-leader thread */
void task_free(struct task *t);
unsigned task_count(void);                   /* live tasks */

#endif
