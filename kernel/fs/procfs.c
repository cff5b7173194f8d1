/*
 * procfs.c — /proc: self, <pid>/{exe,cwd,root,fd/,cmdline,environ,comm,stat,status,maps},
 * and meminfo, uptime, cpuinfo, mounts. Directories are computed when looked up or listed
 * (from the task list); every node made is kept, so the same path keeps its inode number.
 * Files are generated at open into a buffer that the reads then walk, as Linux's seq_file
 * does on the first read. exe, cwd, root and fd/N are "magic" links: following one goes to
 * the inode itself, whatever its text says (so a pipe's fd link opens the pipe).
 *
 * The executable of a task comes from kernel/proc (task_exe_inode, a weak hook here until
 * exec records it); argv and the environment are read from the task's memory.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/mm.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

/* exec's record of a task's program file (a reference for the caller), or NULL. */
struct inode *task_exe_inode(struct task *t) __attribute__((weak));

enum proc_kind { P_SELF, P_PID, P_FDDIR, P_EXE, P_CWD, P_ROOT, P_FD, P_FILE };

struct proc_file {
    const char *name;
    int (*show)(struct task *t, char *buf, size_t size);   /* bytes written */
};

struct proc_node {
    struct proc_node *next;
    enum proc_kind kind;
    int pid, fd;
    const struct proc_file *file;
    struct inode *inode;
    char link[FS_PATH_MAX];
};

static struct proc_node *nodes;
static struct super_block *proc_sb;

static const struct inode_ops proc_root_iops, proc_pid_iops, proc_fd_iops, proc_link_iops;
static const struct file_ops proc_dir_fops, proc_file_fops;

static struct proc_node *node_of(struct inode *inode)
{
    return inode->priv;
}

/* The node for (kind, pid, fd, file), made on first use. */
static struct inode *proc_node(enum proc_kind kind, int pid, int fd, const struct proc_file *file)
{
    for (struct proc_node *n = nodes; n; n = n->next)
        if (n->kind == kind && n->pid == pid && n->fd == fd && n->file == file)
            return n->inode;
    struct proc_node *n = kzalloc(sizeof(*n));
    unsigned mode;
    switch (kind) {
    case P_PID: mode = S_IFDIR | 0555; break;
    case P_FDDIR: mode = S_IFDIR | 0500; break;
    case P_FILE: mode = S_IFREG | 0444; break;
    case P_FD: mode = S_IFLNK | 0700; break;
    case P_SELF: mode = S_IFLNK | 0777; break;
    default: mode = S_IFLNK | 0777;
    }
    struct inode *inode = n ? inode_alloc(proc_sb, mode) : NULL;
    if (!inode) {
        kfree(n);
        return NULL;
    }
    n->kind = kind;
    n->pid = pid;
    n->fd = fd;
    n->file = file;
    n->inode = inode;
    inode->priv = n;
    inode->nlink = S_ISDIR(mode) ? 2 : 1;
    inode->parent = proc_sb->root;
    inode->iops = kind == P_PID ? &proc_pid_iops : kind == P_FDDIR ? &proc_fd_iops
                : kind == P_FILE ? NULL : &proc_link_iops;
    inode->fops = S_ISDIR(mode) ? &proc_dir_fops : kind == P_FILE ? &proc_file_fops : NULL;
    n->next = nodes;
    nodes = n;
    return inode;
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

/* ---- generated files ---- */

/* Copy [start, end) of t's memory, as /proc/<pid>/cmdline and environ show it. */
static int show_user_range(struct task *t, uint64_t start, uint64_t end, char *buf, size_t size)
{
    size_t n = 0;
    if (!t->mm)
        return 0;
    for (uint64_t a = start; a < end && n < size;) {
        char *page = mm_user_page(t->mm, a, false);
        if (!page)
            break;
        size_t chunk = MIN(PAGE_SIZE - a % PAGE_SIZE, end - a);
        chunk = MIN(chunk, size - n);
        memcpy(buf + n, page, chunk);
        n += chunk;
        a += chunk;
    }
    return (int)n;
}

static int show_cmdline(struct task *t, char *buf, size_t size)
{
    return t->mm ? show_user_range(t, t->mm->arg_start, t->mm->arg_end, buf, size) : 0;
}

static int show_environ(struct task *t, char *buf, size_t size)
{
    return t->mm ? show_user_range(t, t->mm->env_start, t->mm->env_end, buf, size) : 0;
}

static int show_comm(struct task *t, char *buf, size_t size)
{
    return snprintf(buf, size, "%s\n", t->comm);
}

static char state_char(struct task *t)
{
    if (t == current_task() || t->state == TASK_RUNNABLE)
        return 'R';
    return t->state == TASK_SLEEPING ? 'S' : 'Z';
}

static int show_stat(struct task *t, char *buf, size_t size)
{
    return snprintf(buf, size,
                    "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 0 0 0 "
                    "18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
                    t->pid, t->comm, state_char(t), t->ppid, t->pgid, t->sid);
}

static int show_status(struct task *t, char *buf, size_t size)
{
    static const char *states[] = { "R (running)", "S (sleeping)", "Z (zombie)" };
    char sc = state_char(t);
    const char *st = sc == 'R' ? states[0] : sc == 'S' ? states[1] : states[2];
    unsigned umask = t->fs ? t->fs->umask : 022;
    char um[5] = { '0', (char)('0' + (umask >> 6 & 7)), (char)('0' + (umask >> 3 & 7)), (char)('0' + (umask & 7)), 0 };
    return snprintf(buf, size,
                    "Name:\t%s\nUmask:\t%s\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
                    "TracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%u\nGroups:\t\n"
                    "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\nKthread:\t0\nThreads:\t1\n",
                    t->comm, um, st, t->pid, t->pid, t->ppid, t->uid, t->euid, t->suid, t->euid,
                    t->gid, t->egid, t->sgid, t->egid, t->files ? MAX(t->files->size, 64u) : 0,
                    t->pid, t->pid, t->pgid, t->sid);
}

/* The file a VMA maps and the file offset of its start (pgoff in bytes), for maps; kernel/mm
   provides it once mappings record their file. NULL: anonymous. */
struct file *vma_file(const struct vma *v, uint64_t *offset) __attribute__((weak));

/* Linux's maps line: the fields, then for a named mapping spaces up to column 73 and the name. */
static int maps_line(char *buf, size_t size, const struct vma *v)
{
    uint64_t offset = 0;
    struct file *f = vma_file ? vma_file(v, &offset) : NULL;
    uint32_t dev = f ? f->inode->sb->dev : 0;
    unsigned long ino = f ? (unsigned long)f->inode->ino : 0;
    int n = snprintf(buf, size, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", (unsigned long)v->start,
                     (unsigned long)v->end, v->prot & 1 ? 'r' : '-', v->prot & 2 ? 'w' : '-',
                     v->prot & 4 ? 'x' : '-', v->flags & VMA_SHARED ? 's' : 'p', (unsigned long)offset,
                     (dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00), ino);
    char *path = f ? kmalloc(FS_PATH_MAX) : NULL;
    const char *name = NULL;
    if (path && vfs_d_path(f->inode, path, FS_PATH_MAX) >= 0)
        name = path;
    else if (!f && (v->flags & VMA_HEAP))
        name = "[heap]";
    else if (!f && (v->flags & VMA_STACK))
        name = "[stack]";
    if (name && n >= 0 && (size_t)n < size) {
        while (n < 73 && (size_t)n + 1 < size)
            buf[n++] = ' ';
        n += snprintf(buf + n, size - (size_t)n, "%s", name);
    }
    kfree(path);
    return n;
}

static int show_maps(struct task *t, char *buf, size_t size)
{
    int n = 0;
    if (!t->mm)
        return 0;
    for (struct vma *v = t->mm->vmas; v && (size_t)n + 1 < size; v = v->next) {
        n += maps_line(buf + n, size - (size_t)n, v);
        if ((size_t)n + 1 < size)
            buf[n++] = '\n';
    }
    return n;
}

static int show_uptime(struct task *t, char *buf, size_t size)
{
    (void)t;
    uint64_t ns = time_now_ns(CLOCK_MONOTONIC), cs = ns / 10000000;
    return snprintf(buf, size, "%lu.%02lu %lu.%02lu\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100),
                    (unsigned long)(cs / 100), (unsigned long)(cs % 100));
}

static int show_meminfo(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "MemTotal:         524288 kB\nMemFree:          262144 kB\n"
                               "MemAvailable:     262144 kB\nBuffers:               0 kB\n"
                               "Cached:                0 kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n");
}

static int show_cpuinfo(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: QEMU Virtual CPU\n"
                               "cpu MHz\t\t: 2000.000\ncache size\t: 4096 KB\nflags\t\t: fpu sse sse2\n\n");
}

/* As the recording sandbox mounts them (recorder/sandbox_init.c). */
static int show_mounts(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "lockstep-root / tmpfs rw,relatime,mode=755 0 0\n"
                               "tmpfs /tmp tmpfs rw,nosuid,nodev,relatime 0 0\n"
                               "devtmp /dev tmpfs rw,nosuid,relatime,mode=755 0 0\n"
                               "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
}

/* /proc/<pid>/limits: Linux's table, from the task's rlimits. */
static int show_limits(struct task *t, char *buf, size_t size)
{
    static const struct { const char *name, *unit; } rows[RLIM_NLIMITS] = {
        [RLIMIT_CPU] = { "Max cpu time", "seconds" },
        [RLIMIT_FSIZE] = { "Max file size", "bytes" },
        [RLIMIT_DATA] = { "Max data size", "bytes" },
        [RLIMIT_STACK] = { "Max stack size", "bytes" },
        [RLIMIT_CORE] = { "Max core file size", "bytes" },
        [RLIMIT_RSS] = { "Max resident set", "bytes" },
        [RLIMIT_NPROC] = { "Max processes", "processes" },
        [RLIMIT_NOFILE] = { "Max open files", "files" },
        [RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
        [RLIMIT_AS] = { "Max address space", "bytes" },
        [RLIMIT_LOCKS] = { "Max file locks", "locks" },
        [RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
        [RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
        [RLIMIT_NICE] = { "Max nice priority", "" },
        [RLIMIT_RTPRIO] = { "Max realtime priority", "" },
        [RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
    };
    int n = snprintf(buf, size, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
    for (int i = 0; i < RLIM_NLIMITS && (size_t)n < size; i++) {
        char soft[24], hard[24];
        uint64_t c = t->rlim[i].rlim_cur, m = t->rlim[i].rlim_max;
        if (c == RLIM_INFINITY)
            snprintf(soft, sizeof(soft), "unlimited");
        else
            snprintf(soft, sizeof(soft), "%lu", (unsigned long)c);
        if (m == RLIM_INFINITY)
            snprintf(hard, sizeof(hard), "unlimited");
        else
            snprintf(hard, sizeof(hard), "%lu", (unsigned long)m);
        if (*rows[i].unit)
            n += snprintf(buf + n, size - (size_t)n, "%-25s %-20s %-20s %-10s\n", rows[i].name, soft, hard,
                          rows[i].unit);
        else
            n += snprintf(buf + n, size - (size_t)n, "%-25s %-20s %-20s \n", rows[i].name, soft, hard);
    }
    return n;
}

static int show_loadavg(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "0.00 0.00 0.00 1/1 %d\n", current_task() ? current_task()->pid : 1);
}

/* The recording host's list (Debian's 6.x kernel), so that programs reading it agree. */
static int show_filesystems(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "%s",
                    "nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tcgroup\nnodev\tcgroup2\nnodev\tcpuset\n"
                    "nodev\tdevtmpfs\nnodev\tbinfmt_misc\nnodev\tdebugfs\nnodev\ttracefs\nnodev\tsecurityfs\n"
                    "nodev\tsockfs\nnodev\tbpf\nnodev\tpipefs\nnodev\tramfs\nnodev\thugetlbfs\nnodev\tdevpts\n"
                    "\text3\n\text2\n\text4\n\tsquashfs\nnodev\tautofs\n\tfuseblk\nnodev\tfuse\nnodev\tfusectl\n"
                    "nodev\toverlay\n\txfs\n\terofs\nnodev\tmqueue\n\tbtrfs\nnodev\tpstore\n");
}

/* As the recording sandbox mounts them; ids and devices are this kernel's. */
static int show_mountinfo(struct task *t, char *buf, size_t size)
{
    (void)t;
    struct inode *root = vfs_root();
    static const struct { const char *path, *opts, *fs, *src, *sopts; } m[] = {
        { "/", "rw,relatime", "tmpfs", "lockstep-root", "rw,mode=755" },
        { "/tmp", "rw,nosuid,nodev,relatime", "tmpfs", "tmpfs", "rw" },
        { "/dev", "rw,nosuid,relatime", "tmpfs", "devtmp", "rw,mode=755" },
        { "/proc", "rw,nosuid,nodev,noexec,relatime", "proc", "proc", "rw" },
    };
    int n = 0, root_id = root->sb->mnt_id;
    for (size_t i = 0; i < ARRAY_SIZE(m) && (size_t)n < size; i++) {
        struct inode *in = NULL;
        struct super_block *sb = root->sb;
        if (i && vfs_lookup_at(AT_FDCWD, m[i].path, LOOKUP_FOLLOW, &in) == 0) {
            sb = in->sb;
            inode_put(in);
        }
        n += snprintf(buf + n, size - (size_t)n, "%d %d 0:%u / %s %s - %s %s %s\n", sb->mnt_id,
                      i ? root_id : 1, sb->dev & 0xff, m[i].path, m[i].opts, m[i].fs, m[i].src, m[i].sopts);
    }
    return n;
}

/* Linux lists a pid directory's entries in this order (a subset of it). */
static const struct proc_file pid_files[] = {
    { "environ", show_environ }, { "status", show_status }, { "cmdline", show_cmdline },
    { "stat", show_stat }, { "maps", show_maps }, { "comm", show_comm }, { "limits", show_limits },
    { "mountinfo", show_mountinfo }, { "mounts", show_mounts },
};
/* The root's files, alphabetical as Linux's proc root lists them. */
static const struct proc_file root_files[] = {
    { "cpuinfo", show_cpuinfo }, { "filesystems", show_filesystems }, { "loadavg", show_loadavg },
    { "meminfo", show_meminfo }, { "mounts", show_mounts }, { "uptime", show_uptime },
};

struct proc_buf {
    char *data;
    size_t len;
};

static int proc_file_open(struct inode *inode, struct file *f)
{
    struct proc_node *n = node_of(inode);
    struct task *t = n->pid ? task_by_pid(n->pid) : current_task();
    if (!t)
        return -ESRCH;
    struct proc_buf *b = kzalloc(sizeof(*b));
    char *data = kmalloc(4 * PAGE_SIZE);
    if (!b || !data) {
        kfree(b);
        kfree(data);
        return -ENOMEM;
    }
    int len = n->file->show(t, data, 4 * PAGE_SIZE);
    b->data = data;
    b->len = len < 0 ? 0 : MIN((size_t)len, 4 * PAGE_SIZE);
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
    .open = proc_file_open, .read = proc_file_read, .llseek = proc_file_llseek, .release = proc_file_release,
};

/* ---- links ---- */

static struct inode *link_target(struct proc_node *n)
{
    struct task *t = task_by_pid(n->pid);
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
    if (n->kind == P_SELF)
        return NULL;
    return link_target(n);
}

static int proc_get_link(struct inode *inode, const char **target)
{
    struct proc_node *n = node_of(inode);
    *target = n->link;
    if (n->kind == P_SELF) {
        struct task *t = current_task();
        return snprintf(n->link, sizeof(n->link), "%d", t ? t->pid : 0);
    }
    if (n->kind == P_FD) {
        struct task *t = task_by_pid(n->pid);
        struct fdtable *fdt = t ? t->files : NULL;
        struct file *f = fdt && (unsigned)n->fd < fdt->size ? fdt->files[n->fd] : NULL;
        if (f && f->ops && f->ops->anon_name)
            return snprintf(n->link, sizeof(n->link), "anon_inode:%s", f->ops->anon_name);
    }
    struct inode *to = link_target(n);
    if (!to)
        return -ENOENT;
    int len;
    if (S_ISSOCK(to->mode) && to->anon)
        len = snprintf(n->link, sizeof(n->link), "socket:[%lu]", (unsigned long)to->ino);
    else if (S_ISFIFO(to->mode) && to->anon)
        len = snprintf(n->link, sizeof(n->link), "pipe:[%lu]", (unsigned long)to->ino);
    else if (to->anon)
        len = snprintf(n->link, sizeof(n->link), "anon_inode:[%lu]", (unsigned long)to->ino);
    else if (to->nlink == 0 && to->dead_path)
        len = snprintf(n->link, sizeof(n->link), "%s (deleted)", to->dead_path);
    else
        len = vfs_d_path(to, n->link, sizeof(n->link));
    inode_put(to);
    return len;
}

static const struct inode_ops proc_link_iops = {
    .get_link = proc_get_link,
    .magic_link = proc_magic_link,
};

/* ---- directories ---- */

static int proc_root_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    (void)dir;
    struct inode *inode = NULL;
    if (name_is(name, len, "self")) {
        inode = proc_node(P_SELF, 0, 0, NULL);
    } else {
        for (size_t i = 0; i < ARRAY_SIZE(root_files); i++)
            if (name_is(name, len, root_files[i].name))
                inode = proc_node(P_FILE, 0, 0, &root_files[i]);
        int pid = parse_int(name, len);
        if (!inode && pid > 0 && task_by_pid(pid))
            inode = proc_node(P_PID, pid, 0, NULL);
    }
    if (!inode)
        return -ENOENT;
    *out = inode;
    return 0;
}

static int proc_pid_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    int pid = node_of(dir)->pid;
    struct inode *inode = NULL;
    if (!task_by_pid(pid))
        return -ENOENT;
    if (name_is(name, len, "exe"))
        inode = proc_node(P_EXE, pid, 0, NULL);
    else if (name_is(name, len, "cwd"))
        inode = proc_node(P_CWD, pid, 0, NULL);
    else if (name_is(name, len, "root"))
        inode = proc_node(P_ROOT, pid, 0, NULL);
    else if (name_is(name, len, "fd"))
        inode = proc_node(P_FDDIR, pid, 0, NULL);
    for (size_t i = 0; !inode && i < ARRAY_SIZE(pid_files); i++)
        if (name_is(name, len, pid_files[i].name))
            inode = proc_node(P_FILE, pid, 0, &pid_files[i]);
    if (!inode)
        return -ENOENT;
    if (inode->parent == proc_sb->root && inode != dir)
        inode->parent = dir;
    *out = inode;
    return 0;
}

static int proc_fd_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    int pid = node_of(dir)->pid, fd = parse_int(name, len);
    struct task *t = task_by_pid(pid);
    if (!t || fd < 0 || !t->files || (unsigned)fd >= t->files->size || !t->files->files[fd])
        return -ENOENT;
    *out = proc_node(P_FD, pid, fd, NULL);
    if (!*out)
        return -ENOMEM;
    (*out)->parent = dir;
    /* The link's mode shows the fd's access mode, as Linux's proc_fd_link does. */
    struct file *f = t->files->files[fd];
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

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
    struct inode *dir = f->inode;
    int64_t i = 0;
    char name[16];
    if (!emit_at(ctx, i++, ".", dir->ino, dtype_of(S_IFDIR)) ||
        !emit_at(ctx, i++, "..", dir->parent->ino, dtype_of(S_IFDIR)))
        return 0;
    if (dir == proc_sb->root) {
        for (size_t k = 0; k < ARRAY_SIZE(root_files); k++) {
            struct inode *in = proc_node(P_FILE, 0, 0, &root_files[k]);
            if (in && !emit_at(ctx, i++, root_files[k].name, in->ino, dtype_of(in->mode)))
                return 0;
        }
        struct inode *self = proc_node(P_SELF, 0, 0, NULL);
        if (self && !emit_at(ctx, i++, "self", self->ino, dtype_of(S_IFLNK)))
            return 0;
        for (int pid = 1; pid < 32768; pid++) {
            if (!task_by_pid(pid))
                continue;
            struct inode *in = proc_node(P_PID, pid, 0, NULL);
            snprintf(name, sizeof(name), "%d", pid);
            if (in && !emit_at(ctx, i++, name, in->ino, dtype_of(S_IFDIR)))
                return 0;
        }
        return 0;
    }
    struct proc_node *n = node_of(dir);
    struct task *t = task_by_pid(n->pid);
    if (!t)
        return 0;
    if (n->kind == P_FDDIR) {
        for (unsigned fd = 0; t->files && fd < t->files->size; fd++) {
            if (!t->files->files[fd])
                continue;
            struct inode *in = proc_node(P_FD, n->pid, (int)fd, NULL);
            snprintf(name, sizeof(name), "%u", fd);
            if (in && !emit_at(ctx, i++, name, in->ino, dtype_of(S_IFLNK)))
                return 0;
        }
        return 0;
    }
    static const char *links[] = { "fd", "cwd", "root", "exe" };
    for (size_t k = 0; k < ARRAY_SIZE(links); k++) {
        struct inode *in;
        if (proc_pid_lookup(dir, links[k], strlen(links[k]), &in) == 0 &&
            !emit_at(ctx, i++, links[k], in->ino, dtype_of(in->mode)))
            return 0;
    }
    for (size_t k = 0; k < ARRAY_SIZE(pid_files); k++) {
        struct inode *in = proc_node(P_FILE, n->pid, 0, &pid_files[k]);
        if (in && !emit_at(ctx, i++, pid_files[k].name, in->ino, dtype_of(S_IFREG)))
            return 0;
    }
    return 0;
}

static long proc_dir_read(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)f, (void)to, (void)pos;
    return -EISDIR;
}

static const struct inode_ops proc_root_iops = { .lookup = proc_root_lookup, .name_of = proc_name_of };
static const struct inode_ops proc_pid_iops = { .lookup = proc_pid_lookup, .name_of = proc_name_of };
static const struct inode_ops proc_fd_iops = { .lookup = proc_fd_lookup, .name_of = proc_name_of };
static const struct file_ops proc_dir_fops = {
    .read = proc_dir_read, .llseek = proc_file_llseek, .iterate = proc_iterate,
};

/* Turn the (empty) super block mounted on /proc into procfs. */
void procfs_init(struct super_block *sb)
{
    proc_sb = sb;
    nodes = NULL;   /* a new tree (check mode): the old nodes stay with the old proc */
    sb->blksize = 1024;   /* proc's block size, as st_blksize shows it */
    sb->root->iops = &proc_root_iops;
    sb->root->fops = &proc_dir_fops;
}
