/* gen_trace.h — seeded generator of random but valid trace events, shared by the codec tests,
 * the fuzz seed corpus and the dump tests. Everything it returns lives in a static arena that
 * gen_reset() empties, so a generated event stays valid until the next reset. */
#ifndef LOCKSTEP_TRACES_TESTS_GEN_TRACE_H
#define LOCKSTEP_TRACES_TESTS_GEN_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

void gen_seed(uint64_t seed);
uint64_t gen_rand(void);
void gen_reset(void);
void gen_header(struct trace_header *h);
void gen_event(struct trace_event *ev, uint32_t ntasks);
/* Writes a whole trace of n events (header, events, end) into a malloc'ed buffer. */
uint8_t *gen_trace(uint64_t seed, int n, size_t *len);
/* Compare two events field by field (lists through the iterators); 0 if equal. */
int gen_event_cmp(const struct trace_event *a, const struct trace_event *b, char *why, size_t whylen);
int gen_header_cmp(const struct trace_header *a, const struct trace_header *b, char *why, size_t whylen);

#endif
