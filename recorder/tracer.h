/* The ptrace loop: follow the program's whole tree and write its events to the trace. */
#ifndef RECORDER_TRACER_H
#define RECORDER_TRACER_H

#include <stdbool.h>
#include "sandbox.h"

struct tracer_result {
	bool exec_failed;          /* the program never started; why is in error */
	int status;                /* the program's (pid 2's) wait status */
	unsigned long long syscalls, signals, tasks;
	char error[512];
};

/* Attaches to the sandbox's waiting program, lets it go, records until the sandbox's
 * init and every traced task are gone. Unless vdso, each new image's vDSO is hidden
 * (auxv.h). Returns 0, or -1 with res->error set. */
int tracer_run(struct sandbox *sb, char *const argv[], bool vdso, struct tracer_result *res);

#endif
