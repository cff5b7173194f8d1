/*
 * runspec.h — the run spec: what `lockstep run` asks the kernel to execute, passed as the
 * multiboot module named "run". Format (written by replayer/host/run.py):
 *   "LOCKSTEP-RUN-1\0" then pairs of NUL-terminated strings KEY\0VALUE\0 where KEY is
 *   arg      one argv element, in order (the first is also the path executed)
 *   env      one environment string, in order
 *   release  the uname release to report
 *   rlimit   "RESOURCE SOFT HARD" in decimal (-1 = infinity), overriding a default
 *   verbose  "1": echo the kernel log on the console
 *   strace   "1": log every syscall with its result (implies nothing about verbose)
 *   panic    "1": panic right after boot (tests the host runner's panic path)
 * Unknown keys are ignored, so the format can grow.
 */
#ifndef KERNEL_RUNSPEC_H
#define KERNEL_RUNSPEC_H
#include "kernel/kernel.h"

#define RUNSPEC_MAX 256
struct runspec {
    char *argv[RUNSPEC_MAX];
    int argc;
    char *envp[RUNSPEC_MAX];
    int envc;
    const char *release;
    bool verbose;
    bool trace_syscalls;
    bool debug_panic;
    struct { int res; uint64_t cur, max; } rlim[16];
    int nrlim;
};

int runspec_parse(const void *buf, size_t len, struct runspec *rs);   /* 0 or -EINVAL */
extern struct runspec the_runspec;

#endif
