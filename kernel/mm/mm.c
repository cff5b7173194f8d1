/*
 * mm.c — address spaces and their VMA lists: create, copy for fork (copy-on-write:
 * both sides map the frame read-only and share it; fault.c copies on the first write),
 * map, unmap and protect ranges (splitting VMAs as needed), and the top-down search for
 * free room below mmap_base that Linux uses when no address is asked for.
 */
#include "kernel/mm/mm.h"
#include "kernel/mm/frame.h"
#include "kernel/errno.h"
#include "kernel/proc/task.h"
#include "kernel/fs/vfs.h"
#include "arch/x86_64/arch.h"
#include <linux/mman.h>

/* PROT_NONE gives a kernel-only entry: the frame stays mapped (its bytes kept, as under
 * Linux's PROT_NONE pte) but every user access faults. */
unsigned mm_arch_prot(unsigned prot)
{
    if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
        return 0;
    unsigned p = PROT_U | PROT_R;
    if (prot & PROT_WRITE)
        p |= PROT_W;
    if (prot & PROT_EXEC)
        p |= PROT_X;
    return p;
}

static void vma_free(struct vma *v)
{
    if (v->file)
        file_put(v->file);
    kfree(v);
}

struct mm *mm_create(void)
{
    struct mm *mm = kzalloc(sizeof *mm);
    if (!mm)
        return NULL;
    mm->root = arch_pt_create();
    if (!mm->root) {
        kfree(mm);
        return NULL;
    }
    mm->users = 1;
    return mm;
}

static void unmap_pages(struct mm *mm, uint64_t start, uint64_t end)
{
    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        uint64_t pa = arch_pt_unmap(mm->root, va);
        if (pa)
            frame_put(pa);
    }
}

void mm_put(struct mm *mm)
{
    if (!mm || --mm->users > 0)
        return;
    struct vma *v = mm->vmas;
    while (v) {
        struct vma *next = v->next;
        unmap_pages(mm, v->start, v->end);
        vma_free(v);
        v = next;
    }
    if (arch_pt_active() == mm->root)
        arch_pt_activate(arch_pt_kernel_root());
    arch_pt_destroy(mm->root);
    kfree(mm);
}

void mm_activate(struct mm *mm)
{
    arch_pt_activate(mm ? mm->root : arch_pt_kernel_root());
}

struct mm *mm_clone(struct mm *old)
{
    struct mm *mm = mm_create();
    if (!mm)
        return NULL;
    uint64_t root = mm->root;
    *mm = *old;
    mm->root = root;
    mm->users = 1;
    mm->vmas = NULL;
    struct vma **tail = &mm->vmas;
    for (struct vma *v = old->vmas; v; v = v->next) {
        if (v->flags & VMA_DONTCOPY)
            continue;
        struct vma *n = kmalloc(sizeof *n);
        if (!n)
            goto fail;
        *n = *v;
        n->next = NULL;
        n->flags &= ~VMA_LOCKED;        /* memory locks are not inherited */
        if (n->file)
            file_get(n->file);
        *tail = n;
        tail = &n->next;
        if (v->flags & VMA_WIPEONFORK)
            continue;                   /* the child's pages fault in zeroed */
        for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
            unsigned prot;
            uint64_t pa = arch_pt_lookup(old->root, va, &prot);
            if (!pa && (v->flags & VMA_SHARED) && !v->file && (v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
                /* Shared anonymous memory: both sides must see the same page, so fill it now. */
                if (!(pa = frame_alloc()) || arch_pt_map(old->root, va, pa, mm_arch_prot(v->prot)) < 0) {
                    if (pa)
                        frame_put(pa);
                    goto fail;
                }
                prot = mm_arch_prot(v->prot);
            }
            if (!pa)
                continue;
            if (!(v->flags & VMA_SHARED) && (prot & PROT_W)) {
                prot &= ~PROT_W;
                arch_pt_map(old->root, va, pa, prot);
            }
            if (arch_pt_map(mm->root, va, pa, prot) < 0)
                goto fail;
            frame_get(pa);
        }
    }
    return mm;
fail:
    mm_put(mm);
    return NULL;
}

struct vma *vma_find(struct mm *mm, uint64_t addr)
{
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->end > addr)
            return v;
    return NULL;
}

/* Split v at addr (strictly inside it); the upper half becomes v->next. */
static int vma_split(struct vma *v, uint64_t addr)
{
    struct vma *n = kmalloc(sizeof *n);
    if (!n)
        return -ENOMEM;
    *n = *v;
    n->start = addr;
    if (n->file) {
        file_get(n->file);
        n->pgoff += (addr - v->start) / PAGE_SIZE;
    }
    v->end = addr;
    v->next = n;
    return 0;
}

/* Make VMA boundaries fall at start and end; returns the link pointing at the first VMA inside. */
static int split_range(struct mm *mm, uint64_t start, uint64_t end)
{
    for (struct vma *v = mm->vmas; v; v = v->next) {
        if (v->start < start && v->end > start) {
            if (vma_split(v, start) < 0)
                return -ENOMEM;
            continue;
        }
        if (v->start < end && v->end > end)
            if (vma_split(v, end) < 0)
                return -ENOMEM;
    }
    return 0;
}

int mm_unmap(struct mm *mm, uint64_t start, uint64_t len)
{
    uint64_t end = start + ALIGN_UP(len, PAGE_SIZE);
    if (split_range(mm, start, end) < 0)
        return -ENOMEM;
    struct vma **pp = &mm->vmas;
    while (*pp) {
        struct vma *v = *pp;
        if (v->start >= start && v->end <= end) {
            unmap_pages(mm, v->start, v->end);
            *pp = v->next;
            vma_free(v);
            continue;
        }
        pp = &v->next;
    }
    return 0;
}

static void vma_merge_around(struct mm *mm)
{
    for (struct vma *v = mm->vmas; v && v->next;) {
        struct vma *n = v->next;
        if (v->end == n->start && v->prot == n->prot && v->flags == n->flags && v->file == n->file &&
            (!v->file || v->pgoff + (v->end - v->start) / PAGE_SIZE == n->pgoff)) {
            v->end = n->end;
            v->next = n->next;
            vma_free(n);
            continue;
        }
        v = n;
    }
}

int mm_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot, unsigned flags)
{
    return mm_map_file(mm, start, len, prot, flags, NULL, 0);
}

/* Linux charges private writable memory to the commit count (accountable_mapping, mprotect_fixup)
 * and marks its VMA VM_ACCOUNT for good: VMA_ACCOUNT when a private mapping becomes writable. */
static unsigned account_flag(unsigned prot, unsigned flags)
{
    return (prot & PROT_WRITE) && !(flags & (VMA_SHARED | VMA_NORESERVE)) ? VMA_ACCOUNT : 0;
}

int mm_map_file(struct mm *mm, uint64_t start, uint64_t len, unsigned prot, unsigned flags,
                struct file *file, uint64_t pgoff)
{
    uint64_t end = start + ALIGN_UP(len, PAGE_SIZE);
    int r = mm_unmap(mm, start, end - start);
    if (r < 0)
        return r;
    struct vma *n = kzalloc(sizeof *n);
    if (!n)
        return -ENOMEM;
    n->start = start;
    n->end = end;
    n->prot = prot;
    n->flags = flags | account_flag(prot, flags);
    n->file = file ? file_get(file) : NULL;
    n->pgoff = pgoff;
    struct vma **pp = &mm->vmas;
    while (*pp && (*pp)->start < start)
        pp = &(*pp)->next;
    n->next = *pp;
    *pp = n;
    vma_merge_around(mm);
    return 0;
}

int mm_protect(struct mm *mm, uint64_t start, uint64_t len, unsigned prot)
{
    uint64_t end = start + ALIGN_UP(len, PAGE_SIZE);
    /* Linux: the whole range must be mapped, else ENOMEM (and nothing changes). */
    uint64_t at = start;
    for (struct vma *v = vma_find(mm, start); at < end; v = v->next) {
        if (!v || v->start > at)
            return -ENOMEM;
        if ((prot & PROT_WRITE) && v->file && (v->flags & VMA_SHARED) && !(v->flags & VMA_MAYWRITE))
            return -EACCES;
        uint64_t n = (MIN(v->end, end) - MAX(v->start, start)) / PAGE_SIZE;
        if ((prot & PROT_WRITE) && !mm_may_expand(mm, prot, v->flags, n) && mm_may_expand(mm, v->prot, v->flags, n))
            return -ENOMEM;             /* it would become data past RLIMIT_DATA */
        at = v->end;
    }
    if (split_range(mm, start, end) < 0)
        return -ENOMEM;
    for (struct vma *v = vma_find(mm, start); v && v->start < end; v = v->next) {
        v->prot = prot;
        v->flags |= account_flag(prot, v->flags);
        for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
            uint64_t pa = arch_pt_lookup(mm->root, va, NULL);
            if (!pa)
                continue;
            unsigned ap = mm_arch_prot(prot);   /* only the permissions change: the frame stays */
            if (!(v->flags & VMA_SHARED) && frame_refs(pa) > 1)
                ap &= ~PROT_W;                  /* still shared copy-on-write */
            arch_pt_map(mm->root, va, pa, ap);
        }
    }
    vma_merge_around(mm);
    return 0;
}

int mm_set_flags(struct mm *mm, uint64_t start, uint64_t end, unsigned set, unsigned clear)
{
    if (split_range(mm, start, end) < 0)
        return -ENOMEM;
    for (struct vma *v = vma_find(mm, start); v && v->start < end; v = v->next)
        v->flags = (v->flags & ~clear) | set;
    vma_merge_around(mm);
    return 0;
}

uint64_t mm_unmapped_area(struct mm *mm, uint64_t len)
{
    uint64_t top = mm->mmap_base;
    len = ALIGN_UP(len, PAGE_SIZE);
    /* Walk the gaps from the highest down: collect VMAs below top in address order. */
    for (;;) {
        if (top < len + PAGE_SIZE * 16)
            return 0;
        uint64_t cand = top - len;
        struct vma *clash = NULL;
        for (struct vma *v = mm->vmas; v; v = v->next)
            if (v->start < top && v->end > cand)
                clash = v;                      /* the highest one overlapping */
        if (!clash)
            return cand;
        top = clash->start;
    }
}

/* Linux 6.7+ aligns a private anonymous mapping placed without a hint whose length is a multiple
 * of 2 MiB (PMD_SIZE) on a 2 MiB boundary (__get_unmapped_area, __thp_get_unmapped_area): it
 * finds a gap for len + 2 MiB top-down and starts at the gap's lowest 2 MiB boundary (one higher
 * if the gap itself starts on one). glibc's 64 MiB thread arenas (mapped as 128 MiB) land there. */
uint64_t mm_unmapped_area_thp(struct mm *mm, uint64_t len)
{
    uint64_t padded = len + MM_PMD_SIZE;
    uint64_t at = padded > len ? mm_unmapped_area(mm, padded) : 0;
    if (!at)
        return mm_unmapped_area(mm, len);   /* as Linux: the plain search */
    uint64_t off_sub = (0 - at) & (MM_PMD_SIZE - 1);
    return at + (off_sub ? off_sub : MM_PMD_SIZE);
}

bool mm_thp_aligned_placement(uint64_t hint, uint64_t len, bool anon_private)
{
    return anon_private && !hint && len % MM_PMD_SIZE == 0;
}

bool mm_range_free(struct mm *mm, uint64_t start, uint64_t end)
{
    struct vma *v = vma_find(mm, start);
    return !v || v->start >= end;
}

uint64_t mm_get_unmapped_area(struct mm *mm, uint64_t hint, uint64_t len)
{
    hint = ALIGN_UP(hint, PAGE_SIZE);
    if (hint && hint + len <= TASK_SIZE && hint >= MMAP_MIN_ADDR && mm_range_free(mm, hint, hint + len))
        return hint;
    return mm_unmapped_area(mm, len);
}

uint64_t mm_stack_rlimit(void)
{
    struct task *t = current_task();
    uint64_t lim = t ? t->rlim[RLIMIT_STACK].rlim_cur : 8UL << 20;
    return MIN(lim, 1UL << 30);
}

uint64_t mmap_base_for(struct task *t)
{
    uint64_t gap = t->rlim[RLIMIT_STACK].rlim_cur;
    if (gap + STACK_GUARD_GAP > gap)
        gap += STACK_GUARD_GAP;
    uint64_t gap_min = 128UL << 20, gap_max = TASK_SIZE / 6 * 5;
    gap = gap < gap_min ? gap_min : gap > gap_max ? gap_max : gap;
    return ALIGN_UP(TASK_SIZE - gap, PAGE_SIZE);
}

/* For /proc/<pid>/maps (kernel/fs/procfs.c): the mapped file and the offset of v's start. */
struct file *vma_file(const struct vma *v, uint64_t *offset)
{
    if (offset)
        *offset = v->file ? v->pgoff * PAGE_SIZE : 0;
    return v->file;
}
