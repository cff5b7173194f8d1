/*
 * proc_base.c — the simple per-process files of fs/proc/base.c: cmdline and environ (read
 * from the task's memory between the bounds exec recorded), comm (and its writing), limits (Linux's table
 * from the task's rlimits) and fdinfo/<fd>.
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/mm.h"

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

/* The argv of pid 1's stand-in is its name; a kernel thread's cmdline is empty. */
int proc_show_cmdline(struct task *t, char *buf, size_t size)
{
    if (proc_is_init_standin(t)) {
        size_t n = MIN(sizeof(INIT_STANDIN_NAME), size);
        memcpy(buf, INIT_STANDIN_NAME, n);
        return (int)n;
    }
    return t->mm ? show_user_range(t, t->mm->arg_start, t->mm->arg_end, buf, size) : 0;
}

int proc_show_environ(struct task *t, char *buf, size_t size)
{
    return t->mm ? show_user_range(t, t->mm->env_start, t->mm->env_end, buf, size) : 0;
}

int proc_show_comm(struct task *t, char *buf, size_t size)
{
    return snprintf(buf, size, "%s\n", proc_task_comm(t));
}

/* comm_write: the first TASK_COMM_LEN - 1 bytes become the name of a thread of the writer's
 * own process (pthread_setname_np on another thread writes here); others: EINVAL. */
long proc_write_comm(struct task *t, const char *buf, size_t len)
{
    struct task *self = current_task();
    if (!self || self->pid != t->pid)
        return -EINVAL;
    memset(t->comm, 0, sizeof(t->comm));
    memcpy(t->comm, buf, MIN(len, sizeof(t->comm) - 1));
    return (long)len;
}

/* /proc/<pid>/limits: Linux's table, from the task's rlimits. */
int proc_show_limits(struct task *t, char *buf, size_t size)
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

/* fdinfo/<fd>: position, flags in octal (O_CLOEXEC added from the fd table), mount id, inode. */
int proc_show_fdinfo(struct task *t, int fd, char *buf, size_t size)
{
    struct fdtable *fdt = t->files;
    struct file *f = fdt && (unsigned)fd < fdt->size ? fdt->files[fd] : NULL;
    if (!f)
        return -ENOENT;
    unsigned flags = f->flags | (fd_get_cloexec(fdt, (unsigned)fd) ? O_CLOEXEC : 0);
    char oct[16];
    int n = 0;
    do
        oct[n++] = (char)('0' + (flags & 7));
    while ((flags >>= 3) && n < (int)sizeof(oct));
    char rev[18] = "0";
    for (int i = 0; i < n; i++)
        rev[1 + i] = oct[n - 1 - i];
    rev[n + 1] = 0;
    return snprintf(buf, size, "pos:\t%ld\nflags:\t%s\nmnt_id:\t%d\nino:\t%lu\n", (long)f->pos, rev,
                    f->inode->sb->mnt_id, (unsigned long)f->inode->ino);
}
