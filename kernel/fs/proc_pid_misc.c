/*
 * proc_pid_misc.c — the small per-process files of fs/proc/base.c that programs read: auxv
 * (the vector exec put on the stack, as mm->saved_auxv keeps it), personality, the oom
 * figures, loginuid and sessionid (never set: audit's "unset" value), wchan, cgroup, io, and
 * the files every process of the sandbox shows the same text in (PROC_PID_TEXT).
 * What this kernel has no state for is printed as Linux prints it for a process of the
 * recording sandbox, and said so at the function.
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/mm.h"
#include <linux/auxvec.h>

/* 8 bytes of t's memory at addr; false when not mapped. */
static bool peek_u64(struct task *t, uint64_t addr, uint64_t *v)
{
    char *page = t->mm ? mm_user_page(t->mm, addr, false) : NULL;
    if (!page || addr % 8)
        return false;
    memcpy(v, page, 8);
    return true;
}

/* The [vdso] mapping's start (Linux's AT_SYSINFO_EHDR), or 0. */
static uint64_t vdso_base(struct mm *mm)
{
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->flags & VMA_VDSO)
            return v->start;
    return 0;
}

/* The auxiliary vector after argc, argv and envp on the stack exec built, up to AT_NULL.
 * Exec leaves AT_IGNORE where Linux has AT_SYSINFO_EHDR (the recorder rewrites the stack,
 * not saved_auxv), so that entry is shown as Linux's: the vDSO's address. */
int proc_show_auxv(struct task *t, char *buf, size_t size)
{
    uint64_t sp = t->mm ? t->mm->start_stack : 0, argc, v;
    if (!sp || !peek_u64(t, sp, &argc))
        return 0;
    uint64_t p = sp + 8 * (argc + 2);
    while (peek_u64(t, p, &v) && v)   /* envp up to its NULL */
        p += 8;
    p += 8;
    size_t n = 0;
    for (uint64_t pair[2]; n + sizeof(pair) <= size; p += 16) {
        if (!peek_u64(t, p, &pair[0]) || !peek_u64(t, p + 8, &pair[1]))
            break;
        if (pair[0] == AT_IGNORE && n == 0) {
            pair[0] = AT_SYSINFO_EHDR;
            pair[1] = vdso_base(t->mm);
        }
        memcpy(buf + n, pair, sizeof(pair));
        n += sizeof(pair);
        if (pair[0] == AT_NULL)
            break;
    }
    return (int)n;
}

/* Every process runs as the sandbox starts them: personality(ADDR_NO_RANDOMIZE). */
int proc_show_personality(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "%08x\n", 0x0040000u);
}

/* oom_badness() weighs the task's memory against the machine's: a world figure. */
int proc_show_oom_score(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "%d\n", 666);
}

/* No process has changed its oom_score_adj (nothing writes it): 0, and oom_adj shows the
 * same as its legacy scale. */
int proc_show_oom_score_adj(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "0\n");
}

int proc_show_oom_adj(struct task *t, char *buf, size_t size)
{
    return proc_show_oom_score_adj(t, buf, size);
}

/* AUDIT_UID_UNSET and AUDIT_SID_UNSET, without a newline, as Linux prints them. */
int proc_show_loginuid(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "%u", 4294967295u);
}

int proc_show_sessionid(struct task *t, char *buf, size_t size)
{
    return proc_show_loginuid(t, buf, size);
}

/* Linux prints the symbol a sleeping task waits in, and "0" for a running one (the reader
 * itself) or when kallsyms are hidden from it; this kernel has no symbols to give: "0". */
int proc_show_wchan(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "0");
}

/* The sandbox has no cgroup namespace, so Linux shows the host's hierarchy: a world file;
 * here the unified hierarchy's root. */
int proc_show_cgroup(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "0::/\n");
}

/* task_io_accounting: this kernel counts none of it yet, so every figure is 0. */
int proc_show_io(struct task *t, char *buf, size_t size)
{
    (void)t;
    return snprintf(buf, size, "rchar: 0\nwchar: 0\nsyscr: 0\nsyscw: 0\nread_bytes: 0\nwrite_bytes: 0\n"
                               "cancelled_write_bytes: 0\n");
}

/* Files whose text is the same for every process of the sandbox: this kernel has none of
 * the state that would change it (no prctl(PR_SET_TIMERSLACK), no coredump_filter writes,
 * no user or time namespaces, no KSM). */
#define PROC_PID_TEXT(fn, text)                                      \
    int fn(struct task *t, char *buf, size_t size)                   \
    {                                                                \
        (void)t;                                                     \
        return snprintf(buf, size, "%s", text);                      \
    }

PROC_PID_TEXT(proc_show_timerslack_ns, "50000\n")          /* the default timer slack */
PROC_PID_TEXT(proc_show_coredump_filter, "00000033\n")     /* MMF_DUMP_FILTER_DEFAULT */
PROC_PID_TEXT(proc_show_id_map, "         0          0 4294967295\n")   /* init_user_ns's map */
PROC_PID_TEXT(proc_show_setgroups, "allow\n")
PROC_PID_TEXT(proc_show_ksm_merging_pages, "0\n")
PROC_PID_TEXT(proc_show_ksm_stat, "ksm_rmap_items 0\nksm_zero_pages 0\nksm_merging_pages 0\n"
                                  "ksm_process_profit 0\nksm_merge_any: no\nksm_mergeable: no\n")
PROC_PID_TEXT(proc_show_timens_offsets, "monotonic           0         0\nboottime            0         0\n")
PROC_PID_TEXT(proc_show_cpuset, "/\n")   /* the host's cpuset path: a world file */

/* Figures of the host's scheduler and CPU (autogroup's number, run and wait times, AVX-512
 * use): world files, printed in Linux's shape. */
PROC_PID_TEXT(proc_show_autogroup, "/autogroup-1 nice 0\n")
PROC_PID_TEXT(proc_show_schedstat, "0 0 0\n")
PROC_PID_TEXT(proc_show_arch_status, "AVX512_elapsed_ms:\t0\n")

/* task/<tid>/children (get_children_pid): the thread's live and zombie children, in the
 * order they were made (pids only grow here), each followed by a space. This kernel keeps a
 * process's children on its leader, so another thread's file lists none. */
int proc_show_children(struct task *t, char *buf, size_t size)
{
    int pids[256], n = 0;
    if (t->tid == t->pid)
        for (struct task *c = t->children; c && n < (int)ARRAY_SIZE(pids); c = c->sibling)
            if (c->tid == c->pid && c->state != TASK_DEAD)
                pids[n++] = c->pid;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
            int x = pids[j];
            pids[j] = pids[j - 1];
            pids[j - 1] = x;
        }
    struct seq_buf m = seq_buf_init(buf, size);
    for (int i = 0; i < n; i++)
        seq_buf_printf(&m, "%d ", pids[i]);
    return seq_buf_used(&m);
}
