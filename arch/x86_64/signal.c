/*
 * signal.c (arch) — the x86-64 signal frame, laid out as Linux's rt_sigframe
 * (arch/x86/kernel/signal_64.c): return address (sa_restorer), struct ucontext with the
 * sigcontext in Linux's field order, siginfo; above it the fpstate, 64-byte aligned and as
 * large as the host Linux's user XSAVE area (fpu__alloc_mathframe): the fxsave image with
 * the software bytes (FP_XSTATE_MAGIC1, sizes, xfeatures) in its reserved tail, the XSAVE
 * header, the extended area (zero here: this CPU model has no such registers) and
 * FP_XSTATE_MAGIC2 right after it. Which layout the host uses comes from the boot command
 * line ("sigframe=XSTATE_SIZE,XFEATURES,MINSIGSTKSZ", recorder/sigframe_probe.c); without it,
 * the layout of a CPU without XSAVE (a 512-byte fxsave image). The frame goes below the
 * 128-byte red zone or at the top of the sigaltstack; rsp such that (rsp + 8) % 16 == 0 at
 * the handler's first instruction; a frame that would overflow the alternate stack is not
 * written (the task gets SIGSEGV). rt_sigreturn reads it back with the fault-safe copies;
 * the kernel side is kernel/signal*.c.
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

#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define REDZONE 128
#define FXSAVE_SIZE 512
#define XSAVE_HDR_SIZE 64
#define FP_XSTATE_MAGIC1 0x46505853u
#define FP_XSTATE_MAGIC2 0x46505845u
#define FP_XSTATE_MAGIC2_SIZE 4
#define SW_BYTES 464                    /* struct _fpx_sw_bytes in the fxsave image's tail */
#define XFEATURE_MASK_FPSSE 0x3
#define MINSIGSTKSZ_FXSAVE 1040         /* AT_MINSIGSTKSZ without the host's word */

struct fpx_sw_bytes {                   /* uapi struct _fpx_sw_bytes */
    uint32_t magic1, extended_size;
    uint64_t xfeatures;
    uint32_t xstate_size, padding[7];
};
_Static_assert(sizeof(struct fpx_sw_bytes) == FXSAVE_SIZE - SW_BYTES, "sw_bytes");

/* The host Linux's layout: xstate_size 0 means no XSAVE (fxsave only). */
static struct {
    uint32_t xstate_size;
    uint64_t xfeatures, minsigstksz;
} host = { 0, 0, MINSIGSTKSZ_FXSAVE };

void arch_sigframe_setup(const char *cmdline)
{
    uint64_t v[3];   /* XSTATE_SIZE, XFEATURES, MINSIGSTKSZ */
    if (!arch_cmdline_numbers(cmdline, "sigframe", v, 3) ||
        (v[0] && (v[0] < FXSAVE_SIZE + XSAVE_HDR_SIZE || v[0] > 65536)))
        return;                      /* absent or malformed: keep the fxsave layout */
    host.xstate_size = (uint32_t)v[0];
    host.xfeatures = v[1];
    host.minsigstksz = v[2];
}

uint64_t arch_minsigstksz(void)
{
    return host.minsigstksz;
}

/* xstate_sigframe_size(): the fpstate Linux reserves in a frame. */
static uint64_t fpstate_size(void)
{
    return host.xstate_size ? host.xstate_size + FP_XSTATE_MAGIC2_SIZE : FXSAVE_SIZE;
}
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

/* copy_fpstate_to_sigframe: the fxsave image with its software bytes (save_sw_bytes writes
 * them without XSAVE too: 512 bytes of FP and SSE), and with XSAVE a header saying FP and
 * SSE are in use, the (initial, zero) extended state and the end magic. */
static int write_fpstate(uint64_t fpstate)
{
    __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[FXSAVE_SIZE])fx_buf));
    uint32_t user_size = host.xstate_size ? host.xstate_size : FXSAVE_SIZE;
    struct fpx_sw_bytes sw;
    memset(&sw, 0, sizeof sw);
    sw.magic1 = FP_XSTATE_MAGIC1;
    sw.extended_size = user_size + FP_XSTATE_MAGIC2_SIZE;
    sw.xfeatures = host.xstate_size ? host.xfeatures : XFEATURE_MASK_FPSSE;
    sw.xstate_size = user_size;
    memcpy(fx_buf + SW_BYTES, &sw, sizeof sw);
    if (copy_to_user((void *)fpstate, fx_buf, FXSAVE_SIZE))
        return -EFAULT;
    if (!host.xstate_size)
        return 0;
    uint64_t xstate_bv = XFEATURE_MASK_FPSSE;
    uint32_t magic2 = FP_XSTATE_MAGIC2;
    if (clear_user((void *)(fpstate + FXSAVE_SIZE), host.xstate_size - FXSAVE_SIZE) ||
        copy_to_user((void *)(fpstate + FXSAVE_SIZE), &xstate_bv, sizeof xstate_bv) ||
        copy_to_user((void *)(fpstate + host.xstate_size), &magic2, sizeof magic2))
        return -EFAULT;
    return 0;
}

int arch_signal_frame(struct trap_frame *f, const struct arch_sigframe *s)
{
    uint64_t sp = f->rsp - REDZONE;
    bool on_alt = altstack_state(f->rsp, s->ss) == SS_ONSTACK;   /* nested */
    if ((s->flags & SA_ONSTACK) && altstack_state(sp, s->ss) == 0) {
        sp = s->ss->sp + s->ss->size;
        on_alt = true;
    }
    uint64_t fpstate = (sp - fpstate_size()) & ~63UL;
    uint64_t frame_at = ((fpstate - sizeof(struct k_rt_sigframe)) & ~15UL) - 8;
    /* get_sigframe: a frame that does not fit the alternate stack is never written. */
    if (on_alt && !(frame_at > s->ss->sp && frame_at - s->ss->sp <= s->ss->size))
        return -EFAULT;
    if (write_fpstate(fpstate))
        return -EFAULT;

    struct k_rt_sigframe fr;
    memset(&fr, 0, sizeof fr);
    fr.pretcode = s->restorer;
    /* frame_uc_flags(): UC_FP_XSTATE when the CPU has XSAVE. */
    fr.uc.uc_flags = (host.xstate_size ? UC_FP_XSTATE : 0) | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
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
