/* fields.h — comparing one syscall field by field (fields.c), through the rules (rules.c).
 * Internal to the checker. */
#ifndef REPLAYER_KERNEL_FIELDS_H
#define REPLAYER_KERNEL_FIELDS_H

#include "engine.h"

/* How to judge one value. */
struct rule_ctx {
    enum check_role role;
    bool output;        /* written by the kernel (world roles inject) or read from the program */
    unsigned width;     /* bytes, for sign extension (8 for registers) */
    int clock;          /* clock id when the value is a clock reading, else -1 */
    const char *name;   /* the field's name, or NULL */
};

struct rule_outcome {
    bool ok;
    bool inject;            /* overwrite the actual value with the recorded one */
    enum rule_id rule;
    uint64_t expected_act;  /* what the actual value should have been */
    const char *why;        /* on failure: the rule, in words */
};

bool rule_apply(struct check_run *run, const struct rule_ctx *c, uint64_t rec, uint64_t act,
                struct rule_outcome *o);
/* Byte strings: on an exact mismatch, *at is the first differing byte. */
bool rule_apply_bytes(struct check_run *run, const struct rule_ctx *c, const uint8_t *rec,
                      const uint8_t *act, size_t n, size_t *at, struct rule_outcome *o);

/* The rules that concern whole events rather than one value (rules.c). */
bool rule_default_ignored(int signo);      /* SIGCHLD, SIGCONT, SIGURG, SIGWINCH */
bool rule_vdso_call(uint32_t nr);          /* clock_gettime, gettimeofday, time, getcpu */
bool rule_makes_mapping(uint32_t nr);      /* mmap, mremap, shmat, brk */
/* Pairs the ranges a successful mmap/mremap/brk made (act: our result), forgets munmap'ed ones. */
void rule_learn_mappings(struct check_run *run, const struct trace_syscall *sc, int64_t act);

/* Registers and input memory of the syscall at stream position pos (in flight). */
int fields_enter(struct check_run *run, struct check_stream *s, uint32_t pos, const char *executed);
/* Result and output memory; injects world inputs (may replace *result); updates the mappings. */
int fields_exit(struct check_run *run, struct check_stream *s, uint32_t pos, int64_t *result,
                const char *executed);

#endif
