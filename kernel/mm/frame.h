/*
 * frame.h — physical page frames: allocated from the boot memory map (RAM below 1 GiB,
 * the part the direct map covers), reference-counted so copy-on-write can share them.
 */
#ifndef KERNEL_MM_FRAME_H
#define KERNEL_MM_FRAME_H
#include <stddef.h>
#include <stdint.h>

struct boot_info;
void frame_init(const struct boot_info *bi);
uint64_t frame_alloc(void);                 /* a zeroed frame with one reference, or 0 */
uint64_t frame_alloc_contig(size_t n);      /* n contiguous zeroed frames, or 0 */
void frame_free_contig(uint64_t pa, size_t n);
void frame_get(uint64_t pa);                /* one more reference */
void frame_put(uint64_t pa);                /* one less; freed at zero */
unsigned frame_refs(uint64_t pa);
size_t frame_free_count(void);
size_t frame_total_count(void);             /* frames the allocator manages */

#endif
