/*
 * read_write.c — read, write, readv, writev, pread64, pwrite64, preadv(2), pwritev(2), lseek,
 * sendfile and copy_file_range. The generic checks live in vfs_read/vfs_write (EBADF for the
 * wrong access mode, EINVAL when the file has no such op); a file is positionable (pread,
 * lseek) exactly when its ops have llseek — pipes and sockets do not (ESPIPE). Also the
 * page-cache hints fallocate, fadvise64 and readahead (checks only: tmpfs has no cache).
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <linux/uio.h>
#include <linux/fs.h>
#include <linux/falloc.h>
#include <linux/fadvise.h>
#include <asm/poll.h>
#include "replayer/kernel/faults.h"
#include "kernel/proc/task.h"
#include "kernel/signal.h"

#define MAX_RW_COUNT (0x7fffffffL & ~(long)(PAGE_SIZE - 1))

static bool seekable(struct file *f)
{
    return f->ops && f->ops->llseek;
}

long vfs_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    if (!f->readable)
        return -EBADF;
    if (!f->ops || !f->ops->read)
        return -EINVAL;
    if (*pos < 0 && seekable(f))
        return -EINVAL;
    if (to->count == 0 && !S_ISDIR(f->inode->mode))
        return 0;
    return f->ops->read(f, to, pos);
}

/* RLIMIT_FSIZE, as Linux's generic_write_check_limits: on a regular file a write that starts at
 * or past the limit raises SIGXFSZ and fails with EFBIG; one that crosses it is cut short. */
static long write_check_fsize(struct file *f, struct iov_iter *from, int64_t pos)
{
    if (from->kernel || !f->inode || !S_ISREG(f->inode->mode) || !from->count)
        return 0;   /* the kernel's own writes (the root unpacked at boot) have no limit */
    uint64_t limit = current_task()->rlim[RLIMIT_FSIZE].rlim_cur;
    if (limit == RLIM_INFINITY)
        return 0;
    uint64_t at = (f->flags & O_APPEND) ? f->inode->size : (uint64_t)pos;
    if (at >= limit) {
        /* send_sig(SIGXFSZ, current, 0): a "user" signal from the writer itself */
        siginfo_t info;
        memset(&info, 0, sizeof info);
        info.si_signo = SIGXFSZ;
        info.si_code = SI_USER;
        info.si_pid = current_task()->pid;
        signal_send_info(current_task(), SIGXFSZ, &info);
        return -EFBIG;
    }
    if (from->count > limit - at)
        from->count = (size_t)(limit - at);
    return 0;
}

long vfs_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    if (!f->writable)
        return -EBADF;
    if (!f->ops || !f->ops->write)
        return -EINVAL;
    if (*pos < 0 && seekable(f))
        return -EINVAL;
    long err = write_check_fsize(f, from, *pos);
    if (err)
        return err;
    return f->ops->write(f, from, pos);
}

unsigned vfs_poll(struct file *f, struct waitqueue **wq)
{
    if (f->ops && f->ops->poll)
        return f->ops->poll(f, wq);
    if (wq)
        *wq = NULL;
    return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

long kernel_read(struct file *f, void *buf, size_t len, uint64_t off)
{
    struct kvec v = { buf, len };
    struct iov_iter it;
    iov_iter_init(&it, &v, 1, len, true);
    int64_t pos = (int64_t)off;
    if (!f->ops || !f->ops->read)
        return -EINVAL;
    return f->ops->read(f, &it, &pos);
}

/* One user buffer as an iterator. */
static long rw_one(int fd, void *buf, size_t count, int64_t *explicit_pos, bool write)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret;
    if (explicit_pos && !seekable(f)) {
        ret = (write ? f->writable : f->readable) ? -ESPIPE : -EBADF;
        goto out;
    }
    if (count > (size_t)MAX_RW_COUNT)
        count = (size_t)MAX_RW_COUNT;
    struct kvec v = { buf, count };
    struct iov_iter it;
    iov_iter_init(&it, &v, 1, count, false);
    int64_t *pos = explicit_pos ? explicit_pos : &f->pos;
    ret = write ? vfs_write(f, &it, pos) : vfs_read(f, &it, pos);
out:
    file_put(f);
    return ret;
}

long sys_read(int fd, void *buf, size_t count)
{
    return rw_one(fd, buf, count, NULL, false);
}

long sys_write(int fd, const void *buf, size_t count)
{
    return rw_one(fd, (void *)buf, count, NULL, true);
}

long sys_pread64(int fd, void *buf, size_t count, int64_t pos)
{
    if (pos < 0)
        return -EINVAL;
    return rw_one(fd, buf, count, &pos, false);
}

long sys_pwrite64(int fd, const void *buf, size_t count, int64_t pos)
{
    if (pos < 0)
        return -EINVAL;
    return rw_one(fd, (void *)buf, count, &pos, true);
}

/* Copy an iovec array from user memory (import_iovec): the segments and the total. */
static long import_iovec(const struct iovec *uiov, int nr, struct kvec **out, size_t *total)
{
    if (nr < 0 || nr > UIO_MAXIOV)
        return -EINVAL;
    struct kvec *vec = kmalloc(sizeof(*vec) * (size_t)(nr ? nr : 1));
    if (!vec)
        return -ENOMEM;
    size_t sum = 0;
    for (int i = 0; i < nr; i++) {
        struct iovec iov;
        if (copy_from_user(&iov, &uiov[i], sizeof(iov))) {
            kfree(vec);
            return -EFAULT;
        }
        if ((long)iov.iov_len < 0) {
            kfree(vec);
            return -EINVAL;
        }
        size_t len = iov.iov_len;
        if (len > (size_t)MAX_RW_COUNT - sum)
            len = (size_t)MAX_RW_COUNT - sum;
        vec[i].base = iov.iov_base;
        vec[i].len = len;
        sum += len;
    }
    *out = vec;
    *total = sum;
    return 0;
}

static long rw_vec(int fd, const struct iovec *uiov, int nr, int64_t *explicit_pos, bool write)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    struct kvec *vec = NULL;
    size_t total = 0;
    long ret;
    if (explicit_pos && !seekable(f)) {
        ret = (write ? f->writable : f->readable) ? -ESPIPE : -EBADF;
        goto out;
    }
    if (!(write ? f->writable : f->readable)) {
        ret = -EBADF;
        goto out;
    }
    if (!f->ops || !(write ? f->ops->write : f->ops->read)) {
        ret = -EINVAL;
        goto out;
    }
    ret = import_iovec(uiov, nr, &vec, &total);
    if (ret)
        goto out;
    if (total == 0) {
        ret = 0;
        goto out;
    }
    struct iov_iter it;
    iov_iter_init(&it, vec, nr, total, false);
    int64_t *pos = explicit_pos ? explicit_pos : &f->pos;
    ret = write ? vfs_write(f, &it, pos) : vfs_read(f, &it, pos);
out:
    kfree(vec);
    file_put(f);
    return ret;
}

long sys_readv(int fd, const struct iovec *iov, int nr)
{
    return rw_vec(fd, iov, nr, NULL, false);
}

long sys_writev(int fd, const struct iovec *iov, int nr)
{
    return rw_vec(fd, iov, nr, NULL, true);
}

/* preadv/pwritev take the offset split in two longs (low, high); on x86-64 low is all of it.
 * The *v2 forms add flags, and an offset of -1 means "at the file position" (like readv). */
#define RWF_SUPPORTED (RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

static long rw_vec_at(int fd, const struct iovec *iov, int nr, unsigned long pos_l, int flags,
                      bool v2, bool write)
{
    if (v2 && ((unsigned)flags & ~(unsigned)RWF_SUPPORTED))
        return -EOPNOTSUPP;
    int64_t pos = (int64_t)pos_l;
    if (v2 && pos == -1)
        return rw_vec(fd, iov, nr, NULL, write);
    if (pos < 0)
        return -EINVAL;
    return rw_vec(fd, iov, nr, &pos, write);
}

long sys_preadv(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h)
{
    (void)pos_h;
    return rw_vec_at(fd, iov, nr, pos_l, 0, false, false);
}

long sys_pwritev(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h)
{
    (void)pos_h;
    return rw_vec_at(fd, iov, nr, pos_l, 0, false, true);
}

long sys_preadv2(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h,
                 int flags)
{
    (void)pos_h;
    return rw_vec_at(fd, iov, nr, pos_l, flags, true, false);
}

long sys_pwritev2(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h,
                  int flags)
{
    (void)pos_h;
    return rw_vec_at(fd, iov, nr, pos_l, flags, true, true);
}

long sys_lseek(int fd, int64_t off, unsigned whence)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret;
    if (whence > SEEK_MAX)
        ret = -EINVAL;
    else if (!seekable(f))
        ret = FAULT_ON(PIPE_LSEEK) ? 0 : -ESPIPE;
    else
        ret = f->ops->llseek(f, off, (int)whence);
    file_put(f);
    return ret;
}

/* Move up to count bytes from in (at *in_pos) to out (at *out_pos) through a kernel buffer. */
static long copy_between(struct file *in, int64_t *in_pos, struct file *out, int64_t *out_pos,
                         size_t count)
{
    char *buf = kmalloc(PAGE_SIZE);
    if (!buf)
        return -ENOMEM;
    long done = 0, err = 0;
    while ((size_t)done < count) {
        size_t chunk = MIN(count - (size_t)done, PAGE_SIZE);
        struct kvec v = { buf, chunk };
        struct iov_iter it;
        iov_iter_init(&it, &v, 1, chunk, true);
        long got = in->ops->read(in, &it, in_pos);
        if (got <= 0) {
            err = got;
            break;
        }
        struct kvec w = { buf, (size_t)got };
        iov_iter_init(&it, &w, 1, (size_t)got, true);
        long put = out->ops->write(out, &it, out_pos);
        if (put <= 0) {
            err = put;
            *in_pos -= got;   /* give back what could not be written */
            break;
        }
        done += put;
        if (put < got) {
            *in_pos -= got - put;
            break;
        }
        if ((size_t)got < chunk)
            break;
    }
    kfree(buf);
    return done ? done : err;
}

long sys_sendfile(int out_fd, int in_fd, int64_t *uoffset, size_t count)
{
    struct file *in = fd_get(in_fd), *out = NULL;
    long ret = -EBADF;
    int64_t pos;
    if (!in || !in->readable)
        goto out;
    if (uoffset) {
        ret = -EFAULT;
        if (copy_from_user(&pos, uoffset, sizeof(pos)))
            goto out;
        ret = -ESPIPE;
        if (!seekable(in))
            goto out;
    }
    ret = -EBADF;
    out = fd_get(out_fd);
    if (!out || !out->writable)
        goto out;
    ret = -EINVAL;
    if ((out->flags & O_APPEND) || !in->ops->read || in->ops->no_splice_read || !out->ops || !out->ops->write)
        goto out;
    /* Linux splices from the input, and a pipe cannot be spliced from here: EINVAL. */
    if (in->inode && S_ISFIFO(in->inode->mode))
        goto out;
    if (uoffset && pos < 0)
        goto out;
    if (count > (size_t)MAX_RW_COUNT)
        count = (size_t)MAX_RW_COUNT;
    if (count == 0) {
        ret = 0;
        goto out;
    }
    ret = copy_between(in, uoffset ? &pos : &in->pos, out, &out->pos, count);
    if (uoffset && ret >= 0 && copy_to_user(uoffset, &pos, sizeof(pos)))
        ret = -EFAULT;
out:
    file_put(in);
    file_put(out);
    return ret;
}

long sys_copy_file_range(int fd_in, int64_t *uoff_in, int fd_out, int64_t *uoff_out, size_t len,
                         unsigned flags)
{
    struct file *in = fd_get(fd_in), *out = fd_get(fd_out);
    int64_t pin, pout;
    long ret = -EBADF;
    if (!in || !out)
        goto out;
    ret = -EFAULT;
    if (uoff_in && copy_from_user(&pin, uoff_in, sizeof(pin)))
        goto out;
    if (uoff_out && copy_from_user(&pout, uoff_out, sizeof(pout)))
        goto out;
    if (!uoff_in)
        pin = in->pos;
    if (!uoff_out)
        pout = out->pos;
    struct inode *ii = in->inode, *io = out->inode;
    ret = -EINVAL;
    if (flags)
        goto out;
    ret = -EISDIR;
    if (S_ISDIR(ii->mode) || S_ISDIR(io->mode))
        goto out;
    ret = -EINVAL;
    if (!S_ISREG(ii->mode) || !S_ISREG(io->mode))
        goto out;
    ret = -EBADF;
    if (!in->readable || !out->writable || (out->flags & O_APPEND))
        goto out;
    ret = -EINVAL;
    if (pin < 0 || pout < 0)
        goto out;
    ret = -EOVERFLOW;
    if ((uint64_t)pin + len < (uint64_t)pin || (uint64_t)pout + len < (uint64_t)pout)
        goto out;
    uint64_t size_in = ii->size;
    size_t count = (uint64_t)pin >= size_in ? 0 : (size_t)MIN((uint64_t)len, size_in - (uint64_t)pin);
    ret = -EINVAL;
    if (ii == io && (uint64_t)pout + count > (uint64_t)pin && (uint64_t)pout < (uint64_t)pin + count)
        goto out;
    ret = 0;
    if (count == 0)
        goto out;
    ret = -EXDEV;
    if (ii->sb != io->sb)
        goto out;
    if (count > (size_t)MAX_RW_COUNT)
        count = (size_t)MAX_RW_COUNT;
    ret = copy_between(in, &pin, out, &pout, count);
    if (ret > 0) {
        if (uoff_in ? copy_to_user(uoff_in, &pin, sizeof(pin)) : (in->pos = pin, 0))
            ret = -EFAULT;
        if (uoff_out ? copy_to_user(uoff_out, &pout, sizeof(pout)) : (out->pos = pout, 0))
            ret = -EFAULT;
    }
out:
    file_put(in);
    file_put(out);
    return ret;
}

/* fallocate: tmpfs allocates pages (mode 0, FALLOC_FL_KEEP_SIZE) and punches holes. */
long sys_fallocate(int fd, int mode, int64_t offset, int64_t len)
{
    if (offset < 0 || len <= 0)
        return -EINVAL;
    unsigned m = (unsigned)mode;
    if (m & ~(unsigned)(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
        return -EOPNOTSUPP;
    if ((m & FALLOC_FL_PUNCH_HOLE) && !(m & FALLOC_FL_KEEP_SIZE))
        return -EOPNOTSUPP;
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret = 0;
    struct inode *inode = f->inode;
    if (!f->writable)
        ret = -EBADF;
    else if (S_ISDIR(inode->mode))
        ret = -EISDIR;
    else if (S_ISFIFO(inode->mode))
        ret = -ESPIPE;
    else if (!S_ISREG(inode->mode))
        ret = -ENODEV;
    else if (offset > INT64_MAX - len)
        ret = -EFBIG;
    else if ((f->flags & O_APPEND) && (m & FALLOC_FL_PUNCH_HOLE))
        ret = -EPERM;
    else if (!inode->iops || !inode->iops->allocate)
        ret = -EOPNOTSUPP;
    else
        ret = inode->iops->allocate(inode, m, (uint64_t)offset, (uint64_t)len);
    file_put(f);
    return ret;
}

long sys_fadvise64(int fd, int64_t offset, int64_t len, int advice)
{
    (void)offset;
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret = 0;
    if (S_ISFIFO(f->inode->mode))
        ret = -ESPIPE;
    else if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE || len < 0)
        ret = -EINVAL;
    file_put(f);
    return ret;
}

/* Linux's ksys_readahead: a readable fd on a regular file (EBADF, EINVAL), then the page
 * cache hint of fadvise(WILLNEED), which tmpfs takes as a no-op. */
long sys_readahead(int fd, int64_t offset, size_t count)
{
    (void)offset;
    (void)count;
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret = (f->flags & O_ACCMODE) == O_WRONLY ? -EBADF : S_ISREG(f->inode->mode) ? 0 : -EINVAL;
    file_put(f);
    return ret;
}
