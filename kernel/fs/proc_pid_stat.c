/*
 * proc_pid_stat.c — /proc/<pid>/stat (the 52 fields of Linux's do_task_stat, in its order)
 * and /proc/<pid>/statm (task_statm), from the task's state and its address space
 * (proc_pid_mem.c). The task state letter, which status shares, is here too.
 *
 * Figures this kernel does not keep are 0: fault counts, start time (ticks after boot),
 * the processor last run on. The code and data bounds (fields 26, 27, 45, 46) are the ones
 * exec noted from the ELF's segments, as load_elf_binary does.
 */
#include "kernel/fs/proc_internal.h"
#include "kernel/mm/mm.h"
#include "kernel/proc/proc.h"
#include "kernel/signal.h"

#define EXIT_SIGNAL SIGCHLD   /* what every process here is created with */
#define STAT_SIGMASK 0x7fffffffUL   /* stat's signal fields show the first 31 (obsolete: status has all) */

char proc_task_state(struct task *t)
{
    if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
        return t->state == TASK_DEAD ? 'X' : 'Z';
    if (t->jobctl_stop_sig > 0)      /* -1: continued, not yet back in user mode */
        return 'T';
    if (t == current_task() || t->state == TASK_RUNNABLE)
        return 'R';
    return 'S';
}

int proc_pid_stat(struct task *t, char *buf, size_t size)
{
    struct seq_buf m = seq_buf_init(buf, size);
    struct proc_mem mem;
    struct mm *mm = t->mm;
    char state = proc_task_state(t);
    proc_mem_figures(t, &mem);
    seq_buf_printf(&m, "%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 ", t->tid, proc_task_comm(t), state, t->ppid,
                   t->pgid, t->sid, proc_is_kthread(t) ? 0x200000u /* PF_KTHREAD */ : 0u);
    seq_buf_printf(&m, "%lu %lu %lu %lu 20 0 %d 0 0 %lu %lu %lu ", (unsigned long)t->utime_ticks,
                   (unsigned long)t->stime_ticks, (unsigned long)t->cutime_ticks, (unsigned long)t->cstime_ticks,
                   thread_group_size(t), (unsigned long)(mem.total * PAGE_SIZE), (unsigned long)mem.rss,
                   (unsigned long)t->rlim[RLIMIT_RSS].rlim_cur);
    seq_buf_printf(&m, "%lu %lu %lu 0 0 %lu %lu %lu %lu %d 0 0 %d 0 0 0 0 0 0 ",
                   (unsigned long)(mm ? mm->start_code : 0), (unsigned long)(mm ? mm->end_code : 0),
                   (unsigned long)(mm ? mm->start_stack : 0),
                   (unsigned long)(t->sigpending & STAT_SIGMASK), (unsigned long)(t->sigmask & STAT_SIGMASK),
                   (unsigned long)(proc_signal_handlers(t, true) & STAT_SIGMASK),
                   (unsigned long)(proc_signal_handlers(t, false) & STAT_SIGMASK), state == 'S',
                   EXIT_SIGNAL);
    if (mm)
        seq_buf_printf(&m, "%lu %lu %lu %lu %lu %lu %lu ", (unsigned long)mm->start_data, (unsigned long)mm->end_data,
                       (unsigned long)mm->start_brk, (unsigned long)mm->arg_start, (unsigned long)mm->arg_end,
                       (unsigned long)mm->env_start, (unsigned long)mm->env_end);
    else
        seq_buf_printf(&m, "0 0 0 0 0 0 0 ");
    seq_buf_printf(&m, "%d\n", state == 'Z' ? t->exit_status : 0);
    return seq_buf_used(&m);
}

/* size resident shared text lib data dt, in pages; lib and dt are 0 since Linux 2.6. */
int proc_pid_statm(struct task *t, char *buf, size_t size)
{
    struct proc_mem mem;
    proc_mem_figures(t, &mem);
    return snprintf(buf, size, "%lu %lu %lu %lu 0 %lu 0\n", (unsigned long)mem.total, (unsigned long)mem.rss,
                    (unsigned long)(mem.file + mem.shmem), (unsigned long)mem.text,
                    (unsigned long)(mem.data + mem.stack));
}
