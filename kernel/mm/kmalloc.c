/*
 * kmalloc.c — the kernel heap, carved from the direct map. Small requests (up to 2 KiB)
 * come from power-of-two size classes refilled a page at a time; larger ones take whole
 * contiguous frames. A 16-byte header in front of each block records its size, so kfree
 * needs no size and every block is 16-byte aligned (fxsave areas rely on it).
 */
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "arch/x86_64/arch.h"

#define HDR 16
#define MIN_CLASS 5          /* 32 bytes including the header */
#define MAX_CLASS 11         /* 2048 */
#define MAGIC 0x6b6d616c6c6f63UL

struct hdr { uint64_t magic; uint32_t cls; uint32_t pages; };
struct free_block { struct free_block *next; };

static struct free_block *free_lists[MAX_CLASS + 1];

static int size_class(size_t total)
{
    int c = MIN_CLASS;
    while ((1UL << c) < total)
        c++;
    return c;
}

void *kmalloc(size_t size)
{
    size_t total = size + HDR;
    if (size > (1UL << 30))
        return NULL;
    if (total > (1UL << MAX_CLASS)) {
        size_t pages = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
        uint64_t pa = frame_alloc_contig(pages);
        if (!pa)
            return NULL;
        struct hdr *h = phys_to_virt(pa);
        *h = (struct hdr){ MAGIC, 0, (uint32_t)pages };
        return (char *)h + HDR;
    }
    int c = size_class(total);
    if (!free_lists[c]) {
        uint64_t pa = frame_alloc();
        if (!pa)
            return NULL;
        char *page = phys_to_virt(pa);
        for (size_t off = 0; off + (1UL << c) <= PAGE_SIZE; off += 1UL << c) {
            struct free_block *b = (struct free_block *)(page + off);
            b->next = free_lists[c];
            free_lists[c] = b;
        }
    }
    struct free_block *b = free_lists[c];
    free_lists[c] = b->next;
    struct hdr *h = (struct hdr *)b;
    *h = (struct hdr){ MAGIC, (uint32_t)c, 0 };
    return (char *)h + HDR;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *p)
{
    if (!p)
        return;
    struct hdr *h = (struct hdr *)((char *)p - HDR);
    if (h->magic != MAGIC)
        panic("kfree: %p is not a kmalloc block", p);
    h->magic = 0;
    if (h->pages) {
        frame_free_contig(virt_to_phys(h), h->pages);
        return;
    }
    struct free_block *b = (struct free_block *)h;
    b->next = free_lists[h->cls];
    free_lists[h->cls] = b;
}
