/*
 * printk.c — the kernel log and panic. The log goes to a ring buffer; it is echoed on
 * COM1 only when the run asks for it (printk_set_echo), because every byte on the serial
 * port costs a VM exit. panic() always flushes the whole ring to COM1 first, then prints
 * the message and a backtrace and exits QEMU with EXIT_PANIC.
 */
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "arch/x86_64/arch.h"

#define LOG_SIZE 16384
static char log_ring[LOG_SIZE];
static size_t log_head;      /* total bytes ever written */
static bool log_echo;

void printk_set_echo(bool on) { log_echo = on; }

static void log_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        log_ring[(log_head + i) % LOG_SIZE] = s[i];
    log_head += n;
    if (log_echo)
        arch_serial_write(s, n);
}

void printk(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    log_write(buf, MIN((size_t)n, sizeof buf - 1));
}

void printk_flush_to_serial(void)
{
    if (log_echo)
        return;
    size_t start = log_head > LOG_SIZE ? log_head - LOG_SIZE : 0;
    for (size_t i = start; i < log_head; i++)
        arch_serial_write(&log_ring[i % LOG_SIZE], 1);
    log_echo = true;
}

static bool in_panic;

_Noreturn void panic_stop(void)
{
    arch_exit(EXIT_PANIC);
}

_Noreturn void panic(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    if (in_panic)
        panic_stop();
    in_panic = true;
    printk_flush_to_serial();
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    printk("\nKERNEL PANIC: %s\n", buf);
    arch_backtrace(arch_frame_address());
    panic_stop();
}
