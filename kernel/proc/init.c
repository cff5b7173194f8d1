/*
 * init.c — the first two processes, as in the recording sandbox: pid 1 is a kernel task
 * that reaps every orphan; pid 2 (ppid 1, pgid and sid 1) execs the program named by the
 * run spec with stdio as the sandbox sets it up. When pid 2 is reaped, its wait status goes
 * to the host and the machine stops.
 */
#include "kernel/proc/proc.h"
#include "kernel/runspec.h"
#include "kernel/console.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "arch/x86_64/arch.h"

#define PROGRAM_PID 2

static void program_main(void *arg)
{
    struct runspec *rs = arg;
    struct task *t = current_task();
    t->files = fdtable_create();
    t->fs = fs_context_create();
    if (!t->files || !t->fs || stdio_install(t->files) < 0)
        panic("cannot set up the first process's files");
    int r = kernel_execve(rs->argv[0], rs->argv, rs->argc, rs->envp, rs->envc);
    if (r < 0) {
        printk("exec %s: error %d\n", rs->argv[0], r);
        console_report('X', -r);
        do_exit(127 << 8);
    }
    /* Returning from here enters user mode at the program's entry point. */
}

static void init_main(void *arg)
{
    struct task *self = current_task();
    struct runspec *rs = arg;
    for (int i = 0; i < rs->nrlim; i++)
        if (rs->rlim[i].res >= 0 && rs->rlim[i].res < RLIM_NLIMITS) {
            self->rlim[rs->rlim[i].res].rlim_cur = rs->rlim[i].cur;
            self->rlim[rs->rlim[i].res].rlim_max = rs->rlim[i].max;
        }
    struct task *prog = task_create(self, program_main, rs);
    if (!prog || prog->pid != PROGRAM_PID)
        panic("cannot create the first process");
    sched_wakeup(prog);
    for (;;) {
        int status;
        long pid = kernel_wait(-1, &status, 0);
        if (pid == PROGRAM_PID) {
            console_report('x', status);
            arch_exit(EXIT_DONE);
        }
        if (pid < 0)
            panic("init: wait failed (%ld)", pid);
    }
}

void init_start(const void *runspec, size_t len)
{
    if (runspec_parse(runspec, len, &the_runspec) < 0)
        panic("the run module is missing or malformed");
    printk_set_echo(the_runspec.verbose);
    if (the_runspec.debug_panic)
        panic("the run spec asked for a panic (debug)");
    struct task *init = task_create(NULL, init_main, &the_runspec);
    if (!init || init->pid != INIT_PID)
        panic("cannot create init");
    memcpy(init->comm, "init", 5);
    sched_wakeup(init);
}
