/*
 * procfs.c — the tree of /proc: the root (its files, self, thread-self and one directory
 * per process), /proc/<pid>/ and /proc/<pid>/task/<tid>/ (the same entries per thread, as
 * fs/proc/base.c's tgid_base_stuff and tid_base_stuff list them, in that order), fd/ and
 * fdinfo/, and the links. Directories are computed when looked up or listed (from the task
 * list); every node made is kept, so the same path keeps its inode number. Files are
 * generated into a buffer at a read from position 0 and the reads after it walk it, as
 * Linux's seq_file does; what they print is in proc_base.c, proc_misc.c, proc_pid_status.c,
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
    P_SELF, P_THREAD_SELF, P_ENTRY, P_PID, P_TASKDIR, P_TID, P_FDDIR, P_FDINFODIR,
    P_EXE, P_CWD, P_ROOT, P_FD, P_FILE, P_EMPTYDIR,
};

/* A node: pid is the process directory it is under (0: the root), tid the thread directory
 * (0: none), fd the descriptor of fd/N and fdinfo/N; entry the fixed entry (P_ENTRY) of
 * proc_root.c's tables it stands for. */
struct proc_node {
    struct proc_node *next;
    enum proc_kind kind;
    int pid, tid, fd;
    const struct proc_file *file;
    const struct proc_dir_entry *entry;
    struct inode *inode;
    char link[FS_PATH_MAX];
};

/* An entry of a process or thread directory; only: in tgid_base_stuff (TGID) or in
 * tid_base_stuff (TID) alone, else in both. */
enum { BOTH, TGID, TID };
struct pid_entry {
    const char *name;
    enum proc_kind kind;
    const struct proc_file *file;
    int only;
};

/* Linux's positions in the root listing: the fixed entries from 2, self and thread-self at
 * FIRST_PROCESS_ENTRY, process p at TGID_OFFSET + p, and the end past PID_MAX_LIMIT. */
#define FIRST_PROCESS_ENTRY 256
#define TGID_OFFSET (FIRST_PROCESS_ENTRY + 2)
#define PID_MAX_LIMIT 4194304
#define PROC_PID_SCAN 32768   /* the pids this kernel hands out are below this */

static struct proc_node *nodes;
static struct super_block *proc_sb;

static const struct inode_ops proc_root_iops, proc_pid_iops, proc_task_iops, proc_fd_iops, proc_link_iops,
    proc_entry_iops, proc_empty_iops;
static const struct file_ops proc_dir_fops, proc_file_fops, proc_pid_file_fops;

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

static unsigned kind_mode(enum proc_kind kind, const struct proc_file *file, const struct proc_dir_entry *e)
{
    switch (kind) {
    case P_ENTRY: return e->mode & 07777 ? e->mode : e->mode | (S_ISDIR(e->mode) ? 0555 : 0444);
    case P_EMPTYDIR: return S_IFDIR | (file->mode ? file->mode : 0555);
    case P_PID: case P_TASKDIR: case P_TID: return S_IFDIR | 0555;
    case P_FDDIR: return S_IFDIR | 0500;
    case P_FDINFODIR: return S_IFDIR | 0555;
    case P_FILE: return S_IFREG | (file->mode ? file->mode : 0444);
    case P_FD: return S_IFLNK | 0700;
    default: return S_IFLNK | 0777;
    }
}

static const struct inode_ops *kind_iops(enum proc_kind kind, unsigned mode)
{
    switch (kind) {
    case P_ENTRY: return S_ISDIR(mode) ? &proc_entry_iops : S_ISLNK(mode) ? &proc_link_iops : NULL;
    case P_EMPTYDIR: return &proc_empty_iops;
    case P_PID: case P_TID: return &proc_pid_iops;
    case P_TASKDIR: return &proc_task_iops;
    case P_FDDIR: case P_FDINFODIR: return &proc_fd_iops;
    case P_FILE: return NULL;
    default: return &proc_link_iops;
    }
}

/* A fixed directory's link count: 2 and its subdirectories, as proc_register counts them. */
static unsigned entry_nlink(const struct proc_dir_entry *sub)
{
    unsigned n = 2;
    for (; sub && sub->name; sub++)
        n += S_ISDIR(sub->mode);
    return n;
}

/* The node for (kind, pid, tid, fd, file, entry), made on first use; its parent is dir. */
static struct inode *proc_node_of(struct inode *dir, enum proc_kind kind, int pid, int tid, int fd,
                                  const struct proc_file *file, const struct proc_dir_entry *e)
{
    for (struct proc_node *n = nodes; n; n = n->next)
        if (n->kind == kind && n->pid == pid && n->tid == tid && n->fd == fd && n->file == file && n->entry == e)
            return n->inode;
    struct proc_node *n = kzalloc(sizeof(*n));
    unsigned mode = kind_mode(kind, file, e);
    struct inode *inode = n ? inode_alloc(proc_sb, mode) : NULL;
    if (!inode) {
        kfree(n);
        return NULL;
    }
    *n = (struct proc_node){ nodes, kind, pid, tid, fd, file, e, inode, "" };
    inode->priv = n;
    inode->nlink = kind == P_PID ? PID_DIR_NLINK : kind == P_TID ? TID_DIR_NLINK
                 : kind == P_ENTRY && S_ISDIR(mode) ? (e->sysctl ? 1 : entry_nlink(e->subdir))
                 : S_ISDIR(mode) ? 2 : 1;
    inode->parent = dir;
    /* st_size: a plain symlink's is its target's length (proc_symlink), an fd link's 64
     * (proc_fd_instantiate); the rest 0 */
    inode->size = kind == P_ENTRY && S_ISLNK(mode) ? strlen(e->target) : kind == P_FD ? 64 : 0;
    inode->iops = kind_iops(kind, mode);
    inode->fops = S_ISDIR(mode) ? &proc_dir_fops
                : !S_ISREG(mode) ? NULL
                : file && file->fops ? file->fops
                : kind == P_ENTRY ? &proc_file_fops : &proc_pid_file_fops;
    nodes = n;
    return inode;
}

static struct inode *proc_node(struct inode *dir, enum proc_kind kind, int pid, int tid, int fd,
                               const struct proc_file *file)
{
    return proc_node_of(dir, kind, pid, tid, fd, file, NULL);
}

/* The node of a fixed entry (proc_root.c, proc_sys.c). */
static struct inode *proc_entry_node(struct inode *dir, const struct proc_dir_entry *e)
{
    return proc_node_of(dir, P_ENTRY, 0, 0, 0, e->file, e);
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

struct task *proc_inode_task(struct inode *inode)
{
    const struct proc_node *n = node_of(inode);
    return n->pid ? node_task(n) : current_task();
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

static const struct proc_file f_fdinfo = { .name = "fdinfo", .show_fd = proc_show_fdinfo };

/* An entry of the process tables: a file with its show, mode and world flag. */
#define PF(nm, fn, md, w, o) \
    { nm, P_FILE, &(const struct proc_file){ .name = nm, .show = fn, .mode = md, .world = w }, o }
/* A file this kernel has nothing to print in yet (empty), a directory with nothing in it. */
#define PEMPTY(nm, md, o) PF(nm, proc_show_empty, md, false, o)
#define PDIR(nm, md, o) { nm, P_EMPTYDIR, &(const struct proc_file){ .name = nm, .mode = md }, o }

/* Linux 6.x's tgid_base_stuff and tid_base_stuff merged, in their order. */
static const struct pid_entry pid_base[] = {
    { "task", P_TASKDIR, NULL, TGID },
    { "fd", P_FDDIR, NULL, BOTH },
    PDIR("map_files", 0500, TGID),
    { "fdinfo", P_FDINFODIR, NULL, BOTH },
    PDIR("ns", 0511, BOTH),
    PDIR("net", 0555, BOTH),
    PF("environ", proc_show_environ, 0400, false, BOTH),
    PF("auxv", proc_show_auxv, 0400, false, BOTH),
    PF("status", proc_pid_status, 0, false, BOTH),
    PF("personality", proc_show_personality, 0400, false, BOTH),
    PF("limits", proc_show_limits, 0, false, BOTH),
    PEMPTY("sched", 0644, BOTH),
    PF("autogroup", proc_show_autogroup, 0644, true, TGID),
    PF("timens_offsets", proc_show_timens_offsets, 0644, false, TGID),
    { "comm", P_FILE, &(const struct proc_file){ .name = "comm", .show = proc_show_comm, .mode = 0644,
                                                 .write = proc_write_comm }, BOTH },
    PEMPTY("syscall", 0400, BOTH),
    PF("cmdline", proc_show_cmdline, 0, false, BOTH),
    PF("stat", proc_pid_stat, 0, false, BOTH),
    PF("statm", proc_pid_statm, 0, false, BOTH),
    PF("maps", proc_pid_maps, 0, false, BOTH),
    PF("children", proc_show_children, 0, false, TID),
    PEMPTY("numa_maps", 0444, BOTH),
    { "mem", P_FILE, &(const struct proc_file){ .name = "mem", .mode = 0600, .fops = &proc_mem_fops }, BOTH },
    { "cwd", P_CWD, NULL, BOTH },
    { "root", P_ROOT, NULL, BOTH },
    { "exe", P_EXE, NULL, BOTH },
    PF("mounts", proc_show_mounts, 0, false, BOTH),
    PF("mountinfo", proc_show_mountinfo, 0, false, BOTH),
    PEMPTY("mountstats", 0400, TGID),
    PEMPTY("clear_refs", 0200, BOTH),
    PEMPTY("smaps", 0444, BOTH),
    PEMPTY("smaps_rollup", 0444, BOTH),
    PEMPTY("pagemap", 0400, BOTH),
    PDIR("attr", 0555, BOTH),
    PF("wchan", proc_show_wchan, 0, false, BOTH),
    PEMPTY("stack", 0400, BOTH),
    PF("schedstat", proc_show_schedstat, 0, true, BOTH),
    PF("cpuset", proc_show_cpuset, 0, true, BOTH),
    PF("cgroup", proc_show_cgroup, 0, true, BOTH),
    PF("oom_score", proc_show_oom_score, 0, true, BOTH),
    PF("oom_adj", proc_show_oom_adj, 0644, false, BOTH),
    PF("oom_score_adj", proc_show_oom_score_adj, 0644, false, BOTH),
    PF("loginuid", proc_show_loginuid, 0644, false, BOTH),
    PF("sessionid", proc_show_sessionid, 0, false, BOTH),
    PF("coredump_filter", proc_show_coredump_filter, 0644, false, TGID),
    PF("io", proc_show_io, 0400, false, BOTH),
    PF("uid_map", proc_show_id_map, 0644, false, BOTH),
    PF("gid_map", proc_show_id_map, 0644, false, BOTH),
    PF("projid_map", proc_show_id_map, 0644, false, BOTH),
    PF("setgroups", proc_show_setgroups, 0644, false, BOTH),
    PEMPTY("timers", 0444, TGID),
    PF("timerslack_ns", proc_show_timerslack_ns, 0666, false, TGID),
    PF("arch_status", proc_show_arch_status, 0, true, BOTH),
    PF("ksm_merging_pages", proc_show_ksm_merging_pages, 0400, false, BOTH),
    PF("ksm_stat", proc_show_ksm_stat, 0400, false, BOTH),
};

/* Whether entry e is in a process directory (tid 0) or a thread's. */
static bool pid_entry_in(const struct pid_entry *e, int tid)
{
    return e->only == BOTH || e->only == (tid ? TID : TGID);
}

/* ---- generated files ---- */

struct proc_buf {
    char *data;
    size_t len;
    bool filled;
};

#define PROC_BUF_SIZE (4 * PAGE_SIZE)

/* The text is made at a read from position 0 (the first, or one after a seek back), as
 * seq_read_iter starts over there, and the reads after it walk it: a file read by the
 * process it shows sees itself in that read (syscall, fdinfo's pos). */
static int proc_file_open(struct inode *inode, struct file *f)
{
    if (!proc_inode_task(inode))
        return -ESRCH;
    struct proc_buf *b = kzalloc(sizeof(*b));
    char *data = kmalloc(PROC_BUF_SIZE);
    if (!b || !data) {
        kfree(b);
        kfree(data);
        return -ENOMEM;
    }
    b->data = data;
    f->priv = b;
    return 0;
}

static int proc_file_fill(struct file *f, struct proc_buf *b)
{
    struct proc_node *n = node_of(f->inode);
    struct task *t = proc_inode_task(f->inode);
    if (!t)
        return -ESRCH;
    int len = n->file->show_fd ? n->file->show_fd(t, n->fd, b->data, PROC_BUF_SIZE)
                               : n->file->show(t, b->data, PROC_BUF_SIZE);
    if (len < 0)
        return len;
    b->len = MIN((size_t)len, PROC_BUF_SIZE);
    b->filled = true;
    return 0;
}

static long proc_file_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    struct proc_buf *b = f->priv;
    if (*pos == 0 || !b->filled) {
        int err = proc_file_fill(f, b);
        if (err < 0)
            return err;
    }
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
    struct task *t = proc_inode_task(f->inode);
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

/* The root's and /proc/sys's files splice (proc_reg's copy_splice_read); a process's are
 * seq_files without splice_read: sendfile from them is EINVAL. */
static const struct file_ops proc_file_fops = {
    .open = proc_file_open, .read = proc_file_read, .write = proc_file_write, .llseek = proc_file_llseek,
    .release = proc_file_release,
};
static const struct file_ops proc_pid_file_fops = {
    .open = proc_file_open, .read = proc_file_read, .write = proc_file_write, .llseek = proc_file_llseek,
    .release = proc_file_release, .no_splice_read = true,
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
    if (n->kind == P_SELF || n->kind == P_THREAD_SELF || n->kind == P_ENTRY)
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
    if (n->kind == P_ENTRY)
        return snprintf(n->link, sizeof(n->link), "%s", n->entry->target);
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
 * kernel ones too) to the root's own 2 and its fixed subdirectories. */
static void proc_root_count(void)
{
    unsigned n = entry_nlink(proc_root_entries);
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
    for (const struct proc_dir_entry *e = proc_root_entries; e->name; e++)
        if (name_is(name, len, e->name))
            return found(proc_entry_node(dir, e), out);
    int pid = parse_int(name, len);
    if (pid > 0 && task_by_pid(pid))
        return found(proc_node(dir, P_PID, pid, 0, 0, NULL), out);
    return -ENOENT;
}

/* A process directory (tid 0) or a thread's (task/<tid>): the entries of its table. */
static int proc_pid_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct proc_node *d = node_of(dir);
    if (!node_task(d))
        return -ENOENT;
    for (const struct pid_entry *e = pid_base; e < pid_base + ARRAY_SIZE(pid_base); e++)
        if (pid_entry_in(e, d->tid) && name_is(name, len, e->name))
            return found(proc_node(dir, e->kind, d->pid, d->tid, 0, e->file), out);
    return -ENOENT;
}

/* A fixed directory (proc_root.c, proc_sys.c): its table's entries. */
static int proc_entry_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    for (const struct proc_dir_entry *e = node_of(dir)->entry->subdir; e->name; e++)
        if (name_is(name, len, e->name))
            return found(proc_entry_node(dir, e), out);
    return -ENOENT;
}

static int proc_empty_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    (void)dir, (void)name, (void)len, (void)out;
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

static bool iterate_entries(struct inode *dir, const struct proc_dir_entry *e, struct dir_context *ctx,
                            int64_t i)
{
    for (; e->name; e++)
        if (!emit_node(ctx, &i, e->name, proc_entry_node(dir, e)))
            return false;
    return true;
}

/* The root as proc_root_readdir walks it: the fixed entries from position 2, then
 * proc_pid_readdir from FIRST_PROCESS_ENTRY (self, thread-self, the processes at
 * TGID_OFFSET + pid); a finished walk stands past the last possible pid. */
static void iterate_root(struct inode *dir, struct dir_context *ctx, int64_t i)
{
    char name[16];
    if (ctx->pos < FIRST_PROCESS_ENTRY && !iterate_entries(dir, proc_root_entries, ctx, i))
        return;
    if (ctx->pos < FIRST_PROCESS_ENTRY)
        ctx->pos = FIRST_PROCESS_ENTRY;
    if (!emit_at(ctx, FIRST_PROCESS_ENTRY, "self", proc_node(dir, P_SELF, 0, 0, 0, NULL)->ino, dtype_of(S_IFLNK)) ||
        !emit_at(ctx, FIRST_PROCESS_ENTRY + 1, "thread-self", proc_node(dir, P_THREAD_SELF, 0, 0, 0, NULL)->ino,
                 dtype_of(S_IFLNK)))
        return;
    for (int pid = (int)MAX(ctx->pos - TGID_OFFSET, 1); pid < PROC_PID_SCAN; pid++) {
        struct task *t = task_by_pid(pid);
        if (!t || t->tid != t->pid)   /* processes only: threads are under task/ */
            continue;
        snprintf(name, sizeof(name), "%d", pid);
        struct inode *in = proc_node(dir, P_PID, pid, 0, 0, NULL);
        ctx->pos = TGID_OFFSET + pid;
        if (in && !ctx->emit(ctx, name, strlen(name), in->ino, dtype_of(S_IFDIR)))
            return;
    }
    ctx->pos = TGID_OFFSET + PID_MAX_LIMIT;
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
    for (int tid = 1; tid < PROC_PID_SCAN; tid++) {
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
    if (d->kind == P_ENTRY) {
        iterate_entries(dir, d->entry->subdir, ctx, i);
        return 0;
    }
    if (d->kind == P_EMPTYDIR)
        return 0;
    struct task *t = node_task(d);
    if (!t)
        return 0;
    if (d->kind == P_FDDIR || d->kind == P_FDINFODIR) {
        iterate_fds(dir, t, ctx);
    } else if (d->kind == P_TASKDIR) {
        iterate_tasks(dir, d, t, ctx, i);
    } else {
        for (const struct pid_entry *e = pid_base; e < pid_base + ARRAY_SIZE(pid_base); e++)
            if (pid_entry_in(e, d->tid) &&
                !emit_node(ctx, &i, e->name, proc_node(dir, e->kind, d->pid, d->tid, 0, e->file)))
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
static const struct inode_ops proc_entry_iops = { .lookup = proc_entry_lookup, .name_of = proc_name_of };
static const struct inode_ops proc_empty_iops = { .lookup = proc_empty_lookup, .name_of = proc_name_of };
static const struct file_ops proc_dir_fops = {
    .open = proc_dir_open, .read = proc_dir_read, .llseek = proc_file_llseek, .iterate = proc_iterate,
};

/* Whether reads of f print the machine's figures (a world file, struct proc_file): the
 * checker takes them as world input. */
bool proc_file_is_world(const struct file *f)
{
    bool generated = f->inode && (f->inode->fops == &proc_file_fops || f->inode->fops == &proc_pid_file_fops);
    const struct proc_node *n = generated ? node_of(f->inode) : NULL;
    return n && n->file && n->file->world;
}

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
