/*
 * madvise.c — advice and residency: madvise, mincore, msync and the mlock family. Pages
 * are never swapped here, so locking is bookkeeping only; MADV_DONTNEED really drops the
 * pages (anonymous memory reads back as zeroes, file pages are re-read from the file);
 * MADV_POPULATE_* fault them in; MADV_DONTFORK/WIPEONFORK mark VMAs for fork (mm_clone).
 * The argument checks and their errno follow Linux's mm/madvise.c, mincore.c, msync.c, mlock.c.
 */
#include "kernel/mm/mm.h"
#include "kernel/mm/frame.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/proc/task.h"
#include "arch/x86_64/arch.h"
#include <linux/mman.h>
#include "replayer/kernel/faults.h"

/* 0 when [start, end) is covered by VMAs, else -ENOMEM (Linux's answer for holes). */
static int range_mapped(struct mm *mm, uint64_t start, uint64_t end)
{
    uint64_t at = start;
    for (struct vma *v = vma_find(mm, start); at < end; v = v->next) {
        if (!v || v->start > at)
            return -ENOMEM;
        at = v->end;
    }
    return 0;
}

/* MADV_POPULATE_READ/WRITE (Linux's madvise_populate): fault every page in as a read or a
 * write; EINVAL where the protection forbids that access, EFAULT where the fault fails. */
static long populate(struct mm *mm, uint64_t start, uint64_t end, bool write)
{
    for (struct vma *v = vma_find(mm, start); v && v->start < end; v = v->next) {
        if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) || (write && !(v->prot & PROT_WRITE)))
            return -EINVAL;
        for (uint64_t va = MAX(v->start, start); va < MIN(v->end, end); va += PAGE_SIZE)
            if (mm_fault(mm, va, write ? FAULT_WRITE : 0))
                return -EFAULT;
    }
    return 0;
}

long sys_madvise(uint64_t start, uint64_t len, int advice)
{
    struct mm *mm = current_task()->mm;
    if (start & (PAGE_SIZE - 1))
        return -EINVAL;
    uint64_t alen = ALIGN_UP(len, PAGE_SIZE);
    if (alen < len || start + alen < start)
        return -EINVAL;
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
    case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
    case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
    case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
    case MADV_DONTNEED_LOCKED:
        break;
    default:
        return -EINVAL;
    }
    if (!alen)
        return 0;
    int r = range_mapped(mm, start, start + alen);
    if (r < 0)
        return r;
    uint64_t end = start + alen;
    switch (advice) {
    case MADV_POPULATE_READ:
    case MADV_POPULATE_WRITE:
        return populate(mm, start, end, advice == MADV_POPULATE_WRITE);
    case MADV_DONTFORK:
        return mm_set_flags(mm, start, end, VMA_DONTCOPY, 0);
    case MADV_DOFORK:
        return mm_set_flags(mm, start, end, 0, VMA_DONTCOPY);
    case MADV_WIPEONFORK:
        for (struct vma *v = vma_find(mm, start); v && v->start < end; v = v->next)
            if (v->file || (v->flags & VMA_SHARED))
                return -EINVAL;         /* private anonymous memory only */
        return mm_set_flags(mm, start, end, VMA_WIPEONFORK, 0);
    case MADV_KEEPONFORK:
        return mm_set_flags(mm, start, end, 0, VMA_WIPEONFORK);
    }
    if ((advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED || advice == MADV_FREE) &&
        !FAULT_ON(MADV_DONTNEED_NOZERO)) {
        for (struct vma *v = vma_find(mm, start); v && v->start < start + alen; v = v->next) {
            uint64_t s = MAX(v->start, start), e = MIN(v->end, start + alen);
            for (uint64_t va = s; va < e; va += PAGE_SIZE) {
                uint64_t pa = arch_pt_unmap(mm->root, va);
                if (pa)
                    frame_put(pa);
            }
        }
    }
    return 0;
}

long sys_mincore(uint64_t start, uint64_t len, unsigned char *uvec)
{
    struct mm *mm = current_task()->mm;
    if (start & (PAGE_SIZE - 1))
        return -EINVAL;
    uint64_t alen = ALIGN_UP(len, PAGE_SIZE);
    if (start >= TASK_SIZE || alen > TASK_SIZE - start)
        return -ENOMEM;
    int r = range_mapped(mm, start, start + alen);
    if (r < 0)
        return r;
    for (uint64_t va = start; va < start + alen; va += PAGE_SIZE) {
        unsigned char in = arch_pt_lookup(mm->root, va, NULL) ? 1 : 0;
        if (copy_to_user(uvec + (va - start) / PAGE_SIZE, &in, 1))
            return -EFAULT;
    }
    return 0;
}

long sys_msync(uint64_t start, uint64_t len, int flags)
{
    if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
        return -EINVAL;
    if (start & (PAGE_SIZE - 1))
        return -EINVAL;
    if ((flags & MS_ASYNC) && (flags & MS_SYNC))
        return -EINVAL;
    uint64_t alen = ALIGN_UP(len, PAGE_SIZE);
    if (alen < len || start + alen < start)
        return -ENOMEM;
    return range_mapped(current_task()->mm, start, start + alen);   /* shared pages are the file's own */
}

/* Locking (Linux's mm/mlock.c): VMA_LOCKED marks locked VMAs, whose pages count against
 * RLIMIT_MEMLOCK unless the caller is root (CAP_IPC_LOCK); locked pages are made resident. */
static uint64_t locked_pages(struct mm *mm, uint64_t start, uint64_t end)
{
    uint64_t n = 0;
    for (struct vma *v = vma_find(mm, start); v && v->start < end; v = v->next)
        if (v->flags & VMA_LOCKED)
            n += (MIN(v->end, end) - MAX(v->start, start)) / PAGE_SIZE;
    return n;
}

static bool can_lock(struct task *t)
{
    return t->euid == 0 || t->rlim[RLIMIT_MEMLOCK].rlim_cur != 0;
}

static long lock_range(uint64_t start, uint64_t len, bool lock, bool populate)
{
    struct task *t = current_task();
    struct mm *mm = t->mm;
    if (lock && !can_lock(t))
        return -EPERM;
    uint64_t s = ALIGN_DOWN(start, PAGE_SIZE);
    uint64_t e = ALIGN_UP(start + len, PAGE_SIZE);
    if (e < s)
        return -EINVAL;
    if (lock && t->euid != 0) {
        uint64_t limit = t->rlim[RLIMIT_MEMLOCK].rlim_cur / PAGE_SIZE;
        uint64_t locked = (e - s) / PAGE_SIZE + locked_pages(mm, 0, TASK_SIZE) - locked_pages(mm, s, e);
        if (locked > limit)
            return -ENOMEM;
    }
    int r = range_mapped(mm, s, e);
    if (r == 0)
        r = mm_set_flags(mm, s, e, lock ? VMA_LOCKED : 0, lock ? 0 : VMA_LOCKED);
    if (r == 0 && populate)
        mm_populate(mm, s, e);
    return r;
}

long sys_mlock(uint64_t start, uint64_t len) { return lock_range(start, len, true, true); }
long sys_munlock(uint64_t start, uint64_t len) { return lock_range(start, len, false, false); }

long sys_mlock2(uint64_t start, uint64_t len, int flags)
{
    if (flags & ~MLOCK_ONFAULT)
        return -EINVAL;
    return lock_range(start, len, true, !(flags & MLOCK_ONFAULT));
}

/* MCL_FUTURE is accepted but new mappings are not locked (no default VMA flags kept). */
long sys_mlockall(int flags)
{
    struct task *t = current_task();
    if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
        return -EINVAL;
    if (!can_lock(t))
        return -EPERM;
    if (!(flags & MCL_CURRENT))
        return 0;
    if (t->euid != 0 && mm_pages_in(t->mm, 0, TASK_SIZE) > t->rlim[RLIMIT_MEMLOCK].rlim_cur / PAGE_SIZE)
        return -ENOMEM;
    int r = mm_set_flags(t->mm, 0, TASK_SIZE, VMA_LOCKED, 0);
    if (r == 0 && !(flags & MCL_ONFAULT))
        mm_populate(t->mm, 0, TASK_SIZE);
    return r;
}

long sys_munlockall(void)
{
    return mm_set_flags(current_task()->mm, 0, TASK_SIZE, 0, VMA_LOCKED);
}
