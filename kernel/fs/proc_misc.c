/*
 * proc_misc.c — the files of /proc itself (fs/proc's meminfo.c, uptime.c, cpuinfo, loadavg.c,
 * filesystems) and the mount tables of /proc/<pid>/mounts and mountinfo. Figures the
 * machine has no real source for (memory, CPU) are fixed; uptime follows the monotonic
 * clock; the mount tables are the recording sandbox's.
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"
#include "kernel/proc/proc.h"
#include "kernel/time.h"

int proc_show_uptime(struct task *t, char *buf, size_t size)
{
    (void)t;
    uint64_t ns = time_now_ns(CLOCK_MONOTONIC), cs = ns / 10000000;
    return snprintf(buf, size, "%lu.%02lu %lu.%02lu\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100),
                    (unsigned long)(cs / 100), (unsigned long)(cs % 100));
}

int proc_show_meminfo(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "MemTotal:         524288 kB\nMemFree:          262144 kB\n"
                               "MemAvailable:     262144 kB\nBuffers:               0 kB\n"
                               "Cached:                0 kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n");
}

int proc_show_cpuinfo(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: QEMU Virtual CPU\n"
                               "cpu MHz\t\t: 2000.000\ncache size\t: 4096 KB\nflags\t\t: fpu sse sse2\n\n");
}

/* As the recording sandbox mounts them (recorder/sandbox_init.c). */
int proc_show_mounts(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "lockstep-root / tmpfs rw,relatime,mode=755 0 0\n"
                               "tmpfs /tmp tmpfs rw,nosuid,nodev,relatime 0 0\n"
                               "devtmp /dev tmpfs rw,nosuid,relatime,mode=755 0 0\n"
                               "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
}

int proc_show_loadavg(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "0.00 0.00 0.00 1/1 %d\n", current_task() ? current_task()->pid : 1);
}

/* The recording host's list (Debian's 6.x kernel), so that programs reading it agree. */
int proc_show_filesystems(struct task *t, char *buf, size_t size)
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
int proc_show_mountinfo(struct task *t, char *buf, size_t size)
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

/* "Linux version RELEASE (builder) (compiler) VERSION": the host's build, a world file. */
int proc_show_version(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "Linux version %s (lockstep@lockstep) (cc) #1 SMP Lockstep\n",
                    proc_uts_release());
}

/* Kernel/system statistics (fs/proc/stat.c): one CPU, idle, booted at the epoch; the
 * host's figures are world input. */
int proc_show_stat(struct task *t, char *buf, size_t size)
{
    (void)t;
    int running = 0, procs = 0;
    for (struct task *p = task_first(); p; p = task_next(p)) {
        procs += p->state != TASK_DEAD;
        running += p->state == TASK_RUNNABLE;
    }
    return snprintf(buf, size, "cpu  0 0 0 0 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\nintr 0\nctxt 0\nbtime 0\n"
                               "processes %d\nprocs_running %d\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
                    procs, running);
}

/* The host's kernel command line: a world file. */
int proc_show_kcmdline(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "console=ttyS0\n");
}

int proc_show_empty(struct task *t, char *buf, size_t size)
{
    (void)t, (void)buf, (void)size;
    return 0;
}
