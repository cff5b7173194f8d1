/*
 * frame.c — the physical frame allocator: a bitmap over the RAM the direct map covers
 * (the first 1 GiB), built from the boot memory map minus the first MiB, the kernel image
 * and the boot modules, plus a reference count per frame for sharing (copy-on-write).
 */
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "arch/x86_64/arch.h"

#define MAX_FRAMES (PHYS_MAP_SIZE / PAGE_SIZE)

static uint64_t used_map[MAX_FRAMES / 64];   /* 1 = not available */
static uint16_t refcount[MAX_FRAMES];
static size_t nfree, ntotal;
static size_t search_from;

static bool is_used(size_t i) { return used_map[i / 64] & (1UL << (i % 64)); }
static void set_used(size_t i) { used_map[i / 64] |= 1UL << (i % 64); }
static void set_free(size_t i) { used_map[i / 64] &= ~(1UL << (i % 64)); }

void frame_init(const struct boot_info *bi)
{
    memset(used_map, 0xff, sizeof used_map);
    uint64_t floor = MAX(bi->kernel_phys_end, 0x100000UL);
    for (int r = 0; r < bi->nram; r++) {
        uint64_t s = ALIGN_UP(MAX(bi->ram[r].start, floor), PAGE_SIZE);
        uint64_t e = ALIGN_DOWN(MIN(bi->ram[r].end, PHYS_MAP_SIZE), PAGE_SIZE);
        for (size_t i = s / PAGE_SIZE; i < e / PAGE_SIZE;) {
            if (i % 64 == 0 && i + 64 <= e / PAGE_SIZE) {
                used_map[i / 64] = 0;     /* a whole word at once: boot stays fast */
                i += 64;
                nfree += 64;
                continue;
            }
            set_free(i++);
            nfree++;
        }
    }
    search_from = floor / PAGE_SIZE;
    ntotal = nfree;
}

uint64_t frame_alloc_contig(size_t n)
{
    size_t run = 0;
    for (size_t k = 0; k < MAX_FRAMES; k++) {
        size_t i = (search_from + k) % MAX_FRAMES;
        if (i == 0)
            run = 0;
        if (is_used(i)) {
            run = 0;
            continue;
        }
        if (++run < n)
            continue;
        size_t first = i + 1 - n;
        for (size_t j = first; j <= i; j++) {
            set_used(j);
            refcount[j] = 1;
        }
        nfree -= n;
        search_from = i + 1;
        memset(phys_to_virt(first * PAGE_SIZE), 0, n * PAGE_SIZE);
        return first * PAGE_SIZE;
    }
    return 0;
}

uint64_t frame_alloc(void)
{
    return frame_alloc_contig(1);
}

void frame_free_contig(uint64_t pa, size_t n)
{
    for (size_t j = 0; j < n; j++)
        frame_put(pa + j * PAGE_SIZE);
}

void frame_get(uint64_t pa)
{
    refcount[pa / PAGE_SIZE]++;
}

void frame_put(uint64_t pa)
{
    size_t i = pa / PAGE_SIZE;
    if (i >= MAX_FRAMES || !is_used(i) || refcount[i] == 0)
        panic("frame_put: frame %lx is not allocated", pa);
    if (--refcount[i] == 0) {
        set_free(i);
        nfree++;
        if (i < search_from)
            search_from = i;
    }
}

unsigned frame_refs(uint64_t pa)
{
    return refcount[pa / PAGE_SIZE];
}

size_t frame_free_count(void)
{
    return nfree;
}

size_t frame_total_count(void)
{
    return ntotal;
}
