/*
 * fdtable.h — a process's file descriptor table: fd numbers to open files, plus the
 * per-fd close-on-exec flag (kept here, in one bitmap, and nowhere else). Tables are
 * refcounted so that CLONE_FILES can share one; fork clones it.
 */
#ifndef KERNEL_FS_FDTABLE_H
#define KERNEL_FS_FDTABLE_H
#include "kernel/kernel.h"

struct file;

struct fdtable {
    int refs;
    unsigned size;            /* slots allocated in files[] and cloexec[] */
    struct file **files;
    uint64_t *cloexec;        /* bitmap, one bit per fd */
};

struct fdtable *fdtable_create(void);
struct fdtable *fdtable_clone(struct fdtable *fdt);
void fdtable_get(struct fdtable *fdt);
void fdtable_put(struct fdtable *fdt);
void fdtable_close_on_exec(struct fdtable *fdt);

/* The current task's limit on fd numbers (RLIMIT_NOFILE's soft value). */
unsigned fd_limit(void);
/* Install f at the lowest free fd >= minfd (the table takes f's reference): the fd or -EMFILE. */
int fd_alloc(struct fdtable *fdt, struct file *f, unsigned minfd, bool cloexec);
/* The lowest free fd, or -EMFILE. */
int fd_check_free(struct fdtable *fdt);
/* Put f at fd, closing what was there (dup2/dup3): fd or -EBADF (beyond the limit). */
int fd_install_at(struct fdtable *fdt, unsigned fd, struct file *f, bool cloexec);
/* The file at fd in the current table, with a reference; NULL if none. O_PATH files are
   refused by fd_get (EBADF for I/O, as Linux) but returned by fd_get_any. */
struct file *fd_get(int fd);
struct file *fd_get_any(int fd);
/* Remove fd from the table; returns its file (reference handed to the caller) or NULL. */
struct file *fd_remove(struct fdtable *fdt, unsigned fd);
/* Close a file this table held (drops the table's POSIX locks on it, then the reference). */
void fd_close(struct fdtable *fdt, struct file *f);
bool fd_get_cloexec(struct fdtable *fdt, unsigned fd);
void fd_set_cloexec(struct fdtable *fdt, unsigned fd, bool on);
/* The current task's table. */
struct fdtable *fd_current(void);
/* Install in the current table: the fd or a negative errno (the file reference is consumed). */
int fd_install_new(struct file *f, unsigned flags);

#endif
