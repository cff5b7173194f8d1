/*
 * proc_sys.c — the /proc/sys files programs read (glibc's ngroups_max, sysconf, pid and
 * fd limits, uname's fields): kernel/, vm/ and fs/, each a table in sysctl's order (by
 * name). Values are Linux 6.x's defaults as the recording sandbox shows them; the ones that
 * follow the host machine (threads-max, file-max, the kernel's version string, the random
 * ids) are world files.
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"
#include "kernel/runspec.h"
#include "kernel/proc/proc.h"

/* A sysctl file printing one fixed line. */
#define SYSCTL_TEXT(fn, text)                                        \
    static int fn(struct task *t, char *buf, size_t size)           \
    {                                                                \
        (void)t;                                                     \
        return snprintf(buf, size, "%s\n", text);                    \
    }

SYSCTL_TEXT(sys_ostype, "Linux")
SYSCTL_TEXT(sys_version, "#1 SMP Lockstep")
SYSCTL_TEXT(sys_pid_max, "4194304")   /* PID_MAX_LIMIT, as the recording host sets it */
SYSCTL_TEXT(sys_ngroups_max, "65536")
SYSCTL_TEXT(sys_threads_max, "8192")
SYSCTL_TEXT(sys_zero, "0")
SYSCTL_TEXT(sys_file_max, "9223372036854775807")
SYSCTL_TEXT(sys_nr_open, "1048576")
SYSCTL_TEXT(sys_pipe_max_size, "1048576")
SYSCTL_TEXT(sys_uuid, "00000000-0000-4000-8000-000000000000")
SYSCTL_TEXT(sys_hostname, uts_hostname())   /* the uts names, as uname() gives them */
SYSCTL_TEXT(sys_domainname, uts_domainname_get())

/* uname's release: the run spec's (the recording's), as kernel/sys.c reports it. */
const char *proc_uts_release(void)
{
    return the_runspec.release ? the_runspec.release : "6.1.0";
}

static int sys_osrelease(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "%s\n", proc_uts_release());
}

#define SYSCTL(nm, fn, md, w) \
    { .name = nm, .mode = S_IFREG | (md), .file = &(const struct proc_file){ .name = nm, .show = fn, .world = w } }
#define SYSDIR(nm, sub) { .name = nm, .mode = S_IFDIR | 0555, .subdir = sub, .sysctl = true }

static const struct proc_dir_entry sys_kernel_random[] = {
    SYSCTL("boot_id", sys_uuid, 0444, true),
    SYSCTL("uuid", sys_uuid, 0444, true),
    { 0 },
};

static const struct proc_dir_entry sys_kernel[] = {
    SYSCTL("domainname", sys_domainname, 0644, false),
    SYSCTL("hostname", sys_hostname, 0644, false),
    SYSCTL("ngroups_max", sys_ngroups_max, 0444, false),
    SYSCTL("osrelease", sys_osrelease, 0444, false),
    SYSCTL("ostype", sys_ostype, 0444, false),
    SYSCTL("pid_max", sys_pid_max, 0644, false),
    SYSDIR("random", sys_kernel_random),
    SYSCTL("threads-max", sys_threads_max, 0644, true),
    SYSCTL("version", sys_version, 0444, true),
    { 0 },
};

static const struct proc_dir_entry sys_vm[] = {
    SYSCTL("overcommit_memory", sys_zero, 0644, false),
    { 0 },
};

static const struct proc_dir_entry sys_fs[] = {
    SYSCTL("file-max", sys_file_max, 0644, true),
    SYSCTL("nr_open", sys_nr_open, 0644, false),
    SYSCTL("pipe-max-size", sys_pipe_max_size, 0644, false),
    { 0 },
};

const struct proc_dir_entry proc_sys_entries[] = {
    SYSDIR("fs", sys_fs),
    SYSDIR("kernel", sys_kernel),
    SYSDIR("vm", sys_vm),
    { 0 },
};
