/*
 * main.c — kmain: from a booted machine to the first processes. Memory first (paging,
 * frames, heap), then the clocks and the timer, then the root file system from the "root"
 * module, then init (pid 1) and the program (pid 2) from the "run" module; the boot
 * context then becomes the idle task.
 */
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/mm/frame.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/vfs.h"
#include "arch/x86_64/arch.h"
#include "replayer/kernel/check.h"

static const struct boot_module *find_module(const struct boot_info *bi, const char *name)
{
    for (int i = 0; i < bi->nmod; i++)
        if (!strcmp(bi->mod[i].name, name))
            return &bi->mod[i];
    return NULL;
}

void kmain(struct boot_info *bi)
{
    frame_init(bi);
    sched_init();
    time_init();
    printk("lockstep: %zu KiB free, %d modules\n", frame_free_count() * 4, bi->nmod);

    const struct boot_module *root = find_module(bi, "root");
    const struct boot_module *run = find_module(bi, "run");
    const struct boot_module *traces = find_module(bi, "traces");   /* check mode: replayer/kernel/check.h */
    if (!run && !traces)
        panic("no 'run' module: boot with -initrd \"ROOT.cpio root,RUN run\"");
    int r = vfs_init(root ? phys_to_virt(root->phys) : NULL, root ? root->len : 0);
    if (r < 0)
        panic("vfs_init failed: %d", r);
    if (traces)   /* check mode: replayer/kernel/check.h */
        check_boot(phys_to_virt(traces->phys), traces->len, root ? phys_to_virt(root->phys) : NULL, root ? root->len : 0);
    else
        init_start(phys_to_virt(run->phys), run->len);
    sched_idle_loop();
}
