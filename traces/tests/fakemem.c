/* fakemem.c — the fake address space and region collector of fakemem.h. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "fakemem.h"

struct page {
    uint64_t base;
    uint8_t bytes[4096];
};
static struct page pages[32];
static int npages;

void fake_reset(void) { npages = 0; }

static uint8_t *page_of(uint64_t addr, bool create)
{
    for (int i = 0; i < npages; i++)
        if (pages[i].base == (addr & ~4095ull))
            return pages[i].bytes;
    if (!create || npages == 32)
        return NULL;
    pages[npages].base = addr & ~4095ull;
    memset(pages[npages].bytes, 0, 4096);
    return pages[npages++].bytes;
}

uint64_t fake_place(uint64_t addr, const void *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t *pg = page_of(addr + i, true);
        if (pg)
            pg[(addr + i) & 4095] = ((const uint8_t *)p)[i];
    }
    return addr;
}

int fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    for (size_t i = 0; i < len; i++) {
        uint8_t *pg = page_of(addr + i, false);
        if (!pg)
            return -EFAULT;
        ((uint8_t *)buf)[i] = pg[(addr + i) & 4095];
    }
    return 0;
}

int fake_collect(void *ctx, const struct trace_mem *m)
{
    struct fake_capture *c = ctx;
    if (c->count == FAKE_MAX_REGIONS || m->len > FAKE_MAX_BYTES)
        return -E2BIG;
    c->regions[c->count] = *m;
    if (fake_read(NULL, m->addr, c->data[c->count], m->len) < 0) {
        c->flags |= TRACE_SC_MEMFAULT;
        c->regions[c->count].len = 0;
    }
    c->regions[c->count].data = c->data[c->count];
    c->count++;
    return 0;
}

int fake_capture(struct fake_capture *c, uint32_t nr, const uint64_t args[6], int64_t result, int noreturn)
{
    struct capture_ops ops = { fake_read, fake_collect, c };
    struct capture_state st;
    memset(&st, 0, sizeof st);
    c->count = 0;
    c->flags = 0;
    int rc = capture_syscall(&ops, &st, nr, args, result, CAPTURE_ENTRY, &c->flags);
    if (rc == 0 && !noreturn)
        rc = capture_syscall(&ops, &st, nr, args, result, CAPTURE_EXIT, &c->flags);
    return rc;
}
