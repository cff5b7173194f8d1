/* Storage for captured memory (see capbuf.h). */
#include "capbuf.h"
#include "vmread.h"

#include <stdlib.h>
#include <string.h>

void capbuf_reset(struct capbuf *c)
{
	c->nregions = 0;
	c->used = 0;
	c->fault = false;
}

void capbuf_release(struct capbuf *c)
{
	free(c->regions);
	free(c->data);
	memset(c, 0, sizeof *c);
}

/* Room for one more region of up to len bytes; NULL when memory runs out. */
static struct trace_mem *reserve(struct capbuf *c, size_t len)
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

size_t capbuf_add(struct capbuf *c, pid_t pid, const struct trace_mem *m)
{
	struct trace_mem *r;
	size_t got;
	if (m->len == 0)
		return 0;
	if (!(r = reserve(c, m->len))) {
		c->fault = true;
		return 0;
	}
	got = vm_read(pid, m->addr, c->data + c->used, m->len);
	if (got < m->len)
		c->fault = true;
	if (got == 0)
		return 0;
	*r = *m;
	r->len = (uint32_t)got;
	r->data = (const uint8_t *)(uintptr_t)c->used;
	c->used += got;
	c->nregions++;
	return got;
}

struct trace_memlist capbuf_regions(struct capbuf *c)
{
	for (uint32_t i = 0; i < c->nregions; i++)
		c->regions[i].data = c->data + (uintptr_t)c->regions[i].data;
	return (struct trace_memlist){ .count = c->nregions, .vec = c->regions };
}
