/*
 * proc_internal.h — what the files of /proc share (as Linux's fs/proc/internal.h): the
 * generated-file table entry, a bounded text buffer to print into (seq_file's role), and
 * the show functions that live in their own files (proc_pid_status.c, proc_pid_stat.c,
 * proc_pid_maps.c). The tree itself (lookup, listing, links) is procfs.c and proc_task.c.
 */
#ifndef KERNEL_FS_PROC_INTERNAL_H
#define KERNEL_FS_PROC_INTERNAL_H
#include "kernel/kernel.h"

struct task;
struct inode;

/* A generated file: show() writes its text into buf (at most size bytes) and returns the
 * length; files of one open fd (fdinfo/<fd>) have show_fd instead. mode 0 means 0444. A
 * writable one has write(): the bytes written (len of them at buf), the count or -errno.
 * A world file prints figures of the machine (memory, CPUs, load, the host's cgroup): its
 * reads are world input to the checker (proc_file_is_world). */
struct proc_file {
    const char *name;
    int (*show)(struct task *t, char *buf, size_t size);
    int (*show_fd)(struct task *t, int fd, char *buf, size_t size);
    unsigned mode;
    long (*write)(struct task *t, const char *buf, size_t len);
    bool world;
    const struct file_ops *fops;   /* a file that is not generated text (mem): its own ops */
};

/* A fixed entry of /proc or of a directory under it (Linux's proc_dir_entry, and the
 * sysctl tables under /proc/sys): a file (file), a symlink (target) or a directory
 * (subdir, ended by an entry without a name). Tables are in the order Linux lists them:
 * proc_dir_entry children by name length, then name; sysctl ones by name. */
struct proc_dir_entry {
    const char *name;
    unsigned mode;   /* S_IFREG, S_IFLNK or S_IFDIR, with permissions (0: 0444 or 0555) */
    const struct proc_file *file;
    const char *target;
    const struct proc_dir_entry *subdir;
    bool sysctl;   /* a directory of /proc/sys: link count 1, as proc_sys_make_inode leaves it */
};
extern const struct proc_dir_entry proc_root_entries[];   /* proc_root.c */
extern const struct proc_dir_entry proc_sys_entries[];    /* proc_sys.c */
const char *proc_uts_release(void);                        /* proc_sys.c: uname's release */

/* Text printed into a fixed buffer; output past the end is dropped (len stops at size). */
struct seq_buf {
    char *buf;
    size_t size, len;
};

static inline struct seq_buf seq_buf_init(char *buf, size_t size)
{
    return (struct seq_buf){ buf, size, 0 };
}
__attribute__((format(printf, 2, 3))) void seq_buf_printf(struct seq_buf *s, const char *fmt, ...);
void seq_buf_pad(struct seq_buf *s, size_t column);   /* spaces up to this column of the line */
static inline int seq_buf_used(const struct seq_buf *s)
{
    return (int)s->len;
}

/* /proc/<pid>/ files in their own source files. */
int proc_pid_status(struct task *t, char *buf, size_t size);   /* proc_pid_status.c */
/* The signals t ignores (ignored) or catches: status's SigIgn/SigCgt, stat's fields 33-34. */
uint64_t proc_signal_handlers(struct task *t, bool ignored);   /* proc_pid_status.c */
int proc_pid_stat(struct task *t, char *buf, size_t size);     /* proc_pid_stat.c */
int proc_pid_statm(struct task *t, char *buf, size_t size);    /* proc_pid_stat.c */
int proc_pid_maps(struct task *t, char *buf, size_t size);     /* proc_pid_maps.c */

/* proc_base.c */
int proc_show_cmdline(struct task *t, char *buf, size_t size);
int proc_show_environ(struct task *t, char *buf, size_t size);
int proc_show_comm(struct task *t, char *buf, size_t size);
long proc_write_comm(struct task *t, const char *buf, size_t len);
int proc_show_limits(struct task *t, char *buf, size_t size);
int proc_show_fdinfo(struct task *t, int fd, char *buf, size_t size);
/* proc_misc.c */
int proc_show_uptime(struct task *t, char *buf, size_t size);
int proc_show_meminfo(struct task *t, char *buf, size_t size);
int proc_show_cpuinfo(struct task *t, char *buf, size_t size);
int proc_show_mounts(struct task *t, char *buf, size_t size);
int proc_show_loadavg(struct task *t, char *buf, size_t size);
int proc_show_filesystems(struct task *t, char *buf, size_t size);
int proc_show_mountinfo(struct task *t, char *buf, size_t size);
int proc_show_version(struct task *t, char *buf, size_t size);
int proc_show_stat(struct task *t, char *buf, size_t size);
int proc_show_kcmdline(struct task *t, char *buf, size_t size);
/* A file this kernel has nothing to print in: empty (proc_base.c). */
int proc_show_empty(struct task *t, char *buf, size_t size);
/* proc_pid_misc.c: small per-process files of fs/proc/base.c */
int proc_show_auxv(struct task *t, char *buf, size_t size);
int proc_show_personality(struct task *t, char *buf, size_t size);
int proc_show_oom_score(struct task *t, char *buf, size_t size);
int proc_show_oom_adj(struct task *t, char *buf, size_t size);
int proc_show_oom_score_adj(struct task *t, char *buf, size_t size);
int proc_show_loginuid(struct task *t, char *buf, size_t size);
int proc_show_sessionid(struct task *t, char *buf, size_t size);
int proc_show_wchan(struct task *t, char *buf, size_t size);
int proc_show_cgroup(struct task *t, char *buf, size_t size);
int proc_show_io(struct task *t, char *buf, size_t size);
int proc_show_timerslack_ns(struct task *t, char *buf, size_t size);
int proc_show_coredump_filter(struct task *t, char *buf, size_t size);
int proc_show_id_map(struct task *t, char *buf, size_t size);   /* uid_map, gid_map, projid_map */
int proc_show_setgroups(struct task *t, char *buf, size_t size);
int proc_show_ksm_merging_pages(struct task *t, char *buf, size_t size);
int proc_show_ksm_stat(struct task *t, char *buf, size_t size);
int proc_show_timens_offsets(struct task *t, char *buf, size_t size);
int proc_show_cpuset(struct task *t, char *buf, size_t size);
int proc_show_autogroup(struct task *t, char *buf, size_t size);
int proc_show_schedstat(struct task *t, char *buf, size_t size);
int proc_show_arch_status(struct task *t, char *buf, size_t size);
int proc_show_children(struct task *t, char *buf, size_t size);

/* The task a /proc file's node shows (its process or thread; the reader for the root's
 * files), NULL once gone (procfs.c). */
struct task *proc_inode_task(struct inode *inode);
struct file_ops;
extern const struct file_ops proc_mem_fops;   /* proc_mem_rw.c: /proc/<pid>/mem */

/* Linux's max_fds: the size of t's fd table (FDSize, where fd/'s listing ends). */
unsigned proc_max_fds(const struct task *t);

/* The text of a link to this inode, as /proc/<pid>/fd/N and maps show it: "pipe:[ino]",
 * "socket:[ino]", "anon_inode:[ino]", "PATH (deleted)" or the path (procfs.c). */
int proc_inode_path(struct inode *to, char *buf, size_t size);

/* pid 1 is a kernel task standing for the recording sandbox's init process, lockstep-init
 * (recorder/sandbox_init.c): /proc shows it as that process, by that name (its comm and its
 * argv), and not as a kernel thread. */
#define INIT_STANDIN_NAME "lockstep-init"
bool proc_is_init_standin(const struct task *t);
const char *proc_task_comm(const struct task *t);   /* what comm, stat and status show */
/* A kernel thread (Kthread, PF_KTHREAD): no address space, and not pid 1's stand-in. */
bool proc_is_kthread(const struct task *t);

/* Memory figures of an address space, in pages (proc_pid_mem.c), for status, stat and statm. */
struct proc_mem {
    uint64_t total, data, stack, exec, text, anon, file, shmem, rss, pgtables;
};
void proc_mem_figures(struct task *t, struct proc_mem *m);

/* Task state as Linux's get_task_state() letters it: 'R', 'S', 'T', 'Z'. */
char proc_task_state(struct task *t);

/* kernel/sys.c: the uts names sethostname and setdomainname set. */
const char *uts_hostname(void);
const char *uts_domainname_get(void);

/* kernel/proc/affinity.c: the CPUs t may run on, as sched_getaffinity reports them. */
uint64_t task_cpus_allowed(const struct task *t);

#endif
