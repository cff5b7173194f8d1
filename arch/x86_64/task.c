/*
 * task.c — the machine side of a task: its kernel stack (with the user trap frame at the
 * top), the saved kernel stack pointer while it is switched out, its FPU/SSE registers
 * (saved and restored eagerly at every switch with fxsave/fxrstor: the kernel itself
 * never touches them) and its FS/GS base registers (set with arch_prctl).
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/proc/task.h"
#include <asm/prctl.h>

#define KSTACK_SIZE 16384

struct arch_task {
    uint8_t fpu[512];            /* first: kmalloc gives 16-byte alignment */
    uint64_t rsp;                /* saved kernel stack pointer while switched out */
    uint8_t *kstack;
    uint64_t fs_base, gs_base;
};

void arch_switch_stack(uint64_t *save_rsp, uint64_t new_rsp);
extern char task_start[];

static struct arch_task *A(const struct task *t) { return t->arch; }

static uint64_t kstack_top(struct arch_task *a)
{
    return (uint64_t)a->kstack + KSTACK_SIZE;
}

struct trap_frame *arch_task_frame(struct task *t)
{
    return (struct trap_frame *)(kstack_top(A(t)) - sizeof(struct trap_frame));
}

int arch_task_create(struct task *t, void (*fn)(void *), void *arg)
{
    struct arch_task *a = kzalloc(sizeof *a);
    if (!a)
        return -ENOMEM;
    a->kstack = kmalloc(KSTACK_SIZE);
    if (!a->kstack) {
        kfree(a);
        return -ENOMEM;
    }
    memcpy(a->fpu, fpu_initial_state, sizeof a->fpu);
    t->arch = a;
    t->frame = arch_task_frame(t);
    memset(t->frame, 0, sizeof *t->frame);
    /* What arch_switch_stack pops: r15, r14, r13 (arg), r12 (fn), rbx, rbp, then returns to task_start. */
    uint64_t *sp = (uint64_t *)t->frame;
    *--sp = (uint64_t)task_start;
    *--sp = 0;                   /* rbp */
    *--sp = 0;                   /* rbx */
    *--sp = (uint64_t)fn;        /* r12 */
    *--sp = (uint64_t)arg;       /* r13 */
    *--sp = 0;                   /* r14 */
    *--sp = 0;                   /* r15 */
    a->rsp = (uint64_t)sp;
    return 0;
}

void arch_task_free(struct task *t)
{
    struct arch_task *a = t->arch;
    if (!a)
        return;
    kfree(a->kstack);
    kfree(a);
    t->arch = NULL;
}

void arch_init_idle_task(struct task *t)
{
    struct arch_task *a = kzalloc(sizeof *a);
    if (!a)
        panic("no memory for the idle task");
    memcpy(a->fpu, fpu_initial_state, sizeof a->fpu);
    t->arch = a;
}

void arch_task_copy_user_state(struct task *child, const struct task *parent)
{
    memcpy(A(child)->fpu, A(parent)->fpu, sizeof A(child)->fpu);
    A(child)->fs_base = A(parent)->fs_base;
    A(child)->gs_base = A(parent)->gs_base;
}

void arch_task_reset_fpu(struct task *t)
{
    memcpy(A(t)->fpu, fpu_initial_state, sizeof A(t)->fpu);
    A(t)->fs_base = 0;
    A(t)->gs_base = 0;
    if (t == current_task()) {
        __asm__ volatile("fxrstor %0" :: "m"(*(uint8_t(*)[512])A(t)->fpu));
        wrmsr(MSR_FS_BASE, 0);
        wrmsr(MSR_GS_BASE, 0);
    }
}

void arch_switch_to(struct task *prev, struct task *next)
{
    struct arch_task *p = A(prev), *n = A(next);
    __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[512])p->fpu));
    __asm__ volatile("fxrstor %0" :: "m"(*(uint8_t(*)[512])n->fpu));
    if (p->fs_base != n->fs_base)
        wrmsr(MSR_FS_BASE, n->fs_base);
    if (p->gs_base != n->gs_base)
        wrmsr(MSR_GS_BASE, n->gs_base);
    if (n->kstack)
        cpu_set_kernel_stack(kstack_top(n));
    arch_switch_stack(&p->rsp, n->rsp);
}

static bool canonical_user(uint64_t v)
{
    return v < USER_END;
}

int arch_prctl_set(struct task *t, int code, uint64_t value)
{
    if (!canonical_user(value))
        return -EPERM;
    if (code == ARCH_SET_FS) {
        A(t)->fs_base = value;
        if (t == current_task())
            wrmsr(MSR_FS_BASE, value);
        return 0;
    }
    if (code == ARCH_SET_GS) {
        A(t)->gs_base = value;
        if (t == current_task())
            wrmsr(MSR_GS_BASE, value);
        return 0;
    }
    return -EINVAL;
}

int arch_prctl_get(struct task *t, int code, uint64_t *value)
{
    if (code == ARCH_GET_FS) {
        *value = A(t)->fs_base;
        return 0;
    }
    if (code == ARCH_GET_GS) {
        *value = A(t)->gs_base;
        return 0;
    }
    return -EINVAL;
}
