/*
 * mremap.c — resizing and moving a mapping (Linux's mm/mremap.c): shrinking unmaps the
 * tail; growing extends in place when the pages after it are free, else moves the whole
 * mapping (MREMAP_MAYMOVE) top-down or to MREMAP_FIXED's address. Moving carries the page
 * frames over as they are: contents, sharing and copy-on-write state go with them.
 * MREMAP_DONTUNMAP moves the pages but leaves the old range mapped and empty.
 */
#include "kernel/mm/mm.h"
#include "kernel/errno.h"
#include "kernel/proc/task.h"
#include "arch/x86_64/arch.h"
#include <linux/mman.h>

/* Move [old, old + len) to new (free or about to be replaced), with a VMA like v's; the old
 * range is unmapped, or with MREMAP_DONTUNMAP kept, its pages gone (they fault in afresh). */
static long move_mapping(struct mm *mm, struct vma *v, uint64_t old, uint64_t len, uint64_t new, uint64_t new_len,
                         uint64_t mremap_flags)
{
    uint64_t pgoff = v->file ? v->pgoff + (old - v->start) / PAGE_SIZE : 0;
    unsigned prot = v->prot, flags = v->flags & ~VMA_HEAP;
    struct file *file = v->file;
    int r = mm_map_file(mm, new, new_len, prot, flags, file, pgoff);   /* v may be gone after this */
    if (r < 0)
        return r;
    for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
        unsigned ap;
        uint64_t pa = arch_pt_lookup(mm->root, old + off, &ap);
        if (!pa)
            continue;
        arch_pt_unmap(mm->root, old + off);
        if (arch_pt_map(mm->root, new + off, pa, ap) < 0)
            return -ENOMEM;
    }
    if (!(mremap_flags & MREMAP_DONTUNMAP))
        mm_unmap(mm, old, len);
    return (long)new;
}

/* The VMA that [old, old + old_len) lies in, checked as Linux's vma_to_resize does: EFAULT when
 * none holds old or the range runs past it, EINVAL for an old length of 0 (Linux duplicates a
 * shared mapping then, which is not supported here; a private one is EINVAL there too). */
static long vma_to_resize(struct mm *mm, uint64_t old, uint64_t old_len, struct vma **out)
{
    struct vma *v = vma_find(mm, old);
    if (!v || v->start > old)
        return -EFAULT;
    if (!old_len)
        return -EINVAL;
    if (v->end < old + old_len)
        return -EFAULT;
    *out = v;
    return 0;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: a move to new_addr (exactly there with FIXED, else new_addr
 * is a hint), checked in Linux's mremap_to order. */
static long mremap_to(struct mm *mm, uint64_t old, uint64_t old_len, uint64_t new_addr, uint64_t alen,
                      uint64_t flags)
{
    if (new_addr & (PAGE_SIZE - 1))
        return -EINVAL;
    if (alen > TASK_SIZE || new_addr > TASK_SIZE - alen)
        return -EINVAL;
    if (new_addr < old + old_len && old < new_addr + alen)
        return -EINVAL;               /* overlapping ranges */
    if (flags & MREMAP_FIXED)
        mm_unmap(mm, new_addr, alen);
    if (alen < old_len) {
        mm_unmap(mm, old + alen, old_len - alen);
        old_len = alen;
    }
    struct vma *v;
    long r = vma_to_resize(mm, old, old_len, &v);
    if (r < 0)
        return r;
    uint64_t more = (flags & MREMAP_DONTUNMAP) ? old_len : alen - old_len;   /* DONTUNMAP keeps both */
    if (!mm_may_expand(mm, v->prot, v->flags, more / PAGE_SIZE))
        return -ENOMEM;
    if (!(flags & MREMAP_FIXED)) {
        new_addr = mm_get_unmapped_area(mm, new_addr, alen);
        if (!new_addr)
            return -ENOMEM;
    }
    return move_mapping(mm, v, old, old_len, new_addr, alen, flags);
}

long sys_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, uint64_t flags, uint64_t new_addr)
{
    struct mm *mm = current_task()->mm;
    if (flags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
        return -EINVAL;               /* always a move, never a resize */
    if (old & (PAGE_SIZE - 1))
        return -EINVAL;
    old_len = ALIGN_UP(old_len, PAGE_SIZE);
    uint64_t alen = ALIGN_UP(new_len, PAGE_SIZE);
    if (!alen || alen < new_len)
        return -EINVAL;
    if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
        return mremap_to(mm, old, old_len, new_addr, alen, flags);
    struct vma *v = vma_find(mm, old);
    if (!v || v->start > old)
        return -EFAULT;
    if (alen <= old_len) {            /* a shrink just unmaps the tail, whatever it holds */
        if (alen < old_len)
            mm_unmap(mm, old + alen, old_len - alen);
        return (long)old;
    }
    long r = vma_to_resize(mm, old, old_len, &v);
    if (r < 0)
        return r;
    if (!mm_may_expand(mm, v->prot, v->flags, (alen - old_len) / PAGE_SIZE))
        return -ENOMEM;
    /* Grow in place when the mapping ends at old + old_len and the room after it is free. */
    if (v->end == old + old_len && old + alen <= TASK_SIZE && mm_range_free(mm, old + old_len, old + alen)) {
        v->end = old + alen;
        return (long)old;
    }
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    bool anon_private = !v->file && !(v->flags & VMA_SHARED);
    uint64_t to = mm_thp_aligned_placement(0, alen, anon_private) ? mm_unmapped_area_thp(mm, alen)
                                                                   : mm_unmapped_area(mm, alen);
    if (!to)
        return -ENOMEM;
    return move_mapping(mm, v, old, old_len, to, alen, flags);
}
