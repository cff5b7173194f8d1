/*
 * scm.c — control messages on AF_UNIX sockets, after Linux's net/core/scm.c: SCM_RIGHTS
 * passes open files (the receiver gets new fds, lowest free first, for the same open files),
 * SCM_CREDENTIALS passes pid/uid/gid (checked against the sender's own unless root), and
 * every message carries the sender's credentials for a receiver with SO_PASSCRED.
 * A control buffer too small for what arrived sets MSG_CTRUNC; files that do not fit are closed.
 */
#include "kernel/net/unix.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include "kernel/proc/task.h"

#define SCM_CONTROL_MAX 131072   /* net.core.optmem_max */

static int add_files(struct unix_scm *scm, const int *fds, int num)
{
    if (num <= 0)
        return 0;
    if (num > SCM_MAX_FD || scm->nfds + num > SCM_MAX_FD)
        return -EINVAL;
    struct file **arr = kmalloc(sizeof(*arr) * (size_t)(scm->nfds + num));
    if (!arr)
        return -ENOMEM;
    for (int i = 0; i < scm->nfds; i++)
        arr[i] = scm->fds[i];
    int have = scm->nfds;
    kfree(scm->fds);
    scm->fds = arr;
    for (int i = 0; i < num; i++) {
        struct file *f = fd_get_any(fds[i]);
        if (!f)
            return -EBADF;
        arr[have + i] = f;
        scm->nfds = have + i + 1;
    }
    return 0;
}

static int check_cred(const struct ucred *c)
{
    struct task *t = current_task();
    bool root = t->euid == 0;
    if ((c->pid == t->pid || root) &&
        (c->uid == t->uid || c->uid == t->euid || c->uid == t->suid || root) &&
        (c->gid == t->gid || c->gid == t->egid || c->gid == t->sgid || root))
        return 0;
    return -EPERM;
}

int scm_send(struct unix_msg *m, struct unix_scm *scm)
{
    scm->cred = unix_current_cred();
    if (!m->controllen)
        return 0;
    if (m->controllen > SCM_CONTROL_MAX)
        return -ENOBUFS;
    char *buf = kmalloc(m->controllen);
    if (!buf)
        return -ENOBUFS;
    int err = -EFAULT;
    if (copy_from_user(buf, m->control, m->controllen))
        goto out;
    err = 0;
    for (size_t off = 0; off + sizeof(struct cmsghdr) <= m->controllen;) {
        struct cmsghdr *c = (struct cmsghdr *)(buf + off);
        if (c->cmsg_len < sizeof(*c) || c->cmsg_len > m->controllen - off) {
            err = -EINVAL;
            break;
        }
        if (c->cmsg_level == SOL_SOCKET) {
            if (c->cmsg_type == SCM_RIGHTS) {
                err = add_files(scm, (const int *)(c + 1), (int)((c->cmsg_len - sizeof(*c)) / sizeof(int)));
            } else if (c->cmsg_type == SCM_CREDENTIALS) {
                err = -EINVAL;
                if (c->cmsg_len == CMSG_LEN(sizeof(struct ucred))) {
                    struct ucred cred;
                    memcpy(&cred, c + 1, sizeof cred);
                    if (!(err = check_cred(&cred)))
                        scm->cred = cred;
                }
            } else {
                err = -EINVAL;
            }
            if (err)
                break;
        }
        off += CMSG_ALIGN(c->cmsg_len);
    }
out:
    kfree(buf);
    if (err)
        scm_destroy(scm);
    return err;
}

void scm_destroy(struct unix_scm *scm)
{
    for (int i = 0; i < scm->nfds; i++)
        file_put(scm->fds[i]);
    kfree(scm->fds);
    scm->fds = NULL;
    scm->nfds = 0;
}

int scm_dup(struct unix_scm *dst, const struct unix_scm *src)
{
    dst->cred = src->cred;
    if (!src->nfds)
        return 0;
    dst->fds = kmalloc(sizeof(*dst->fds) * (size_t)src->nfds);
    if (!dst->fds)
        return -ENOMEM;
    for (int i = 0; i < src->nfds; i++)
        dst->fds[i] = file_get(src->fds[i]);
    dst->nfds = src->nfds;
    return 0;
}

/* put_cmsg: one control message into the user's buffer, truncated (MSG_CTRUNC) if need be. */
static void put_cmsg(struct unix_msg *m, int type, const void *data, size_t len)
{
    if (!m->control || m->controllen < sizeof(struct cmsghdr)) {
        m->flags |= MSG_CTRUNC;
        return;
    }
    size_t cmlen = CMSG_LEN(len);
    if (m->controllen < cmlen) {
        m->flags |= MSG_CTRUNC;
        cmlen = m->controllen;
    }
    struct cmsghdr h = { CMSG_LEN(len), SOL_SOCKET, type };
    if (copy_to_user(m->control, &h, sizeof h) ||
        copy_to_user((char *)m->control + sizeof h, data, cmlen - sizeof h))
        return;
    cmlen = MIN(CMSG_SPACE(len), m->controllen);
    m->control = (char *)m->control + cmlen;
    m->controllen -= cmlen;
}

static void detach_fds(struct unix_msg *m, struct unix_scm *scm, unsigned flags)
{
    int fdmax = m->controllen > sizeof(struct cmsghdr)
                    ? (int)((m->controllen - sizeof(struct cmsghdr)) / sizeof(int)) : 0;
    fdmax = MIN(fdmax, scm->nfds);
    int *ufds = (int *)((char *)m->control + sizeof(struct cmsghdr));
    struct fdtable *fdt = fd_current();
    int i;
    for (i = 0; i < fdmax; i++) {
        int fd = fd_alloc(fdt, file_get(scm->fds[i]), 0, flags & MSG_CMSG_CLOEXEC);
        if (fd < 0) {
            file_put(scm->fds[i]);
            break;
        }
        if (copy_to_user(ufds + i, &fd, sizeof fd)) {
            file_put(fd_remove(fdt, (unsigned)fd));
            break;
        }
    }
    if (i > 0) {
        struct cmsghdr h = { CMSG_LEN((size_t)i * sizeof(int)), SOL_SOCKET, SCM_RIGHTS };
        if (!copy_to_user(m->control, &h, sizeof h)) {
            size_t cmlen = MIN(CMSG_SPACE((size_t)i * sizeof(int)), m->controllen);
            m->control = (char *)m->control + cmlen;
            m->controllen -= cmlen;
        }
    }
    if (i < scm->nfds || (scm->nfds && fdmax <= 0))
        m->flags |= MSG_CTRUNC;
}

void scm_recv(struct unix_sock *s, struct unix_msg *m, struct unix_scm *scm, unsigned flags)
{
    if (!m->control) {
        if (s->passcred || scm->nfds)
            m->flags |= MSG_CTRUNC;
    } else {
        if (s->passcred)
            put_cmsg(m, SCM_CREDENTIALS, &scm->cred, sizeof scm->cred);
        if (scm->nfds)
            detach_fds(m, scm, flags);
    }
    scm_destroy(scm);
}
