/* Storage for the memory one syscall read and wrote, captured from the tracee: a
 * growing byte buffer and the list of regions in it, reused from one syscall to the
 * next. Which regions to take is decided by the walker in traces/capture.h (the one the
 * kernel's checker uses too); the recorder only reads them here. */
#ifndef RECORDER_CAPBUF_H
#define RECORDER_CAPBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace.h"

struct capbuf {
	struct trace_mem *regions;  /* .data holds an offset into data until capbuf_regions() */
	uint32_t nregions, cap_regions;
	uint8_t *data;
	size_t used, cap_data;
	bool fault;                 /* some described memory could not be read */
};

void capbuf_reset(struct capbuf *c);
void capbuf_release(struct capbuf *c);

/* Copies the region m describes (m->addr, m->len) from the tracee; returns the bytes
 * read (a short read sets fault; the region keeps what was read). */
size_t capbuf_add(struct capbuf *c, pid_t pid, const struct trace_mem *m);

/* The regions with their data pointers set; call once, just before writing the record. */
struct trace_memlist capbuf_regions(struct capbuf *c);

#endif
