/*
 * signalfd.c — signalfd and signalfd4, after Linux's fs/signalfd.c: a file that reads the
 * caller's pending signals of its mask as 128-byte struct signalfd_siginfo records (lowest
 * signal first, as many as fit), consuming them; EAGAIN (non-blocking) or a wait when none is
 * pending (interrupted by a handled signal: restarted under SA_RESTART, else EINTR); EINVAL
 * for a buffer under 128 bytes. signalfd4 on an existing signalfd replaces its
 * mask and returns the same fd. SIGKILL and SIGSTOP are never in a mask.
 *
 * The signals come off the thread's own pending set, then its process's shared one
 * (kernel/signal_queue.c); each record is filled from the queued siginfo by its layout, as
 * Linux's signalfd_copyinfo does with siginfo_layout(): a field the layout does not name
 * stays zero.
 */
#include "kernel/events/evwait.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include "kernel/signal.h"
#include <linux/signalfd.h>
#include <asm/siginfo.h>
#include <asm/poll.h>

struct signalfd_ctx {
    uint64_t mask;
};

static const struct file_ops signalfd_fops;

static uint64_t pending_in(uint64_t mask)
{
    return signal_pending_set(current_task()) & mask;
}

/* Linux's siginfo_layout(): which union member a siginfo carries, from its signal and code. */
enum sil { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_FAULT_MCEERR, SIL_CHLD, SIL_RT, SIL_SYS };

static enum sil siginfo_layout(int sig, int code)
{
    static const struct { int limit; enum sil layout; } by_sig[] = {
        [SIGILL] = { NSIGILL, SIL_FAULT }, [SIGFPE] = { NSIGFPE, SIL_FAULT },
        [SIGSEGV] = { NSIGSEGV, SIL_FAULT }, [SIGBUS] = { NSIGBUS, SIL_FAULT },
        [SIGTRAP] = { NSIGTRAP, SIL_FAULT }, [SIGCHLD] = { NSIGCHLD, SIL_CHLD },
        [SIGIO] = { NSIGPOLL, SIL_POLL }, [SIGSYS] = { NSIGSYS, SIL_SYS },
    };
    if (code > SI_USER && code < SI_KERNEL) {
        if (sig > 0 && sig < (int)ARRAY_SIZE(by_sig) && by_sig[sig].limit && code <= by_sig[sig].limit) {
            if (sig == SIGBUS && (code == BUS_MCEERR_AR || code == BUS_MCEERR_AO))
                return SIL_FAULT_MCEERR;
            return by_sig[sig].layout;     /* BNDERR, PKUERR, TRAP_PERF read as SIL_FAULT here */
        }
        return code <= NSIGPOLL ? SIL_POLL : SIL_KILL;
    }
    if (code == SI_TIMER)
        return SIL_TIMER;
    if (code == SI_SIGIO)
        return SIL_POLL;
    return code < 0 ? SIL_RT : SIL_KILL;
}

/* The record Linux's signalfd_copyinfo makes of a siginfo. */
static void to_record(const siginfo_t *in, struct signalfd_siginfo *out)
{
    memset(out, 0, sizeof *out);
    out->ssi_signo = (uint32_t)in->si_signo;
    out->ssi_errno = in->si_errno;
    out->ssi_code = in->si_code;
    switch (siginfo_layout(in->si_signo, in->si_code)) {
    case SIL_KILL:
        out->ssi_pid = (uint32_t)in->si_pid;
        out->ssi_uid = in->si_uid;
        break;
    case SIL_TIMER:
        out->ssi_tid = (uint32_t)in->si_tid;
        out->ssi_overrun = (uint32_t)in->si_overrun;
        out->ssi_ptr = (uint64_t)(uintptr_t)in->si_ptr;
        out->ssi_int = in->si_int;
        break;
    case SIL_POLL:
        out->ssi_band = (uint32_t)in->si_band;
        out->ssi_fd = in->si_fd;
        break;
    case SIL_FAULT_MCEERR:
        out->ssi_addr_lsb = (uint16_t)in->si_addr_lsb;
        /* fall through */
    case SIL_FAULT:
        out->ssi_addr = (uint64_t)(uintptr_t)in->si_addr;
        break;
    case SIL_CHLD:
        out->ssi_pid = (uint32_t)in->si_pid;
        out->ssi_uid = in->si_uid;
        out->ssi_status = in->si_status;
        out->ssi_utime = (uint64_t)in->si_utime;
        out->ssi_stime = (uint64_t)in->si_stime;
        break;
    case SIL_RT:
        out->ssi_pid = (uint32_t)in->si_pid;
        out->ssi_uid = in->si_uid;
        out->ssi_ptr = (uint64_t)(uintptr_t)in->si_ptr;
        out->ssi_int = in->si_int;
        break;
    case SIL_SYS:
        out->ssi_call_addr = (uint64_t)(uintptr_t)in->si_call_addr;
        out->ssi_syscall = in->si_syscall;
        out->ssi_arch = in->si_arch;
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
        int sig = signal_take(current_task(), c->mask, &info);
        if (!sig) {
            if (total || (f->flags & O_NONBLOCK))
                break;
            int err = ev_wait(NULL, has_pending, c, EV_FOREVER);
            if (err)
                return err == -EINTR ? -ERESTARTSYS : err;   /* signalfd_dequeue: SA_RESTART resumes */
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
