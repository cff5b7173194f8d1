/*
 * tmpfs_file.c — tmpfs regular files: data kept in 4 KiB pages allocated on first write
 * (so holes read as zeros and count for nothing in st_blocks, as on Linux), read/write at
 * a position, truncate, and SEEK_DATA/SEEK_HOLE over the allocated pages.
 */
#include "kernel/fs/tmpfs.h"
#include <linux/falloc.h>

#define MAX_LFS_FILESIZE INT64_MAX

/* The file's pages, sorted by index: holes are simply absent, so a byte at 1 GiB costs
   one page. Sequential writes append at the end. */
struct page_ent {
    uint64_t index;    /* bytes [index * 4096, +4096) */
    char *page;
};

struct tmpfs_pages {
    struct page_ent *ent;
    size_t n, cap;
};

static void file_destroy(struct inode *inode)
{
    struct tmpfs_pages *p = inode->priv;
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        fs_page_free(p->ent[i].page);
    inode->sb->used_pages -= p->n;
    kfree(p->ent);
    kfree(p);
}

struct inode *tmpfs_new_file(struct super_block *sb, unsigned mode)
{
    struct inode *inode = inode_alloc(sb, S_IFREG | (mode & 07777));
    struct tmpfs_pages *p = kzalloc(sizeof(*p));
    if (!inode || !p) {
        kfree(inode);
        kfree(p);
        return NULL;
    }
    inode->priv = p;
    inode->seals = F_SEAL_SEAL;   /* only memfds can be sealed further (memfd.c) */
    inode->destroy = file_destroy;
    inode->iops = &tmpfs_file_iops;
    inode->fops = &tmpfs_file_fops;
    return inode;
}

/* The first entry whose index is >= index. */
static size_t lower_bound(struct tmpfs_pages *p, uint64_t index)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->ent[mid].index < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The page at index i, allocated (zeroed) if create; NULL for a hole or on failure. */
static char *page_at(struct inode *inode, uint64_t i, bool create)
{
    struct tmpfs_pages *p = inode->priv;
    size_t at = lower_bound(p, i);
    if (at < p->n && p->ent[at].index == i)
        return p->ent[at].page;
    if (!create)
        return NULL;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        struct page_ent *ent = kmalloc(cap * sizeof(*ent));
        if (!ent)
            return NULL;
        if (p->n)
            memcpy(ent, p->ent, p->n * sizeof(*ent));
        kfree(p->ent);
        p->ent = ent;
        p->cap = cap;
    }
    char *page = fs_page_alloc();
    if (!page)
        return NULL;
    memmove(&p->ent[at + 1], &p->ent[at], (p->n - at) * sizeof(*p->ent));
    p->ent[at] = (struct page_ent){ i, page };
    p->n++;
    inode->blocks += PAGE_SIZE / 512;
    inode->sb->used_pages++;
    return page;
}

/* Free the pages with index in [from, to). */
static void drop_pages(struct inode *inode, uint64_t from, uint64_t to)
{
    struct tmpfs_pages *p = inode->priv;
    size_t a = lower_bound(p, from), b = lower_bound(p, to);
    if (a >= b)
        return;
    for (size_t i = a; i < b; i++)
        fs_page_free(p->ent[i].page);
    memmove(&p->ent[a], &p->ent[b], (p->n - b) * sizeof(*p->ent));
    p->n -= b - a;
    inode->blocks -= (b - a) * (PAGE_SIZE / 512);
    inode->sb->used_pages -= b - a;
}

static long file_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    struct inode *inode = f->inode;
    size_t done = 0;
    while (to->count > 0 && (uint64_t)*pos < inode->size) {
        uint64_t off = (uint64_t)*pos;
        size_t in_page = off % PAGE_SIZE;
        size_t n = MIN(PAGE_SIZE - in_page, inode->size - off);
        n = MIN(n, to->count);
        char *page = page_at(inode, off / PAGE_SIZE, false);
        size_t got = page ? copy_to_iter(to, page + in_page, n) : zero_to_iter(to, n);
        done += got;
        *pos += (int64_t)got;
        if (got < n) {
            if (!done)
                return -EFAULT;
            break;
        }
    }
    inode_touch_a(inode);
    return (long)done;
}

static long file_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    struct inode *inode = f->inode;
    if (f->flags & O_APPEND)
        *pos = (int64_t)inode->size;
    if (from->count && (uint64_t)*pos > (uint64_t)MAX_LFS_FILESIZE - from->count)
        return -EFBIG;
    if (inode->seals) {
        int err = memfd_check_write(inode, (uint64_t)*pos + from->count);
        if (err)
            return err;
    }
    size_t done = 0;
    long err = 0;
    while (from->count > 0) {
        uint64_t off = (uint64_t)*pos;
        size_t in_page = off % PAGE_SIZE;
        size_t n = MIN(PAGE_SIZE - in_page, from->count);
        char *page = page_at(inode, off / PAGE_SIZE, true);
        if (!page) {
            err = -ENOSPC;
            break;
        }
        size_t got = copy_from_iter(from, page + in_page, n);
        done += got;
        *pos += (int64_t)got;
        if ((uint64_t)*pos > inode->size)
            inode->size = (uint64_t)*pos;
        if (got < n) {
            err = -EFAULT;
            break;
        }
    }
    if (done) {
        inode_touch_mc(inode);
        inode->mode &= ~(unsigned)(S_ISUID | ((inode->mode & S_IXGRP) ? S_ISGID : 0));
        return (long)done;
    }
    return err;
}

static int file_truncate(struct inode *inode, uint64_t size)
{
    if (size < inode->size) {
        drop_pages(inode, (size + PAGE_SIZE - 1) / PAGE_SIZE, UINT64_MAX);
        char *last = size % PAGE_SIZE ? page_at(inode, size / PAGE_SIZE, false) : NULL;
        if (last)
            memset(last + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
    }
    inode->size = size;
    return 0;
}

/* SEEK_DATA / SEEK_HOLE: allocated pages are data, everything else (and EOF) is a hole. */
static int64_t file_seek_data(struct inode *inode, int64_t off, int whence)
{
    struct tmpfs_pages *p = inode->priv;
    if (off < 0 || (uint64_t)off >= inode->size)
        return -ENXIO;
    uint64_t pos = (uint64_t)off;
    size_t at = lower_bound(p, pos / PAGE_SIZE);
    if (whence == SEEK_DATA) {
        if (at == p->n)
            return -ENXIO;
        uint64_t start = p->ent[at].index * PAGE_SIZE;
        pos = MAX(pos, start);
        return pos < inode->size ? (int64_t)pos : -ENXIO;
    }
    /* SEEK_HOLE: skip the run of pages that starts at pos's page. */
    while (at < p->n && p->ent[at].index == pos / PAGE_SIZE) {
        pos = (p->ent[at].index + 1) * PAGE_SIZE;
        at++;
    }
    return (int64_t)MIN(pos, inode->size);
}

static int64_t file_llseek(struct file *f, int64_t off, int whence)
{
    int64_t base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = f->pos; break;
    case SEEK_END: base = (int64_t)f->inode->size; break;
    case SEEK_DATA:
    case SEEK_HOLE: {
        int64_t r = file_seek_data(f->inode, off, whence);
        if (r >= 0)
            f->pos = r;
        return r;
    }
    default: return -EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -EINVAL;
    f->pos = base + off;
    return f->pos;
}

/* Zero bytes [from, to) of page i, if it exists. */
static void zero_range(struct inode *inode, uint64_t i, uint64_t from, uint64_t to)
{
    char *page = page_at(inode, i, false);
    if (page && from < to)
        memset(page + from, 0, to - from);
}

static int file_allocate(struct inode *inode, unsigned mode, uint64_t off, uint64_t len)
{
    uint64_t end = off + len;
    if (mode & FALLOC_FL_PUNCH_HOLE) {
        end = MIN(end, inode->size);
        if (off >= end)
            return 0;
        /* Whole pages inside the range go; the partial pages at its ends are zeroed. */
        uint64_t first_full = (off + PAGE_SIZE - 1) / PAGE_SIZE, end_full = end / PAGE_SIZE;
        if (first_full < end_full)
            drop_pages(inode, first_full, end_full);
        uint64_t i0 = off / PAGE_SIZE, i1 = (end - 1) / PAGE_SIZE;
        if (i0 == i1) {
            zero_range(inode, i0, off % PAGE_SIZE, end - i0 * PAGE_SIZE);
        } else {
            if (off % PAGE_SIZE)
                zero_range(inode, i0, off % PAGE_SIZE, PAGE_SIZE);
            if (end % PAGE_SIZE)
                zero_range(inode, i1, 0, end % PAGE_SIZE);
        }
        inode_touch_mc(inode);
        return 0;
    }
    for (uint64_t i = off / PAGE_SIZE; i * PAGE_SIZE < end; i++)
        if (!page_at(inode, i, true))
            return -ENOSPC;
    if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->size) {
        inode->size = end;
        inode_touch_c(inode);
    }
    return 0;
}

static void *file_mmap_page(struct file *f, uint64_t index)
{
    return page_at(f->inode, index, true);
}

const struct inode_ops tmpfs_file_iops = {
    .truncate = file_truncate,
    .allocate = file_allocate,
    .seek_data = file_seek_data,
};

const struct file_ops tmpfs_file_fops = {
    .read = file_read,
    .write = file_write,
    .llseek = file_llseek,
    .mmap_page = file_mmap_page,
};
