/* The memory one syscall read and wrote, captured from the tracee.
 *
 * capture_entry() runs at syscall-entry-stop and takes what the kernel will read
 * (paths, input buffers and structs, iovecs, ...); capture_exit() runs at
 * syscall-exit-stop and takes what the kernel wrote (output buffers sized by the
 * result, output structs, ...). What to take for each argument comes from the
 * syscall description table in traces/sysdesc.h; the recorder keeps no list of
 * syscalls of its own. capture_regions() then gives the regions as trace records
 * want them. */
#ifndef RECORDER_CAPTURE_H
#define RECORDER_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace.h"

struct capture {
	struct trace_mem *regions;  /* .data holds an offset into data until capture_regions() */
	uint32_t nregions, cap_regions;
	uint8_t *data;
	size_t used, cap_data;
	bool fault;                 /* some described memory could not be read */
	bool undescribed;           /* the syscall is not in the description table */
};

void capture_reset(struct capture *c);
void capture_release(struct capture *c);

/* Copies len bytes at addr from the tracee into a new region; returns the bytes read
 * (a short read marks a fault; the region keeps what was read). */
size_t capture_mem(struct capture *c, pid_t pid, uint8_t dir, uint8_t arg, uint32_t elem,
		   uint64_t offset, uint64_t addr, size_t len);
/* A NUL-terminated string (NUL included in the region) of at most max bytes. */
long capture_str(struct capture *c, pid_t pid, uint8_t dir, uint8_t arg, uint32_t elem,
		 uint64_t addr, size_t max);

void capture_entry(struct capture *c, pid_t pid, uint32_t nr, const uint64_t args[6]);
void capture_exit(struct capture *c, pid_t pid, uint32_t nr, const uint64_t args[6], int64_t result);

/* The regions with their data pointers set, valid until the next capture call. */
struct trace_memlist capture_regions(struct capture *c);

#endif
