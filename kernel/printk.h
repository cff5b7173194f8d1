/* printk.h — log controls beyond kernel.h's printk/panic, and the kernel's QEMU exit codes. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H
#include <stdbool.h>

/* Values written to isa-debug-exit; QEMU exits with (value << 1) | 1. Chosen so that neither
 * status can be mistaken for QEMU's own failure (1) or a triple fault with -no-reboot (0). */
#define EXIT_DONE 0x10  /* the run ended; its result was sent on the console (QEMU status 33) */
#define EXIT_PANIC 0x11 /* kernel panic or unexpected kernel fault (QEMU status 35) */

void printk_set_echo(bool on);
void printk_flush_to_serial(void);
_Noreturn void panic_stop(void);

#endif
