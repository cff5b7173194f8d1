/*
 * vm_limits.c — how much address space a process may have, as Linux's may_expand_vm decides
 * it: RLIMIT_AS bounds every page mapped, RLIMIT_DATA the private writable ones that are not a
 * stack (is_data_mapping). mmap, brk, mremap and mprotect ask before they grow. The counts
 * come from the VMA list when asked (Linux keeps them as mm counters).
 */
#include "kernel/mm/mm.h"
#include "kernel/proc/task.h"
#include <linux/mman.h>

static bool is_data(unsigned prot, unsigned flags)
{
    return (prot & PROT_WRITE) && !(flags & (VMA_SHARED | VMA_STACK | VMA_GROWSDOWN));
}

uint64_t mm_pages_in(struct mm *mm, uint64_t start, uint64_t end)
{
    uint64_t n = 0;
    for (struct vma *v = vma_find(mm, start); v && v->start < end; v = v->next)
        n += (MIN(v->end, end) - MAX(v->start, start)) / PAGE_SIZE;
    return n;
}

bool mm_may_expand(struct mm *mm, unsigned prot, unsigned flags, uint64_t npages)
{
    const struct rlimit *rl = current_task()->rlim;
    uint64_t total = 0, data = 0;
    for (struct vma *v = mm->vmas; v; v = v->next) {
        uint64_t n = (v->end - v->start) / PAGE_SIZE;
        total += n;
        if (is_data(v->prot, v->flags))
            data += n;
    }
    if (total + npages > rl[RLIMIT_AS].rlim_cur / PAGE_SIZE)
        return false;
    if (is_data(prot, flags) && data + npages > rl[RLIMIT_DATA].rlim_cur / PAGE_SIZE)
        /* Linux lets a zero soft limit pass up to the hard one (for Valgrind). */
        return rl[RLIMIT_DATA].rlim_cur == 0 && data + npages <= rl[RLIMIT_DATA].rlim_max / PAGE_SIZE;
    return true;
}
