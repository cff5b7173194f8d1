/*
 * entry.S — every way into the kernel and back out: the interrupt and exception stubs,
 * the SYSCALL entry and its SYSRETQ return, the common return (iretq), the kernel-stack
 * switch between tasks and the first instructions of a new task. All of them build or
 * consume one struct trap_frame (arch.h) so fork and exec can edit a task's user registers
 * in one place.
 */
#define USER_DS 0x2b
#define USER_CS 0x33

    .text
/* Interrupt/exception stubs: push a zero error code where the CPU pushes none. */
.macro STUB n
    .align 16
stub_\n:
    .if (\n == 8 || \n == 10 || \n == 11 || \n == 12 || \n == 13 || \n == 14 || \n == 17 || \n == 21 || \n == 29 || \n == 30)
    .else
    pushq $0
    .endif
    pushq $\n
    jmp trap_common
.endm

.altmacro
.macro STUB_ENTRY n
    .quad stub_\n
.endm
    .set i, 0
    .rept 256
    STUB %i
    .set i, i + 1
    .endr

    .section .rodata
    .global trap_stub_table
trap_stub_table:
    .set i, 0
    .rept 256
    STUB_ENTRY %i
    .set i, i + 1
    .endr
    .text

.macro PUSH_REGS
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
.endm

.macro POP_REGS
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
.endm

trap_common:
    PUSH_REGS
    cld
    mov %rsp, %rdi
    call trap_handler
    .global trap_return
trap_return:
    POP_REGS
    add $16, %rsp
    iretq

/* SYSCALL: RCX = user RIP, R11 = user RFLAGS, interrupts masked by FMASK. One CPU, so
 * the user stack pointer can wait in a global while we switch to the kernel stack. */
    .global syscall_entry
syscall_entry:
    mov %rsp, syscall_user_rsp(%rip)
    mov syscall_kernel_rsp(%rip), %rsp
    pushq $USER_DS
    pushq syscall_user_rsp(%rip)
    pushq %r11
    pushq $USER_CS
    pushq %rcx
    pushq %rax          /* the error slot keeps the syscall number (orig_rax), for restarts */
    pushq $256
    PUSH_REGS
    cld
    mov %rsp, %rdi
    call syscall_handler
    /* SYSRETQ instead of IRETQ when the frame is still a plain syscall return (as Linux's
     * syscall_return_slowpath test): RCX = RIP and R11 = RFLAGS (SYSRET takes them from there),
     * the user selectors, a canonical RIP, no TF or RF. Signal delivery, sigreturn and exec
     * change the frame and go the IRETQ way. Under TCG IRETQ re-reads both descriptors. */
    cli
    mov 96(%rsp), %rcx
    cmp 136(%rsp), %rcx
    jne trap_return
    mov 32(%rsp), %r11
    cmp 152(%rsp), %r11
    jne trap_return
    cmpq $USER_CS, 144(%rsp)
    jne trap_return
    cmpq $USER_DS, 168(%rsp)
    jne trap_return
    test $0x10100, %r11
    jnz trap_return
    mov %rcx, %rax
    shr $47, %rax
    jnz trap_return
    POP_REGS
    mov 40(%rsp), %rsp   /* vector, error, rip, cs, rflags, then the user's rsp */
    sysretq

/* arch_switch_stack(uint64_t *save_rsp, uint64_t new_rsp) */
    .global arch_switch_stack
arch_switch_stack:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    mov %rsp, (%rdi)
    mov %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

/* A new task's first instructions: fn(arg) from r12/r13, then into user mode with the
 * trap frame that sits right above (see arch_task_create). */
    .global task_start
task_start:
    mov %r13, %rdi
    call *%r12
    jmp trap_return

    .data
    .global syscall_kernel_rsp
syscall_kernel_rsp: .quad 0
syscall_user_rsp:   .quad 0
