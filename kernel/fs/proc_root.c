/*
 * proc_root.c — the fixed entries of /proc (fs/proc/root.c and the proc_create calls of a
 * Debian 6.x kernel, as the recording host lists them), in the order of Linux's
 * proc_dir_entry tree: by name length, then name. self, thread-self and the process
 * directories follow them (procfs.c). Files that print the machine's state are world
 * files; the ones this kernel has no text for are empty, and their reads are world input.
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/vfs.h"

#define PROC_FILE(nm, fn, md, w) \
    { .name = nm, .mode = S_IFREG | (md), .file = &(const struct proc_file){ .name = nm, .show = fn, .world = w } }
#define PROC_WORLD(nm, fn) PROC_FILE(nm, fn, 0444, true)
#define PROC_HOST(nm, md) PROC_FILE(nm, proc_show_empty, md, true)   /* the host's figures only */
#define PROC_DIR(nm, sub) { .name = nm, .mode = S_IFDIR | 0555, .subdir = sub }
#define PROC_LINK(nm, to) { .name = nm, .mode = S_IFLNK | 0777, .target = to }

static const struct proc_dir_entry proc_empty_dir[] = { { 0 } };

const struct proc_dir_entry proc_root_entries[] = {
    PROC_DIR("fs", proc_empty_dir),
    PROC_DIR("bus", proc_empty_dir),
    PROC_HOST("dma", 0444),
    PROC_DIR("irq", proc_empty_dir),
    PROC_LINK("net", "self/net"),
    { .name = "sys", .mode = S_IFDIR | 0555, .subdir = proc_sys_entries, .sysctl = true },
    PROC_DIR("tty", proc_empty_dir),
    PROC_DIR("acpi", proc_empty_dir),
    PROC_HOST("keys", 0444),
    PROC_HOST("kmsg", 0400),
    PROC_HOST("misc", 0444),
    PROC_HOST("mtrr", 0644),
    PROC_WORLD("stat", proc_show_stat),
    PROC_HOST("iomem", 0444),
    PROC_HOST("locks", 0444),
    PROC_HOST("swaps", 0444),
    PROC_HOST("crypto", 0444),
    PROC_DIR("driver", proc_empty_dir),
    PROC_LINK("mounts", "self/mounts"),
    PROC_WORLD("uptime", proc_show_uptime),
    PROC_HOST("vmstat", 0444),
    PROC_HOST("cgroups", 0444),
    PROC_WORLD("cmdline", proc_show_kcmdline),
    PROC_WORLD("cpuinfo", proc_show_cpuinfo),
    PROC_HOST("devices", 0444),
    PROC_HOST("ioports", 0444),
    PROC_WORLD("loadavg", proc_show_loadavg),
    PROC_WORLD("meminfo", proc_show_meminfo),
    PROC_DIR("sysvipc", proc_empty_dir),
    PROC_WORLD("version", proc_show_version),
    PROC_HOST("consoles", 0444),
    PROC_HOST("kallsyms", 0444),
    PROC_DIR("pressure", proc_empty_dir),
    PROC_HOST("slabinfo", 0400),
    PROC_HOST("softirqs", 0444),
    PROC_HOST("zoneinfo", 0444),
    PROC_HOST("buddyinfo", 0444),
    PROC_HOST("config.gz", 0444),
    PROC_HOST("diskstats", 0444),
    PROC_HOST("key-users", 0444),
    PROC_HOST("interrupts", 0444),
    PROC_HOST("kpagecount", 0400),
    PROC_HOST("kpageflags", 0400),
    PROC_HOST("partitions", 0444),
    PROC_HOST("timer_list", 0400),
    PROC_HOST("execdomains", 0444),
    PROC_FILE("filesystems", proc_show_filesystems, 0444, false),
    PROC_HOST("kpagecgroup", 0400),
    PROC_HOST("vmallocinfo", 0400),
    PROC_HOST("pagetypeinfo", 0400),
    { 0 },
};
