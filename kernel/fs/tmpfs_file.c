/*
 * tmpfs_file.c — tmpfs regular files: data kept in 4 KiB pages allocated on first write
 * (so holes read as zeros and count for nothing in st_blocks, as on Linux), read/write at
 * a position, truncate, and SEEK_DATA/SEEK_HOLE over the allocated pages.
 */
#include "kernel/fs/tmpfs.h"
#include <linux/falloc.h>

/* Beyond this many pages a write fails with ENOSPC (tmpfs's size limit). */
#define TMPFS_MAX_PAGES (1u << 16)
#define MAX_LFS_FILESIZE INT64_MAX

struct tmpfs_pages {
    char **page;       /* page[i] holds bytes [i*4096, (i+1)*4096), NULL = hole */
    size_t cap;        /* slots in page[] */
};

static void file_destroy(struct inode *inode)
{
    struct tmpfs_pages *p = inode->priv;
    if (!p)
        return;
    for (size_t i = 0; i < p->cap; i++) {
        if (p->page[i])
            inode->sb->used_pages--;
        fs_page_free(p->page[i]);
    }
    kfree(p->page);
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

/* The page at index i, allocated (zeroed) if create; NULL for a hole or on failure. */
static char *page_at(struct inode *inode, size_t i, bool create)
{
    struct tmpfs_pages *p = inode->priv;
    if (i >= p->cap) {
        if (!create)
            return NULL;
        if (i >= TMPFS_MAX_PAGES)
            return NULL;
        size_t cap = p->cap ? p->cap : 4;
        while (cap <= i)
            cap *= 2;
        char **page = kzalloc(cap * sizeof(*page));
        if (!page)
            return NULL;
        if (p->cap)
            memcpy(page, p->page, p->cap * sizeof(*page));
        kfree(p->page);
        p->page = page;
        p->cap = cap;
    }
    if (!p->page[i] && create) {
        p->page[i] = fs_page_alloc();
        if (p->page[i]) {
            inode->blocks += PAGE_SIZE / 512;
            inode->sb->used_pages++;
        }
    }
    return p->page[i];
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
    struct tmpfs_pages *p = inode->priv;
    if (size < inode->size) {
        size_t keep = (size + PAGE_SIZE - 1) / PAGE_SIZE;
        for (size_t i = keep; i < p->cap; i++) {
            if (p->page[i]) {
                fs_page_free(p->page[i]);
                p->page[i] = NULL;
                inode->blocks -= PAGE_SIZE / 512;
                inode->sb->used_pages--;
            }
        }
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
    while (pos < inode->size) {
        size_t i = pos / PAGE_SIZE;
        if (i >= p->cap)   /* nothing allocated from here on */
            return whence == SEEK_DATA ? -ENXIO : (int64_t)pos;
        bool data = p->page[i];
        if ((whence == SEEK_DATA) == data)
            return (int64_t)pos;
        pos = (i + 1) * PAGE_SIZE;
    }
    return whence == SEEK_DATA ? -ENXIO : (int64_t)inode->size;
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

static int file_allocate(struct inode *inode, unsigned mode, uint64_t off, uint64_t len)
{
    struct tmpfs_pages *p = inode->priv;
    uint64_t end = off + len;
    if (mode & FALLOC_FL_PUNCH_HOLE) {
        /* Whole pages inside the range go; partial pages are zeroed. */
        uint64_t stored = (uint64_t)p->cap * PAGE_SIZE;
        for (uint64_t pos = off; pos < end && pos < inode->size && pos < stored;) {
            size_t i = pos / PAGE_SIZE;
            uint64_t page_end = (uint64_t)(i + 1) * PAGE_SIZE;
            uint64_t stop = MIN(end, page_end);
            if (i < p->cap && p->page[i]) {
                if (pos == (uint64_t)i * PAGE_SIZE && stop == page_end) {
                    fs_page_free(p->page[i]);
                    p->page[i] = NULL;
                    inode->blocks -= PAGE_SIZE / 512;
                    inode->sb->used_pages--;
                } else {
                    memset(p->page[i] + pos % PAGE_SIZE, 0, stop - pos);
                }
            }
            pos = stop;
        }
        inode_touch_mc(inode);
        return 0;
    }
    if ((end + PAGE_SIZE - 1) / PAGE_SIZE > TMPFS_MAX_PAGES)
        return -ENOSPC;
    for (uint64_t i = off / PAGE_SIZE; i * PAGE_SIZE < end; i++)
        if (!page_at(inode, (size_t)i, true))
            return -ENOSPC;
    if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->size) {
        inode->size = end;
        inode_touch_c(inode);
    }
    return 0;
}

static void *file_mmap_page(struct file *f, uint64_t index)
{
    return index < TMPFS_MAX_PAGES ? page_at(f->inode, (size_t)index, true) : NULL;
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
