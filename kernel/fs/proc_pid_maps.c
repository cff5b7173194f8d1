/*
 * proc_pid_maps.c — /proc/<pid>/maps as Linux's show_map_vma prints it (fs/proc/task_mmu.c):
 * "start-end perms offset major:minor inode", then for a named mapping spaces up to column
 * 73 and the name: the file's path (" (deleted)" once unlinked), the special mappings
 * ([vvar], [vvar_vclock], [vdso], kernel/mm/vdso.c), [heap] and [stack]. The last line is
 * the x86-64 gate area, [vsyscall], which is no VMA on Linux either (get_gate_vma).
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/mm.h"
#include "kernel/proc/task.h"

#define NAME_COLUMN 73   /* 25 + sizeof(void *) * 6 - 1: show_vma_header_prefix's seq_setwidth */

static const char *special_name(const struct vma *v)
{
    if (v->flags & VMA_VVAR)
        return "[vvar]";
    if (v->flags & VMA_VVAR_VCLOCK)
        return "[vvar_vclock]";
    if (v->flags & VMA_VDSO)
        return "[vdso]";
    if (v->flags & VMA_HEAP)
        return "[heap]";
    if (v->flags & VMA_STACK)
        return "[stack]";
    return NULL;
}

static void map_line(struct seq_buf *m, uint64_t start, uint64_t end, const char perms[5], uint64_t offset,
                     uint32_t dev, uint64_t ino, const char *name)
{
    /* MAJOR and MINOR of Linux's dev_t as new_encode_dev stores it in st_dev */
    seq_buf_printf(m, "%08lx-%08lx %s %08lx %02x:%02x %lu ", (unsigned long)start, (unsigned long)end, perms,
                   (unsigned long)offset, (dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00),
                   (unsigned long)ino);
    if (name) {
        seq_buf_pad(m, NAME_COLUMN);
        seq_buf_printf(m, "%s", name);
    }
    seq_buf_printf(m, "\n");
}

static void show_map_vma(struct seq_buf *m, const struct vma *v, char *path)
{
    uint64_t offset = 0;
    struct file *f = vma_file(v, &offset);
    const char *name = special_name(v);
    char perms[5] = { v->prot & 1 ? 'r' : '-', v->prot & 2 ? 'w' : '-', v->prot & 4 ? 'x' : '-',
                      v->flags & VMA_SHARED ? 's' : 'p', 0 };
    if (f && path && proc_inode_path(f->inode, path, FS_PATH_MAX) >= 0)
        name = path;
    map_line(m, v->start, v->end, perms, offset, f ? f->inode->sb->dev : 0, f ? f->inode->ino : 0, name);
}

int proc_pid_maps(struct task *t, char *buf, size_t size)
{
    struct seq_buf m = seq_buf_init(buf, size);
    if (!t->mm)
        return 0;
    char *path = kmalloc(FS_PATH_MAX);
    for (struct vma *v = t->mm->vmas; v; v = v->next)
        show_map_vma(&m, v, path);
    kfree(path);
    map_line(&m, 0xffffffffff600000UL, 0xffffffffff601000UL, "--xp", 0, 0, 0, "[vsyscall]");
    return seq_buf_used(&m);
}
