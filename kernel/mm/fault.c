/*
 * fault.c — page faults from user mode and user accesses made by the kernel. A missing
 * page inside a VMA that allows the access gets a zeroed frame (demand paging); a write to
 * a page shared copy-on-write gets a private copy; a fault just below a stack VMA grows it
 * (up to RLIMIT_STACK, keeping Linux's guard gap). Anything else is SIGSEGV.
 */
#include "kernel/mm/mm.h"
#include "kernel/mm/frame.h"
#include "kernel/errno.h"
#include "kernel/proc/task.h"
#include "kernel/fs/vfs.h"
#include "arch/x86_64/arch.h"
#include <linux/mman.h>
#include <asm/signal.h>



static struct vma *find_or_grow(struct mm *mm, uint64_t addr)
{
    struct vma *v = vma_find(mm, addr);
    if (!v)
        return NULL;
    if (addr >= v->start)
        return v;
    if (!(v->flags & VMA_GROWSDOWN))
        return NULL;
    uint64_t new_start = ALIGN_DOWN(addr, PAGE_SIZE);
    if (v->end - new_start > mm_stack_rlimit())
        return NULL;
    /* Linux keeps stack_guard_gap between the stack and the mapping below it. */
    for (struct vma *p = mm->vmas; p && p != v; p = p->next)
        if (p->end > new_start - STACK_GUARD_GAP && p->next == v)
            return NULL;
    v->start = new_start;
    return v;
}

/* A missing page of a file mapping: the file's own page (MAP_SHARED, or a read of a private
 * mapping, later copied on write), or a private copy at once for a write. Pages wholly past
 * the end of the file are SIGBUS, as on Linux. */
static int file_fault(struct mm *mm, struct vma *v, uint64_t va, bool write)
{
    uint64_t index = v->pgoff + (va - v->start) / PAGE_SIZE;
    if (index * PAGE_SIZE >= v->file->inode->size)
        return SIGBUS;
    void *page = v->file->ops->mmap_page(v->file, index);
    if (!page)
        return SIGBUS;
    uint64_t pa = virt_to_phys(page);
    unsigned ap = mm_arch_prot(v->prot);
    if (!(v->flags & VMA_SHARED)) {
        if (write) {
            uint64_t copy = frame_alloc();
            if (!copy)
                return SIGBUS;
            memcpy(phys_to_virt(copy), page, PAGE_SIZE);
            if (arch_pt_map(mm->root, va, copy, ap) < 0) {
                frame_put(copy);
                return SIGBUS;
            }
            return 0;
        }
        ap &= ~PROT_W;          /* copy-on-write when it is first written */
    }
    if (arch_pt_map(mm->root, va, pa, ap) < 0)
        return SIGBUS;
    frame_get(pa);
    return 0;
}

int mm_fault(struct mm *mm, uint64_t addr, unsigned flags)
{
    if (!mm || addr >= TASK_SIZE)
        return SIGSEGV;
    struct vma *v = find_or_grow(mm, addr);
    if (!v)
        return SIGSEGV;
    bool write = flags & FAULT_WRITE;
    if ((write && !(v->prot & PROT_WRITE)) || ((flags & FAULT_EXEC) && !(v->prot & PROT_EXEC)) ||
        !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
        return SIGSEGV;
    uint64_t va = ALIGN_DOWN(addr, PAGE_SIZE);
    unsigned prot;
    uint64_t pa = arch_pt_lookup(mm->root, va, &prot);
    if (!pa && v->file)
        return file_fault(mm, v, va, write);
    if (!pa) {
        pa = frame_alloc();
        if (!pa)
            return SIGBUS;
        if (arch_pt_map(mm->root, va, pa, mm_arch_prot(v->prot)) < 0) {
            frame_put(pa);
            return SIGBUS;
        }
        return 0;
    }
    if (write && !(prot & PROT_W)) {
        /* Copy-on-write: the last holder takes the frame over without copying. */
        if (frame_refs(pa) > 1) {
            uint64_t copy = frame_alloc();
            if (!copy)
                return SIGBUS;
            memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
            frame_put(pa);
            pa = copy;
        }
        arch_pt_map(mm->root, va, pa, mm_arch_prot(v->prot));
    }
    return 0;
}

void mm_populate(struct mm *mm, uint64_t start, uint64_t end)
{
    for (struct vma *v = vma_find(mm, start); v && v->start < end; v = v->next) {
        if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
            continue;
        for (uint64_t va = MAX(v->start, start); va < MIN(v->end, end); va += PAGE_SIZE)
            if (!arch_pt_lookup(mm->root, va, NULL))
                mm_fault(mm, va, (v->prot & PROT_WRITE) ? FAULT_WRITE : 0);
    }
}

int mm_user_fault(uint64_t addr, unsigned flags)
{
    return mm_fault(current_task()->mm, addr, flags);
}

void *mm_user_page(struct mm *mm, uint64_t va, bool write)
{
    if (!mm || va >= TASK_SIZE)
        return NULL;
    unsigned prot;
    uint64_t pa = arch_pt_lookup(mm->root, ALIGN_DOWN(va, PAGE_SIZE), &prot);
    if (!pa || !(prot & PROT_U) || (write && !(prot & PROT_W))) {   /* !PROT_U: a PROT_NONE page */
        if (mm_fault(mm, va, write ? FAULT_WRITE : 0))
            return NULL;
        pa = arch_pt_lookup(mm->root, ALIGN_DOWN(va, PAGE_SIZE), &prot);
        if (!pa)
            return NULL;
    }
    return (char *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1));
}
