/*
 * unix_io.c — moving data through AF_UNIX sockets, after Linux's unix_stream_sendmsg,
 * unix_stream_read_generic, unix_dgram_sendmsg and unix_dgram_recvmsg:
 *   - stream: writes are queued in chunks on the peer; a read gathers chunks up to its size but
 *     never across different senders' credentials, and stops after a chunk that carried files;
 *     MSG_OOB sends the last byte as the peer's urgent byte, where ordinary reads stop;
 *   - datagram and seqpacket: one read is one message; a short buffer truncates it (MSG_TRUNC
 *     in msg_flags, and the real length returned when MSG_TRUNC is asked); the rest is dropped.
 * A sender is charged for what it queued until it is read (its send buffer, SO_SNDBUF).
 */
#include "kernel/net/unix.h"
#include "kernel/fs/vfs.h"

#define SKB_OVERHEAD 576   /* roughly an sk_buff's truesize beyond its data */
#define STREAM_CHUNK_MAX 65536

void signal_raise_sigpipe(void) __attribute__((weak));

static struct unix_skb *skb_alloc(struct unix_sock *owner, size_t len)
{
    struct unix_skb *skb = kzalloc(sizeof(*skb) + len);
    if (!skb)
        return NULL;
    skb->len = len;
    skb->owner = owner;
    owner->refs++;
    skb->charge = len + SKB_OVERHEAD;
    owner->wmem += skb->charge;
    return skb;
}

void unix_skb_free(struct unix_skb *skb)
{
    if (skb->owner) {
        skb->owner->wmem -= skb->charge;
        unix_wake(skb->owner);
        unix_sock_put(skb->owner);
    }
    unix_addr_put(skb->addr);
    scm_destroy(&skb->scm);
    if (skb->embryo)
        unix_release(skb->embryo);
    kfree(skb);
}

void unix_queue_tail(struct unix_sock *s, struct unix_skb *skb)
{
    skb->next = NULL;
    if (s->rq_tail)
        s->rq_tail->next = skb;
    else
        s->rq_head = skb;
    s->rq_tail = skb;
    s->rq_len++;
    unix_wake(s);
}

struct unix_skb *unix_dequeue(struct unix_sock *s)
{
    struct unix_skb *skb = s->rq_head;
    if (skb) {
        if (skb == s->oob_skb)
            s->oob_skb = NULL;
        s->rq_head = skb->next;
        if (!s->rq_head)
            s->rq_tail = NULL;
        s->rq_len--;
    }
    return skb;
}

void unix_queue_purge(struct unix_sock *s)
{
    struct unix_skb *skb;
    while ((skb = unix_dequeue(s)))
        unix_skb_free(skb);
}

static int take_error(struct unix_sock *s)
{
    int err = s->err;
    s->err = 0;
    return -err;
}

static void sigpipe(unsigned flags)
{
    if (!(flags & MSG_NOSIGNAL) && signal_raise_sigpipe)
        signal_raise_sigpipe();
}

/* ---- sending ---- */

static bool send_room(void *arg)
{
    struct unix_sock *s = arg;
    return s->wmem < (size_t)s->sndbuf || (s->shutdown & SEND_SHUTDOWN) || s->err;
}

/* Wait until this socket may queue more (sock_alloc_send_pskb). */
static int wait_send_room(struct unix_sock *s, unsigned flags)
{
    for (;;) {
        if (s->err)
            return take_error(s);
        if (s->shutdown & SEND_SHUTDOWN)
            return -EPIPE;
        if (s->wmem < (size_t)s->sndbuf)
            return 0;
        int err = sock_wait(&s->wq, send_room, s, flags, sockopt_deadline(s->sndtimeo));
        if (err)
            return err;
    }
}

/* Linux's queue_oob: one byte on its own, marked as the peer's urgent byte (replacing any
 * earlier mark, whose byte stays as ordinary data). */
static long queue_oob(struct unix_sock *s, struct unix_sock *other, struct unix_msg *m, struct unix_scm *scm,
                      unsigned flags)
{
    long err = wait_send_room(s, flags);
    if (err)
        return err;
    struct unix_skb *skb = skb_alloc(s, 1);
    if (!skb)
        return -ENOMEM;
    if (copy_from_iter(m->iter, skb->data, 1) < 1) {
        unix_skb_free(skb);
        return -EFAULT;
    }
    skb->scm = *scm;
    scm->nfds = 0;
    scm->fds = NULL;
    if (other->dead || (other->shutdown & RCV_SHUTDOWN)) {
        unix_skb_free(skb);
        return -EPIPE;
    }
    skb->addr = unix_addr_get(s->addr);
    other->oob_skb = skb;
    unix_queue_tail(other, skb);
    return 0;
}

static long stream_sendmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags)
{
    struct unix_scm scm = { 0 };
    long err = scm_send(m, &scm);
    if (err)
        return err;
    size_t total = m->iter->count, sent = 0;
    struct unix_sock *other = s->peer;
    bool oob = flags & MSG_OOB;
    if (oob && !total)
        err = -EOPNOTSUPP;
    else if (m->namelen)
        err = s->state == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
    else if (!other)
        err = -ENOTCONN;
    if (err)
        goto out;
    if (s->shutdown & SEND_SHUTDOWN)
        goto pipe_err;
    if (oob)
        total--;   /* the last byte goes alone, as the urgent byte */
    while (sent < total) {
        size_t size = MIN(total - sent, (size_t)(s->sndbuf / 2 - 64));
        size = MIN(size, (size_t)STREAM_CHUNK_MAX);
        err = wait_send_room(s, flags);
        if (err == -EPIPE)
            goto pipe_err;
        if (err)
            goto out;
        struct unix_skb *skb = skb_alloc(s, size);
        if (!skb) {
            err = -ENOMEM;
            goto out;
        }
        if (copy_from_iter(m->iter, skb->data, size) < size) {
            unix_skb_free(skb);
            err = -EFAULT;
            goto out;
        }
        skb->scm = scm;   /* files go with the first chunk only */
        scm.nfds = 0;
        scm.fds = NULL;
        if (other->dead || (other->shutdown & RCV_SHUTDOWN)) {
            unix_skb_free(skb);
            goto pipe_err;
        }
        skb->addr = unix_addr_get(s->addr);
        unix_queue_tail(other, skb);
        sent += size;
    }
    err = oob ? queue_oob(s, other, m, &scm, flags) : 0;
    if (!err && oob)
        sent++;
    goto out;
pipe_err:
    if (!sent)
        sigpipe(flags);
    err = -EPIPE;
out:
    scm_destroy(&scm);
    return sent ? (long)sent : err;
}

static bool dgram_room(void *arg)
{
    struct unix_sock *o = arg;
    return o->dead || (int)o->rq_len <= o->backlog || (o->shutdown & RCV_SHUTDOWN);
}

static long dgram_sendmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags)
{
    struct unix_scm scm = { 0 };
    struct unix_sock *other = NULL;
    struct unix_skb *skb = NULL;
    long err = scm_send(m, &scm);
    if (err)
        return err;
    size_t len = m->iter->count;
    err = -EOPNOTSUPP;
    if (flags & MSG_OOB)
        goto out;
    if (m->namelen) {
        err = unix_dest_check(s, m->name, m->namelen);
        if (err)
            goto out;
    } else {
        err = -ENOTCONN;
        other = s->peer;
        if (!other)
            goto out;
        other->refs++;
    }
    err = -EMSGSIZE;
    if (len > (size_t)s->sndbuf - 32)
        goto out;
    err = wait_send_room(s, flags);
    if (err)
        goto out;
    err = -ENOMEM;
    skb = skb_alloc(s, len);
    if (!skb)
        goto out;
    err = -EFAULT;
    if (copy_from_iter(m->iter, skb->data, len) < len)
        goto out;
    skb->scm = scm;
    scm.nfds = 0;
    scm.fds = NULL;
restart:
    if (!other) {
        err = unix_find_other(m->name, m->namelen, s->type, &other);
        if (err)
            goto out;
    }
    err = -EPERM;
    if (other->peer && other->peer != s)
        goto out;
    if (other->dead) {
        err = 0;
        if (s->type == SOCK_SEQPACKET) {
            err = -EPIPE;
        } else if (s->peer == other) {
            s->peer = NULL;
            s->state = UNIX_UNCONNECTED;
            unix_sock_put(other);
            err = -ECONNREFUSED;
        }
        unix_sock_put(other);
        other = NULL;
        if (err)
            goto out;
        goto restart;
    }
    err = -EPIPE;
    if (other->shutdown & RCV_SHUTDOWN)
        goto out;
    if (other->peer != s && (int)other->rq_len > other->backlog) {
        err = sock_wait(&other->wq, dgram_room, other, flags, sockopt_deadline(s->sndtimeo));
        if (err)
            goto out;
        goto restart;
    }
    skb->addr = unix_addr_get(s->addr);
    unix_queue_tail(other, skb);
    skb = NULL;
    err = (long)len;
out:
    if (skb)
        unix_skb_free(skb);
    if (other)
        unix_sock_put(other);
    scm_destroy(&scm);
    return err;
}

long unix_sendmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags)
{
    if (s->type == SOCK_STREAM)
        return stream_sendmsg(s, m, flags);
    if (s->type == SOCK_SEQPACKET) {
        if (s->err)
            return take_error(s);
        if (s->state != UNIX_CONNECTED)
            return -ENOTCONN;
        m->namelen = 0;
    }
    return dgram_sendmsg(s, m, flags);
}

/* ---- receiving ---- */

static bool readable(void *arg)
{
    struct unix_sock *s = arg;
    return s->rq_head || s->err || (s->shutdown & RCV_SHUTDOWN);
}

static void copy_sender(struct unix_msg *m, const struct unix_skb *skb)
{
    if (!m->from)
        return;
    if (skb->addr) {
        memcpy(m->from, &skb->addr->sun, skb->addr->len);
        m->fromlen = (int)skb->addr->len;
    } else {
        m->fromlen = 0;
    }
}

static bool same_cred(const struct ucred *a, const struct ucred *b)
{
    return a->pid == b->pid && a->uid == b->uid && a->gid == b->gid;
}

/* SO_PEEK_OFF (Linux's sk_peek_offset_fwd/bwd): a peek starts that many bytes into the queue
 * and moves the offset on; a read moves it back; a negative offset is off. */
static size_t peek_skip(const struct unix_sock *s, unsigned flags)
{
    return (flags & MSG_PEEK) && s->peek_off > 0 ? (size_t)s->peek_off : 0;
}

static void peek_off_move(struct unix_sock *s, unsigned flags, size_t n)
{
    if (s->peek_off < 0)
        return;
    if (flags & MSG_PEEK)
        s->peek_off += (int)n;
    else
        s->peek_off = (int)MAX((long)s->peek_off - (long)n, 0L);
}

/* recv(MSG_OOB): the urgent byte (Linux's unix_stream_recv_urg); it stays queued, read, so
 * that ordinary reads stop at the mark. */
static long stream_recv_urg(struct unix_sock *s, struct unix_msg *m, unsigned flags)
{
    struct unix_skb *skb = s->oob_skb;
    if (s->oobinline || !skb)
        return -EINVAL;
    if (!(flags & MSG_PEEK))
        s->oob_skb = NULL;
    size_t n = MIN(m->iter->count, (size_t)1);
    if (copy_to_iter(m->iter, skb->data, n) < n)
        return -EFAULT;
    if (!(flags & MSG_PEEK))
        skb->off = skb->len;
    m->flags |= MSG_OOB;
    return 1;
}

/* The skb an ordinary read takes next, from skb on: urgent bytes already read are dropped (or
 * passed over when peeking), the urgent byte itself too unless SO_OOBINLINE; a read that has
 * copied something stops at the mark (*stop). */
static struct unix_skb *skip_urgent(struct unix_sock *s, struct unix_skb *skb, bool peek, size_t copied,
                                    bool *stop)
{
    while (skb) {
        bool urgent = skb == s->oob_skb;
        if (urgent && copied) {
            *stop = true;
            return NULL;
        }
        if (skb->off == skb->len || (urgent && !s->oobinline)) {
            if (peek) {
                skb = skb->next;
                continue;
            }
            if (urgent)
                s->oob_skb = NULL;
            unix_skb_free(unix_dequeue(s));
            skb = s->rq_head;
            continue;
        }
        if (urgent && !peek)
            s->oob_skb = NULL;   /* read inline */
        return skb;
    }
    return NULL;
}

static long stream_recvmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags)
{
    if (s->state != UNIX_CONNECTED)
        return -EINVAL;
    if (flags & MSG_OOB)
        return stream_recv_urg(s, m, flags);
    size_t size = m->iter->count, copied = 0;
    size_t target = (flags & MSG_WAITALL) ? size : MIN(size, (size_t)MAX(s->rcvlowat, 1));
    bool peek = flags & MSG_PEEK, have_cred = false, peeked = false, stop = false;
    struct unix_scm scm = { 0 };
    struct unix_skb *next_peek = NULL;   /* peeking: the skb after the last one copied */
    long err = 0;
    uint64_t deadline = sockopt_deadline(s->rcvtimeo);
    while (copied < size) {
        struct unix_skb *skb = skip_urgent(s, peeked ? next_peek : s->rq_head, peek, copied, &stop);
        size_t skip = peeked ? 0 : peek_skip(s, flags);
        while (skb && skip && skip >= skb->len - skb->off) {
            skip -= skb->len - skb->off;
            skb = skip_urgent(s, skb->next, peek, copied, &stop);
        }
        if (stop || (!skb && peeked))
            break;   /* at the urgent mark, or peeked at all there is */
        if (!skb) {
            if (copied >= target)
                break;
            if (s->err) {
                err = take_error(s);
                break;
            }
            if (s->shutdown & RCV_SHUTDOWN)
                break;
            err = sock_wait(&s->wq, readable, s, flags, deadline);
            if (err)
                break;
            continue;
        }
        if (have_cred && !same_cred(&scm.cred, &skb->scm.cred))
            break;
        if (!have_cred) {
            scm.cred = skb->scm.cred;
            have_cred = true;
            copy_sender(m, skb);
        }
        size_t chunk = MIN(skb->len - skb->off - skip, size - copied);
        if (copy_to_iter(m->iter, skb->data + skb->off + skip, chunk) < chunk) {
            if (!copied)
                err = -EFAULT;
            break;
        }
        copied += chunk;
        peek_off_move(s, flags, chunk);
        if (peek) {
            if (skb->scm.nfds) {
                scm_dup(&scm, &skb->scm);
                break;
            }
            next_peek = skb->next;
            peeked = true;
            continue;
        }
        skb->off += chunk;
        if (skb->scm.nfds) {
            scm.nfds = skb->scm.nfds;
            scm.fds = skb->scm.fds;
            skb->scm.nfds = 0;
            skb->scm.fds = NULL;
        }
        if (skb->off < skb->len)
            break;
        unix_skb_free(unix_dequeue(s));
        if (scm.nfds)
            break;
    }
    if (copied || !err)
        scm_recv(s, m, &scm, flags);
    else
        scm_destroy(&scm);
    return copied ? (long)copied : err;
}

/* The datagram a read takes: the first, or for a peek the one *skip falls in (*skip is then
 * the offset inside it). */
static struct unix_skb *dgram_target(struct unix_sock *s, unsigned flags, size_t *skip)
{
    *skip = peek_skip(s, flags);
    struct unix_skb *skb = s->rq_head;
    while (skb && *skip && *skip >= skb->len) {
        *skip -= skb->len;
        skb = skb->next;
    }
    return skb;
}

static bool dgram_readable(void *arg)
{
    struct unix_sock *s = arg;
    size_t skip;
    return dgram_target(s, MSG_PEEK, &skip) || s->err || (s->shutdown & RCV_SHUTDOWN);
}

static long dgram_recvmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags)
{
    if (s->type == SOCK_SEQPACKET && s->state != UNIX_CONNECTED)
        return -ENOTCONN;
    if (flags & MSG_OOB)
        return -EOPNOTSUPP;
    uint64_t deadline = sockopt_deadline(s->rcvtimeo);
    size_t skip;
    struct unix_skb *skb;
    while (!(skb = dgram_target(s, flags, &skip))) {
        if (s->err)
            return take_error(s);
        if (s->shutdown & RCV_SHUTDOWN) {
            if (!(flags & MSG_DONTWAIT) || s->type == SOCK_SEQPACKET)
                return 0;
            return -EAGAIN;
        }
        int err = sock_wait(&s->wq, (flags & MSG_PEEK) ? dgram_readable : readable, s, flags, deadline);
        if (err)
            return err;
    }
    bool was_full = (int)s->rq_len > s->backlog;
    if (!(flags & MSG_PEEK))
        unix_dequeue(s);
    copy_sender(m, skb);
    size_t avail = skb->len - skip, size = m->iter->count, n = MIN(size, avail);
    if (size < avail)
        m->flags |= MSG_TRUNC;
    long ret;
    struct unix_scm scm = { .cred = skb->scm.cred };
    if (copy_to_iter(m->iter, skb->data + skip, n) < n) {
        ret = -EFAULT;
    } else {
        ret = (flags & MSG_TRUNC) ? (long)avail : (long)n;
        if (flags & MSG_PEEK) {
            peek_off_move(s, flags, n);
            scm_dup(&scm, &skb->scm);
        } else {
            peek_off_move(s, flags, skb->len);
            scm.nfds = skb->scm.nfds;
            scm.fds = skb->scm.fds;
            skb->scm.nfds = 0;
            skb->scm.fds = NULL;
        }
        scm_recv(s, m, &scm, flags);
    }
    if (!(flags & MSG_PEEK)) {
        unix_skb_free(skb);
        if (was_full)
            unix_wake(s);
    }
    return ret;
}

long unix_recvmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags)
{
    if (s->type == SOCK_STREAM)
        return stream_recvmsg(s, m, flags);
    return dgram_recvmsg(s, m, flags);
}
