/* streams.h — the engine's stream cursor helpers (engine.c), shared with the delivery-point
 * rule (sigsync.c). Internal to the checker. */
#ifndef REPLAYER_KERNEL_STREAMS_H
#define REPLAYER_KERNEL_STREAMS_H

#include "engine.h"

const struct trace_event *event_at(const struct check_run *run, const struct check_stream *s,
                                   uint32_t pos);
/* The stream of an attached, living task, or NULL. */
struct check_stream *stream_of(struct check_run *run, int tid);
uint64_t sigbit(int signo);
/* A recorded delivery of a default-ignored signal the task had no handler for. */
bool ignored_signal_event(const struct check_stream *s, const struct trace_event *ev);
/* The handled-signal mask after a recorded rt_sigaction (unchanged for other calls). */
uint64_t handlers_after(uint64_t handlers, const struct trace_syscall *sc);
/* The first event at or after pos the execution must act on: past born BIRTH records, EXEC
 * records and ignored deliveries (sigsync.c; the cursor is not moved). */
uint32_t stream_peek(const struct check_run *run, const struct check_stream *s, uint32_t pos);
/* An event that needs no action: a BIRTH record whose child exists, or an ignored delivery. */
bool event_settled(const struct check_stream *s, const struct trace_event *ev);
/* Moves the cursor past settled events, counting ignored deliveries (RULE_SIGNAL_IGNORED). */
void skip_settled(struct check_run *run, struct check_stream *s);
/* Where the record of a call nr starting at from is: a fork's or exec's own BIRTH/EXEC records
 * may come before its SYSCALL record. */
uint32_t call_record_at(const struct check_run *run, const struct check_stream *s, uint32_t from, uint32_t nr);
/* A divergence at stream position pos: the event there was expected, `actual` happened. */
int diverge_event(struct check_run *run, struct check_stream *s, uint32_t pos,
                  const char *field, const char *actual, const char *executed);

/* sigsync.c: called by check_exit for the call at pos before its fields are compared; true when
 * it is the rt_sigreturn of a signal delivered at a call's entry (its result then decided). */
bool sigsync_sigreturn(struct check_run *run, struct check_stream *s, uint32_t pos, int64_t act,
                       int *rc);
/* sigsync.c: called by check_signal when the recorded delivery at pos matched. */
void sigsync_delivered(struct check_run *run, struct check_stream *s, uint32_t pos);

#endif
