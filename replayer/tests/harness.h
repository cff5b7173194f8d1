/* harness.h — the engine's host test harness (engine_harness.c) and its synthetic traces
 * (synth.c). */
#ifndef REPLAYER_TESTS_HARNESS_H
#define REPLAYER_TESTS_HARNESS_H

/* Writes the synthetic trace `name` to path; 0 or -1. Names: see synth_names. */
int synth_write(const char *name, const char *path);
extern const char *const synth_names[];

#endif
