/* main.c — kmain: bring up memory, time, the file system and the first processes. */
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "kernel/mm/frame.h"
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"

void kmain(struct boot_info *bi)
{
    printk_set_echo(true);
    printk("lockstep: %d RAM ranges, %d modules\n", bi->nram, bi->nmod);
    paging_init();
    frame_init(bi);
    printk("frames free: %zu\n", frame_free_count());
    void *p = kmalloc(100), *q = kmalloc(10000);
    printk("kmalloc %p %p\n", p, q);
    kfree(p); kfree(q);
    apic_init();
    rtc_init();
    printk("epoch %ld\n", (long)arch_rtc_epoch());
    for (;;) arch_idle();
}
