/*
 * signalfd.c — signalfd and signalfd4, after Linux's fs/signalfd.c: a file that reads the
 * caller's pending signals of its mask as 128-byte struct signalfd_siginfo records (lowest
 * signal first, as many as fit), consuming them; EAGAIN (non-blocking) or a wait when none is
 * pending; EINVAL for a buffer under 128 bytes. signalfd4 on an existing signalfd replaces its
 * mask and returns the same fd. SIGKILL and SIGSTOP are never in a mask.
 *
 * The details of each signal (code, sender, value) come from kernel/signal.c through
 * signal_dequeue() when it exists; until then only the pending bits are known, and a record
 * carries the signal number with SI_USER and no sender.
 */
#include "kernel/events/evwait.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <linux/signalfd.h>
#include <asm/siginfo.h>
#include <asm/poll.h>

#define SIGBIT(s) (1ULL << ((s) - 1))

/* Take the lowest pending signal in mask off the current task: its number (0 if none), with
 * its siginfo. Provided by kernel/signal.c once signals carry siginfo. */
int signal_dequeue(uint64_t mask, siginfo_t *info) __attribute__((weak));

struct signalfd_ctx {
    uint64_t mask;
};

static const struct file_ops signalfd_fops;

static uint64_t pending_in(uint64_t mask)
{
    return current_task()->sigpending & mask;
}

static int dequeue(uint64_t mask, siginfo_t *info)
{
    memset(info, 0, sizeof *info);
    if (signal_dequeue)
        return signal_dequeue(mask, info);
    uint64_t p = pending_in(mask);
    if (!p)
        return 0;
    int sig = __builtin_ctzll(p) + 1;
    current_task()->sigpending &= ~SIGBIT(sig);
    info->si_signo = sig;
    info->si_code = SI_USER;
    return sig;
}

/* The record Linux's signalfd_copyinfo makes of a siginfo. */
static void to_record(const siginfo_t *in, struct signalfd_siginfo *out)
{
    memset(out, 0, sizeof *out);
    out->ssi_signo = (uint32_t)in->si_signo;
    out->ssi_errno = in->si_errno;
    out->ssi_code = in->si_code;
    out->ssi_pid = (uint32_t)in->si_pid;
    out->ssi_uid = in->si_uid;
    switch (in->si_signo) {
    case SIGCHLD:
        out->ssi_status = in->si_status;
        out->ssi_utime = (uint64_t)in->si_utime;
        out->ssi_stime = (uint64_t)in->si_stime;
        break;
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
        out->ssi_addr = (uint64_t)(uintptr_t)in->si_addr;
        break;
    default:
        out->ssi_int = in->si_int;
        out->ssi_ptr = (uint64_t)(uintptr_t)in->si_ptr;
        out->ssi_tid = (uint32_t)in->si_tid;
        out->ssi_overrun = (uint32_t)in->si_overrun;
        break;
    }
}

static bool has_pending(void *arg)
{
    return pending_in(((struct signalfd_ctx *)arg)->mask) != 0;
}

static long signalfd_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)pos;
    struct signalfd_ctx *c = f->priv;
    size_t n = to->count / sizeof(struct signalfd_siginfo);
    if (!n)
        return -EINVAL;
    long total = 0;
    for (size_t i = 0; i < n; i++) {
        siginfo_t info;
        int sig = dequeue(c->mask, &info);
        if (!sig) {
            if (total || (f->flags & O_NONBLOCK))
                break;
            int err = ev_wait(NULL, has_pending, c, EV_FOREVER);
            if (err)
                return err;
            i--;
            continue;
        }
        struct signalfd_siginfo rec;
        to_record(&info, &rec);
        if (copy_to_iter(to, &rec, sizeof rec) < sizeof rec)
            return total ? total : -EFAULT;
        total += (long)sizeof rec;
    }
    return total ? total : -EAGAIN;
}

static unsigned signalfd_poll(struct file *f, struct waitqueue **wq)
{
    if (wq)
        *wq = NULL;   /* no queue for signal arrival: re-tested at each tick */
    return has_pending(f->priv) ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_release(struct file *f)
{
    kfree(f->priv);
}

static const struct file_ops signalfd_fops = {
    .read = signalfd_read,
    .poll = signalfd_poll,
    .release = signalfd_release,
};

long sys_signalfd4(int fd, const uint64_t *umask, size_t sizemask, int flags)
{
    if ((unsigned)flags & ~(unsigned)(SFD_CLOEXEC | SFD_NONBLOCK))
        return -EINVAL;
    if (sizemask != sizeof(uint64_t))
        return -EINVAL;
    uint64_t mask;
    if (copy_from_user(&mask, umask, sizeof mask))
        return -EFAULT;
    mask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    if (fd == -1) {
        struct signalfd_ctx *c = kzalloc(sizeof(*c));
        if (!c)
            return -ENOMEM;
        c->mask = mask;
        return anon_fd_create(&signalfd_fops, c, O_RDWR | ((unsigned)flags & O_NONBLOCK), flags & SFD_CLOEXEC);
    }
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret = -EINVAL;
    if (f->ops == &signalfd_fops) {
        ((struct signalfd_ctx *)f->priv)->mask = mask;
        ret = fd;
    }
    file_put(f);
    return ret;
}

long sys_signalfd(int fd, const uint64_t *umask, size_t sizemask)
{
    return sys_signalfd4(fd, umask, sizemask, 0);
}
