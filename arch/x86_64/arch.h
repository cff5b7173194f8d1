/*
 * arch.h — everything kernel/ may ask of the x86-64 machine, and nothing more.
 * kernel/ never uses inline assembly, port I/O, MSRs or control registers: it calls these.
 * Implemented by the .c and .S files next to it; boot.S and boot.c start the machine and call
 * kmain() (kernel/main.c) with what the boot loader told us.
 */
#ifndef ARCH_X86_64_ARCH_H
#define ARCH_X86_64_ARCH_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct task;
struct trap_frame;

/* ---- Boot: what the boot loader handed over (filled by boot.c) ---- */
#define BOOT_MAX_RANGES 32
#define BOOT_MAX_MODULES 8
struct boot_module { const char *name; uint64_t phys; uint64_t len; };
struct boot_info {
    struct { uint64_t start, end; } ram[BOOT_MAX_RANGES];  /* usable RAM, physical */
    int nram;
    struct boot_module mod[BOOT_MAX_MODULES];
    int nmod;
    uint64_t kernel_phys_end;       /* first free physical byte after the image */
    const char *cmdline;
};
void kmain(struct boot_info *bi);   /* kernel/main.c */

/* ---- Physical memory: the first 1 GiB is mapped at PHYS_MAP ---- */
#define PHYS_MAP 0xffff800000000000UL
#define PHYS_MAP_SIZE (1UL << 30)
#define USER_END 0x0000800000000000UL     /* first address above user space */
static inline void *phys_to_virt(uint64_t pa) { return (void *)(pa + PHYS_MAP); }
static inline uint64_t virt_to_phys(const void *va)
{
    uint64_t v = (uint64_t)va;
    return v >= 0xffffffff80000000UL ? v - 0xffffffff80000000UL : v - PHYS_MAP;
}

/* ---- Machine ---- */
void arch_serial_write(const void *buf, size_t len);   /* COM1, raw bytes */
_Noreturn void arch_exit(int code);                    /* isa-debug-exit: QEMU exits (code << 1) | 1 */
void arch_backtrace(uint64_t rbp);                     /* printk the kernel call chain */
void arch_dump_frame(const struct trap_frame *f);      /* printk saved registers */
uint64_t arch_frame_address(void);                     /* the caller's rbp, for backtraces */
void arch_idle(void);                                  /* enable interrupts, halt until one comes */
void arch_timer_start(void);                           /* read the RTC, start the TIMER_HZ tick */
uint64_t arch_monotonic_ns(void);                      /* since boot; never goes back */
int64_t arch_rtc_epoch(void);                          /* CMOS RTC as seconds since 1970, read at boot */
uint32_t arch_random32(void);                          /* a TSC-seeded generator; not for crypto */
uint64_t arch_hwcap(void);                             /* AT_HWCAP: the host's (cmdline) or CPUID.1:EDX */

/* ---- Page tables (4-level, 4 KiB pages for user space) ---- */
#define PROT_R 1u
#define PROT_W 2u
#define PROT_X 4u
#define PROT_U 8u
/* A root is the physical address of a PML4 whose kernel half is shared by all. */
uint64_t arch_pt_create(void);                       /* 0 when out of memory */
void arch_pt_destroy(uint64_t root);                 /* frees the tables, not the mapped frames */
int arch_pt_map(uint64_t root, uint64_t va, uint64_t pa, unsigned prot);   /* 0 or -ENOMEM */
uint64_t arch_pt_unmap(uint64_t root, uint64_t va);  /* returns the frame that was mapped, or 0 */
uint64_t arch_pt_lookup(uint64_t root, uint64_t va, unsigned *prot);       /* frame or 0 */
void arch_pt_activate(uint64_t root);
uint64_t arch_pt_active(void);                      /* the root in use */
uint64_t arch_pt_kernel_root(void);

/* ---- Saved user registers (the trap frame at the top of each kernel stack) ---- */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;
};
static inline long arch_syscall_nr(const struct trap_frame *f) { return (long)f->rax; }
static inline uint64_t arch_syscall_arg(const struct trap_frame *f, int i)
{
    switch (i) {
    case 0: return f->rdi;
    case 1: return f->rsi;
    case 2: return f->rdx;
    case 3: return f->r10;
    case 4: return f->r8;
    default: return f->r9;
    }
}
static inline void arch_syscall_return(struct trap_frame *f, long v) { f->rax = (uint64_t)v; }
static inline uint64_t arch_user_pc(const struct trap_frame *f) { return f->rip; }
/* Fresh user registers for exec: all zero, given pc and sp. */
void arch_frame_init_user(struct trap_frame *f, uint64_t pc, uint64_t sp);

/* ---- Tasks: kernel stack, FPU/SSE state, FS/GS base ---- */
/* Creates t->arch; the task starts in fn(arg) on its own stack and, when fn returns,
 * enters user mode with the registers in t->frame. */
int arch_task_create(struct task *t, void (*fn)(void *), void *arg);
void arch_task_free(struct task *t);
void arch_task_copy_user_state(struct task *child, const struct task *parent); /* FPU, FS/GS base */
void arch_task_reset_fpu(struct task *t);                                     /* for exec */
struct trap_frame *arch_task_frame(struct task *t);
void arch_switch_to(struct task *prev, struct task *next);
void arch_init_idle_task(struct task *t);            /* the boot context becomes t */
int arch_prctl_set(struct task *t, int code, uint64_t value);   /* ARCH_SET_FS/GS */
int arch_prctl_get(struct task *t, int code, uint64_t *value);  /* ARCH_GET_FS/GS */

/* ---- What arch calls in kernel/ ---- */
void syscall_dispatch(struct trap_frame *f);        /* kernel/syscall.c */
void timer_interrupt(bool from_user);               /* kernel/proc/sched.c, every tick */
void user_return_hook(void);                        /* kernel/proc/sched.c, before going back to user */
/* A fault in user mode: the kernel decides (demand paging, copy-on-write, or a signal). */
#define FAULT_WRITE 1u
#define FAULT_EXEC  2u
#define FAULT_PRESENT 4u
int mm_user_fault(uint64_t addr, unsigned flags);   /* kernel/mm/fault.c: 0 handled, else signal number */
/* code 0: the kernel picks it (SEGV_MAPERR/ACCERR, BUS_ADRERR for page faults). */
void task_fault_signal(struct trap_frame *f, int signo, int code, uint64_t addr);   /* kernel/signal_deliver.c */
#define TIMER_HZ 100

/* ---- Signal frames (signal.c): Linux's x86-64 rt_sigframe on the user stack ---- */
struct arch_altstack { uint64_t sp, size; int flags; };   /* sigaltstack as the task keeps it */
struct arch_sigframe {
    int sig;
    const void *info;               /* siginfo_t, 128 bytes, copied into the frame */
    uint64_t handler, restorer, flags;   /* from the sigaction */
    uint64_t saved_mask;            /* uc_sigmask: what rt_sigreturn puts back */
    const struct arch_altstack *ss; /* for SA_ONSTACK and uc_stack */
    uint64_t fault_addr;            /* sigcontext cr2 */
};
/* Build the frame and point the registers at the handler: 0, or -EFAULT (stack unusable). */
int arch_signal_frame(struct trap_frame *f, const struct arch_sigframe *s);
/* rt_sigreturn: registers and FPU back from the frame at the user sp; mask and uc_stack out. */
int arch_signal_return(struct trap_frame *f, uint64_t *mask, struct arch_altstack *ss);
bool arch_on_altstack(const struct trap_frame *f, const struct arch_altstack *ss);
/* The host Linux's frame layout from the boot command line ("sigframe=...", see signal.c),
 * and the AT_MINSIGSTKSZ that goes with it. */
void arch_sigframe_setup(const char *cmdline);
/* cmdline.c: the n comma-separated numbers of the word "key=N,N,..." (false: absent or malformed). */
bool arch_cmdline_numbers(const char *cmdline, const char *key, uint64_t *v, int n);
/* cpuid.c: AT_HWCAP and AT_HWCAP2, the recording host's ("hwcap=HWCAP,HWCAP2") or the CPU's. */
void arch_hwcap_setup(const char *cmdline);
uint64_t arch_hwcap2(void);
uint64_t arch_minsigstksz(void);
/* The syscall number a frame entered with (orig_rax), or -1 when it is not (or no longer) a
 * syscall that may be restarted; restart points the frame back at the syscall instruction. */
long arch_syscall_orig_nr(const struct trap_frame *f);
void arch_syscall_no_restart(struct trap_frame *f);
void arch_syscall_restart(struct trap_frame *f);

#endif
