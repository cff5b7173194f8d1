/*
 * signal.c (arch) — the x86-64 signal frame, laid out as Linux's rt_sigframe
 * (arch/x86/kernel/signal_64.c): return address (sa_restorer), struct ucontext with the
 * sigcontext in Linux's field order, siginfo; the fxsave image (512 bytes, 64-byte aligned,
 * this CPU model has no XSAVE) above it; below the 128-byte red zone or at the top of the
 * sigaltstack; rsp such that (rsp + 8) % 16 == 0 at the handler's first instruction.
 * rt_sigreturn reads it back with the fault-safe copies; the kernel side is kernel/signal*.c.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/io.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include <linux/signal.h>

struct k_sigcontext {                  /* uapi struct sigcontext (64-bit) */
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2, fpstate;
    uint64_t reserved1[8];
};
struct k_stack { uint64_t ss_sp; int32_t ss_flags; int32_t pad; uint64_t ss_size; };
struct k_ucontext {
    uint64_t uc_flags, uc_link;
    struct k_stack uc_stack;
    struct k_sigcontext uc_mcontext;
    uint64_t uc_sigmask;
};
struct k_rt_sigframe {
    uint64_t pretcode;
    struct k_ucontext uc;
    uint8_t info[128];
};
_Static_assert(sizeof(struct k_sigcontext) == 256, "sigcontext");
_Static_assert(sizeof(struct k_rt_sigframe) == 440, "rt_sigframe");

#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define REDZONE 128
#define FXSAVE_SIZE 512
/* Flags a handler may change through the frame (Linux's FIX_EFLAGS): AC OF DF TF SF ZF AF PF CF RF. */
#define FIX_EFLAGS (0x40000u | 0x800u | 0x400u | 0x100u | 0x80u | 0x40u | 0x10u | 0x4u | 0x1u | 0x10000u)
#define SS_AUTODISARM_BIT (1u << 31)

bool arch_on_altstack(const struct trap_frame *f, const struct arch_altstack *ss)
{
    if (ss->flags & SS_AUTODISARM_BIT)
        return false;
    return f->rsp > ss->sp && f->rsp - ss->sp <= ss->size;
}

static int altstack_state(uint64_t sp, const struct arch_altstack *ss)
{
    if (!ss->size)
        return SS_DISABLE;
    if (ss->flags & SS_AUTODISARM_BIT)
        return 0;
    return sp > ss->sp && sp - ss->sp <= ss->size ? SS_ONSTACK : 0;
}

static uint8_t fx_buf[FXSAVE_SIZE] __attribute__((aligned(16)));
static uint8_t fx_init[FXSAVE_SIZE] __attribute__((aligned(16)));

static void fpu_init_user(void)
{
    memset(fx_init, 0, sizeof fx_init);
    *(uint16_t *)&fx_init[0] = 0x37f;              /* FCW */
    *(uint32_t *)&fx_init[24] = 0x1f80;            /* MXCSR */
    __asm__ volatile("fxrstor %0" :: "m"(*(uint8_t(*)[FXSAVE_SIZE])fx_init));
}

int arch_signal_frame(struct trap_frame *f, const struct arch_sigframe *s)
{
    uint64_t sp = f->rsp - REDZONE;
    if ((s->flags & SA_ONSTACK) && altstack_state(sp, s->ss) == 0)
        sp = s->ss->sp + s->ss->size;
    uint64_t fpstate = (sp - FXSAVE_SIZE) & ~63UL;
    uint64_t frame_at = ((fpstate - sizeof(struct k_rt_sigframe)) & ~15UL) - 8;

    __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[FXSAVE_SIZE])fx_buf));
    memset(fx_buf + 464, 0, FXSAVE_SIZE - 464);    /* sw_reserved: no XSAVE magic */
    if (copy_to_user((void *)fpstate, fx_buf, FXSAVE_SIZE))
        return -EFAULT;

    struct k_rt_sigframe fr;
    memset(&fr, 0, sizeof fr);
    fr.pretcode = s->restorer;
    fr.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    fr.uc.uc_stack.ss_sp = s->ss->sp;
    fr.uc.uc_stack.ss_size = s->ss->size;
    fr.uc.uc_stack.ss_flags = altstack_state(f->rsp, s->ss) | (int)(s->ss->flags & SS_AUTODISARM_BIT);
    struct k_sigcontext *sc = &fr.uc.uc_mcontext;
    sc->r8 = f->r8; sc->r9 = f->r9; sc->r10 = f->r10; sc->r11 = f->r11;
    sc->r12 = f->r12; sc->r13 = f->r13; sc->r14 = f->r14; sc->r15 = f->r15;
    sc->rdi = f->rdi; sc->rsi = f->rsi; sc->rbp = f->rbp; sc->rbx = f->rbx;
    sc->rdx = f->rdx; sc->rax = f->rax; sc->rcx = f->rcx; sc->rsp = f->rsp;
    sc->rip = f->rip; sc->eflags = f->rflags;
    sc->cs = (uint16_t)f->cs; sc->ss = (uint16_t)f->ss;
    if (f->vector < 32) {
        sc->err = f->error;
        sc->trapno = f->vector;
    }
    sc->oldmask = s->saved_mask;
    sc->cr2 = s->fault_addr;
    sc->fpstate = fpstate;
    fr.uc.uc_sigmask = s->saved_mask;
    memcpy(fr.info, s->info, sizeof fr.info);
    if (copy_to_user((void *)frame_at, &fr, sizeof fr))
        return -EFAULT;

    f->rdi = (uint64_t)s->sig;
    f->rsi = frame_at + offsetof(struct k_rt_sigframe, info);
    f->rdx = frame_at + offsetof(struct k_rt_sigframe, uc);
    f->rax = 0;
    f->rsp = frame_at;
    f->rip = s->handler;
    f->cs = USER_CS;
    f->ss = USER_DS;
    f->rflags &= ~(0x100UL | 0x400UL | 0x10000UL);   /* TF, DF, RF clear in the handler */
    fpu_init_user();
    return 0;
}

static bool user_canonical(uint64_t a)
{
    return a < USER_END;
}

int arch_signal_return(struct trap_frame *f, uint64_t *mask, struct arch_altstack *ss)
{
    struct k_rt_sigframe fr;
    uint64_t frame_at = f->rsp - 8;     /* the handler's ret took pretcode */
    if (copy_from_user(&fr, (const void *)frame_at, sizeof fr))
        return -EFAULT;
    const struct k_sigcontext *sc = &fr.uc.uc_mcontext;
    if (!user_canonical(sc->rip) || !user_canonical(sc->rsp))
        return -EFAULT;
    if (sc->fpstate) {
        if (copy_from_user(fx_buf, (const void *)sc->fpstate, FXSAVE_SIZE))
            return -EFAULT;
        uint8_t cur[FXSAVE_SIZE] __attribute__((aligned(16)));
        __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[FXSAVE_SIZE])cur));
        uint32_t mxcsr_mask = *(uint32_t *)&cur[28];
        if (!mxcsr_mask)
            mxcsr_mask = 0xffbf;
        *(uint32_t *)&fx_buf[24] &= mxcsr_mask;      /* a reserved bit would fault in fxrstor */
        __asm__ volatile("fxrstor %0" :: "m"(*(uint8_t(*)[FXSAVE_SIZE])fx_buf));
    } else {
        fpu_init_user();
    }
    f->r8 = sc->r8; f->r9 = sc->r9; f->r10 = sc->r10; f->r11 = sc->r11;
    f->r12 = sc->r12; f->r13 = sc->r13; f->r14 = sc->r14; f->r15 = sc->r15;
    f->rdi = sc->rdi; f->rsi = sc->rsi; f->rbp = sc->rbp; f->rbx = sc->rbx;
    f->rdx = sc->rdx; f->rax = sc->rax; f->rcx = sc->rcx; f->rsp = sc->rsp;
    f->rip = sc->rip;
    f->rflags = (f->rflags & ~(uint64_t)FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
    f->cs = USER_CS;                     /* the only user code and stack segments there are */
    f->ss = USER_DS;
    arch_syscall_no_restart(f);
    *mask = fr.uc.uc_sigmask;
    ss->sp = fr.uc.uc_stack.ss_sp;
    ss->size = fr.uc.uc_stack.ss_size;
    ss->flags = fr.uc.uc_stack.ss_flags;
    return 0;
}

long arch_syscall_orig_nr(const struct trap_frame *f)
{
    return f->vector == 256 ? (long)f->error : -1;
}

void arch_syscall_no_restart(struct trap_frame *f)
{
    if (f->vector == 256)
        f->error = (uint64_t)-1;
}

void arch_syscall_restart(struct trap_frame *f)
{
    f->rax = f->error;
    f->rip -= 2;                         /* SYSCALL is 0f 05 */
}
