/*
 * socket.c — the socket syscalls, after Linux's net/socket.c: the fd is looked up first
 * (EBADF, then ENOTSOCK for a file that is not a socket), addresses are copied in whole
 * (EINVAL beyond sockaddr_storage), names are copied out truncated to the caller's buffer
 * with the full length written back, and msghdrs are read and written back as Linux does
 * (msg_namelen, msg_controllen used, msg_flags). A socket is a file on a sockfs inode
 * (S_IFSOCK); read and write on it are recvmsg and sendmsg without flags.
 * Only AF_UNIX exists (see unix.h); other families give EAFNOSUPPORT.
 */
#include "kernel/net/unix.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <linux/magic.h>
#include <linux/time_types.h>
#include "kernel/events/evwait.h"
#include "kernel/time.h"
#include "replayer/kernel/faults.h"

#define SOCKADDR_MAX 128   /* sizeof(struct sockaddr_storage) */
#define MAX_RW_COUNT 0x7ffff000UL

union sockaddr_buf {
    struct sockaddr_un un;
    char bytes[SOCKADDR_MAX + 1];
};

/* ---- the socket file ---- */

static long sock_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)pos;
    struct unix_msg m = { .iter = to };
    return unix_recvmsg(f->priv, &m, (f->flags & O_NONBLOCK) ? MSG_DONTWAIT : 0);
}

static long sock_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)pos;
    struct unix_msg m = { .iter = from };
    return unix_sendmsg(f->priv, &m, (f->flags & O_NONBLOCK) ? MSG_DONTWAIT : 0);
}

static unsigned sock_poll(struct file *f, struct waitqueue **wq)
{
    struct unix_sock *s = f->priv;
    if (wq)
        *wq = &s->wq;
    return unix_poll(s);
}

static long sock_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
    int n = unix_ioctl_value(f->priv, cmd);
    if (n < 0)
        return n;
    return copy_to_user((void *)arg, &n, sizeof n) ? -EFAULT : 0;
}

static void sock_release(struct file *f)
{
    if (f->priv)
        unix_release(f->priv);
}

static const struct file_ops socket_fops = {
    .read = sock_read,
    .write = sock_write,
    .poll = sock_poll,
    .ioctl = sock_ioctl,
    .release = sock_release,
};

static struct super_block *sockfs_sb(void)
{
    static struct super_block *sb;
    if (!sb)
        sb = sb_create("sockfs", SOCKFS_MAGIC);
    return sb;
}

/* A file for s (taking s's reference), installed at the lowest free fd. */
static int sock_install(struct unix_sock *s, unsigned flags)
{
    struct super_block *sb = sockfs_sb();
    struct inode *inode = sb ? inode_alloc(sb, S_IFSOCK | 0777) : NULL;
    struct file *f = NULL;
    if (inode) {
        inode->nlink = 1;
        inode->anon = true;
        f = file_alloc(inode, O_RDWR | (flags & O_NONBLOCK));
    }
    if (!f) {
        kfree(inode);
        unix_release(s);
        return -ENFILE;
    }
    f->ops = &socket_fops;
    f->priv = s;
    return fd_install_new(f, flags & O_CLOEXEC);
}

/* The socket behind fd, with a file reference in *fp: EBADF, ENOTSOCK. */
static struct unix_sock *sock_lookup(int fd, struct file **fp, long *err)
{
    struct file *f = fd_get(fd);
    if (!f) {
        *err = -EBADF;
        return NULL;
    }
    if (f->ops != &socket_fops) {
        file_put(f);
        *err = -ENOTSOCK;
        return NULL;
    }
    *fp = f;
    return f->priv;
}

static int addr_from_user(const void *uaddr, int len, union sockaddr_buf *a)
{
    memset(a, 0, sizeof *a);
    if (len < 0 || len > SOCKADDR_MAX)
        return -EINVAL;
    if (len && copy_from_user(a, uaddr, (size_t)len))
        return -EFAULT;
    return 0;
}

/* move_addr_to_user: at most the caller's length is copied; the full length is written back. */
static int addr_to_user(const void *kaddr, int klen, void *uaddr, int *ulen)
{
    int len;
    if (copy_from_user(&len, ulen, sizeof len))
        return -EFAULT;
    if (len > klen)
        len = klen;
    if (len < 0)
        return -EINVAL;
    if (len && copy_to_user(uaddr, kaddr, (size_t)len))
        return -EFAULT;
    return copy_to_user(ulen, &klen, sizeof klen);
}

/* ---- creation ---- */

static int check_type(int type, int *flags)
{
    *flags = type & ~SOCK_TYPE_MASK;
    if (*flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
        return -EINVAL;
    return 0;
}

static int create_checked(int family, int type, int protocol, struct unix_sock **out)
{
    if (family < 0 || family >= AF_MAX)
        return FAULT_ON(SOCKET_ENOSYS) ? -ENOSYS : -EAFNOSUPPORT;
    int base = type & SOCK_TYPE_MASK;
    if (base < 0 || base >= SOCK_MAX)
        return -EINVAL;
    if (family != AF_UNIX)
        return FAULT_ON(SOCKET_ENOSYS) ? -ENOSYS : -EAFNOSUPPORT;   /* no network families (yet) */
    return unix_create(base, protocol, out);
}

long sys_socket(int family, int type, int protocol)
{
    int flags;
    int err = check_type(type, &flags);
    if (err)
        return err;
    struct unix_sock *s;
    err = create_checked(family, type, protocol, &s);
    if (err)
        return err;
    return sock_install(s, (unsigned)flags);
}

long sys_socketpair(int family, int type, int protocol, int *usv)
{
    int flags;
    int err = check_type(type, &flags);
    if (err)
        return err;
    if (family == AF_INET || family == AF_INET6)
        return -EOPNOTSUPP;   /* Linux makes the socket, then its family refuses pairs */
    struct unix_sock *a, *b;
    if ((err = create_checked(family, type, protocol, &a)))
        return err;
    if ((err = create_checked(family, type, protocol, &b))) {
        unix_release(a);
        return err;
    }
    unix_pair(a, b);
    int fd0 = sock_install(a, (unsigned)flags);
    if (fd0 < 0) {
        unix_release(b);
        return fd0;
    }
    int fd1 = sock_install(b, (unsigned)flags);
    if (fd1 < 0) {
        file_put(fd_remove(fd_current(), (unsigned)fd0));
        return fd1;
    }
    int sv[2] = { fd0, fd1 };
    if (copy_to_user(usv, sv, sizeof sv)) {
        file_put(fd_remove(fd_current(), (unsigned)fd0));
        file_put(fd_remove(fd_current(), (unsigned)fd1));
        return -EFAULT;
    }
    return 0;
}

/* ---- names and connections ---- */

long sys_bind(int fd, const void *uaddr, int len)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    union sockaddr_buf a;
    err = addr_from_user(uaddr, len, &a);
    if (!err)
        err = unix_bind(s, &a.un, len, uaddr);
    file_put(f);
    return err;
}

long sys_listen(int fd, int backlog)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    if ((unsigned)backlog > SOMAXCONN)
        backlog = SOMAXCONN;
    err = unix_listen(s, backlog);
    file_put(f);
    return err;
}

long sys_connect(int fd, const void *uaddr, int len)
{
    /* Linux copies the address before it asks whether the file is a socket. */
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    union sockaddr_buf a;
    long err = addr_from_user(uaddr, len, &a);
    if (!err && f->ops != &socket_fops)
        err = -ENOTSOCK;
    if (!err)
        err = unix_connect(f->priv, &a.un, len, f->flags & O_NONBLOCK);
    file_put(f);
    return err;
}

long sys_accept4(int fd, void *uaddr, int *ulen, int flags)
{
    if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
        return -EINVAL;
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    struct unix_sock *n;
    err = fd_check_free(fd_current());   /* EMFILE before a connection is taken, as Linux */
    if (err >= 0)
        err = unix_accept(s, f->flags & O_NONBLOCK, &n);
    file_put(f);
    if (err)
        return err;
    if (uaddr) {
        union sockaddr_buf a;
        int len = unix_getname(n, &a.un, true);
        if (len < 0) {
            unix_release(n);
            return -ECONNABORTED;
        }
        err = addr_to_user(&a, len, uaddr, ulen);
        if (err) {
            unix_release(n);
            return err;
        }
    }
    return sock_install(n, (unsigned)flags);
}

long sys_accept(int fd, void *uaddr, int *ulen)
{
    return sys_accept4(fd, uaddr, ulen, 0);
}

static long sock_getname(int fd, void *uaddr, int *ulen, bool peer)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    union sockaddr_buf a;
    int len = unix_getname(s, &a.un, peer);
    file_put(f);
    if (len < 0)
        return len;
    return addr_to_user(&a, len, uaddr, ulen);
}

long sys_getsockname(int fd, void *uaddr, int *ulen)
{
    return sock_getname(fd, uaddr, ulen, false);
}

long sys_getpeername(int fd, void *uaddr, int *ulen)
{
    return sock_getname(fd, uaddr, ulen, true);
}

long sys_shutdown(int fd, int how)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    err = unix_shutdown(s, how);
    file_put(f);
    return err;
}

long sys_setsockopt(int fd, int level, int name, const void *uval, int len)
{
    if (len < 0)
        return -EINVAL;
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    err = level == SOL_SOCKET ? sockopt_set(s, name, uval, len) : -EOPNOTSUPP;
    file_put(f);
    return err;
}

long sys_getsockopt(int fd, int level, int name, void *uval, int *ulen)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    err = level == SOL_SOCKET ? sockopt_get(s, name, uval, ulen) : -EOPNOTSUPP;
    file_put(f);
    return err;
}

/* ---- data ---- */

long sys_sendto(int fd, const void *buf, size_t len, unsigned flags, const void *uaddr, int alen)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    union sockaddr_buf a;
    len = MIN(len, MAX_RW_COUNT);
    struct kvec v = { (void *)buf, len };
    struct iov_iter it;
    iov_iter_init(&it, &v, 1, len, false);
    struct unix_msg m = { .iter = &it };
    if (uaddr) {
        err = addr_from_user(uaddr, alen, &a);
        if (err)
            goto out;
        m.name = &a.un;
        m.namelen = alen;
    }
    if (f->flags & O_NONBLOCK)
        flags |= MSG_DONTWAIT;
    err = unix_sendmsg(s, &m, flags);
out:
    file_put(f);
    return err;
}

long sys_recvfrom(int fd, void *buf, size_t len, unsigned flags, void *uaddr, int *ulen)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    union sockaddr_buf a;
    len = MIN(len, MAX_RW_COUNT);
    struct kvec v = { buf, len };
    struct iov_iter it;
    iov_iter_init(&it, &v, 1, len, false);
    struct unix_msg m = { .iter = &it, .from = uaddr ? &a.un : NULL };
    if (f->flags & O_NONBLOCK)
        flags |= MSG_DONTWAIT;
    err = unix_recvmsg(s, &m, flags);
    file_put(f);
    if (err >= 0 && uaddr) {
        long e2 = addr_to_user(&a, m.fromlen, uaddr, ulen);
        if (e2 < 0)
            err = e2;
    }
    return err;
}

/* A user msghdr's iovec, name and control, as Linux's copy_msghdr_from_user checks them. */
struct msg_in {
    struct user_msghdr h;
    struct kvec *vec;
    struct iov_iter it;
    union sockaddr_buf addr;
};

static long msg_import(const struct user_msghdr *umsg, struct msg_in *in, bool send)
{
    in->vec = NULL;
    if (copy_from_user(&in->h, umsg, sizeof in->h))
        return -EFAULT;
    if (in->h.msg_namelen < 0)
        return -EINVAL;
    if (in->h.msg_namelen > SOCKADDR_MAX)
        in->h.msg_namelen = SOCKADDR_MAX;
    if (!in->h.msg_name)
        in->h.msg_namelen = 0;
    if (send && in->h.msg_namelen) {
        long err = addr_from_user(in->h.msg_name, in->h.msg_namelen, &in->addr);
        if (err)
            return err;
    }
    if (in->h.msg_iovlen > UIO_MAXIOV)
        return -EMSGSIZE;
    size_t n = in->h.msg_iovlen, total = 0;
    in->vec = kmalloc(sizeof(struct kvec) * (n ? n : 1));
    if (!in->vec)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++) {
        struct iovec iv;
        if (copy_from_user(&iv, in->h.msg_iov + i, sizeof iv))
            return -EFAULT;
        if ((long)iv.iov_len < 0)
            return -EINVAL;
        size_t len = MIN(iv.iov_len, MAX_RW_COUNT - total);   /* Linux caps a transfer there */
        in->vec[i] = (struct kvec){ iv.iov_base, len };
        total += len;
    }
    iov_iter_init(&in->it, in->vec, (int)n, total, false);
    if (in->h.msg_controllen > 0x7fffffff)
        return -ENOBUFS;
    return 0;
}

static long do_sendmsg(struct file *f, struct unix_sock *s, struct user_msghdr *umsg, unsigned flags)
{
    struct msg_in in;
    long err = msg_import(umsg, &in, true);
    if (err)
        goto out;
    struct unix_msg m = { .iter = &in.it, .control = in.h.msg_control, .controllen = in.h.msg_controllen };
    if (in.h.msg_namelen) {
        m.name = &in.addr.un;
        m.namelen = in.h.msg_namelen;
    }
    if (f->flags & O_NONBLOCK)
        flags |= MSG_DONTWAIT;
    err = unix_sendmsg(s, &m, flags);
out:
    kfree(in.vec);
    return err;
}

long sys_sendmsg(int fd, const struct user_msghdr *umsg, unsigned flags)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    err = do_sendmsg(f, s, (struct user_msghdr *)umsg, flags);   /* only read */
    file_put(f);
    return err;
}

static long do_recvmsg(struct file *f, struct unix_sock *s, struct user_msghdr *umsg, unsigned flags)
{
    struct msg_in in;
    long err = msg_import(umsg, &in, false);
    if (err)
        goto out;
    struct unix_msg m = { .iter = &in.it, .control = in.h.msg_control, .controllen = in.h.msg_controllen,
                          .from = in.h.msg_name ? &in.addr.un : NULL,
                          .flags = flags & MSG_CMSG_CLOEXEC };
    if (f->flags & O_NONBLOCK)
        flags |= MSG_DONTWAIT;
    err = unix_recvmsg(s, &m, flags);
    if (err < 0)
        goto out;
    if (in.h.msg_name) {
        long e2 = addr_to_user(&in.addr, m.fromlen, in.h.msg_name, &umsg->msg_namelen);
        if (e2 < 0) {
            err = e2;
            goto out;
        }
    }
    size_t used = (size_t)((char *)m.control - (char *)in.h.msg_control);
    if (copy_to_user(&umsg->msg_flags, &m.flags, sizeof m.flags) ||
        copy_to_user(&umsg->msg_controllen, &used, sizeof used))
        err = -EFAULT;
out:
    kfree(in.vec);
    return err;
}

long sys_recvmsg(int fd, struct user_msghdr *umsg, unsigned flags)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    err = do_recvmsg(f, s, umsg, flags);
    file_put(f);
    return err;
}

/* sendmmsg/recvmmsg: msghdrs one after another, each length written to msg_len; an error after
 * the first message ends the batch and the count so far is returned (the error is lost, as on
 * Linux for sendmmsg). recvmmsg's timeout is only checked between messages, as on Linux, and
 * once a message came the time left is written back to it. */
struct mmsghdr {
    struct user_msghdr msg_hdr;
    unsigned msg_len;
};

#define MSG_WAITFORONE 0x10000

typedef long (*msg_fn)(struct file *f, struct unix_sock *s, struct user_msghdr *umsg, unsigned flags);

/* The loop both share: one message at a time through one(), its length written to msg_len;
 * later_flags join flags after the first message; the batch ends at the deadline. */
static long do_mmsg(int fd, struct mmsghdr *uvec, unsigned vlen, unsigned flags, unsigned later_flags,
                    uint64_t deadline, msg_fn one)
{
    struct file *f;
    long err = 0;
    struct unix_sock *s = sock_lookup(fd, &f, &err);
    if (!s)
        return err;
    vlen = MIN(vlen, (unsigned)UIO_MAXIOV);
    unsigned done = 0;
    for (; done < vlen; done++) {
        err = one(f, s, &uvec[done].msg_hdr, flags);
        if (err < 0)
            break;
        unsigned len = (unsigned)err;
        if (copy_to_user(&uvec[done].msg_len, &len, sizeof len)) {
            err = -EFAULT;
            break;
        }
        flags |= later_flags;
        if (deadline != EV_FOREVER && time_now_ns(CLOCK_MONOTONIC) >= deadline) {
            done++;
            break;
        }
    }
    file_put(f);
    return done ? (long)done : err;
}

long sys_sendmmsg(int fd, struct mmsghdr *uvec, unsigned vlen, unsigned flags)
{
    return do_mmsg(fd, uvec, vlen, flags, 0, EV_FOREVER, do_sendmsg);
}

long sys_recvmmsg(int fd, struct mmsghdr *uvec, unsigned vlen, unsigned flags, struct __kernel_timespec *uts)
{
    uint64_t deadline;
    long ret = ev_timespec_deadline(uts, &deadline);
    if (ret)
        return ret;
    ret = do_mmsg(fd, uvec, vlen, flags, (flags & MSG_WAITFORONE) ? MSG_DONTWAIT : 0, deadline, do_recvmsg);
    if (ret > 0 && uts) {
        uint64_t now = time_now_ns(CLOCK_MONOTONIC), left = deadline > now ? deadline - now : 0;
        struct __kernel_timespec ts = { (long long)(left / 1000000000ULL), (long long)(left % 1000000000ULL) };
        if (copy_to_user(uts, &ts, sizeof ts))
            ret = -EFAULT;
    }
    return ret;
}
