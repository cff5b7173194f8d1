/*
 * epoll.c — epoll_create/epoll_create1, epoll_ctl, epoll_wait/epoll_pwait/epoll_pwait2, after
 * Linux's fs/eventpoll.c. An epoll file holds a list of items, one per (open file, fd) added;
 * a wait asks each item's file its readiness (vfs_poll) masked by the item's events, which
 * always include EPOLLERR|EPOLLHUP:
 *   - the order of reports is Linux's ready list's (rdllist): an item joins its tail when its
 *     file's wake-up finds it ready (every item not on the list keeps a wq_watch on its file's
 *     queue, which numbers its wake-up; the items ready since the last look join in that
 *     order, those without a queue after them), when ADD or MOD finds it ready; a wait takes
 *     the list, drops the items no longer ready, puts each reported level-triggered item back
 *     at the tail and what maxevents left unreported back at the head;
 *   - level-triggered items are reported while ready;
 *   - edge-triggered items only when their file's wait queue was woken since the last report
 *     (a wq_watch sees the wakeup), or when ADD/MOD found them ready;
 *   - EPOLLONESHOT items are disabled after one report until EPOLL_CTL_MOD.
 * Items follow the open file, not the fd: they go away when the file has no holder left but
 * epoll itself (the last close), checked at every use.
 */
#include "kernel/events/poll_common.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <linux/eventpoll.h>
#include <asm/poll.h>

#define EP_MAX_NESTS 4
#define EP_MAX_EVENTS (0x7fffffff / (int)sizeof(struct epoll_event))
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)

struct epitem {
    struct eventpoll *ep;       /* the epoll it belongs to */
    struct epitem *next;        /* in its epoll */
    struct epitem *all_next;    /* every item of every epoll, to count a file's epoll holders */
    struct epitem *rdl_next;    /* in its epoll's ready list, when linked */
    bool linked;                /* on the ready list */
    struct file *file;          /* holds a reference */
    int fd;
    uint32_t events;
    uint64_t data;
    bool disabled;              /* EPOLLONESHOT fired */
    bool pending;               /* edge-triggered: an edge not reported yet */
    struct wq_watch *watch;     /* allocated on demand: edges (ET) and ready-list order */
    /* Edge-triggered items on files without a queue (timerfd, signalfd, epoll): an edge is a
     * new event count (timerfd expirations) or a bit that was not there at the last look. */
    uint64_t seen_events;
    unsigned seen_mask;
};

struct eventpoll {
    struct epitem *items;       /* in the order they were added */
    struct epitem *rdl;         /* the ready list, in report order */
    struct poll_queues q;
};

static const struct file_ops epoll_fops;
static struct epitem *all_items;

static bool is_epoll(const struct file *f)
{
    return f->ops == &epoll_fops;
}

/* ---- the ready list ---- */

static void rdl_append(struct eventpoll *ep, struct epitem *it)
{
    struct epitem **pp = &ep->rdl;
    while (*pp)
        pp = &(*pp)->rdl_next;
    *pp = it;
    it->rdl_next = NULL;
    it->linked = true;
}

static void rdl_unlink(struct eventpoll *ep, struct epitem *it)
{
    if (!it->linked)
        return;
    for (struct epitem **pp = &ep->rdl; *pp; pp = &(*pp)->rdl_next)
        if (*pp == it) {
            *pp = it->rdl_next;
            break;
        }
    it->rdl_next = NULL;
    it->linked = false;
}

static void item_free(struct eventpoll *ep, struct epitem *it)
{
    rdl_unlink(ep, it);
    for (struct epitem **pp = &ep->items; *pp; pp = &(*pp)->next)
        if (*pp == it) {
            *pp = it->next;
            break;
        }
    for (struct epitem **pp = &all_items; *pp; pp = &(*pp)->all_next)
        if (*pp == it) {
            *pp = it->all_next;
            break;
        }
    if (it->watch)
        wq_watch_disarm(it->watch);
    kfree(it->watch);
    struct file *f = it->file;
    kfree(it);
    file_put(f);
}

/* The file is held by epoll items only: it was closed everywhere else. */
static bool file_closed(const struct file *f)
{
    int holders = 0;
    for (struct epitem *it = all_items; it; it = it->all_next)
        if (it->file == f)
            holders++;
    return f->refs <= holders;
}

static void prune(struct eventpoll *ep)
{
    for (struct epitem *it = ep->items, *next; it; it = next) {
        next = it->next;
        if (file_closed(it->file))
            item_free(ep, it);
    }
}

/* What the item would report now (0: nothing), without changing it. */
static bool queueless_edge(const struct epitem *it, unsigned mask)
{
    uint64_t n = ev_event_count(it->file);
    return n != it->seen_events || (mask & ~it->seen_mask);
}

static unsigned item_ready(struct epitem *it, struct waitqueue **wq)
{
    unsigned mask = vfs_poll(it->file, wq) & it->events;
    if (it->disabled)
        return 0;
    if ((it->events & EPOLLET) && !it->pending && !(it->watch && wq_watch_fired(it->watch)) &&
        !(!*wq && queueless_edge(it, mask)))
        return 0;
    return mask;
}

/* Remember what an edge-triggered item looked like, to see the next edge. */
static void edge_rearm(struct epitem *it, struct waitqueue *wq, unsigned mask)
{
    if (!it->watch)
        it->watch = kzalloc(sizeof(*it->watch));
    if (it->watch)
        wq_watch_arm(it->watch, wq);   /* without memory, edges come from ADD/MOD and queue-less checks */
    it->seen_events = ev_event_count(it->file);
    it->seen_mask = mask;
}

static int ep_count_ready(struct eventpoll *ep)
{
    int n = 0;
    poll_queues_reset(&ep->q);
    for (struct epitem *it = ep->items; it; it = it->next) {
        struct waitqueue *wq = NULL;
        if (item_ready(it, &wq))
            n++;
        poll_queues_add(&ep->q, wq);
    }
    return n;
}

/* A level-triggered item off the ready list watches its file's queue for the wake-up that
 * would link it (Linux's ep_poll_callback). Without memory it joins in the order added. */
static void order_rearm(struct epitem *it, struct waitqueue *wq)
{
    if (it->events & EPOLLET)
        return;   /* edge_rearm's watch does both */
    if (!it->watch)
        it->watch = kzalloc(sizeof(*it->watch));
    if (it->watch)
        wq_watch_arm(it->watch, wq);
}

/* When the item's file woke it (a wake-up number), or last (queue-less files, no memory). */
static uint64_t wake_order(const struct epitem *it)
{
    return it->watch && wq_watch_fired(it->watch) ? it->watch->fired_seq : UINT64_MAX;
}

/* Link the items that became ready since the last look, in the order of their wake-ups. */
static void rdl_sync(struct eventpoll *ep)
{
    int n = 0, k = 0;
    for (struct epitem *it = ep->items; it; it = it->next)
        n += !it->linked;
    struct epitem **ready = n ? kmalloc(sizeof(*ready) * (size_t)n) : NULL;
    for (struct epitem *it = ep->items; it; it = it->next) {
        struct waitqueue *wq = NULL;
        if (it->linked)
            continue;
        if (!item_ready(it, &wq)) {
            if (it->watch && wq_watch_fired(it->watch))
                order_rearm(it, wq);   /* woken, but nothing for this item */
            continue;
        }
        if (!ready) {
            rdl_append(ep, it);
            continue;
        }
        int j = k++;   /* insertion sort by wake-up; equal ones keep the order added */
        for (; j > 0 && wake_order(ready[j - 1]) > wake_order(it); j--)
            ready[j] = ready[j - 1];
        ready[j] = it;
    }
    for (int j = 0; j < k; j++)
        rdl_append(ep, ready[j]);
    kfree(ready);
}

static bool ep_ready(void *arg)
{
    struct eventpoll *ep = arg;
    prune(ep);
    return ep_count_ready(ep) > 0;
}

/* Report up to max items into out, updating edge and one-shot state: Linux's ep_send_events
 * over the ready list (see the opening comment). */
static int ep_collect(struct eventpoll *ep, struct epoll_event *out, int max)
{
    int n = 0;
    rdl_sync(ep);
    struct epitem *tx = ep->rdl;
    ep->rdl = NULL;
    while (tx && n < max) {
        struct epitem *it = tx;
        tx = it->rdl_next;
        it->rdl_next = NULL;
        it->linked = false;
        struct waitqueue *wq = NULL;
        unsigned mask = item_ready(it, &wq);
        if (it->events & EPOLLET) {
            it->pending = false;
            edge_rearm(it, wq, vfs_poll(it->file, NULL) & it->events);
        }
        if (!mask) {
            order_rearm(it, wq);   /* dropped: the next wake-up links it again */
            continue;
        }
        out[n].events = mask;
        out[n].data = it->data;
        n++;
        if (it->events & EPOLLONESHOT)
            it->disabled = true;
        else if (!(it->events & EPOLLET))
            rdl_append(ep, it);
    }
    if (tx) {   /* left unread: back at the head, in order */
        struct epitem **pp = &tx;
        while (*pp)
            pp = &(*pp)->rdl_next;
        *pp = ep->rdl;
        ep->rdl = tx;
    }
    return n;
}

/* ---- the epoll file ---- */

static unsigned epoll_poll(struct file *f, struct waitqueue **wq)
{
    struct eventpoll *ep = f->priv;
    if (wq)
        *wq = NULL;   /* its items' queues are many: re-tested at each tick */
    return ep_ready(ep) ? POLLIN | POLLRDNORM : 0;
}

static void epoll_release(struct file *f)
{
    struct eventpoll *ep = f->priv;
    while (ep->items)
        item_free(ep, ep->items);
    kfree(ep);
}

static const struct file_ops epoll_fops = {
    .poll = epoll_poll,
    .release = epoll_release,
};

long sys_epoll_create1(int flags)
{
    if ((unsigned)flags & ~(unsigned)EPOLL_CLOEXEC)
        return -EINVAL;
    struct eventpoll *ep = kzalloc(sizeof(*ep));
    if (!ep)
        return -ENOMEM;
    return anon_fd_create(&epoll_fops, ep, O_RDWR, flags & EPOLL_CLOEXEC);
}

long sys_epoll_create(int size)
{
    if (size <= 0)
        return -EINVAL;
    return sys_epoll_create1(0);
}

/* ---- epoll_ctl ---- */

/* How deep nested epoll files go below ep (EP_MAX_NESTS + 1 when target is among them). */
static int depth_below(struct eventpoll *ep, struct eventpoll *target, int depth)
{
    int result = 0;
    for (struct epitem *it = ep->items; it && result <= EP_MAX_NESTS; it = it->next) {
        if (!is_epoll(it->file))
            continue;
        struct eventpoll *child = it->file->priv;
        if (child == target || depth > EP_MAX_NESTS)
            result = EP_MAX_NESTS + 1;
        else
            result = MAX(result, depth_below(child, target, depth + 1) + 1);
    }
    return result;
}

/* How many epoll files ep sits inside, on the longest chain. */
static int depth_above(struct eventpoll *ep, int depth)
{
    int result = 0;
    if (depth > EP_MAX_NESTS)
        return depth;
    for (struct epitem *it = all_items; it; it = it->all_next)
        if (is_epoll(it->file) && it->file->priv == ep)
            result = MAX(result, depth_above(it->ep, depth + 1) + 1);
    return result;
}

/* Linux's ep_loop_check: adding epoll to into must close no loop and nest at most
 * EP_MAX_NESTS deep, counting both what is below to and what is above into. */
static bool loop_check_fails(struct eventpoll *into, struct eventpoll *to)
{
    int below = depth_below(to, into, 0);
    if (below > EP_MAX_NESTS)
        return true;
    return below + 1 + depth_above(into, 0) > EP_MAX_NESTS;
}

static struct epitem *find_item(struct eventpoll *ep, struct file *f, int fd)
{
    for (struct epitem *it = ep->items; it; it = it->next)
        if (it->file == f && it->fd == fd)
            return it;
    return NULL;
}

static void arm_edge(struct epitem *it)
{
    struct waitqueue *wq = NULL;
    unsigned mask = vfs_poll(it->file, &wq) & it->events;
    it->pending = mask != 0;
    if (it->events & EPOLLET)
        edge_rearm(it, wq, mask);
    else
        order_rearm(it, wq);
}

long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event *uev)
{
    struct epoll_event ev = { 0, 0 };
    if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uev, sizeof ev))
        return -EFAULT;
    struct file *ef = fd_get(epfd);
    if (!ef)
        return -EBADF;
    long err = -EBADF;
    struct file *tf = fd_get(fd);
    if (!tf)
        goto out_ef;
    err = -EPERM;
    if (!tf->ops || !tf->ops->poll)
        goto out;
    err = -EINVAL;
    if (ef == tf || !is_epoll(ef))
        goto out;
    if (op != EPOLL_CTL_DEL && (ev.events & EPOLLEXCLUSIVE)) {
        if (op == EPOLL_CTL_MOD)
            goto out;
        if (op == EPOLL_CTL_ADD && (is_epoll(tf) || (ev.events & ~EPOLLEXCLUSIVE_OK_BITS)))
            goto out;
    }
    struct eventpoll *ep = ef->priv;
    prune(ep);
    err = -ELOOP;
    if (op == EPOLL_CTL_ADD && is_epoll(tf) && loop_check_fails(ef->priv, tf->priv))
        goto out;
    struct epitem *it = find_item(ep, tf, fd);
    switch (op) {
    case EPOLL_CTL_ADD:
        err = -EEXIST;
        if (it)
            break;
        err = -ENOMEM;
        it = kzalloc(sizeof(*it));
        if (!it)
            break;
        it->ep = ep;
        it->file = file_get(tf);
        it->fd = fd;
        it->events = ev.events | EPOLLERR | EPOLLHUP;
        it->data = ev.data;
        rdl_sync(ep);   /* what became ready before this ADD is ahead of it */
        struct epitem **pp = &ep->items;
        while (*pp)
            pp = &(*pp)->next;
        *pp = it;
        it->all_next = all_items;
        all_items = it;
        arm_edge(it);
        rdl_sync(ep);   /* ready now: linked at the tail (ep_insert) */
        err = 0;
        break;
    case EPOLL_CTL_DEL:
        err = -ENOENT;
        if (it) {
            item_free(ep, it);
            err = 0;
        }
        break;
    case EPOLL_CTL_MOD:
        err = -ENOENT;
        if (!it)
            break;
        err = 0;
        if (it->events & EPOLLEXCLUSIVE)
            break;
        rdl_sync(ep);
        it->events = ev.events | EPOLLERR | EPOLLHUP;
        it->data = ev.data;
        it->disabled = false;
        arm_edge(it);
        rdl_sync(ep);   /* ready after the change and not linked: at the tail (ep_modify) */
        break;
    default:
        err = -EINVAL;
    }
out:
    file_put(tf);
out_ef:
    file_put(ef);
    return err;
}

/* ---- epoll_wait ---- */

static long do_epoll_wait(int epfd, struct epoll_event *uevents, int maxevents, uint64_t deadline, bool zero)
{
    if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
        return -EINVAL;
    struct file *f = fd_get(epfd);
    if (!f)
        return -EBADF;
    long ret = -EINVAL;
    if (!is_epoll(f))
        goto out;
    struct eventpoll *ep = f->priv;
    if (!ep_ready(ep) && !zero) {
        int err = ev_wait(poll_queues_one(&ep->q), ep_ready, ep, deadline);
        if (err && err != -ETIMEDOUT) {
            ret = err;
            goto out;
        }
    }
    int max = MIN(maxevents, 1024);
    struct epoll_event *out = kmalloc(sizeof(*out) * (size_t)max);
    ret = -ENOMEM;
    if (!out)
        goto out;
    prune(ep);
    int n = ep_collect(ep, out, max);
    ret = n;
    if (n && copy_to_user(uevents, out, sizeof(*out) * (size_t)n))
        ret = -EFAULT;
    kfree(out);
out:
    file_put(f);
    return ret;
}

static uint64_t ms_deadline(int timeout)
{
    return timeout < 0 ? EV_FOREVER : ev_deadline_after((uint64_t)timeout * 1000000ULL);
}

long sys_epoll_wait(int epfd, struct epoll_event *uevents, int maxevents, int timeout)
{
    return do_epoll_wait(epfd, uevents, maxevents, ms_deadline(timeout), timeout == 0);
}

long sys_epoll_pwait(int epfd, struct epoll_event *uevents, int maxevents, int timeout, const void *usigmask,
                     size_t sigsetsize)
{
    uint64_t saved;
    bool swapped;
    int err = ev_sigmask_install(usigmask, sigsetsize, &saved, &swapped);
    if (err)
        return err;
    long ret = do_epoll_wait(epfd, uevents, maxevents, ms_deadline(timeout), timeout == 0);
    ev_sigmask_restore(saved, swapped, ret == -EINTR);
    return ret;
}

long sys_epoll_pwait2(int epfd, struct epoll_event *uevents, int maxevents,
                      const struct __kernel_timespec *utimeout, const void *usigmask, size_t sigsetsize)
{
    struct poll_timeout t;
    int err = poll_timeout_get(utimeout, &t);
    if (err)
        return err;
    uint64_t saved;
    bool swapped;
    err = ev_sigmask_install(usigmask, sigsetsize, &saved, &swapped);
    if (err)
        return err;
    long ret = do_epoll_wait(epfd, uevents, maxevents, t.deadline, t.zero);
    ev_sigmask_restore(saved, swapped, ret == -EINTR);
    return ret;
}
