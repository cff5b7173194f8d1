/* fakemem.h — a fake program address space for tests: bytes placed at fixed addresses in whole
 * pages, read back through the capture walker's read callback; and a region collector that
 * copies each region's bytes out of it, as the recorder would. */
#ifndef LOCKSTEP_TRACES_TESTS_FAKEMEM_H
#define LOCKSTEP_TRACES_TESTS_FAKEMEM_H

#include <stddef.h>
#include <stdint.h>

#include "capture.h"
#include "trace.h"

#define FAKE_MAX_REGIONS 64
#define FAKE_MAX_BYTES   8192

void fake_reset(void);
uint64_t fake_place(uint64_t addr, const void *p, size_t len);
int fake_read(void *ctx, uint64_t addr, void *buf, size_t len);

struct fake_capture {
    struct trace_mem regions[FAKE_MAX_REGIONS];
    uint8_t data[FAKE_MAX_REGIONS][FAKE_MAX_BYTES];
    uint32_t count;
    uint32_t flags;
};

/* The region callback: appends the region and a copy of its bytes to the fake_capture ctx. */
int fake_collect(void *ctx, const struct trace_mem *m);

/* Run the walker at entry and (unless noreturn) at exit; regions land in c. Returns the walker's
   result. */
int fake_capture(struct fake_capture *c, uint32_t nr, const uint64_t args[6], int64_t result, int noreturn);

#endif
