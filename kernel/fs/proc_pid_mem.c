/*
 * proc_pid_mem.c — the memory figures of a task's address space that status, stat and
 * statm print (Linux keeps them as mm counters; we count them from the VMAs and the page
 * tables when asked). Every file here lives in a tmpfs-like file system, so resident pages
 * of a file mapping count as shared memory (RssShmem), as they do on the recording host
 * whose root is a tmpfs. A private file page that was written is anonymous on Linux; we
 * count a writable private file mapping's pages as anonymous.
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/mm.h"
#include "kernel/proc/task.h"
#include "arch/x86_64/arch.h"
#include <linux/mman.h>

#define PT_SPAN (512UL * PAGE_SIZE)   /* what one page-table page maps at each level: x512 */

/* Resident pages of [v->start, v->end), and how many page tables of each level they use
 * that the previous VMAs did not (*last_pte etc. carry the previous index per level). */
static uint64_t vma_resident(struct mm *mm, const struct vma *v, uint64_t last[3], uint64_t *tables)
{
    uint64_t n = 0;
    for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
        unsigned prot;
        if (!arch_pt_lookup(mm->root, va, &prot))
            continue;
        n++;
        uint64_t span = PT_SPAN;
        for (int level = 0; level < 3; level++, span *= 512) {
            uint64_t idx = va / span + 1;   /* +1: 0 means "none yet" */
            if (last[level] != idx) {
                last[level] = idx;
                (*tables)++;
            }
        }
    }
    return n;
}

void proc_mem_figures(struct task *t, struct proc_mem *m)
{
    memset(m, 0, sizeof(*m));
    struct mm *mm = t->mm;
    if (!mm)
        return;
    uint64_t last[3] = { 0, 0, 0 };
    for (struct vma *v = mm->vmas; v; v = v->next) {
        uint64_t pages = (v->end - v->start) / PAGE_SIZE;
        uint64_t offset;
        struct file *f = vma_file(v, &offset);
        bool stack = v->flags & (VMA_STACK | VMA_GROWSDOWN);
        m->total += pages;
        if ((v->prot & PROT_WRITE) && !(v->flags & VMA_SHARED) && !stack)
            m->data += pages;
        else if (stack)
            m->stack += pages;
        else if ((v->prot & PROT_EXEC) && !(v->prot & PROT_WRITE))
            m->exec += pages;
        if ((v->prot & PROT_EXEC) && !(v->prot & PROT_WRITE) && f && t->exe && f->inode == t->exe)
            m->text += pages;
        uint64_t res = vma_resident(mm, v, last, &m->pgtables);
        m->rss += res;
        if (!f || ((v->prot & PROT_WRITE) && !(v->flags & VMA_SHARED)))
            m->anon += res;
        else
            m->shmem += res;
    }
}
