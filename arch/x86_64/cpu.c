/*
 * cpu.c — the descriptor tables and per-CPU registers: a GDT laid out as Linux's (kernel
 * CS 0x10, DS 0x18, user CS 0x33, DS 0x2b, so SYSCALL/SYSRET selectors and the values user
 * programs see match Linux), the TSS with the kernel stack for ring-3 interrupts and an
 * IST stack for double faults, the IDT pointing at entry.S's stubs, the SYSCALL MSRs, and
 * the initial FPU/SSE state that every new task starts from.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3, iomap_base;
} __attribute__((packed));

struct idt_entry {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} __attribute__((packed));

struct desc_ptr { uint16_t limit; uint64_t base; } __attribute__((packed));

static uint64_t gdt[10];
static struct tss tss __attribute__((aligned(16)));
static struct idt_entry idt[256];
static uint8_t df_stack[8192] __attribute__((aligned(16)));
uint8_t fpu_initial_state[512] __attribute__((aligned(16)));
extern const uint64_t trap_stub_table[256];
extern char syscall_entry[];
extern uint64_t syscall_kernel_rsp;

void cpu_set_kernel_stack(uint64_t top)
{
    tss.rsp[0] = top;
    syscall_kernel_rsp = top;
}

static void gdt_init(void)
{
    gdt[0] = 0;
    gdt[1] = 0x00cf9a000000ffffULL;   /* 0x08: kernel code 32 (unused) */
    gdt[2] = 0x00af9a000000ffffULL;   /* 0x10: kernel code 64 */
    gdt[3] = 0x00cf92000000ffffULL;   /* 0x18: kernel data */
    gdt[4] = 0x00cffa000000ffffULL;   /* 0x23: user code 32 */
    gdt[5] = 0x00cff2000000ffffULL;   /* 0x2b: user data */
    gdt[6] = 0x00affa000000ffffULL;   /* 0x33: user code 64 */
    gdt[7] = 0;
    uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
    gdt[8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
             (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[9] = base >> 32;
    tss.iomap_base = sizeof tss;
    tss.ist[0] = (uint64_t)(df_stack + sizeof df_stack);
    struct desc_ptr p = { sizeof gdt - 1, (uint64_t)gdt };
    __asm__ volatile("lgdt %0\n\t"
                     "pushq $0x10\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "mov $0x18, %%ax\n\t"
                     "mov %%ax, %%ds\n\t"
                     "mov %%ax, %%es\n\t"
                     "mov %%ax, %%ss\n\t"
                     "mov $0x40, %%ax\n\t"
                     "ltr %%ax" :: "m"(p) : "rax", "memory");
}

static void idt_init(void)
{
    for (int v = 0; v < 256; v++) {
        uint64_t off = trap_stub_table[v];
        idt[v] = (struct idt_entry){
            .off_lo = off & 0xffff, .sel = KERNEL_CS,
            .ist = v == 8 ? 1 : 0,
            .type = (v == 3 || v == 4) ? 0xEE : 0x8E,   /* int3 and into are allowed from ring 3 */
            .off_mid = (off >> 16) & 0xffff, .off_hi = off >> 32,
        };
    }
    struct desc_ptr p = { sizeof idt - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" :: "m"(p));
}

static void syscall_init(void)
{
    wrmsr(MSR_STAR, ((uint64_t)(USER_CS32 - 3) << 48) | ((uint64_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    /* Mask IF, TF, DF, AC, NT on entry, as Linux does. */
    wrmsr(MSR_FMASK, 0x200 | 0x100 | 0x400 | 0x40000 | 0x4000);
}

static void fpu_init(void)
{
    /* MXCSR is 0x1f80 from reset already. */
    __asm__ volatile("fninit\n\tfxsave %0" : "=m"(fpu_initial_state));
}

void cpu_init(void)
{
    gdt_init();
    idt_init();
    syscall_init();
    fpu_init();
}
