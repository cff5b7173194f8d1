/*
 * traps.c — what happens after entry.S saved the registers: exceptions, interrupts and
 * system calls. A fault in user mode goes to the kernel's mm (demand paging) and, if
 * that cannot fix it, becomes a signal for the task (with the signal Linux picks for
 * that exception). A fault in kernel mode is a bug: registers and backtrace are printed
 * and QEMU exits with the panic status.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include <asm/signal.h>
#include <asm/siginfo.h>

extern char syscall_entry[];
void syscall_handler(struct trap_frame *f);

static const char *const exc_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
    "device not available", "double fault", "coprocessor overrun", "invalid TSS",
    "segment not present", "stack fault", "general protection", "page fault", "reserved",
    "x87 FPU error", "alignment check", "machine check", "SIMD FP error", "virtualization",
    "control protection",
};

/* The signal Linux sends for each exception raised in user mode (arch/x86/kernel/traps.c). */
static int exception_signal(uint64_t vec)
{
    switch (vec) {
    case 0: return SIGFPE;      /* divide error */
    case 1: case 3: return SIGTRAP;
    case 4: case 5: return SIGSEGV;   /* overflow, bound */
    case 6: return SIGILL;
    case 7: return SIGSEGV;
    case 10: case 11: case 12: case 13: return vec == 12 || vec == 11 ? SIGBUS : SIGSEGV;
    case 16: case 19: return SIGFPE;
    case 17: return SIGBUS;
    default: return SIGSEGV;
    }
}

/* si_code and si_addr Linux gives for a non-page-fault exception (traps.c, do_trap). */
static int exception_code(const struct trap_frame *f, uint64_t *addr)
{
    switch (f->vector) {
    case 0: *addr = f->rip; return FPE_INTDIV;
    case 6: *addr = f->rip; return ILL_ILLOPN;
    case 17: *addr = f->rip; return BUS_ADRALN;
    default: *addr = 0; return SI_KERNEL;
    }
}

void arch_dump_frame(const struct trap_frame *f)
{
    printk("  rip %016lx  cs %lx  rflags %016lx  rsp %016lx  ss %lx\n", f->rip, f->cs, f->rflags, f->rsp, f->ss);
    printk("  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
    printk("  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
    printk("  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx\n", f->r9, f->r10, f->r11, f->r12);
    printk("  r13 %016lx  r14 %016lx  r15 %016lx  cr2 %016lx\n", f->r13, f->r14, f->r15, read_cr2());
}

uint64_t arch_frame_address(void)
{
    /* The caller's frame: ours links to it. */
    return *(uint64_t *)__builtin_frame_address(0);
}

void arch_backtrace(uint64_t rbp)
{
    printk("  backtrace (addr2line -e build/kernel/lockstep.elf):\n");
    for (int depth = 0; depth < 32; depth++) {
        if (rbp < 0xffff800000000000UL || (rbp & 7))
            break;
        const uint64_t *fp = (const uint64_t *)rbp;
        if (!fp[1])
            break;
        printk("    [<%016lx>]\n", fp[1]);
        rbp = fp[0];
    }
}

static _Noreturn void kernel_fault(const struct trap_frame *f)
{
    printk_flush_to_serial();
    printk("\nKERNEL PANIC: %s (vector %lu, error %lx) in kernel mode\n",
           f->vector < 32 && exc_names[f->vector] ? exc_names[f->vector] : "exception", f->vector, f->error);
    arch_dump_frame(f);
    printk("    [<%016lx>]  (faulting rip)\n", f->rip);
    arch_backtrace(f->rbp);
    panic_stop();
}

void trap_handler(struct trap_frame *f)
{
    bool from_user = (f->cs & 3) == 3;
    if (f->vector == VEC_TIMER) {
        apic_eoi();
        timer_interrupt(from_user);
    } else if (f->vector == VEC_SPURIOUS) {
        return;
    } else if (f->vector < 32) {
        if (!from_user)
            kernel_fault(f);
        int sig, code = 0;
        uint64_t addr = 0;
        if (f->vector == 14 && f->rip == (uint64_t)syscall_entry && f->rcx != f->rip) {
            /* The nested KVM on these machines half-executes SYSCALL: RCX, R11 and RFLAGS
             * are set but CPL stays 3, so fetching the entry faults. The frame then holds
             * exactly the registers of a syscall: finish it here. TCG never gets here. */
            f->rip = f->rcx;
            f->rflags = (f->r11 & 0x3c7fd7) | 0x202;
            f->vector = 256;
            f->error = f->rax;     /* orig_rax, as syscall_entry keeps it */
            syscall_handler(f);
            return;
        }
        if (f->vector == 14) {
            addr = read_cr2();
            unsigned flags = 0;
            if (f->error & 2) flags |= FAULT_WRITE;
            if (f->error & 16) flags |= FAULT_EXEC;
            if (f->error & 1) flags |= FAULT_PRESENT;
            sig = mm_user_fault(addr, flags);
        } else {
            sig = exception_signal(f->vector);
            code = exception_code(f, &addr);
        }
        if (sig)
            task_fault_signal(f, sig, code, addr);
    } else {
        apic_eoi();
    }
    if (from_user)
        user_return_hook();
}

void syscall_handler(struct trap_frame *f)
{
    syscall_dispatch(f);
    user_return_hook();
}

void arch_frame_init_user(struct trap_frame *f, uint64_t pc, uint64_t sp)
{
    memset(f, 0, sizeof *f);
    f->rip = pc;
    f->rsp = sp;
    f->cs = USER_CS;
    f->ss = USER_DS;
    f->rflags = 0x202;
}

void arch_idle(void)
{
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}
