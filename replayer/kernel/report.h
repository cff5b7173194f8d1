/* report.h — rendering events in strace syntax and building the divergence report (report.c).
 * Internal to the checker. */
#ifndef REPLAYER_KERNEL_REPORT_H
#define REPLAYER_KERNEL_REPORT_H

#include "engine.h"

/* The recorded event, strace-style: `write(1, "hi\n", 3) = 3`, `--- SIGCHLD ---`, ... */
void report_recorded(const struct trace_event *ev, char *out, size_t size);
/* The call as executed: name(actual registers) [= result]. */
void report_executed(uint32_t nr, const uint64_t args[6], bool has_result, int64_t result,
                     char *out, size_t size);

/* As div_detail.executed or .actual: "the task's call in progress" (stream's cur_nr, args
 * and result), formatted only when a divergence is reported: checking never formats text. */
extern const char REPORT_CALL[];

/* What differs, for report_divergence. */
struct div_detail {
    const char *field;      /* "result", "arg 2 (count)", "st_size", "event", ... */
    const char *expected;
    const char *actual;
    const char *why;        /* the rule, in words */
    const char *executed;   /* the event as executed (NULL: same as the field's actual) */
};

/* Records the run's first divergence at position pos of stream s (the event that differs),
 * prints the report, calls lockstep_diverged(), and returns CHECK_STOP. */
int report_divergence(struct check_run *run, struct check_stream *s, uint32_t pos,
                      const struct div_detail *d);

/* Value formatting for details: a number in decimal (and hex when large), bytes quoted. */
void report_number(int64_t v, char *out, size_t size);
void report_bytes(const uint8_t *p, size_t n, char *out, size_t size);
/* A wait status as strace shows an exit: "+++ exited with 3 +++", "+++ killed by SIGSEGV +++". */
void report_status(int status, char *out, size_t size);

#endif
