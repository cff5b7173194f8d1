/*
 * fdtable.c — the fd table: lowest-free allocation, per-fd close-on-exec (one bitmap,
 * the only place that flag lives), cloning for fork, sharing for CLONE_FILES, and the
 * close-on-exec sweep for execve. The table grows on demand up to RLIMIT_NOFILE.
 */
#include "kernel/fs/fdtable.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/locks.h"
#include "kernel/proc/task.h"

#define FD_DEFAULT_LIMIT 1024
#define FD_HARD_MAX (1u << 20)   /* Linux's nr_open default */

struct fdtable *fdtable_create(void)
{
    struct fdtable *fdt = kzalloc(sizeof(*fdt));
    if (fdt)
        fdt->refs = 1;
    return fdt;
}

/* Grow so that fd is a valid slot. */
static int fdtable_grow(struct fdtable *fdt, unsigned fd)
{
    if (fd < fdt->size)
        return 0;
    unsigned size = fdt->size ? fdt->size : 64;
    while (size <= fd)
        size *= 2;
    struct file **files = kzalloc(size * sizeof(*files));
    uint64_t *cloexec = kzalloc(size / 8);
    if (!files || !cloexec) {
        kfree(files);
        kfree(cloexec);
        return -ENOMEM;
    }
    if (fdt->size) {
        memcpy(files, fdt->files, fdt->size * sizeof(*files));
        memcpy(cloexec, fdt->cloexec, fdt->size / 8);
    }
    kfree(fdt->files);
    kfree(fdt->cloexec);
    fdt->files = files;
    fdt->cloexec = cloexec;
    fdt->size = size;
    return 0;
}

struct fdtable *fdtable_clone(struct fdtable *old)
{
    struct fdtable *fdt = fdtable_create();
    if (!fdt)
        return NULL;
    fdt->refs = 1;
    if (old->size && fdtable_grow(fdt, old->size - 1)) {
        kfree(fdt);
        return NULL;
    }
    for (unsigned i = 0; i < old->size; i++)
        fdt->files[i] = file_get(old->files[i]);
    if (old->size)
        memcpy(fdt->cloexec, old->cloexec, old->size / 8);
    return fdt;
}

void fd_close(struct fdtable *fdt, struct file *f)
{
    if (!f)
        return;
    locks_remove_posix(f, fdt);
    file_put(f);
}

void fdtable_get(struct fdtable *fdt)
{
    fdt->refs++;
}

void fdtable_put(struct fdtable *fdt)
{
    if (!fdt || --fdt->refs > 0)
        return;
    for (unsigned i = 0; i < fdt->size; i++)
        fd_close(fdt, fdt->files[i]);
    kfree(fdt->files);
    kfree(fdt->cloexec);
    kfree(fdt);
}

bool fd_get_cloexec(struct fdtable *fdt, unsigned fd)
{
    return fd < fdt->size && (fdt->cloexec[fd / 64] >> (fd % 64) & 1);
}

void fd_set_cloexec(struct fdtable *fdt, unsigned fd, bool on)
{
    if (fd >= fdt->size)
        return;
    if (on)
        fdt->cloexec[fd / 64] |= 1ull << (fd % 64);
    else
        fdt->cloexec[fd / 64] &= ~(1ull << (fd % 64));
}

void fdtable_close_on_exec(struct fdtable *fdt)
{
    for (unsigned fd = 0; fd < fdt->size; fd++) {
        if (fd_get_cloexec(fdt, fd))
            fd_close(fdt, fd_remove(fdt, fd));
    }
}

unsigned fd_limit(void)
{
    struct task *t = current_task();
    uint64_t lim = t ? t->rlim[RLIMIT_NOFILE].rlim_cur : 0;
    if (lim == 0)
        lim = FD_DEFAULT_LIMIT;
    return lim > FD_HARD_MAX ? FD_HARD_MAX : (unsigned)lim;
}

int fd_alloc(struct fdtable *fdt, struct file *f, unsigned minfd, bool cloexec)
{
    unsigned limit = fd_limit();
    for (unsigned fd = minfd; fd < limit; fd++) {
        if (fd < fdt->size && fdt->files[fd])
            continue;
        int err = fdtable_grow(fdt, fd);
        if (err)
            return err;
        fdt->files[fd] = f;
        fd_set_cloexec(fdt, fd, cloexec);
        return (int)fd;
    }
    return -EMFILE;
}

int fd_check_free(struct fdtable *fdt)
{
    unsigned limit = fd_limit();
    for (unsigned fd = 0; fd < limit; fd++)
        if (fd >= fdt->size || !fdt->files[fd])
            return (int)fd;
    return -EMFILE;
}

int fd_install_at(struct fdtable *fdt, unsigned fd, struct file *f, bool cloexec)
{
    if (fd >= fd_limit())
        return -EBADF;
    int err = fdtable_grow(fdt, fd);
    if (err)
        return err;
    struct file *old = fdt->files[fd];
    fdt->files[fd] = f;
    fd_set_cloexec(fdt, fd, cloexec);
    fd_close(fdt, old);
    return (int)fd;
}

struct file *fd_remove(struct fdtable *fdt, unsigned fd)
{
    if (fd >= fdt->size)
        return NULL;
    struct file *f = fdt->files[fd];
    fdt->files[fd] = NULL;
    fd_set_cloexec(fdt, fd, false);
    return f;
}

struct fdtable *fd_current(void)
{
    struct task *t = current_task();
    return t ? t->files : NULL;
}

struct file *fd_get_any(int fd)
{
    struct fdtable *fdt = fd_current();
    if (!fdt || fd < 0 || (unsigned)fd >= fdt->size)
        return NULL;
    return file_get(fdt->files[fd]);
}

struct file *fd_get(int fd)
{
    struct file *f = fd_get_any(fd);
    if (f && (f->flags & O_PATH)) {
        file_put(f);
        return NULL;
    }
    return f;
}

int fd_install_new(struct file *f, unsigned flags)
{
    struct fdtable *fdt = fd_current();
    int fd = fdt ? fd_alloc(fdt, f, 0, flags & O_CLOEXEC) : -EBADF;
    if (fd < 0)
        file_put(f);
    return fd;
}
