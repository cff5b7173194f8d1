/* Storage for captured memory: a growing byte buffer and the list of regions in it,
 * reused from one syscall to the next (see capture.h). */
#include "capture.h"
#include "vmread.h"

#include <stdlib.h>
#include <string.h>

void capture_reset(struct capture *c)
{
	c->nregions = 0;
	c->used = 0;
	c->fault = false;
	c->undescribed = false;
}

void capture_release(struct capture *c)
{
	free(c->regions);
	free(c->data);
	memset(c, 0, sizeof *c);
}

/* Room for one more region of up to len bytes; NULL when memory runs out. */
static struct trace_mem *reserve(struct capture *c, size_t len)
{
	if (c->nregions == c->cap_regions) {
		uint32_t n = c->cap_regions ? 2 * c->cap_regions : 16;
		struct trace_mem *r = realloc(c->regions, n * sizeof *r);
		if (!r)
			return NULL;
		c->regions = r;
		c->cap_regions = n;
	}
	if (c->used + len > c->cap_data) {
		size_t n = c->cap_data ? c->cap_data : 4096;
		while (n < c->used + len)
			n *= 2;
		uint8_t *d = realloc(c->data, n);
		if (!d)
			return NULL;
		c->data = d;
		c->cap_data = n;
	}
	return &c->regions[c->nregions];
}

size_t capture_mem(struct capture *c, pid_t pid, uint8_t dir, uint8_t arg, uint32_t elem,
		   uint64_t offset, uint64_t addr, size_t len)
{
	struct trace_mem *m;
	size_t got;
	if (len == 0)
		return 0;
	if (len > UINT32_MAX || !(m = reserve(c, len))) {
		c->fault = true;
		return 0;
	}
	got = vm_read(pid, addr, c->data + c->used, len);
	if (got < len)
		c->fault = true;
	if (got == 0)
		return 0;
	*m = (struct trace_mem){ .dir = dir, .arg = arg, .elem = elem, .offset = offset,
				 .addr = addr, .len = (uint32_t)got,
				 .data = (const uint8_t *)(uintptr_t)c->used };
	c->used += got;
	c->nregions++;
	return got;
}

long capture_str(struct capture *c, pid_t pid, uint8_t dir, uint8_t arg, uint32_t elem,
		 uint64_t addr, size_t max)
{
	struct trace_mem *m;
	size_t got;
	long n;
	if (!(m = reserve(c, max))) {
		c->fault = true;
		return -1;
	}
	n = vm_read_str(pid, addr, (char *)c->data + c->used, max, &got);
	if (n < 0)
		c->fault = true;
	else
		got = (size_t)n + 1;
	if (got == 0)
		return n;
	*m = (struct trace_mem){ .dir = dir, .arg = arg, .elem = elem, .offset = 0,
				 .addr = addr, .len = (uint32_t)got,
				 .data = (const uint8_t *)(uintptr_t)c->used };
	c->used += got;
	c->nregions++;
	return n;
}

struct trace_memlist capture_regions(struct capture *c)
{
	for (uint32_t i = 0; i < c->nregions; i++)
		c->regions[i].data = c->data + (uintptr_t)c->regions[i].data;
	return (struct trace_memlist){ .count = c->nregions, .vec = c->regions };
}
