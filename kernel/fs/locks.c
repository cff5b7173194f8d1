/*
 * locks.c — advisory locks (see locks.h). Each inode with locks has a list of
 * { owner, kind, type, [start, end] }. A request conflicts with a lock of another owner
 * when the ranges overlap and either is a write lock (flock: either is exclusive).
 * Setting a POSIX lock replaces the owner's own locks in the range, splitting and merging
 * ranges as Linux does. Waiting requests (F_SETLKW, flock without LOCK_NB) sleep on one
 * wait queue, woken whenever a lock goes.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/locks.h"
#include "kernel/fs/fdtable.h"
#include "kernel/proc/task.h"
#include "kernel/proc/wait.h"
#include "kernel/uaccess.h"

#define OFFSET_MAX INT64_MAX

enum lock_kind { LK_POSIX, LK_OFD, LK_FLOCK };

struct lock {
    struct lock *next;
    struct inode *inode;
    const void *owner;      /* fdtable (POSIX) or file (OFD, flock) */
    enum lock_kind kind;
    short type;             /* F_RDLCK or F_WRLCK */
    int pid;
    int64_t start, end;     /* inclusive */
};

static struct lock *all_locks;
static struct waitqueue locks_wq;
static bool locks_wq_ready;

static struct waitqueue *wq(void)
{
    if (!locks_wq_ready) {
        wq_init(&locks_wq);
        locks_wq_ready = true;
    }
    return &locks_wq;
}

static bool same_class(enum lock_kind a, enum lock_kind b)
{
    return (a == LK_FLOCK) == (b == LK_FLOCK);
}

static struct lock *find_conflict(const struct lock *req)
{
    for (struct lock *l = all_locks; l; l = l->next) {
        if (l->inode != req->inode || l->owner == req->owner || !same_class(l->kind, req->kind))
            continue;
        if (l->end < req->start || l->start > req->end)
            continue;
        if (l->type == F_WRLCK || req->type == F_WRLCK)
            return l;
    }
    return NULL;
}

static struct lock *new_lock(const struct lock *tmpl, int64_t start, int64_t end)
{
    struct lock *l = kmalloc(sizeof(*l));
    if (!l)
        return NULL;
    *l = *tmpl;
    l->start = start;
    l->end = end;
    l->next = all_locks;
    all_locks = l;
    return l;
}

/* Remove the owner's locks of req's class in [start, end], keeping the parts outside it. */
static int carve(const struct lock *req)
{
    for (struct lock **pp = &all_locks; *pp;) {
        struct lock *l = *pp;
        if (l->inode != req->inode || l->owner != req->owner || !same_class(l->kind, req->kind) ||
            l->end < req->start || l->start > req->end) {
            pp = &l->next;
            continue;
        }
        if (l->start < req->start && l->end > req->end) {
            if (!new_lock(l, req->end + 1, l->end))
                return -ENOLCK;
            l->end = req->start - 1;
            pp = &l->next;
        } else if (l->start < req->start) {
            l->end = req->start - 1;
            pp = &l->next;
        } else if (l->end > req->end) {
            l->start = req->end + 1;
            pp = &l->next;
        } else {
            *pp = l->next;
            kfree(l);
        }
    }
    return 0;
}

/* Merge the owner's locks of the same type that touch or overlap req's range into it. */
static int apply(struct lock *req)
{
    int err = carve(req);
    if (err || req->type == F_UNLCK)
        goto out;
    int64_t start = req->start, end = req->end;
    for (struct lock **pp = &all_locks; *pp;) {
        struct lock *l = *pp;
        if (l->inode == req->inode && l->owner == req->owner && same_class(l->kind, req->kind) &&
            l->type == req->type && req->kind != LK_FLOCK &&
            (l->end == start - 1 || (end != OFFSET_MAX && l->start == end + 1))) {
            start = MIN(start, l->start);
            end = MAX(end, l->end);
            *pp = l->next;
            kfree(l);
            continue;
        }
        pp = &l->next;
    }
    if (!new_lock(req, start, end))
        err = -ENOLCK;
out:
    wq_wake_all(wq());
    return err;
}

static bool no_conflict(void *arg)
{
    return !find_conflict(arg);
}

static int set_lock(struct lock *req, bool wait)
{
    while (req->type != F_UNLCK && find_conflict(req)) {
        if (!wait)
            return -EAGAIN;
        int err = wq_wait(wq(), no_conflict, req);
        if (err)
            return err;
    }
    return apply(req);
}

long locks_fcntl(struct file *f, unsigned cmd, void *uflock)
{
    struct flock fl;
    if (copy_from_user(&fl, uflock, sizeof(fl)))
        return -EFAULT;
    bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
    if (ofd && fl.l_pid != 0)
        return -EINVAL;
    int64_t base;
    switch (fl.l_whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = f->pos; break;
    case SEEK_END: base = (int64_t)f->inode->size; break;
    default: return -EINVAL;
    }
    int64_t start = base + fl.l_start, end;
    if (start < 0)
        return -EINVAL;
    if (fl.l_len > 0) {
        end = fl.l_len - 1 > OFFSET_MAX - start ? OFFSET_MAX : start + fl.l_len - 1;
    } else if (fl.l_len < 0) {
        end = start - 1;
        start += fl.l_len;
        if (start < 0)
            return -EINVAL;
    } else {
        end = OFFSET_MAX;
    }
    if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK)
        return -EINVAL;
    struct task *t = current_task();
    struct lock req = {
        .inode = f->inode, .owner = ofd ? (const void *)f : (const void *)t->files,
        .kind = ofd ? LK_OFD : LK_POSIX, .type = fl.l_type, .pid = t->pid,
        .start = start, .end = end,
    };
    if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        if (fl.l_type == F_UNLCK)
            return -EINVAL;
        struct lock *c = find_conflict(&req);
        if (!c) {
            fl.l_type = F_UNLCK;
        } else {
            fl.l_type = c->type;
            fl.l_whence = SEEK_SET;
            fl.l_start = c->start;
            fl.l_len = c->end == OFFSET_MAX ? 0 : c->end - c->start + 1;
            fl.l_pid = c->kind == LK_OFD ? -1 : c->pid;
        }
        return copy_to_user(uflock, &fl, sizeof(fl)) ? -EFAULT : 0;
    }
    if ((fl.l_type == F_RDLCK && !f->readable) || (fl.l_type == F_WRLCK && !f->writable))
        return -EBADF;
    return set_lock(&req, cmd == F_SETLKW || cmd == F_OFD_SETLKW);
}

static void remove_where(const void *owner, struct inode *inode, bool (*match)(struct lock *))
{
    bool any = false;
    for (struct lock **pp = &all_locks; *pp;) {
        struct lock *l = *pp;
        if (l->owner == owner && l->inode == inode && match(l)) {
            *pp = l->next;
            kfree(l);
            any = true;
            continue;
        }
        pp = &l->next;
    }
    if (any)
        wq_wake_all(wq());
}

static bool is_posix(struct lock *l) { return l->kind == LK_POSIX; }
static bool is_file_owned(struct lock *l) { return l->kind != LK_POSIX; }

void locks_remove_posix(struct file *f, struct fdtable *owner)
{
    if (all_locks)
        remove_where(owner, f->inode, is_posix);
}

void locks_remove_file(struct file *f)
{
    if (all_locks)
        remove_where(f, f->inode, is_file_owned);
}

long sys_flock(int fd, unsigned cmd)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    unsigned op = cmd & ~(unsigned)LOCK_NB;
    long ret;
    struct lock req = { .inode = f->inode, .owner = f, .kind = LK_FLOCK, .start = 0, .end = OFFSET_MAX };
    switch (op) {
    case LOCK_SH: req.type = F_RDLCK; break;
    case LOCK_EX: req.type = F_WRLCK; break;
    case LOCK_UN: req.type = F_UNLCK; break;
    default:
        ret = -EINVAL;
        goto out;
    }
    /* Converting a lock drops the old one first, as Linux's flock_lock_inode does. */
    for (struct lock *l = all_locks; l && req.type != F_UNLCK; l = l->next) {
        if (l->owner == f && l->kind == LK_FLOCK && l->inode == f->inode && l->type != req.type) {
            struct lock un = req;
            un.type = F_UNLCK;
            apply(&un);
            break;
        }
    }
    ret = set_lock(&req, !(cmd & LOCK_NB));
    if (ret == -EAGAIN)
        ret = -EWOULDBLOCK;
out:
    file_put(f);
    return ret;
}
