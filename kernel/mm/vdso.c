/*
 * vdso.c — the three special mappings Linux 6.x gives every x86-64 process at exec:
 * [vvar] (4 pages, r--), [vvar_vclock] (2 pages, r--) and [vdso] (2 pages, r-x), in this
 * order, placed as one 8-page block by the top-down search below mmap_base after the ELF
 * is loaded (map_vdso from load_elf_binary's ARCH_SETUP_ADDITIONAL_PAGES). This kernel has
 * no vDSO code (and, as under the recorder, no AT_SYSINFO_EHDR): the pages are zero-filled,
 * but the ranges are taken, so that /proc/<pid>/maps and every later mmap placement match
 * Linux's. Their VMA flags name them and keep them from merging with anything.
 */
#include "kernel/mm/mm.h"
#include "kernel/errno.h"
#include <linux/mman.h>

static const struct {
    unsigned pages, prot, flags;
} vdso_layout[] = {
    { 4, PROT_READ, VMA_VVAR },
    { 2, PROT_READ, VMA_VVAR_VCLOCK },
    { 2, PROT_READ | PROT_EXEC, VMA_VDSO },
};

int vdso_map(struct mm *mm)
{
    uint64_t len = 0;
    for (size_t i = 0; i < ARRAY_SIZE(vdso_layout); i++)
        len += vdso_layout[i].pages * PAGE_SIZE;
    uint64_t at = mm_unmapped_area(mm, len);
    if (!at)
        return -ENOMEM;
    for (size_t i = 0; i < ARRAY_SIZE(vdso_layout); i++) {
        uint64_t n = vdso_layout[i].pages * PAGE_SIZE;
        int r = mm_map(mm, at, n, vdso_layout[i].prot, vdso_layout[i].flags);
        if (r < 0)
            return r;
        at += n;
    }
    return 0;
}
