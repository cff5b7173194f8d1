/*
 * sockopt.c — getsockopt/setsockopt at SOL_SOCKET, after Linux's sk_getsockopt and
 * sk_setsockopt: buffer sizes are capped at the sysctl maximum and doubled (Linux counts its
 * bookkeeping in them), booleans read back as 0/1, timeouts are kept in jiffies (so they read
 * back rounded as Linux's do), read-only facts give ENOPROTOOPT when set, unknown names
 * ENOPROTOOPT. getsockopt copies at most the option's size and writes back the size it used.
 */
#include "kernel/net/unix.h"
#include "kernel/events/evwait.h"
#include "kernel/uaccess.h"
#include "kernel/time.h"
#include "kernel/signal.h"

#define SOCK_MIN_SNDBUF 4608
#define SOCK_MIN_RCVBUF 2304
#define MAX_TIMEOUT_JIFFIES 0x7fffffffffffffffL
#define NO_ID 0xffffffffu   /* cred_to_ucred without a peer: -1 */

void sockopt_init(struct unix_sock *s)
{
    s->sndbuf = UNIX_DEFAULT_BUF;
    s->rcvbuf = UNIX_DEFAULT_BUF;
    s->rcvlowat = 1;
    s->peek_off = -1;
    s->peercred = (struct ucred){ 0, NO_ID, NO_ID };
}

uint64_t sockopt_deadline(long jiffies)
{
    if (!jiffies || jiffies == MAX_TIMEOUT_JIFFIES)
        return EV_FOREVER;
    return ev_deadline_after((uint64_t)jiffies * (1000000000ULL / UNIX_HZ));
}

int sock_wait(struct waitqueue *wq, bool (*ready)(void *arg), void *arg, unsigned flags, uint64_t deadline)
{
    if (flags & MSG_DONTWAIT)
        return -EAGAIN;
    int err = ev_wait(wq, ready, arg, deadline);
    if (err == -ETIMEDOUT)
        return -EAGAIN;
    if (err == -EINTR && deadline == EV_FOREVER)
        return -ERESTARTSYS;   /* sock_intr_errno: restartable when there was no timeout */
    return err;
}

static int set_timeout(long *jiffies, const void *uval, int len)
{
    struct old_timeval tv;
    if (len < (int)sizeof tv)
        return -EINVAL;
    if (copy_from_user(&tv, uval, sizeof tv))
        return -EFAULT;
    if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
        return -EDOM;
    if (tv.tv_sec < 0) {
        *jiffies = 0;
        return 0;
    }
    *jiffies = MAX_TIMEOUT_JIFFIES;
    if (tv.tv_sec == 0 && tv.tv_usec == 0)
        return 0;
    if (tv.tv_sec < MAX_TIMEOUT_JIFFIES / UNIX_HZ - 1)
        *jiffies = tv.tv_sec * UNIX_HZ + (tv.tv_usec + (1000000 / UNIX_HZ) - 1) / (1000000 / UNIX_HZ);
    return 0;
}

long sockopt_set(struct unix_sock *s, int name, const void *uval, int len)
{
    if (len < (int)sizeof(int))
        return -EINVAL;
    int val;
    if (copy_from_user(&val, uval, sizeof val))
        return -EFAULT;
    bool on = val != 0;
    switch (name) {
    case SO_DEBUG: break;
    case SO_REUSEADDR: s->reuseaddr = on; break;
    case SO_REUSEPORT: s->reuseport = on; break;
    case SO_TYPE: case SO_PROTOCOL: case SO_DOMAIN: case SO_ERROR: case SO_ACCEPTCONN:
    case SO_PEERCRED:
        return -ENOPROTOOPT;
    case SO_DONTROUTE: s->dontroute = on; break;
    case SO_BROADCAST: s->broadcast = on; break;
    case SO_SNDBUF: case SO_SNDBUFFORCE:
        if (name == SO_SNDBUF)
            val = (int)MIN((unsigned)val, (unsigned)UNIX_DEFAULT_BUF);
        else if (val < 0)
            val = 0;
        s->sndbuf = MAX(val * 2, SOCK_MIN_SNDBUF);
        unix_wake(s);
        break;
    case SO_RCVBUF: case SO_RCVBUFFORCE:
        if (name == SO_RCVBUF)
            val = (int)MIN((unsigned)val, (unsigned)UNIX_DEFAULT_BUF);
        else if (val < 0)
            val = 0;
        s->rcvbuf = MAX(val * 2, SOCK_MIN_RCVBUF);
        break;
    case SO_KEEPALIVE: s->keepalive = on; break;
    case SO_OOBINLINE: s->oobinline = on; break;
    case SO_NO_CHECK: break;
    case SO_PRIORITY:
        if (val < 0 || val > 6)
            return -EPERM;
        s->priority = val;
        break;
    case SO_LINGER: {
        struct linger l;
        if (len < (int)sizeof l)
            return -EINVAL;
        if (copy_from_user(&l, uval, sizeof l))
            return -EFAULT;
        s->linger_on = l.l_onoff != 0;
        if (l.l_onoff)
            s->linger_jiffies = (long)(unsigned)l.l_linger * UNIX_HZ;
        break;
    }
    case SO_BSDCOMPAT: break;
    case SO_PASSCRED: s->passcred = on; break;
    case SO_RCVTIMEO_OLD: return set_timeout(&s->rcvtimeo, uval, len);
    case SO_SNDTIMEO_OLD: return set_timeout(&s->sndtimeo, uval, len);
    case SO_RCVLOWAT:
        s->rcvlowat = val < 0 ? 0x7fffffff : (val ? val : 1);
        break;
    case SO_SNDLOWAT: return -ENOPROTOOPT;
    case SO_PEEK_OFF: s->peek_off = val; break;
    case SO_PASSSEC: break;
    default:
        return -ENOPROTOOPT;
    }
    return 0;
}

long sockopt_get(struct unix_sock *s, int name, void *uval, int *ulen)
{
    int len;
    if (copy_from_user(&len, ulen, sizeof len))
        return -EFAULT;
    if (len < 0)
        return -EINVAL;
    union {
        int val;
        struct linger ling;
        struct old_timeval tv;
        struct ucred cred;
    } v;
    memset(&v, 0, sizeof v);
    int lv = sizeof(int);
    long *timeo = NULL;
    switch (name) {
    case SO_DEBUG: case SO_BSDCOMPAT: case SO_NO_CHECK: case SO_PASSSEC: break;
    case SO_SNDBUF: v.val = s->sndbuf; break;
    case SO_RCVBUF: v.val = s->rcvbuf; break;
    case SO_REUSEADDR: v.val = s->reuseaddr; break;
    case SO_REUSEPORT: v.val = s->reuseport; break;
    case SO_KEEPALIVE: v.val = s->keepalive; break;
    case SO_TYPE: v.val = s->type; break;
    case SO_PROTOCOL: v.val = 0; break;
    case SO_DOMAIN: v.val = AF_UNIX; break;
    case SO_ERROR: v.val = s->err; s->err = 0; break;
    case SO_OOBINLINE: v.val = s->oobinline; break;
    case SO_DONTROUTE: v.val = s->dontroute; break;
    case SO_BROADCAST: v.val = s->broadcast; break;
    case SO_PRIORITY: v.val = s->priority; break;
    case SO_LINGER:
        lv = sizeof v.ling;
        v.ling.l_onoff = s->linger_on;
        v.ling.l_linger = (int)(s->linger_jiffies / UNIX_HZ);
        break;
    case SO_RCVTIMEO_OLD: timeo = &s->rcvtimeo; break;
    case SO_SNDTIMEO_OLD: timeo = &s->sndtimeo; break;
    case SO_RCVLOWAT: v.val = s->rcvlowat; break;
    case SO_SNDLOWAT: v.val = 1; break;
    case SO_PASSCRED: v.val = s->passcred; break;
    case SO_PEERCRED:
        lv = sizeof v.cred;
        v.cred = s->peercred;
        break;
    case SO_ACCEPTCONN: v.val = s->state == UNIX_LISTENING; break;
    case SO_PEEK_OFF: v.val = s->peek_off; break;
    default:
        return -ENOPROTOOPT;
    }
    if (timeo) {
        lv = sizeof v.tv;
        if (*timeo && *timeo != MAX_TIMEOUT_JIFFIES) {
            v.tv.tv_sec = *timeo / UNIX_HZ;
            v.tv.tv_usec = (*timeo % UNIX_HZ) * 1000000 / UNIX_HZ;
        }
    }
    if (len > lv)
        len = lv;
    if (copy_to_user(uval, &v, (size_t)len) || copy_to_user(ulen, &len, sizeof len))
        return -EFAULT;
    return 0;
}
