/* cpu.h — CPU set-up shared inside arch/x86_64/ (cpu.c, apic.c, task.c, paging.c). */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H
#include <stdint.h>

void cpu_init(void);                 /* GDT, TSS, IDT, SYSCALL MSRs, FPU */
void cpu_set_kernel_stack(uint64_t top);   /* TSS.rsp0 and the SYSCALL stack */
void paging_init(void);
void apic_init(void);
void apic_eoi(void);
void rtc_init(void);
extern uint64_t boot_pml4[512];
extern uint8_t fpu_initial_state[512];

#define VEC_TIMER 32
#define VEC_SPURIOUS 255

#endif
