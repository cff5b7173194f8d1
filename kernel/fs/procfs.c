/*
 * procfs.c — the tree of /proc: the root (its files, self, thread-self and one directory
 * per process), /proc/<pid>/ and /proc/<pid>/task/<tid>/ (the same entries per thread, as
 * fs/proc/base.c's tgid_base_stuff and tid_base_stuff list them, in that order), fd/ and
 * fdinfo/, and the links. Directories are computed when looked up or listed (from the task
 * list); every node made is kept, so the same path keeps its inode number. Files are
 * generated at open into a buffer that the reads then walk, as Linux's seq_file does on the
 * first read; what they print is in proc_base.c, proc_misc.c, proc_pid_status.c,
 * proc_pid_stat.c and proc_pid_maps.c. exe, cwd, root and fd/N are "magic" links:
 * following one goes to the inode itself, whatever its text says (so a pipe's fd link
 * opens the pipe).
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/proc/proc.h"
#include "kernel/uaccess.h"

/* exec's record of a task's program file (a reference for the caller), or NULL. */
struct inode *task_exe_inode(struct task *t) __attribute__((weak));

enum proc_kind {
    P_SELF, P_THREAD_SELF, P_SYMLINK, P_PID, P_TASKDIR, P_TID, P_FDDIR, P_FDINFODIR,
    P_EXE, P_CWD, P_ROOT, P_FD, P_FILE,
};

/* A node: pid is the process directory it is under (0: the root), tid the thread directory
 * (0: none), fd the descriptor of fd/N and fdinfo/N. */
struct proc_node {
    struct proc_node *next;
    enum proc_kind kind;
    int pid, tid, fd;
    const struct proc_file *file;
    struct inode *inode;
    char link[FS_PATH_MAX];
};

/* An entry of a process or thread directory. */
struct pid_entry {
    const char *name;
    enum proc_kind kind;
    const struct proc_file *file;
};

/* The root's plain symlinks (proc_symlink), listed before its files: together they keep
 * the order of Linux's proc root (by name length, then name). */
static const struct {
    const char *name, *target;
} root_links[] = {
    { "mounts", "self/mounts" },
};

static struct proc_node *nodes;
static struct super_block *proc_sb;

static const struct inode_ops proc_root_iops, proc_pid_iops, proc_task_iops, proc_fd_iops, proc_link_iops;
static const struct file_ops proc_dir_fops, proc_file_fops;

#define PID_DIR_NLINK 9   /* Linux's 2 + the subdirectories of tgid_base_stuff */
#define TID_DIR_NLINK 7   /* and of tid_base_stuff */

static struct proc_node *node_of(struct inode *inode)
{
    return inode->priv;
}

bool proc_is_init_standin(const struct task *t)
{
    return !t->mm && t->pid == INIT_PID;
}

const char *proc_task_comm(const struct task *t)
{
    return proc_is_init_standin(t) ? INIT_STANDIN_NAME : t->comm;
}

bool proc_is_kthread(const struct task *t)
{
    return !t->mm && !proc_is_init_standin(t);
}

static unsigned kind_mode(enum proc_kind kind, const struct proc_file *file)
{
    switch (kind) {
    case P_PID: case P_TASKDIR: case P_TID: return S_IFDIR | 0555;
    case P_FDDIR: case P_FDINFODIR: return S_IFDIR | 0500;
    case P_FILE: return S_IFREG | (file->mode ? file->mode : 0444);
    case P_FD: return S_IFLNK | 0700;
    default: return S_IFLNK | 0777;
    }
}

static const struct inode_ops *kind_iops(enum proc_kind kind)
{
    switch (kind) {
    case P_PID: case P_TID: return &proc_pid_iops;
    case P_TASKDIR: return &proc_task_iops;
    case P_FDDIR: case P_FDINFODIR: return &proc_fd_iops;
    case P_FILE: return NULL;
    default: return &proc_link_iops;
    }
}

/* The node for (kind, pid, tid, fd, file), made on first use; its parent is dir. */
static struct inode *proc_node(struct inode *dir, enum proc_kind kind, int pid, int tid, int fd,
                               const struct proc_file *file)
{
    for (struct proc_node *n = nodes; n; n = n->next)
        if (n->kind == kind && n->pid == pid && n->tid == tid && n->fd == fd && n->file == file)
            return n->inode;
    struct proc_node *n = kzalloc(sizeof(*n));
    unsigned mode = kind_mode(kind, file);
    struct inode *inode = n ? inode_alloc(proc_sb, mode) : NULL;
    if (!inode) {
        kfree(n);
        return NULL;
    }
    *n = (struct proc_node){ nodes, kind, pid, tid, fd, file, inode, "" };
    inode->priv = n;
    inode->nlink = kind == P_PID ? PID_DIR_NLINK : kind == P_TID ? TID_DIR_NLINK : S_ISDIR(mode) ? 2 : 1;
    inode->parent = dir;
    /* st_size: a plain symlink's is its target's length (proc_symlink), an fd link's 64
     * (proc_fd_instantiate); the rest 0 */
    inode->size = kind == P_SYMLINK ? strlen(root_links[fd].target) : kind == P_FD ? 64 : 0;
    inode->iops = kind_iops(kind);
    inode->fops = S_ISDIR(mode) ? &proc_dir_fops : kind == P_FILE ? &proc_file_fops : NULL;
    nodes = n;
    return inode;
}

/* The task a node shows: its thread, or its process's (whichever thread has that number);
 * NULL once gone, or when the thread has left the process. */
static struct task *node_task(const struct proc_node *n)
{
    struct task *t = task_by_pid(n->pid);
    if (!t || !n->tid)
        return t;
    struct task *th = task_by_pid(n->tid);
    return th && th->pid == t->pid ? th : NULL;
}

static int parse_int(const char *s, size_t len)
{
    int v = 0;
    if (len == 0 || len > 9)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool name_is(const char *name, size_t len, const char *lit)
{
    return strlen(lit) == len && !memcmp(name, lit, len);
}

/* ---- the entries ---- */

static const struct proc_file f_environ = { .name = "environ", .show = proc_show_environ, .mode = 0400 };
static const struct proc_file f_status = { .name = "status", .show = proc_pid_status };
static const struct proc_file f_limits = { .name = "limits", .show = proc_show_limits };
static const struct proc_file f_comm = {
    .name = "comm", .show = proc_show_comm, .mode = 0644, .write = proc_write_comm,
};
static const struct proc_file f_cmdline = { .name = "cmdline", .show = proc_show_cmdline };
static const struct proc_file f_stat = { .name = "stat", .show = proc_pid_stat };
static const struct proc_file f_statm = { .name = "statm", .show = proc_pid_statm };
static const struct proc_file f_maps = { .name = "maps", .show = proc_pid_maps };
static const struct proc_file f_mounts = { .name = "mounts", .show = proc_show_mounts };
static const struct proc_file f_mountinfo = { .name = "mountinfo", .show = proc_show_mountinfo };
static const struct proc_file f_fdinfo = { .name = "fdinfo", .show_fd = proc_show_fdinfo };

/* Linux's tgid_base_stuff, the entries this kernel has, in its order. */
static const struct pid_entry tgid_base[] = {
    { "task", P_TASKDIR, NULL }, { "fd", P_FDDIR, NULL }, { "fdinfo", P_FDINFODIR, NULL },
    { "environ", P_FILE, &f_environ }, { "status", P_FILE, &f_status }, { "limits", P_FILE, &f_limits },
    { "comm", P_FILE, &f_comm }, { "cmdline", P_FILE, &f_cmdline }, { "stat", P_FILE, &f_stat },
    { "statm", P_FILE, &f_statm }, { "maps", P_FILE, &f_maps }, { "cwd", P_CWD, NULL },
    { "root", P_ROOT, NULL }, { "exe", P_EXE, NULL }, { "mounts", P_FILE, &f_mounts },
    { "mountinfo", P_FILE, &f_mountinfo },
};
/* tid_base_stuff is the same without "task" (the first entry). */
#define TID_BASE (tgid_base + 1)
#define TID_BASE_LEN (ARRAY_SIZE(tgid_base) - 1)

/* The root's files, in that order too. */
static const struct proc_file root_files[] = {
    { .name = "uptime", .show = proc_show_uptime },
    { .name = "cpuinfo", .show = proc_show_cpuinfo }, { .name = "loadavg", .show = proc_show_loadavg },
    { .name = "meminfo", .show = proc_show_meminfo }, { .name = "filesystems", .show = proc_show_filesystems },
};

/* ---- generated files ---- */

struct proc_buf {
    char *data;
    size_t len;
};

#define PROC_BUF_SIZE (4 * PAGE_SIZE)

static int proc_file_open(struct inode *inode, struct file *f)
{
    struct proc_node *n = node_of(inode);
    struct task *t = n->pid ? node_task(n) : current_task();
    if (!t)
        return -ESRCH;
    struct proc_buf *b = kzalloc(sizeof(*b));
    char *data = kmalloc(PROC_BUF_SIZE);
    if (!b || !data) {
        kfree(b);
        kfree(data);
        return -ENOMEM;
    }
    int len = n->file->show_fd ? n->file->show_fd(t, n->fd, data, PROC_BUF_SIZE)
                               : n->file->show(t, data, PROC_BUF_SIZE);
    if (len < 0) {
        kfree(b);
        kfree(data);
        return len;
    }
    b->data = data;
    b->len = MIN((size_t)len, PROC_BUF_SIZE);
    f->priv = b;
    return 0;
}

static long proc_file_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    struct proc_buf *b = f->priv;
    if ((uint64_t)*pos >= b->len)
        return 0;
    size_t want = MIN(to->count, b->len - (size_t)*pos);
    size_t got = copy_to_iter(to, b->data + *pos, want);
    if (!got && want)
        return -EFAULT;
    *pos += (int64_t)got;
    return (long)got;
}

/* A write goes to the file's write op whole (as one copy_from_user of a small buffer); the
 * position does not move, as with Linux's simple proc writers. */
static long proc_file_write(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)pos;
    struct proc_node *n = node_of(f->inode);
    struct task *t = n->pid ? node_task(n) : current_task();
    char buf[64] = { 0 };
    if (!n->file->write)
        return -EINVAL;
    if (!t)
        return -ESRCH;
    size_t len = from->count, want = MIN(len, sizeof(buf));
    if (copy_from_iter(from, buf, want) != want && want)
        return -EFAULT;
    return n->file->write(t, buf, len);
}

static int64_t proc_file_llseek(struct file *f, int64_t off, int whence)
{
    if (whence == SEEK_CUR)
        off += f->pos;
    else if (whence != SEEK_SET)
        return -EINVAL;
    if (off < 0)
        return -EINVAL;
    f->pos = off;
    return off;
}

static void proc_file_release(struct file *f)
{
    struct proc_buf *b = f->priv;
    if (b) {
        kfree(b->data);
        kfree(b);
    }
}

static const struct file_ops proc_file_fops = {
    .open = proc_file_open, .read = proc_file_read, .write = proc_file_write, .llseek = proc_file_llseek,
    .release = proc_file_release,
};

/* ---- links ---- */

static struct inode *link_target(struct proc_node *n)
{
    struct task *t = node_task(n);
    if (!t)
        return NULL;
    switch (n->kind) {
    case P_EXE:
        return task_exe_inode ? task_exe_inode(t) : NULL;
    case P_CWD:
        return t->fs ? inode_get(t->fs->cwd) : NULL;
    case P_ROOT:
        return t->fs ? inode_get(t->fs->root) : NULL;
    case P_FD: {
        struct fdtable *fdt = t->files;
        if (!fdt || (unsigned)n->fd >= fdt->size || !fdt->files[n->fd])
            return NULL;
        return inode_get(fdt->files[n->fd]->inode);
    }
    default:
        return NULL;
    }
}

static struct inode *proc_magic_link(struct inode *inode)
{
    struct proc_node *n = node_of(inode);
    if (n->kind == P_SELF || n->kind == P_THREAD_SELF || n->kind == P_SYMLINK)
        return NULL;
    return link_target(n);
}

int proc_inode_path(struct inode *to, char *buf, size_t size)
{
    if (S_ISSOCK(to->mode) && to->anon)
        return snprintf(buf, size, "socket:[%lu]", (unsigned long)to->ino);
    if (S_ISFIFO(to->mode) && to->anon)
        return snprintf(buf, size, "pipe:[%lu]", (unsigned long)to->ino);
    if (to->anon)
        return snprintf(buf, size, "anon_inode:[%lu]", (unsigned long)to->ino);
    if (to->nlink == 0 && to->dead_path)
        return snprintf(buf, size, "%s (deleted)", to->dead_path);
    return vfs_d_path(to, buf, size);
}

static int proc_get_link(struct inode *inode, const char **target)
{
    struct proc_node *n = node_of(inode);
    struct task *self = current_task();
    *target = n->link;
    if (n->kind == P_SELF)
        return snprintf(n->link, sizeof(n->link), "%d", self ? self->pid : 0);
    if (n->kind == P_SYMLINK)
        return snprintf(n->link, sizeof(n->link), "%s", root_links[n->fd].target);
    if (n->kind == P_THREAD_SELF)
        return snprintf(n->link, sizeof(n->link), "%d/task/%d", self ? self->pid : 0, self ? self->tid : 0);
    if (n->kind == P_FD) {
        struct task *t = node_task(n);
        struct fdtable *fdt = t ? t->files : NULL;
        struct file *f = fdt && (unsigned)n->fd < fdt->size ? fdt->files[n->fd] : NULL;
        if (f && f->ops && f->ops->anon_name)
            return snprintf(n->link, sizeof(n->link), "anon_inode:%s", f->ops->anon_name);
    }
    struct inode *to = link_target(n);
    if (!to)
        return -ENOENT;
    int len = proc_inode_path(to, n->link, sizeof(n->link));
    inode_put(to);
    return len;
}

static const struct inode_ops proc_link_iops = {
    .get_link = proc_get_link,
    .magic_link = proc_magic_link,
};

/* ---- directories ---- */

static void proc_refresh_attrs(struct inode *inode);

/* A lookup's result; attributes that follow the tasks are brought up to date, so that stat
 * by path sees them (an open does the same for fstat). */
static int found(struct inode *inode, struct inode **out)
{
    if (!inode)
        return -ENOENT;
    proc_refresh_attrs(inode);
    *out = inode;
    return 0;
}

/* Processes on the root's nlink, as proc_root_getattr adds nr_processes() (every process,
 * kernel ones too) to the root's own 2 (this root has no subdirectories of its own). */
static void proc_root_count(void)
{
    unsigned n = 2;
    for (struct task *t = task_first(); t; t = task_next(t))
        n += t->tid == t->pid && t->state != TASK_DEAD;
    proc_sb->root->nlink = n;
}

static int proc_root_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    proc_root_count();
    if (name_is(name, len, "self"))
        return found(proc_node(dir, P_SELF, 0, 0, 0, NULL), out);
    if (name_is(name, len, "thread-self"))
        return found(proc_node(dir, P_THREAD_SELF, 0, 0, 0, NULL), out);
    for (size_t i = 0; i < ARRAY_SIZE(root_links); i++)
        if (name_is(name, len, root_links[i].name))
            return found(proc_node(dir, P_SYMLINK, 0, 0, (int)i, NULL), out);
    for (size_t i = 0; i < ARRAY_SIZE(root_files); i++)
        if (name_is(name, len, root_files[i].name))
            return found(proc_node(dir, P_FILE, 0, 0, 0, &root_files[i]), out);
    int pid = parse_int(name, len);
    if (pid > 0 && task_by_pid(pid))
        return found(proc_node(dir, P_PID, pid, 0, 0, NULL), out);
    return -ENOENT;
}

/* A process directory (tid 0) or a thread's (task/<tid>): the entries of its table. */
static int proc_pid_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct proc_node *d = node_of(dir);
    const struct pid_entry *e = d->tid ? TID_BASE : tgid_base;
    size_t ne = d->tid ? TID_BASE_LEN : ARRAY_SIZE(tgid_base);
    if (!node_task(d))
        return -ENOENT;
    for (size_t i = 0; i < ne; i++)
        if (name_is(name, len, e[i].name))
            return found(proc_node(dir, e[i].kind, d->pid, d->tid, 0, e[i].file), out);
    return -ENOENT;
}

/* task/: one directory per live thread of the process. */
static int proc_task_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct proc_node *d = node_of(dir);
    struct task *p = node_task(d), *t = task_by_pid(parse_int(name, len));
    if (!p || !t || t->pid != p->pid || t->state == TASK_DEAD)
        return -ENOENT;
    return found(proc_node(dir, P_TID, d->pid, t->tid, 0, NULL), out);
}

static struct file *task_fd(struct task *t, int fd)
{
    if (!t || fd < 0 || !t->files || (unsigned)fd >= t->files->size)
        return NULL;
    return t->files->files[fd];
}

static int proc_fd_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct proc_node *d = node_of(dir);
    int fd = parse_int(name, len);
    struct file *f = task_fd(node_task(d), fd);
    if (!f)
        return -ENOENT;
    if (d->kind == P_FDINFODIR)
        return found(proc_node(dir, P_FILE, d->pid, d->tid, fd, &f_fdinfo), out);
    *out = proc_node(dir, P_FD, d->pid, d->tid, fd, NULL);
    if (!*out)
        return -ENOMEM;
    /* The link's mode shows the fd's access mode, as Linux's proc_fd_link does. */
    (*out)->mode = S_IFLNK | (f->readable ? 0500 : 0) | (f->writable ? 0300 : 0);
    return 0;
}

static int proc_name_of(struct inode *dir, struct inode *child, char *buf, size_t size)
{
    (void)dir, (void)child, (void)buf, (void)size;
    return -ENOENT;
}

/* Directory listings: ".", "..", then the entries; pos counts entries emitted. */
static bool emit_at(struct dir_context *ctx, int64_t idx, const char *name, uint64_t ino, unsigned type)
{
    if (ctx->pos > idx)
        return true;
    if (!ctx->emit(ctx, name, strlen(name), ino, type))
        return false;
    ctx->pos = idx + 1;
    return true;
}

static bool emit_node(struct dir_context *ctx, int64_t *i, const char *name, struct inode *in)
{
    return !in || emit_at(ctx, (*i)++, name, in->ino, dtype_of(in->mode));
}

static void iterate_root(struct inode *dir, struct dir_context *ctx, int64_t i)
{
    char name[16];
    for (size_t k = 0; k < ARRAY_SIZE(root_links); k++)
        if (!emit_node(ctx, &i, root_links[k].name, proc_node(dir, P_SYMLINK, 0, 0, (int)k, NULL)))
            return;
    for (size_t k = 0; k < ARRAY_SIZE(root_files); k++)
        if (!emit_node(ctx, &i, root_files[k].name, proc_node(dir, P_FILE, 0, 0, 0, &root_files[k])))
            return;
    if (!emit_node(ctx, &i, "self", proc_node(dir, P_SELF, 0, 0, 0, NULL)) ||
        !emit_node(ctx, &i, "thread-self", proc_node(dir, P_THREAD_SELF, 0, 0, 0, NULL)))
        return;
    for (int pid = 1; pid < 32768; pid++) {   /* processes only: threads are under task/ */
        struct task *t = task_by_pid(pid);
        if (!t || t->tid != t->pid)
            continue;
        snprintf(name, sizeof(name), "%d", pid);
        if (!emit_node(ctx, &i, name, proc_node(dir, P_PID, pid, 0, 0, NULL)))
            return;
    }
}

unsigned proc_max_fds(const struct task *t)
{
    return t->files ? MAX(t->files->size, 64u) : 0;
}

/* fd/ and fdinfo/ as proc_readfd_common walks them: fd k sits at position k + 2 (so a
 * record's d_off is the next open fd + 2), and the walk ends at the table's size + 2. */
static void iterate_fds(struct inode *dir, struct task *t, struct dir_context *ctx)
{
    char name[16];
    unsigned max = proc_max_fds(t);
    for (unsigned fd = ctx->pos > 2 ? (unsigned)ctx->pos - 2 : 0; fd < max; fd++) {
        struct inode *in;
        snprintf(name, sizeof(name), "%u", fd);
        if (!task_fd(t, (int)fd) || proc_fd_lookup(dir, name, strlen(name), &in) != 0)
            continue;
        ctx->pos = fd + 2;
        if (!ctx->emit(ctx, name, strlen(name), in->ino, dtype_of(in->mode)))
            return;
    }
    ctx->pos = max + 2;
}

static void iterate_tasks(struct inode *dir, struct proc_node *d, struct task *p, struct dir_context *ctx, int64_t i)
{
    char name[16];
    for (int tid = 1; tid < 32768; tid++) {
        struct task *t = task_by_pid(tid);
        if (!t || t->pid != p->pid || t->state == TASK_DEAD)
            continue;
        snprintf(name, sizeof(name), "%d", tid);
        if (!emit_node(ctx, &i, name, proc_node(dir, P_TID, d->pid, tid, 0, NULL)))
            return;
    }
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
    struct inode *dir = f->inode;
    int64_t i = 0;
    if (!emit_at(ctx, i++, ".", dir->ino, dtype_of(S_IFDIR)) ||
        !emit_at(ctx, i++, "..", dir->parent->ino, dtype_of(S_IFDIR)))
        return 0;
    if (dir == proc_sb->root) {
        iterate_root(dir, ctx, i);
        return 0;
    }
    struct proc_node *d = node_of(dir);
    struct task *t = node_task(d);
    if (!t)
        return 0;
    if (d->kind == P_FDDIR || d->kind == P_FDINFODIR) {
        iterate_fds(dir, t, ctx);
    } else if (d->kind == P_TASKDIR) {
        iterate_tasks(dir, d, t, ctx, i);
    } else {
        const struct pid_entry *e = d->tid ? TID_BASE : tgid_base;
        size_t ne = d->tid ? TID_BASE_LEN : ARRAY_SIZE(tgid_base);
        for (size_t k = 0; k < ne; k++)
            if (!emit_node(ctx, &i, e[k].name, proc_node(dir, e[k].kind, d->pid, d->tid, 0, e[k].file)))
                return 0;
    }
    return 0;
}

static long proc_dir_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)f, (void)to, (void)pos;
    return -EISDIR;
}

/* Attributes that follow the tasks, as Linux's getattr ops compute them: the root's link
 * count (the processes), task/'s (the threads, proc_task_getattr), and fd/'s size (the open
 * descriptors, proc_fd_getattr since Linux 6.2). */
static void proc_refresh_attrs(struct inode *inode)
{
    if (inode == proc_sb->root) {
        proc_root_count();
        return;
    }
    struct proc_node *n = node_of(inode);
    struct task *t = n->kind == P_TASKDIR || n->kind == P_FDDIR ? node_task(n) : NULL;
    if (n->kind == P_TASKDIR) {
        inode->nlink = 2 + (t ? (unsigned)thread_group_size(t) : 0);
    } else if (n->kind == P_FDDIR) {
        inode->size = 0;
        for (int fd = 0; t && (unsigned)fd < proc_max_fds(t); fd++)
            inode->size += task_fd(t, fd) != NULL;
    }
}

static int proc_dir_open(struct inode *inode, struct file *f)
{
    (void)f;
    proc_refresh_attrs(inode);
    return 0;
}

static const struct inode_ops proc_root_iops = { .lookup = proc_root_lookup, .name_of = proc_name_of };
static const struct inode_ops proc_pid_iops = { .lookup = proc_pid_lookup, .name_of = proc_name_of };
static const struct inode_ops proc_task_iops = { .lookup = proc_task_lookup, .name_of = proc_name_of };
static const struct inode_ops proc_fd_iops = { .lookup = proc_fd_lookup, .name_of = proc_name_of };
static const struct file_ops proc_dir_fops = {
    .open = proc_dir_open, .read = proc_dir_read, .llseek = proc_file_llseek, .iterate = proc_iterate,
};

/* Turn the (empty) super block mounted on /proc into procfs. */
void procfs_init(struct super_block *sb)
{
    proc_sb = sb;
    nodes = NULL;   /* a new tree (check mode): the old nodes stay with the old proc */
    sb->blksize = 1024;   /* proc's block size, as st_blksize shows it */
    sb->root->size = 0;
    sb->root->iops = &proc_root_iops;
    sb->root->fops = &proc_dir_fops;
}
