/* divergence.h — the report of the first divergence of a trace (DESIGN.md principle 6).
 *
 * Filled by the checker, printed on the console, then handed to lockstep_diverged(), the one
 * function gdb breaks on (gdb/lockstep.py pretty-prints this struct from kernel memory, so keep
 * it flat: fixed-size strings and integers only).
 */
#ifndef REPLAYER_KERNEL_DIVERGENCE_H
#define REPLAYER_KERNEL_DIVERGENCE_H

#include <stdint.h>

#define DIV_NAME_MAX  96
#define DIV_CALL_MAX  240
#define DIV_VALUE_MAX 160
#define DIV_LAST_N    5

struct divergence {
    char trace[DIV_NAME_MAX];       /* trace name (file name without directories) */
    char program[DIV_NAME_MAX];     /* path of the traced program inside the root */
    uint32_t task;                  /* recorded task id (0 = the first program) */
    int32_t tid;                    /* the task's actual tid in the kernel */
    uint64_t record;                /* index of the record in the trace file (HEADER is 0) */
    uint32_t event;                 /* index of the event in the task's stream */
    uint32_t nr;                    /* syscall number (or -1 for non-syscall events) */
    char recorded[DIV_CALL_MAX];    /* the event as recorded, strace syntax */
    char executed[DIV_CALL_MAX];    /* the event as executed */
    char field[64];                 /* what differs: "result", "arg 2 (count)", "st_size", ... */
    char expected[DIV_VALUE_MAX];   /* its recorded value */
    char actual[DIV_VALUE_MAX];     /* its actual value */
    char why[DIV_VALUE_MAX];        /* the rule that failed, in words */
    uint32_t nlast;                 /* how many of last[] are filled, oldest first */
    char last[DIV_LAST_N][DIV_CALL_MAX]; /* the last matching calls of this task */
    uint64_t user_rip;              /* the program counter at the divergent call */
    uint64_t user_rsp;
    uint64_t user_rbp;
};

/* Called once per divergence, after the report is printed. gdb breaks here. */
void lockstep_diverged(const struct divergence *d);

#endif
