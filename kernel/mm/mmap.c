/*
 * mmap.c — mmap, munmap, mprotect and brk. Placement follows Linux without randomisation:
 * MAP_FIXED where asked, a hint when the range is free, else top-down below mmap_base.
 * File mappings use the file's own pages (file_ops.mmap_page, see fault.c); a file whose
 * ops say mmap_anon (/dev/zero) maps anonymous memory; any other file gives -ENODEV.
 */
#include "kernel/mm/mm.h"
#include "kernel/errno.h"
#include "kernel/proc/task.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include <linux/mman.h>

#define MAP_TYPE_MASK 0x0f

long sys_mmap(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, long fd, uint64_t off)
{
    struct mm *mm = current_task()->mm;
    unsigned type = flags & MAP_TYPE_MASK;
    struct file *file = NULL;
    long r;
    if (off & (PAGE_SIZE - 1))
        return -EINVAL;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (!len)
        return -EINVAL;
    uint64_t alen = ALIGN_UP(len, PAGE_SIZE);
    if (!alen || alen > TASK_SIZE)
        return -ENOMEM;
    if (!(flags & MAP_ANONYMOUS)) {
        file = fd_get((int)fd);
        if (!file)
            return -EBADF;
        if (file->ops->mmap_anon) {
            file_put(file);
            file = NULL;
        } else if (!file->ops->mmap_page) {
            r = -ENODEV;
            goto out;
        } else if (!file->readable || (type != MAP_PRIVATE && (prot & PROT_WRITE) && !file->writable)) {
            r = -EACCES;
            goto out;
        } else if (off / PAGE_SIZE + alen / PAGE_SIZE < off / PAGE_SIZE) {
            r = -EOVERFLOW;
            goto out;
        }
    }
    uint64_t start;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        r = -EINVAL;
        if (addr & (PAGE_SIZE - 1))
            goto out;
        r = -ENOMEM;
        if (addr + alen > TASK_SIZE || addr + alen < addr)
            goto out;
        r = -EEXIST;
        if ((flags & MAP_FIXED_NOREPLACE) && !mm_range_free(mm, addr, addr + alen))   /* even with MAP_FIXED */
            goto out;
        start = addr;
    } else {
        if (mm_thp_aligned_placement(addr, alen, !file && type == MAP_PRIVATE))
            start = mm_unmapped_area_thp(mm, alen);
        else
            start = mm_get_unmapped_area(mm, addr, alen);
        if (!start) {
            r = -ENOMEM;
            goto out;
        }
    }
    unsigned vflags = type == MAP_PRIVATE ? 0 : VMA_SHARED;
    if (flags & MAP_GROWSDOWN)
        vflags |= VMA_GROWSDOWN;
    if ((flags & MAP_NORESERVE) && type == MAP_PRIVATE)
        vflags |= VMA_NORESERVE;
    if (file && file->writable)
        vflags |= VMA_MAYWRITE;
    r = -ENOMEM;   /* pages a MAP_FIXED replaces are not new */
    if (!mm_may_expand(mm, prot, vflags, alen / PAGE_SIZE - mm_pages_in(mm, start, start + alen)))
        goto out;
    r = mm_map_file(mm, start, alen, prot & (PROT_READ | PROT_WRITE | PROT_EXEC), vflags, file, off / PAGE_SIZE);
    if (r == 0 && (flags & (MAP_POPULATE | MAP_LOCKED)) && !(flags & MAP_NONBLOCK))
        mm_populate(mm, start, start + alen);
    if (r == 0)
        r = (long)start;
out:
    if (file)
        file_put(file);
    return r;
}

long sys_munmap(uint64_t addr, uint64_t len)
{
    if ((addr & (PAGE_SIZE - 1)) || !len)
        return -EINVAL;
    uint64_t alen = ALIGN_UP(len, PAGE_SIZE);
    if (addr >= TASK_SIZE || alen > TASK_SIZE - addr)
        return -EINVAL;
    return mm_unmap(current_task()->mm, addr, alen);
}

long sys_mprotect(uint64_t addr, uint64_t len, uint64_t prot)
{
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
        return -EINVAL;
    uint64_t alen = ALIGN_UP(len, PAGE_SIZE);
    if (alen < len || addr + alen < addr)
        return -ENOMEM;
    if (!alen)
        return 0;
    return mm_protect(current_task()->mm, addr, alen, prot & (PROT_READ | PROT_WRITE | PROT_EXEC));
}

/* brk: Linux keeps the requested (unaligned) break and maps whole pages up to it. */
long sys_brk(uint64_t addr)
{
    struct task *t = current_task();
    struct mm *mm = t->mm;
    if (addr < mm->start_brk)
        return (long)mm->brk;
    uint64_t newend = ALIGN_UP(addr, PAGE_SIZE), oldend = ALIGN_UP(mm->brk, PAGE_SIZE);
    if (addr - mm->start_brk > t->rlim[RLIMIT_DATA].rlim_cur)
        return (long)mm->brk;
    if (newend < oldend) {
        mm_unmap(mm, newend, oldend - newend);
    } else if (newend > oldend) {
        struct vma *v = vma_find(mm, oldend);
        if (v && v->start < newend + PAGE_SIZE)   /* keep a page clear, as Linux's check does */
            return (long)mm->brk;
        if (!mm_may_expand(mm, PROT_READ | PROT_WRITE, VMA_HEAP, (newend - oldend) / PAGE_SIZE))
            return (long)mm->brk;
        if (mm_map(mm, oldend, newend - oldend, PROT_READ | PROT_WRITE, VMA_HEAP) < 0)
            return (long)mm->brk;
    }
    mm->brk = addr;
    return (long)mm->brk;
}
