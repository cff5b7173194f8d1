/*
 * pipe.c — pipes and FIFOs, modelled on Linux's fs/pipe.c so that byte counts agree:
 * data sits in a ring of page buffers (16 by default); a write first tops up the last
 * page when its remainder fits there, then fills fresh pages, so writes up to PIPE_BUF
 * (one page) are never split. Readers get what is there and return; they block only on an
 * empty pipe that still has writers (EOF once every writer closed). Writing with no reader
 * gives EPIPE and SIGPIPE. O_NONBLOCK turns waits into EAGAIN. As in Linux, the page a
 * read empties is kept for the next write (tmp_page): a write-read round trip allocates and
 * zeroes no page.
 *
 * A FIFO inode gets a struct pipe on first open (fifo_open), shared by every open of it
 * until the last one closes. pipe(2) makes an inode on pipefs with the two ends open.
 */
#include "kernel/fs/pipe.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <asm/poll.h>
#include <asm/ioctls.h>
#include <linux/magic.h>
#include <asm/statfs.h>
#include "replayer/kernel/faults.h"

/* SIGPIPE for the current task; KCORE's signal code provides it. The only call site. */
void signal_raise_sigpipe(void) __attribute__((weak));

static struct pipe *pipe_alloc(void)
{
    struct pipe *p = kzalloc(sizeof(*p));
    if (!p)
        return NULL;
    p->bufs = kzalloc(sizeof(struct pipe_buf) * PIPE_DEF_BUFFERS);
    if (!p->bufs) {
        kfree(p);
        return NULL;
    }
    p->max_usage = PIPE_DEF_BUFFERS;
    wq_init(&p->wq);
    return p;
}

static void pipe_free(struct pipe *p)
{
    for (unsigned i = p->tail; i != p->head; i++)
        fs_page_free(p->bufs[i % p->max_usage].page);
    fs_page_free(p->tmp_page);
    kfree(p->bufs);
    kfree(p);
}

static bool pipe_empty(struct pipe *p) { return p->head == p->tail; }
static bool pipe_full(struct pipe *p) { return p->head - p->tail >= p->max_usage; }

static bool can_read(void *arg)
{
    struct pipe *p = arg;
    return !pipe_empty(p) || !p->writers;
}

static bool can_write(void *arg)
{
    struct pipe *p = arg;
    return !pipe_full(p) || !p->readers;
}

/* Done with a buffer's page: keep one for the next write (as Linux's tmp_page), so a
   write-read round trip allocates nothing. */
static void pipe_buf_release(struct pipe *p, struct pipe_buf *b)
{
    if (!p->tmp_page)
        p->tmp_page = b->page;
    else
        fs_page_free(b->page);
    b->page = NULL;
}

static long pipe_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)pos;
    struct pipe *p = f->priv;
    long ret = 0;
    size_t total = to->count;
    if (!total)
        return 0;
    for (;;) {
        if (!pipe_empty(p)) {
            struct pipe_buf *b = &p->bufs[p->tail % p->max_usage];
            size_t chars = MIN((size_t)b->len, total);
            size_t got = copy_to_iter(to, b->page + b->offset, chars);
            if (got < chars) {
                if (!ret)
                    ret = -EFAULT;
                break;
            }
            ret += (long)chars;
            b->offset += (unsigned)chars;
            b->len -= (unsigned)chars;
            if (!b->len) {
                pipe_buf_release(p, b);
                p->tail++;
                wq_wake_all(&p->wq);
            }
            total -= chars;
            if (!total)
                break;
            if (!pipe_empty(p))
                continue;
        }
        if (!p->writers || ret)
            break;
        if (f->flags & O_NONBLOCK) {
            ret = FAULT_ON(PIPE_NONBLOCK_EOF) ? 0 : -EAGAIN;
            break;
        }
        int err = wq_wait(&p->wq, can_read, p);
        if (err) {
            ret = err;
            break;
        }
    }
    if (ret > 0)
        inode_touch_a(f->inode);
    return ret;
}

static void raise_sigpipe(void)
{
    if (signal_raise_sigpipe)
        signal_raise_sigpipe();
}

static long pipe_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)pos;
    struct pipe *p = f->priv;
    long ret = 0;
    size_t total = from->count;
    if (!total)
        return 0;
    if (!p->readers) {
        raise_sigpipe();
        return -EPIPE;
    }
    /* Top up the last page when what does not fill whole pages fits in it. */
    size_t chars = total & (PAGE_SIZE - 1);
    if (chars && !pipe_empty(p)) {
        struct pipe_buf *b = &p->bufs[(p->head - 1) % p->max_usage];
        size_t off = b->offset + b->len;
        if (b->can_merge && off + chars <= PAGE_SIZE) {
            size_t got = copy_from_iter(from, b->page + off, chars);
            if (got < chars) {
                ret = -EFAULT;
                goto out;
            }
            ret = (long)chars;
            b->len += (unsigned)chars;
            if (!from->count)
                goto out;
        }
    }
    for (;;) {
        if (!p->readers) {
            raise_sigpipe();
            if (!ret)
                ret = -EPIPE;
            break;
        }
        if (!pipe_full(p)) {
            char *page = p->tmp_page ? p->tmp_page : fs_page_alloc();
            p->tmp_page = NULL;
            if (!page) {
                if (!ret)
                    ret = -ENOMEM;
                break;
            }
            size_t want = MIN(from->count, PAGE_SIZE);
            size_t got = copy_from_iter(from, page, want);
            if (got < want && from->count) {
                p->tmp_page = page;
                if (!ret)
                    ret = -EFAULT;
                break;
            }
            struct pipe_buf *b = &p->bufs[p->head % p->max_usage];
            *b = (struct pipe_buf){ page, 0, (unsigned)got, true };
            p->head++;
            ret += (long)got;
            wq_wake_all(&p->wq);
            if (!from->count)
                break;
            continue;
        }
        if (f->flags & O_NONBLOCK) {
            if (!ret)
                ret = -EAGAIN;
            break;
        }
        wq_wake_all(&p->wq);
        int err = wq_wait(&p->wq, can_write, p);
        if (err) {
            if (!ret)
                ret = err;
            break;
        }
    }
out:
    if (ret > 0) {
        wq_wake_all(&p->wq);
        inode_touch_mc(f->inode);
    }
    return ret;
}

static const struct file_ops pipe_fops;

struct pipe *pipe_of(struct file *f)
{
    return f->ops == &pipe_fops ? f->priv : NULL;
}

long pipe_wait_space(struct pipe *p, bool nonblock)
{
    while (p->readers && pipe_full(p)) {
        if (nonblock)
            return -EAGAIN;
        int err = wq_wait(&p->wq, can_write, p);
        if (err)
            return err;
    }
    if (!p->readers) {
        raise_sigpipe();
        return -EPIPE;
    }
    return (long)((p->max_usage - (p->head - p->tail)) * PAGE_SIZE);
}

static long wait_in_out(struct pipe *in, struct pipe *out, bool nonblock);

/* tee: copy up to len bytes from in's buffers (not consuming them) into out, one buffer for
   each of in's, as Linux's link_pipe does; waits for data in in and room in out. */
long pipe_tee(struct pipe *in, struct pipe *out, size_t len, bool nonblock)
{
    long ret = wait_in_out(in, out, nonblock);
    if (ret <= 0)
        return ret;
    ret = 0;
    for (unsigned i = in->tail; i != in->head && len > 0 && !pipe_full(out); i++) {
        struct pipe_buf *ib = &in->bufs[i % in->max_usage];
        char *page = fs_page_alloc();
        if (!page)
            return ret ? ret : -ENOMEM;
        unsigned n = (unsigned)MIN((size_t)ib->len, len);
        memcpy(page, ib->page + ib->offset, n);
        struct pipe_buf *ob = &out->bufs[out->head % out->max_usage];
        *ob = (struct pipe_buf){ page, 0, n, false };
        out->head++;
        ret += n;
        len -= n;
    }
    if (ret > 0)
        wq_wake_all(&out->wq);
    return ret;
}

/* Wait for data in in (0 at EOF) and room in out: 1 when both are there, or an error. */
static long wait_in_out(struct pipe *in, struct pipe *out, bool nonblock)
{
    while (pipe_empty(in)) {
        if (!in->writers)
            return 0;
        if (nonblock)
            return -EAGAIN;
        int err = wq_wait(&in->wq, can_read, in);
        if (err)
            return err;
    }
    long room = pipe_wait_space(out, nonblock);
    return room < 0 ? room : 1;
}

long pipe_move(struct pipe *in, struct pipe *out, size_t len, bool nonblock)
{
    long ret = wait_in_out(in, out, nonblock);
    if (ret <= 0)
        return ret;
    ret = 0;
    while (!pipe_empty(in) && len > 0 && !pipe_full(out)) {
        struct pipe_buf *ib = &in->bufs[in->tail % in->max_usage];
        struct pipe_buf *ob = &out->bufs[out->head % out->max_usage];
        if (ib->len <= len) {
            *ob = *ib;   /* the whole buffer changes pipes */
            ob->can_merge = false;
            ib->page = NULL;
            in->tail++;
        } else {
            char *page = fs_page_alloc();
            if (!page)
                break;
            memcpy(page, ib->page + ib->offset, len);
            *ob = (struct pipe_buf){ page, 0, (unsigned)len, false };
            ib->offset += (unsigned)len;
            ib->len -= (unsigned)len;
        }
        out->head++;
        ret += ob->len;
        len -= ob->len;
    }
    wq_wake_all(&in->wq);
    wq_wake_all(&out->wq);
    return ret;
}

int pipe_add_buf(struct pipe *p, const char *data, size_t n)
{
    char *page = fs_page_alloc();
    if (!page)
        return -ENOMEM;
    memcpy(page, data, n);
    p->bufs[p->head % p->max_usage] = (struct pipe_buf){ page, 0, (unsigned)n, false };
    p->head++;
    wq_wake_all(&p->wq);
    return 0;
}

static unsigned pipe_poll(struct file *f, struct waitqueue **wq)
{
    struct pipe *p = f->priv;
    unsigned mask = 0;
    if (wq)
        *wq = &p->wq;
    if (f->readable) {
        if (!pipe_empty(p))
            mask |= POLLIN | POLLRDNORM;
        if (!p->writers && f->aux != p->w_counter)
            mask |= POLLHUP;
    }
    if (f->writable) {
        if (!pipe_full(p))
            mask |= POLLOUT | POLLWRNORM;
        if (!p->readers)
            mask |= POLLERR;   /* Linux reports POLLERR for a pipe with no reader */
    }
    return mask;
}

static unsigned pipe_bytes(struct pipe *p)
{
    unsigned n = 0;
    for (unsigned i = p->tail; i != p->head; i++)
        n += p->bufs[i % p->max_usage].len;
    return n;
}

static long pipe_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
    if (cmd != FIONREAD)
        return -ENOTTY;
    int n = (int)pipe_bytes(f->priv);
    return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

/* F_SETPIPE_SZ: a power of two of pages, at least one; EBUSY if the data would not fit. */
static long pipe_set_size(struct pipe *p, unsigned long arg)
{
    if (arg > (1ul << 31))
        return -EINVAL;
    unsigned long size = PAGE_SIZE;
    while (size < arg)
        size <<= 1;
    if (size > PIPE_MAX_SIZE && !fs_capable())
        return -EPERM;
    unsigned slots = (unsigned)(size / PAGE_SIZE);
    if (slots < p->head - p->tail)
        return -EBUSY;
    struct pipe_buf *bufs = kzalloc(sizeof(*bufs) * slots);
    if (!bufs)
        return -ENOMEM;
    unsigned n = 0;
    for (unsigned i = p->tail; i != p->head; i++)
        bufs[n++] = p->bufs[i % p->max_usage];
    kfree(p->bufs);
    p->bufs = bufs;
    p->tail = 0;
    p->head = n;
    p->max_usage = slots;
    wq_wake_all(&p->wq);
    return (long)size;
}

long pipe_fcntl(struct file *f, unsigned cmd, unsigned long arg)
{
    struct pipe *p = f->priv;
    if (cmd == F_GETPIPE_SZ)
        return (long)(p->max_usage * PAGE_SIZE);
    return pipe_set_size(p, arg);
}

static void pipe_release(struct file *f)
{
    struct pipe *p = f->priv;
    if (f->readable)
        p->readers--;
    if (f->writable)
        p->writers--;
    wq_wake_all(&p->wq);
    if (p->readers == 0 && p->writers == 0) {
        if (f->inode->pipe == p)
            f->inode->pipe = NULL;
        pipe_free(p);
    }
}

static const struct file_ops pipe_fops = {
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .ioctl = pipe_ioctl,
    .fcntl = pipe_fcntl,
    .release = pipe_release,
};

/* ---- FIFOs ---- */

struct fifo_wait {
    struct pipe *p;
    unsigned *counter;
    unsigned seen;
};

static bool partner_arrived(void *arg)
{
    struct fifo_wait *w = arg;
    return *w->counter != w->seen;
}

static int wait_for_partner(struct pipe *p, unsigned *counter)
{
    struct fifo_wait w = { p, counter, *counter };
    return wq_wait(&p->wq, partner_arrived, &w);
}

static int fifo_open(struct inode *inode, struct file *f)
{
    bool created = false;
    if (!inode->pipe) {
        inode->pipe = pipe_alloc();
        if (!inode->pipe)
            return -ENOMEM;
        created = true;
    }
    struct pipe *p = inode->pipe;
    f->priv = p;
    f->ops = &pipe_fops;
    int err = 0;
    if (f->readable && f->writable) {
        p->readers++;
        p->writers++;
        p->r_counter++;
        p->w_counter++;
        wq_wake_all(&p->wq);
    } else if (f->readable) {
        p->r_counter++;
        p->readers++;
        wq_wake_all(&p->wq);
        if (!p->writers) {
            if (f->flags & O_NONBLOCK)
                f->aux = p->w_counter;   /* no POLLHUP until a writer has come and gone */
            else if ((err = wait_for_partner(p, &p->w_counter)))
                p->readers--;
        }
    } else {
        if ((f->flags & O_NONBLOCK) && !p->readers) {
            err = -ENXIO;
        } else {
            p->w_counter++;
            p->writers++;
            wq_wake_all(&p->wq);
            if (!p->readers && (err = wait_for_partner(p, &p->r_counter)))
                p->writers--;
        }
    }
    if (err) {
        f->priv = NULL;
        if (p->readers == 0 && p->writers == 0) {
            inode->pipe = NULL;
            pipe_free(p);
        }
        (void)created;
        return err;
    }
    return 0;
}

const struct file_ops fifo_fops = {
    .open = fifo_open,
};

/* ---- pipe(2) ---- */

static const struct super_ops pipefs_ops = {
    .statfs = generic_statfs,
};

struct super_block *pipefs_sb(void)
{
    static struct super_block *sb;
    if (!sb) {
        sb = sb_create("pipefs", PIPEFS_MAGIC);
        if (sb)
            sb->ops = &pipefs_ops;
    }
    return sb;
}

/* A pipe inode on pipefs with a pipe and both ends opened with flags. */
static int create_pipe_files(struct file **res, unsigned flags)
{
    struct super_block *sb = pipefs_sb();
    struct inode *inode = sb ? inode_alloc(sb, S_IFIFO | 0600) : NULL;
    struct pipe *p = pipe_alloc();
    if (!inode || !p) {
        kfree(inode);
        if (p)
            pipe_free(p);
        return -ENFILE;
    }
    inode->nlink = 1;   /* as Linux shows it */
    inode->anon = true;
    inode->pipe = p;
    inode->fops = &fifo_fops;   /* reopening through /proc/self/fd joins this pipe */
    res[0] = file_alloc(inode, O_RDONLY | (flags & (O_NONBLOCK | O_DIRECT)));
    res[1] = file_alloc(inode, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)));
    if (!res[0] || !res[1]) {
        file_put(res[0]);
        file_put(res[1]);
        return -ENFILE;
    }
    for (int i = 0; i < 2; i++) {
        res[i]->ops = &pipe_fops;
        res[i]->priv = p;
    }
    p->readers = p->writers = 1;
    p->r_counter = p->w_counter = 1;
    return 0;
}

long sys_pipe2(int *ufds, int flags)
{
    if ((unsigned)flags & ~(unsigned)(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_EXCL))
        return -EINVAL;
    if (flags & O_EXCL)
        return -ENOPKG;
    struct fdtable *fdt = fd_current();
    struct file *files[2];
    int err = create_pipe_files(files, (unsigned)flags);
    if (err)
        return err;
    int fd0 = fd_alloc(fdt, files[0], 0, flags & O_CLOEXEC);
    if (fd0 < 0) {
        file_put(files[0]);
        file_put(files[1]);
        return fd0;
    }
    int fd1 = fd_alloc(fdt, files[1], 0, flags & O_CLOEXEC);
    if (fd1 < 0) {
        file_put(fd_remove(fdt, (unsigned)fd0));
        file_put(files[1]);
        return fd1;
    }
    int fds[2] = { fd0, fd1 };
    if (copy_to_user(ufds, fds, sizeof(fds))) {
        file_put(fd_remove(fdt, (unsigned)fd0));
        file_put(fd_remove(fdt, (unsigned)fd1));
        return -EFAULT;
    }
    return 0;
}

long sys_pipe(int *ufds)
{
    return sys_pipe2(ufds, 0);
}
