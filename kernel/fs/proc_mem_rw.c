/*
 * proc_mem_rw.c — /proc/<pid>/mem (fs/proc/base.c's mem_rw): the process's memory read and
 * written at the file position, taken as an address. Each call moves page by page through
 * the address space the process had at open; the first page that cannot be reached ends the
 * call (EIO when nothing was moved). Once the process has exec'd or exited the file reads
 * as empty, as Linux's does when the mm it grabbed has no users left. Unlike Linux's
 * FOLL_FORCE, a write to a read-only page fails here too (EIO).
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/mm.h"

/* What open saw: the process and its address space then. */
struct mem_file {
    int pid;
    struct mm *mm;
};

static int mem_open(struct inode *inode, struct file *f)
{
    struct task *t = proc_inode_task(inode);
    if (!t)
        return -ESRCH;
    struct mem_file *m = kzalloc(sizeof(*m));
    if (!m)
        return -ENOMEM;
    *m = (struct mem_file){ t->pid, t->mm };
    f->priv = m;
    return 0;
}

/* The address space to use now, or NULL when it is gone. */
static struct mm *mem_mm(const struct mem_file *m)
{
    struct task *t = m->mm ? task_by_pid(m->pid) : NULL;
    return t && t->mm == m->mm ? m->mm : NULL;
}

static long mem_rw(struct file *f, struct iov_iter *it, int64_t *pos, bool write)
{
    struct mm *mm = mem_mm(f->priv);
    if (!mm)
        return 0;
    uint64_t addr = (uint64_t)*pos;
    size_t done = 0;
    while (it->count) {
        char *page = mm_user_page(mm, addr, write);
        if (!page)
            break;
        size_t chunk = MIN((size_t)(PAGE_SIZE - addr % PAGE_SIZE), it->count);
        size_t moved = write ? copy_from_iter(it, page, chunk) : copy_to_iter(it, page, chunk);
        done += moved;
        addr += moved;
        if (moved < chunk) {
            if (!done)
                return -EFAULT;
            break;
        }
    }
    if (!done)
        return -EIO;
    *pos = (int64_t)addr;
    return (long)done;
}

static long mem_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    return mem_rw(f, to, pos, false);
}

static long mem_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    return mem_rw(f, from, pos, true);
}

/* mem_lseek: SEEK_SET and SEEK_CUR, any position (an address). */
static int64_t mem_lseek(struct file *f, int64_t off, int whence)
{
    if (whence == SEEK_CUR)
        off += f->pos;
    else if (whence != SEEK_SET)
        return -EINVAL;
    f->pos = off;
    return off;
}

static void mem_release(struct file *f)
{
    kfree(f->priv);
}

const struct file_ops proc_mem_fops = {
    .open = mem_open, .read = mem_read, .write = mem_write, .llseek = mem_lseek, .release = mem_release,
    .no_splice_read = true,
};
