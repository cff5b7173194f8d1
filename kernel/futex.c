/*
 * futex.c — the futex system call: WAIT, WAKE, their BITSET forms, REQUEUE, CMP_REQUEUE and
 * WAKE_OP, with FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME, answering as Linux answers
 * (EAGAIN on a value mismatch, ETIMEDOUT, EINTR, EFAULT, EINVAL, ENOSYS for the PI calls).
 * A futex is keyed as Linux keys it: by (address space, user address), except a futex in a
 * MAP_SHARED mapping used without FUTEX_PRIVATE_FLAG, keyed by the memory itself (the kernel
 * address of the word), so that processes sharing the page meet on it.
 * Waiters are kept in arrival order on one list; every sleeper waits on futex_wq and
 * re-tests its own "woken" flag and deadline when that queue is woken (by a wake here or
 * by the timer tick when somebody waits with a timeout).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/futex.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/mm.h"
#include "kernel/signal.h"
#include "arch/x86_64/arch.h"
#include <linux/futex.h>
#include <linux/time_types.h>

struct futex_key {
    struct mm *mm;                  /* NULL for a shared-memory key */
    uint64_t addr;                  /* user address, or kernel address of the word */
};

struct futex_waiter {
    struct futex_waiter *next;
    struct futex_key key;
    uint32_t bitset;
    bool woken, timed;
    int clockid;
    uint64_t deadline;
};

static struct futex_waiter *waiters;     /* arrival order */
static struct waitqueue futex_wq;

int futex_get_user(uint32_t *val, uint64_t uaddr)
{
    return copy_from_user(val, (const void *)uaddr, sizeof *val) ? -EFAULT : 0;
}

static int futex_put_user(uint64_t uaddr, uint32_t val)
{
    return copy_to_user((void *)uaddr, &val, sizeof val) ? -EFAULT : 0;
}

/* Linux's get_futex_key: alignment (EINVAL), a user address (EFAULT); then the key. */
static int futex_key_of(struct mm *mm, uint64_t uaddr, bool private, struct futex_key *k)
{
    if (uaddr % sizeof(uint32_t))
        return -EINVAL;
    if (uaddr >= USER_END - sizeof(uint32_t))
        return -EFAULT;
    k->mm = mm;
    k->addr = uaddr;
    if (private || !mm)
        return 0;
    struct vma *v = vma_find(mm, uaddr);
    if (!v || v->start > uaddr || !(v->flags & VMA_SHARED))
        return 0;
    char *page = mm_user_page(mm, uaddr, false);
    if (!page)
        return -EFAULT;
    k->mm = NULL;
    k->addr = (uint64_t)page + (uaddr & (PAGE_SIZE - 1));
    return 0;
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
    return a->mm == b->mm && a->addr == b->addr;
}

static void waiter_unlink(struct futex_waiter *w)
{
    for (struct futex_waiter **pp = &waiters; *pp; pp = &(*pp)->next)
        if (*pp == w) {
            *pp = w->next;
            break;
        }
    w->next = NULL;
}

static void waiter_append(struct futex_waiter *w)
{
    struct futex_waiter **pp = &waiters;
    while (*pp)
        pp = &(*pp)->next;
    w->next = NULL;
    *pp = w;
}

static void waiter_wake(struct futex_waiter *w)
{
    waiter_unlink(w);
    w->woken = true;
}

static int futex_wake_key(const struct futex_key *k, int n, uint32_t bitset)
{
    int woken = 0;
    for (struct futex_waiter *w = waiters, *next; w; w = next) {
        next = w->next;
        if (!key_eq(&w->key, k) || !(w->bitset & bitset))
            continue;
        waiter_wake(w);
        if (++woken >= n)     /* as Linux: a count of 0 (or less) still wakes one */
            break;
    }
    if (woken)
        wq_wake_all(&futex_wq);
    return woken;
}

int futex_wake_addr(struct mm *mm, uint64_t uaddr, int n, uint32_t bitset)
{
    struct futex_key k;
    return futex_key_of(mm, uaddr, false, &k) < 0 ? 0 : futex_wake_key(&k, n, bitset);
}

int futex_waiters(struct mm *mm, uint64_t uaddr, bool private, uint32_t bitset)
{
    struct futex_key k;
    int n = 0;
    if (futex_key_of(mm, uaddr, private, &k) < 0)
        return 0;
    for (const struct futex_waiter *w = waiters; w; w = w->next)
        n += key_eq(&w->key, &k) && (w->bitset & bitset);
    return n;
}

void futex_tick(void)
{
    for (struct futex_waiter *w = waiters; w; w = w->next)
        if (w->timed) {
            wq_wake_all(&futex_wq);
            return;
        }
}

static bool waiter_done(void *arg)
{
    struct futex_waiter *w = arg;
    return w->woken || (w->timed && time_now_ns(w->clockid) >= w->deadline);
}

static long futex_wait(uint64_t uaddr, bool private, uint32_t val, const struct futex_waiter *timeout,
                       uint32_t bitset)
{
    if (!bitset)
        return -EINVAL;
    struct futex_key k;
    int r = futex_key_of(current_task()->mm, uaddr, private, &k);
    if (r < 0)
        return r;
    uint32_t cur;
    if (futex_get_user(&cur, uaddr) < 0)
        return -EFAULT;
    if (cur != val)
        return -EAGAIN;
    struct futex_waiter w = *timeout;
    w.key = k;
    w.bitset = bitset;
    w.woken = false;
    waiter_append(&w);
    r = wq_wait(&futex_wq, waiter_done, &w);
    if (w.woken)
        return 0;
    waiter_unlink(&w);
    if (r < 0)      /* a signal: Linux restarts an untimed wait, a timed one only without a handler */
        return w.timed ? -ERESTART_RESTARTBLOCK : r;
    return -ETIMEDOUT;
}

static long futex_requeue(uint64_t uaddr, uint64_t uaddr2, bool private, int nr_wake, int nr_requeue,
                          const uint32_t *cmpval)
{
    if (nr_wake < 0 || nr_requeue < 0)
        return -EINVAL;
    struct mm *mm = current_task()->mm;
    struct futex_key k1, k2;
    int r = futex_key_of(mm, uaddr, private, &k1);
    if (r == 0)
        r = futex_key_of(mm, uaddr2, private, &k2);
    if (r < 0)
        return r;
    if (cmpval) {
        uint32_t cur;
        if (futex_get_user(&cur, uaddr) < 0)
            return -EFAULT;
        if (cur != *cmpval)
            return -EAGAIN;
    }
    int count = 0;
    bool woke = false;
    for (struct futex_waiter *w = waiters, *next; w; w = next) {
        next = w->next;
        if (count - nr_wake >= nr_requeue)
            break;
        if (!key_eq(&w->key, &k1))
            continue;
        if (++count <= nr_wake) {
            waiter_wake(w);
            woke = true;
        } else {
            w->key = k2;          /* requeued: keeps its place in arrival order */
        }
    }
    if (woke)
        wq_wake_all(&futex_wq);
    return count;
}

/* FUTEX_WAKE_OP: *uaddr2 = op(*uaddr2, oparg); wake on uaddr; wake on uaddr2 if cmp(old, cmparg). */
static long futex_wake_op(uint64_t uaddr, uint64_t uaddr2, bool private, int nr_wake, int nr_wake2,
                          uint32_t encoded)
{
    unsigned op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
    int oparg = (int)(encoded << 8) >> 20, cmparg = (int)(encoded << 20) >> 20;
    struct mm *mm = current_task()->mm;
    struct futex_key k1, k2;
    int r = futex_key_of(mm, uaddr, private, &k1);
    if (r == 0)
        r = futex_key_of(mm, uaddr2, private, &k2);
    if (r < 0)
        return r;
    if (encoded & (FUTEX_OP_OPARG_SHIFT << 28)) {
        oparg &= 31;
        oparg = 1 << oparg;
    }
    if (op > FUTEX_OP_XOR)
        return -ENOSYS;
    uint32_t old;
    if (futex_get_user(&old, uaddr2) < 0)
        return -EFAULT;
    uint32_t nv;
    switch (op) {
    case FUTEX_OP_SET: nv = (uint32_t)oparg; break;
    case FUTEX_OP_ADD: nv = old + (uint32_t)oparg; break;
    case FUTEX_OP_OR: nv = old | (uint32_t)oparg; break;
    case FUTEX_OP_ANDN: nv = old & ~(uint32_t)oparg; break;
    default: nv = old ^ (uint32_t)oparg; break;
    }
    bool hit;
    int o = (int)old;
    switch (cmp) {
    case FUTEX_OP_CMP_EQ: hit = o == cmparg; break;
    case FUTEX_OP_CMP_NE: hit = o != cmparg; break;
    case FUTEX_OP_CMP_LT: hit = o < cmparg; break;
    case FUTEX_OP_CMP_LE: hit = o <= cmparg; break;
    case FUTEX_OP_CMP_GT: hit = o > cmparg; break;
    case FUTEX_OP_CMP_GE: hit = o >= cmparg; break;
    default: return -ENOSYS;
    }
    if (futex_put_user(uaddr2, nv) < 0)
        return -EFAULT;
    int n = futex_wake_key(&k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
    if (hit)
        n += futex_wake_key(&k2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
    return n;
}

static bool cmd_has_timeout(int cmd)
{
    return cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_BITSET ||
           cmd == FUTEX_WAIT_REQUEUE_PI;
}

long sys_futex(uint32_t *uaddr, int op, uint32_t val, const struct __kernel_timespec *utime, uint32_t *uaddr2,
               uint32_t val3)
{
    int cmd = op & FUTEX_CMD_MASK;
    struct futex_waiter timeout = { .clockid = CLOCK_MONOTONIC };
    if (utime && cmd_has_timeout(cmd)) {
        struct __kernel_timespec ts;
        if (copy_from_user(&ts, utime, sizeof ts))
            return -EFAULT;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000LL)
            return -EINVAL;
        uint64_t ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
        timeout.timed = true;
        if (cmd == FUTEX_WAIT) {
            timeout.deadline = time_now_ns(CLOCK_MONOTONIC) + ns;
        } else {
            timeout.clockid = (op & FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME : CLOCK_MONOTONIC;
            timeout.deadline = ns;
        }
    }
    if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
        cmd != FUTEX_LOCK_PI2)
        return -ENOSYS;
    int val2 = (int)(uint32_t)(uint64_t)utime;
    bool private = op & FUTEX_PRIVATE_FLAG;
    switch (cmd) {
    case FUTEX_WAIT:
        return futex_wait((uint64_t)uaddr, private, val, &timeout, FUTEX_BITSET_MATCH_ANY);
    case FUTEX_WAIT_BITSET:
        return futex_wait((uint64_t)uaddr, private, val, &timeout, val3);
    case FUTEX_WAKE:
        val3 = FUTEX_BITSET_MATCH_ANY;
        /* fall through */
    case FUTEX_WAKE_BITSET: {
        if (!val3)
            return -EINVAL;
        struct futex_key k;
        int r = futex_key_of(current_task()->mm, (uint64_t)uaddr, private, &k);
        return r < 0 ? r : futex_wake_key(&k, (int)val, val3);
    }
    case FUTEX_REQUEUE:
        return futex_requeue((uint64_t)uaddr, (uint64_t)uaddr2, private, (int)val, val2, NULL);
    case FUTEX_CMP_REQUEUE:
        return futex_requeue((uint64_t)uaddr, (uint64_t)uaddr2, private, (int)val, val2, &val3);
    case FUTEX_WAKE_OP:
        return futex_wake_op((uint64_t)uaddr, (uint64_t)uaddr2, private, (int)val, val2, val3);
    default:
        return -ENOSYS;     /* the PI calls and FUTEX_FD are not here */
    }
}
