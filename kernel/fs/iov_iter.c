/*
 * iov_iter.c — walking a list of buffers (user or kernel) while copying into or out of
 * it. Every file op reads and writes through this, so readv/writev/pread/kernel_read
 * share one path. A user fault stops the copy at the faulting page: the caller sees a short
 * count.
 */
#include "kernel/fs/vfs.h"
#include "kernel/uaccess.h"

void iov_iter_init(struct iov_iter *it, const struct kvec *vec, int nr, size_t count, bool kernel)
{
    it->vec = vec;
    it->nr = nr;
    it->idx = 0;
    it->skip = 0;
    it->count = count;
    it->kernel = kernel;
}

/* Next contiguous piece of at most n bytes: its address and length (0 at the end). */
static size_t iter_piece(struct iov_iter *it, size_t n, char **addr)
{
    while (it->idx < it->nr && it->skip >= it->vec[it->idx].len) {
        it->idx++;
        it->skip = 0;
    }
    if (it->idx >= it->nr || it->count == 0)
        return 0;
    size_t len = MIN(n, it->vec[it->idx].len - it->skip);
    len = MIN(len, it->count);
    *addr = (char *)it->vec[it->idx].base + it->skip;
    /* User memory is copied a page at a time, so that a fault stops the copy exactly where
       the unmapped page begins, as Linux's copies do. */
    if (!it->kernel)
        len = MIN(len, PAGE_SIZE - (uintptr_t)*addr % PAGE_SIZE);
    return len;
}

static void iter_advance(struct iov_iter *it, size_t len)
{
    it->skip += len;
    it->count -= len;
}

size_t copy_to_iter(struct iov_iter *it, const void *src, size_t n)
{
    size_t done = 0;
    while (done < n) {
        char *dst;
        size_t len = iter_piece(it, n - done, &dst);
        if (!len)
            break;
        if (it->kernel)
            memcpy(dst, (const char *)src + done, len);
        else if (copy_to_user(dst, (const char *)src + done, len))
            break;
        iter_advance(it, len);
        done += len;
    }
    return done;
}

size_t copy_from_iter(struct iov_iter *it, void *dst, size_t n)
{
    size_t done = 0;
    while (done < n) {
        char *src;
        size_t len = iter_piece(it, n - done, &src);
        if (!len)
            break;
        if (it->kernel)
            memcpy((char *)dst + done, src, len);
        else if (copy_from_user((char *)dst + done, src, len))
            break;
        iter_advance(it, len);
        done += len;
    }
    return done;
}

size_t zero_to_iter(struct iov_iter *it, size_t n)
{
    static const char zeros[256];
    size_t done = 0;
    while (done < n) {
        size_t chunk = MIN(n - done, sizeof(zeros));
        size_t got = copy_to_iter(it, zeros, chunk);
        done += got;
        if (got < chunk)
            break;
    }
    return done;
}
