/*
 * splice.c — splice and tee: moving data between a pipe and a file (or two pipes) without a user
 * buffer. Linux's rules are kept: one side must be a pipe (EINVAL otherwise), a pipe side
 * takes no offset (ESPIPE), the file side's offset is used and updated when given; a move
 * into a pipe waits for room and then moves at most what fits; a move out of a pipe takes
 * what is there (waiting only while it is empty and has writers). The bytes go through a
 * kernel buffer and the files' own read and write ops. tee copies between two pipes
 * without consuming (pipe.c's pipe_tee).
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/pipe.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"

#define SPLICE_F_MOVE 0x01
#define SPLICE_F_NONBLOCK 0x02
#define SPLICE_F_MORE 0x04
#define SPLICE_F_GIFT 0x08
#define SPLICE_F_ALL (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)
#define SPLICE_CHUNK (16 * PAGE_SIZE)

/* One read from in and one write of all of it to out, through buf. A pipe whose nonblock
   is asked for is read or written as if opened O_NONBLOCK. */
static long move_once(struct file *in, int64_t *in_pos, struct file *out, int64_t *out_pos, char *buf,
                      size_t len, bool nonblock)
{
    struct kvec v = { buf, len };
    struct iov_iter it;
    iov_iter_init(&it, &v, 1, len, true);
    unsigned saved = in->flags;
    if (nonblock && pipe_of(in))
        in->flags |= O_NONBLOCK;
    long got = in->ops->read(in, &it, in_pos);
    in->flags = saved;
    if (got <= 0)
        return got;
    struct kvec w = { buf, (size_t)got };
    iov_iter_init(&it, &w, 1, (size_t)got, true);
    long put = out->ops->write(out, &it, out_pos);
    if (put >= 0 && put < got && !pipe_of(in))
        *in_pos -= got - put;   /* a file source gives back what was not written */
    return put;
}

/* File into pipe: each file page's part becomes a pipe buffer of its own, as Linux moves
   page-cache pages, so an unaligned start gives a short first buffer; at most the free slots. */
static long file_to_pipe(struct file *in, int64_t *pos, struct pipe *opipe, size_t len, bool nonblock)
{
    long room = pipe_wait_space(opipe, nonblock);
    if (room < 0)
        return room;
    char *buf = kmalloc(PAGE_SIZE);
    if (!buf)
        return -ENOMEM;
    long ret = 0;
    for (long slots = room / (long)PAGE_SIZE; slots > 0 && len > 0; slots--) {
        size_t chunk = MIN(PAGE_SIZE - (uint64_t)*pos % PAGE_SIZE, len);
        struct kvec v = { buf, chunk };
        struct iov_iter it;
        iov_iter_init(&it, &v, 1, chunk, true);
        long got = in->ops->read(in, &it, pos);
        if (got <= 0) {
            if (!ret)
                ret = got;
            break;
        }
        int err = pipe_add_buf(opipe, buf, (size_t)got);
        if (err) {
            *pos -= got;
            if (!ret)
                ret = err;
            break;
        }
        ret += got;
        len -= (size_t)got;
        if ((size_t)got < chunk)
            break;
    }
    kfree(buf);
    return ret;
}

static long do_splice(struct file *in, int64_t *uoff_in, struct file *out, int64_t *uoff_out, size_t len,
                      unsigned flags)
{
    struct pipe *ipipe = pipe_of(in), *opipe = pipe_of(out);
    int64_t off_in = in->pos, off_out = out->pos;
    if (ipipe && uoff_in)
        return -ESPIPE;
    if (opipe && uoff_out)
        return -ESPIPE;
    if (uoff_out && copy_from_user(&off_out, uoff_out, sizeof(off_out)))
        return -EFAULT;
    if (uoff_in && copy_from_user(&off_in, uoff_in, sizeof(off_in)))
        return -EFAULT;
    if (!in->readable || !out->writable)
        return -EBADF;
    if (!ipipe && !opipe)
        return -EINVAL;
    if (ipipe && opipe && ipipe == opipe)
        return -EINVAL;
    if (!ipipe && uoff_in && !in->ops->llseek)
        return -EINVAL;
    if (!opipe && uoff_out && !out->ops->llseek)
        return -EINVAL;
    if (!opipe && (out->flags & O_APPEND))
        return -EINVAL;
    if (!in->ops || !in->ops->read || !out->ops || !out->ops->write || (!ipipe && in->ops->no_splice_read))
        return -EINVAL;
    if (off_in < 0 || off_out < 0)
        return -EINVAL;
    bool nonblock = flags & SPLICE_F_NONBLOCK;
    if (ipipe && opipe)
        return pipe_move(ipipe, opipe, len, nonblock || ((in->flags | out->flags) & O_NONBLOCK));
    long ret;
    if (opipe)
        ret = file_to_pipe(in, &off_in, opipe, len, nonblock || (out->flags & O_NONBLOCK));
    else {
        len = MIN(len, (size_t)SPLICE_CHUNK);
        char *buf = kmalloc(len);
        if (!buf)
            return -ENOMEM;
        ret = move_once(in, &off_in, out, &off_out, buf, len, nonblock);
        kfree(buf);
    }
    if (ret > 0) {
        if (!ipipe) {
            if (uoff_in ? copy_to_user(uoff_in, &off_in, sizeof(off_in)) : (in->pos = off_in, 0))
                ret = -EFAULT;
        }
        if (!opipe) {
            if (uoff_out ? copy_to_user(uoff_out, &off_out, sizeof(off_out)) : (out->pos = off_out, 0))
                ret = -EFAULT;
        }
    }
    return ret;
}

long sys_splice(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len, unsigned flags)
{
    if (!len)
        return 0;
    if (flags & ~(unsigned)SPLICE_F_ALL)
        return -EINVAL;
    struct file *in = fd_get(fd_in), *out = in ? fd_get(fd_out) : NULL;
    long ret = in && out ? do_splice(in, off_in, out, off_out, len, flags) : -EBADF;
    file_put(in);
    file_put(out);
    return ret;
}

long sys_tee(int fd_in, int fd_out, size_t len, unsigned flags)
{
    if (flags & ~(unsigned)SPLICE_F_ALL)
        return -EINVAL;
    if (!len)
        return 0;
    struct file *in = fd_get(fd_in), *out = in ? fd_get(fd_out) : NULL;
    long ret = -EBADF;
    if (in && out && in->readable && out->writable) {
        struct pipe *ipipe = pipe_of(in), *opipe = pipe_of(out);
        bool nonblock = (flags & SPLICE_F_NONBLOCK) || ((in->flags | out->flags) & O_NONBLOCK);
        ret = !ipipe || !opipe || ipipe == opipe ? -EINVAL : pipe_tee(ipipe, opipe, len, nonblock);
    }
    file_put(in);
    file_put(out);
    return ret;
}
