/*
 * af_unix.c — AF_UNIX sockets' life and names, after Linux's net/unix/af_unix.c: creation,
 * bind to a path (a socket inode made through mknod, so the errors are the file system's:
 * ENOENT, EEXIST shown as EADDRINUSE...) or to an abstract name (first byte NUL, length counts,
 * one namespace per socket type), autobind, listen, connect (the server end is made at once,
 * queued on the listener, and accept hands it out), names, shutdown, poll and release.
 *
 * Bound sockets are found through one table: path names by their inode (so a removed and
 * re-created path no longer reaches the old socket), abstract names by their bytes.
 */
#include "kernel/net/unix.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/syscalls.h"
#include "kernel/proc/task.h"
#include <asm/poll.h>
#include <asm/ioctls.h>
#include <linux/sockios.h>

#define SUN_PATH_OFF offsetof(struct sockaddr_un, sun_path)

static struct unix_sock *bound_list;
static unsigned autobind_next = 0x10;

struct ucred unix_current_cred(void)
{
    struct task *t = current_task();
    return (struct ucred){ t->pid, t->euid, t->egid };
}

struct unix_addr *unix_addr_get(struct unix_addr *a)
{
    if (a)
        a->refs++;
    return a;
}

void unix_addr_put(struct unix_addr *a)
{
    if (a && --a->refs == 0)
        kfree(a);
}

static struct unix_addr *addr_new(const struct sockaddr_un *sun, unsigned len)
{
    struct unix_addr *a = kzalloc(sizeof(*a));
    if (!a)
        return NULL;
    a->refs = 1;
    a->len = len;
    memcpy(&a->sun, sun, len);
    return a;
}

void unix_wake(struct unix_sock *s)
{
    if (s)
        wq_wake_all(&s->wq);
}

int unix_create(int type, int protocol, struct unix_sock **out)
{
    if (protocol && protocol != AF_UNIX)
        return -EPROTONOSUPPORT;
    if (type == SOCK_RAW)
        type = SOCK_DGRAM;
    if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_SEQPACKET)
        return -ESOCKTNOSUPPORT;
    struct unix_sock *s = kzalloc(sizeof(*s));
    if (!s)
        return -ENOMEM;
    s->refs = 1;
    s->type = type;
    s->backlog = UNIX_MAX_DGRAM_QLEN;
    wq_init(&s->wq);
    sockopt_init(s);
    *out = s;
    return 0;
}

static void unbind(struct unix_sock *s)
{
    for (struct unix_sock **pp = &bound_list; *pp; pp = &(*pp)->bound_next)
        if (*pp == s) {
            *pp = s->bound_next;
            break;
        }
    s->bound_next = NULL;
}

void unix_sock_put(struct unix_sock *s)
{
    if (!s || --s->refs > 0)
        return;
    unix_queue_purge(s);
    unix_addr_put(s->addr);
    if (s->path_inode)
        inode_put(s->path_inode);
    if (s->peer)
        unix_sock_put(s->peer);
    kfree(s);
}

/* Close one end, as Linux's unix_release_sock: the peer of a connection sees both directions
 * shut, and ECONNRESET when data was left unread or the connection was never accepted;
 * queued connections are closed too. */
static void release_sock(struct unix_sock *s, bool embryo)
{
    unbind(s);
    s->dead = true;
    s->shutdown = SHUTDOWN_MASK;
    bool unread = s->rq_head != NULL;
    struct unix_sock *peer = s->peer;
    s->peer = NULL;
    if (peer) {
        if (s->type != SOCK_DGRAM && peer->peer == s) {
            peer->shutdown = SHUTDOWN_MASK;
            if (unread || embryo)
                peer->err = ECONNRESET;
        }
        unix_wake(peer);
        unix_sock_put(peer);
    }
    /* Embryos queued on a listener die with it. */
    for (struct unix_skb *skb = s->rq_head; skb; skb = skb->next)
        if (skb->embryo) {
            release_sock(skb->embryo, true);   /* drops the queue's reference */
            skb->embryo = NULL;
        }
    unix_queue_purge(s);
    s->state = UNIX_UNCONNECTED;
    unix_wake(s);
    unix_sock_put(s);
}

void unix_release(struct unix_sock *s)
{
    release_sock(s, false);
}

int unix_pair(struct unix_sock *a, struct unix_sock *b)
{
    a->peer = b;
    b->peer = a;
    a->refs++;
    b->refs++;
    if (a->type != SOCK_DGRAM)
        a->state = b->state = UNIX_CONNECTED;
    a->peercred = b->peercred = unix_current_cred();
    return 0;
}

/* ---- names ---- */

int unix_validate_addr(const struct sockaddr_un *sun, int len)
{
    if (len <= (int)SUN_PATH_OFF || len > (int)sizeof(*sun))
        return -EINVAL;
    if (sun->sun_family != AF_UNIX)
        return -EINVAL;
    return 0;
}

static bool abstract_equal(const struct unix_addr *a, const struct sockaddr_un *sun, int len)
{
    return a && a->len == (unsigned)len && a->sun.sun_path[0] == 0 && memcmp(&a->sun, sun, (size_t)len) == 0;
}

static struct unix_sock *find_abstract(const struct sockaddr_un *sun, int len, int type)
{
    for (struct unix_sock *s = bound_list; s; s = s->bound_next)
        if (s->type == type && abstract_equal(s->addr, sun, len))
            return s;
    return NULL;
}

/* A path name's bytes: up to the first NUL within len. */
static unsigned path_len(const struct sockaddr_un *sun, int len)
{
    return (unsigned)strnlen(sun->sun_path, (size_t)len - SUN_PATH_OFF);
}

int unix_find_other(const struct sockaddr_un *sun, int len, int type, struct unix_sock **out)
{
    struct unix_sock *s = NULL;
    if (sun->sun_path[0]) {
        char path[sizeof(sun->sun_path) + 1];
        unsigned n = path_len(sun, len);
        memcpy(path, sun->sun_path, n);
        path[n] = 0;
        struct inode *inode;
        int err = vfs_lookup_at(AT_FDCWD, path, LOOKUP_FOLLOW, &inode);
        if (err)
            return err;
        err = inode_permission(inode, MAY_WRITE);
        if (!err) {
            err = -ECONNREFUSED;
            if (S_ISSOCK(inode->mode))
                for (s = bound_list; s; s = s->bound_next)
                    if (s->path_inode == inode)
                        break;
            if (s)
                err = s->type == type ? 0 : -EPROTOTYPE;
        }
        inode_put(inode);
        if (err)
            return err;
    } else {
        s = find_abstract(sun, len, type);
        if (!s)
            return -ECONNREFUSED;
    }
    s->refs++;
    *out = s;
    return 0;
}

static void bind_name(struct unix_sock *s, struct unix_addr *a, struct inode *inode)
{
    s->addr = a;
    s->path_inode = inode;
    s->bound_next = bound_list;
    bound_list = s;
}

int unix_autobind(struct unix_sock *s)
{
    if (s->addr)
        return 0;
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    for (unsigned tries = 0; tries < 0x100000; tries++) {
        snprintf(sun.sun_path + 1, 6, "%05x", autobind_next++ & 0xfffff);
        if (!find_abstract(&sun, (int)SUN_PATH_OFF + 6, s->type)) {
            struct unix_addr *a = addr_new(&sun, SUN_PATH_OFF + 6);
            if (!a)
                return -ENOMEM;
            bind_name(s, a, NULL);
            return 0;
        }
    }
    return -ENOSPC;
}

int unix_dest_check(struct unix_sock *s, const struct sockaddr_un *sun, int len)
{
    int err = unix_validate_addr(sun, len);
    if (err)
        return err;
    return s->passcred && !s->addr ? unix_autobind(s) : 0;
}

/* Path names: the socket inode is made first, so an existing name is EADDRINUSE even for an
 * already bound socket; a second name for a bound socket is EINVAL (and its inode removed). */
static int bind_path(struct unix_sock *s, const struct sockaddr_un *sun, int len, const void *uaddr)
{
    unsigned n = path_len(sun, len);
    if (n == (unsigned)len - SUN_PATH_OFF)
        return -EINVAL;   /* not NUL-terminated inside the address: kept out (see report) */
    const char *upath = (const char *)uaddr + SUN_PATH_OFF;
    long err = sys_mknodat(AT_FDCWD, upath, S_IFSOCK | 0777, 0);
    if (err)
        return err == -EEXIST ? -EADDRINUSE : (int)err;
    if (s->addr) {
        sys_unlinkat(AT_FDCWD, upath, 0);
        return -EINVAL;
    }
    struct inode *inode;
    err = vfs_lookup_at(AT_FDCWD, sun->sun_path, 0, &inode);
    if (err)
        return (int)err;
    struct unix_addr *a = addr_new(sun, (unsigned)SUN_PATH_OFF + n + 1);
    if (!a) {
        inode_put(inode);
        return -ENOMEM;
    }
    bind_name(s, a, inode);
    return 0;
}

int unix_bind(struct unix_sock *s, const struct sockaddr_un *sun, int len, const void *uaddr)
{
    if (len == (int)SUN_PATH_OFF && sun->sun_family == AF_UNIX)
        return unix_autobind(s);
    int err = unix_validate_addr(sun, len);
    if (err)
        return err;
    if (sun->sun_path[0])
        return bind_path(s, sun, len, uaddr);
    if (s->addr)
        return -EINVAL;
    if (find_abstract(sun, len, s->type))
        return -EADDRINUSE;
    struct unix_addr *a = addr_new(sun, (unsigned)len);
    if (!a)
        return -ENOMEM;
    bind_name(s, a, NULL);
    return 0;
}

int unix_getname(struct unix_sock *s, struct sockaddr_un *sun, bool peer)
{
    if (peer) {
        s = s->peer;
        if (!s)
            return -ENOTCONN;
    }
    if (!s->addr) {
        sun->sun_family = AF_UNIX;
        sun->sun_path[0] = 0;
        return (int)SUN_PATH_OFF;
    }
    memcpy(sun, &s->addr->sun, s->addr->len);
    return (int)s->addr->len;
}

/* ---- connections ---- */

int unix_listen(struct unix_sock *s, int backlog)
{
    if (s->type != SOCK_STREAM && s->type != SOCK_SEQPACKET)
        return -EOPNOTSUPP;
    if (!s->addr)
        return -EINVAL;
    if (s->state != UNIX_UNCONNECTED && s->state != UNIX_LISTENING)
        return -EINVAL;
    if (backlog > s->backlog)
        unix_wake(s);
    s->backlog = backlog;
    s->state = UNIX_LISTENING;
    s->peercred = unix_current_cred();
    return 0;
}

struct connect_wait {
    struct unix_sock *listener;
};

static bool listener_has_room(void *arg)
{
    struct unix_sock *l = arg;
    return l->dead || l->state != UNIX_LISTENING || (int)l->rq_len <= l->backlog;
}

static int stream_connect(struct unix_sock *s, const struct sockaddr_un *sun, int len, bool nonblock)
{
    int err = unix_dest_check(s, sun, len);
    if (err)
        return err;
    struct unix_sock *other;
    for (;;) {
        err = unix_find_other(sun, len, s->type, &other);
        if (err)
            return err;
        if (other->state != UNIX_LISTENING || (other->shutdown & RCV_SHUTDOWN)) {
            err = -ECONNREFUSED;
            goto out;
        }
        if ((int)other->rq_len <= other->backlog)
            break;
        err = sock_wait(&other->wq, listener_has_room, other, nonblock ? MSG_DONTWAIT : 0,
                        sockopt_deadline(s->sndtimeo));
        if (err)
            goto out;
        unix_sock_put(other);
    }
    if (s->state == UNIX_CONNECTED) {
        err = -EISCONN;
        goto out;
    }
    if (s->state != UNIX_UNCONNECTED) {
        err = -EINVAL;
        goto out;
    }
    struct unix_sock *embryo;
    err = unix_create(s->type, 0, &embryo);
    if (err)
        goto out;
    struct unix_skb *skb = kzalloc(sizeof(*skb));
    if (!skb) {
        unix_sock_put(embryo);
        err = -ENOMEM;
        goto out;
    }
    embryo->state = UNIX_CONNECTED;
    embryo->peer = s;
    s->refs++;
    embryo->addr = unix_addr_get(other->addr);
    embryo->peercred = unix_current_cred();
    embryo->passcred = other->passcred;   /* unix_sock_inherit_flags; buffers are not inherited */
    s->peer = embryo;
    embryo->refs++;
    s->state = UNIX_CONNECTED;
    s->peercred = other->peercred;
    skb->embryo = embryo;   /* the queue's reference is embryo's first one */
    unix_queue_tail(other, skb);
out:
    unix_sock_put(other);
    return err;
}

static int dgram_connect(struct unix_sock *s, const struct sockaddr_un *sun, int len)
{
    if (len >= (int)sizeof(sun->sun_family) && sun->sun_family == AF_UNSPEC) {
        /* Dissolve the association. */
        if (s->peer) {
            unix_sock_put(s->peer);
            s->peer = NULL;
        }
        s->state = UNIX_UNCONNECTED;
        return 0;
    }
    int err = unix_dest_check(s, sun, len);
    if (err)
        return err;
    struct unix_sock *other;
    err = unix_find_other(sun, len, s->type, &other);
    if (err)
        return err;
    if (s->peer)
        unix_sock_put(s->peer);
    s->peer = other;
    s->state = UNIX_CONNECTED;
    return 0;
}

int unix_connect(struct unix_sock *s, const struct sockaddr_un *sun, int len, bool nonblock)
{
    if (s->type == SOCK_DGRAM)
        return dgram_connect(s, sun, len);
    return stream_connect(s, sun, len, nonblock);
}

static bool accept_ready(void *arg)
{
    struct unix_sock *s = arg;
    return s->rq_head != NULL || s->state != UNIX_LISTENING;
}

int unix_accept(struct unix_sock *s, bool nonblock, struct unix_sock **out)
{
    if (s->type != SOCK_STREAM && s->type != SOCK_SEQPACKET)
        return -EOPNOTSUPP;
    if (s->state != UNIX_LISTENING)
        return -EINVAL;
    while (!s->rq_head) {
        int err = sock_wait(&s->wq, accept_ready, s, nonblock ? MSG_DONTWAIT : 0, sockopt_deadline(s->rcvtimeo));
        if (err)
            return err;
        if (s->state != UNIX_LISTENING)
            return -EINVAL;
    }
    struct unix_skb *skb = unix_dequeue(s);
    *out = skb->embryo;
    skb->embryo = NULL;
    unix_skb_free(skb);
    unix_wake(s);
    return 0;
}

int unix_shutdown(struct unix_sock *s, int how)
{
    if (how < SHUT_RD || how > SHUT_RDWR)
        return -EINVAL;
    unsigned mode = (unsigned)how + 1;
    s->shutdown |= mode;
    unix_wake(s);
    struct unix_sock *other = s->peer;
    if (other && s->type != SOCK_DGRAM) {
        unsigned peer_mode = 0;
        if (mode & RCV_SHUTDOWN)
            peer_mode |= SEND_SHUTDOWN;
        if (mode & SEND_SHUTDOWN)
            peer_mode |= RCV_SHUTDOWN;
        other->shutdown |= peer_mode;
        unix_wake(other);
    }
    return 0;
}

/* Linux's unix_inq_len and unix_outq_len: what is unread (the next datagram only, for
 * datagram sockets) and what this socket sent that is still unread; SIOCATMARK: the next
 * byte is the urgent one. */
int unix_ioctl_value(struct unix_sock *s, unsigned cmd)
{
    if (cmd == SIOCOUTQ)
        return (int)s->wmem;
    if (cmd == SIOCATMARK) {
        struct unix_skb *skb = s->rq_head;
        return skb && (skb == s->oob_skb ||
                       (skb->off == skb->len && (!s->oob_skb || skb->next == s->oob_skb)));
    }
    if (cmd != SIOCINQ)
        return -ENOTTY;
    if (s->state == UNIX_LISTENING)
        return -EINVAL;
    if (s->type == SOCK_DGRAM)
        return s->rq_head ? (int)s->rq_head->len : 0;
    size_t n = 0;
    for (struct unix_skb *skb = s->rq_head; skb; skb = skb->next)
        n += skb->len - skb->off;
    return (int)n;
}

/* Readiness as Linux's unix_poll (connection sockets) and unix_dgram_poll. */
unsigned unix_poll(struct unix_sock *s)
{
    unsigned mask = 0;
    if (s->err)
        mask |= POLLERR;
    if (s->shutdown == SHUTDOWN_MASK)
        mask |= POLLHUP;
    if (s->shutdown & RCV_SHUTDOWN)
        mask |= POLLRDHUP | POLLIN | POLLRDNORM;
    if (s->rq_head)
        mask |= POLLIN | POLLRDNORM;
    if (s->oob_skb)
        mask |= POLLPRI;
    if (s->type != SOCK_DGRAM && s->state == UNIX_UNCONNECTED)
        mask |= POLLHUP;
    bool writable = s->state != UNIX_LISTENING && (s->wmem << 2) <= (size_t)s->sndbuf;
    if (writable && s->type == SOCK_DGRAM) {
        struct unix_sock *other = s->peer;
        if (other && other->peer != s && (int)other->rq_len > other->backlog)
            writable = false;
    }
    if (writable)
        mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
    return mask;
}
