/*
 * proc_pid_status.c — /proc/<pid>/status in Linux 6.x's format (fs/proc/array.c's
 * proc_pid_status: task_state, task_mem, task_sig, task_cap, task_seccomp, the cpuset
 * lines and the context-switch counts), from the task's state.
 *
 * What this kernel has no state for is shown as the recording host shows it, so programs
 * reading the file see what they saw there: root's capability sets (the host's bounding
 * set lacks CAP_SYS_RESOURCE's neighbour bit 24), the speculation-mitigation lines, THP
 * enabled, LAM's untag mask, one memory node. TracerPid is 0: the recorder traces from
 * outside the sandbox's pid namespace, where Linux shows 0 too (docs/interfaces.md).
 * VmPeak and VmHWM are the current VmSize and VmRSS (no high-water marks are kept), and the
 * context-switch counters are 0 (the scheduler does not count them).
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/proc/proc.h"
#include "kernel/signal.h"

#define HOST_CAPS 0x000001fffeffffffULL   /* root's CapPrm/CapEff/CapBnd on the recording host */
#define MAX_NUMNODES 1024                  /* Mems_allowed's width there, in bits */

/* t's pending signals, its own and its process's (kernel/signal_queue.c), when present. */
uint64_t signal_pending_set(const struct task *t) __attribute__((weak));

static const char *state_name(char c)
{
    switch (c) {
    case 'R': return "R (running)";
    case 'S': return "S (sleeping)";
    case 'T': return "T (stopped)";
    case 'X': return "X (dead)";
    default: return "Z (zombie)";
    }
}

static void task_state(struct seq_buf *m, struct task *t)
{
    unsigned umask = t->fs ? t->fs->umask : 022;
    seq_buf_printf(m, "Name:\t%s\n", proc_task_comm(t));
    /* every Linux task has an fs (kernel ones init_fs, umask 0022) */
    seq_buf_printf(m, "Umask:\t0%c%c%c\n", '0' + (umask >> 6 & 7), '0' + (umask >> 3 & 7), '0' + (umask & 7));
    seq_buf_printf(m, "State:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
                   state_name(proc_task_state(t)), t->pid, t->tid, t->ppid);
    seq_buf_printf(m, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%u\nGroups:\t", t->uid, t->euid,
                   t->suid, t->fsuid, t->gid, t->egid, t->sgid, t->fsgid, proc_max_fds(t));
    for (unsigned g = 0; g < t->ngroups; g++)
        seq_buf_printf(m, g ? " %u" : "%u", t->groups[g]);
    /* Linux's trailing space ("shouldn't have been added in the first place") */
    seq_buf_printf(m, " \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\nKthread:\t%d\n", t->pid, t->tid,
                   t->pgid, t->sid, proc_is_kthread(t) ? 1 : 0);
}

static void kb_line(struct seq_buf *m, const char *name, uint64_t pages)
{
    seq_buf_printf(m, "%s:\t%8lu kB\n", name, (unsigned long)(pages * (PAGE_SIZE / 1024)));
}

static void task_mem(struct seq_buf *m, struct task *t)
{
    struct proc_mem mem;
    proc_mem_figures(t, &mem);
    kb_line(m, "VmPeak", mem.total);
    kb_line(m, "VmSize", mem.total);
    kb_line(m, "VmLck", 0);
    kb_line(m, "VmPin", 0);
    kb_line(m, "VmHWM", mem.rss);
    kb_line(m, "VmRSS", mem.rss);
    kb_line(m, "RssAnon", mem.anon);
    kb_line(m, "RssFile", mem.file);
    kb_line(m, "RssShmem", mem.shmem);
    kb_line(m, "VmData", mem.data);
    kb_line(m, "VmStk", mem.stack);
    kb_line(m, "VmExe", mem.text);
    kb_line(m, "VmLib", mem.exec - mem.text);
    kb_line(m, "VmPTE", mem.pgtables);
    kb_line(m, "VmSwap", 0);
    kb_line(m, "HugetlbPages", 0);
}

uint64_t proc_signal_handlers(struct task *t, bool ignored)
{
    uint64_t set = 0;
    for (int sig = 1; sig <= TASK_NSIG; sig++) {
        uint64_t h = t->sigactions[sig - 1].handler;
        if (ignored ? h == (uint64_t)SIG_IGN : h != (uint64_t)SIG_IGN && h != (uint64_t)SIG_DFL)
            set |= SIGBIT(sig);
    }
    return set;
}

static unsigned long queued_signals(unsigned uid)
{
    unsigned long n = 0;
    for (struct task *o = task_first(); o; o = task_next(o))
        for (const struct sigqueue *q = o->sigq; q && o->uid == uid; q = q->next)
            n++;
    return n;
}

static void task_sig(struct seq_buf *m, struct task *t)
{
    uint64_t own = t->sigpending, all = signal_pending_set ? signal_pending_set(t) : own;
    uint64_t lim = t->rlim[RLIMIT_SIGPENDING].rlim_cur;
    seq_buf_printf(m, "Threads:\t%d\nSigQ:\t%lu/%lu\n", thread_group_size(t), queued_signals(t->uid),
                   (unsigned long)lim);
    seq_buf_printf(m, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
                   (unsigned long)own, (unsigned long)(all & ~own), (unsigned long)t->sigmask,
                   (unsigned long)proc_signal_handlers(t, true), (unsigned long)proc_signal_handlers(t, false));
}

static void task_cap(struct seq_buf *m, struct task *t)
{
    uint64_t prm = t->euid == 0 ? HOST_CAPS : 0;
    seq_buf_printf(m, "CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\nCapBnd:\t%016lx\nCapAmb:\t%016lx\n",
                   0UL, (unsigned long)prm, (unsigned long)prm, (unsigned long)HOST_CAPS, 0UL);
}

static void task_seccomp(struct seq_buf *m, struct task *t)
{
    seq_buf_printf(m, "NoNewPrivs:\t%d\nSeccomp:\t0\nSeccomp_filters:\t0\n"
                      "Speculation_Store_Bypass:\tvulnerable\nSpeculationIndirectBranch:\talways enabled\n",
                   t->no_new_privs ? 1 : 0);
}

/* Cpus_allowed as "%*pb" and "%*pbl" print it, for the two CPUs there are. */
static void task_cpus(struct seq_buf *m, struct task *t)
{
    uint64_t cpus = task_cpus_allowed(t);
    static const char *lists[] = { "", "0", "1", "0-1" };
    seq_buf_printf(m, "Cpus_allowed:\t%lx\nCpus_allowed_list:\t%s\nMems_allowed:\t", (unsigned long)cpus,
                   lists[cpus & 3]);
    for (int i = MAX_NUMNODES / 32 - 1; i >= 0; i--)
        seq_buf_printf(m, "%08x%s", i == 0 ? 1u : 0u, i ? "," : "\n");
    seq_buf_printf(m, "Mems_allowed_list:\t0\n");
}

int proc_pid_status(struct task *t, char *buf, size_t size)
{
    struct seq_buf m = seq_buf_init(buf, size);
    task_state(&m, t);
    if (t->mm) {
        task_mem(&m, t);
        seq_buf_printf(&m, "CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0x%lx\n", ~0UL);
    }
    task_sig(&m, t);
    task_cap(&m, t);
    task_seccomp(&m, t);
    task_cpus(&m, t);
    seq_buf_printf(&m, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
    return seq_buf_used(&m);
}
