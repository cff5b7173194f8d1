/*
 * apic.c — the local APIC: the periodic timer (TIMER_HZ) that drives preemption and the
 * monotonic clock. QEMU's APIC timer counts at 1 GHz under both KVM and TCG (one count per
 * nanosecond at divide-by-1), so no calibration is needed: monotonic time is
 * ticks * period + the part of the current period already counted down.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"

#define LAPIC_PHYS 0xfee00000UL
#define REG_EOI 0xB0
#define REG_SVR 0xF0
#define REG_IRR_TIMER (0x200 + 0x10 * (VEC_TIMER / 32))
#define REG_LVT_TIMER 0x320
#define REG_TIMER_INIT 0x380
#define REG_TIMER_CUR 0x390
#define REG_TIMER_DIV 0x3E0
#define PERIOD_NS (1000000000UL / TIMER_HZ)

static volatile uint32_t *lapic;
static volatile uint64_t ticks;
static uint64_t last_ns;

static inline uint32_t rd(uint32_t reg) { return lapic[reg / 4]; }
static inline void wr(uint32_t reg, uint32_t v) { lapic[reg / 4] = v; }

void apic_init(void)
{
    lapic = (volatile uint32_t *)(PHYS_MAP + LAPIC_PHYS);
    wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | (1u << 11));
    wr(REG_SVR, 0x100 | VEC_SPURIOUS);
    wr(REG_TIMER_DIV, 0xB);                        /* divide by 1 */
    wr(REG_LVT_TIMER, VEC_TIMER | (1u << 17));     /* periodic */
    wr(REG_TIMER_INIT, PERIOD_NS);
}

void apic_eoi(void)
{
    ticks++;
    wr(REG_EOI, 0);
}

uint64_t arch_monotonic_ns(void)
{
    uint64_t flags;
    __asm__ volatile("pushfq; pop %0; cli" : "=r"(flags) :: "memory");
    uint64_t t = ticks;
    uint32_t cur = rd(REG_TIMER_CUR);
    /* A tick that fired but is not yet handled: the counter has already reloaded. */
    if ((rd(REG_IRR_TIMER) & (1u << (VEC_TIMER % 32))) && cur > PERIOD_NS / 2)
        t++;
    uint64_t ns = t * PERIOD_NS + (PERIOD_NS - cur);
    /* Strictly increasing: between two readings some time always passes, and code that
       subtracts them (an itimer's time left) must see it, as it would on Linux. */
    if (ns <= last_ns)
        ns = last_ns + 1;
    last_ns = ns;
    if (flags & 0x200)
        __asm__ volatile("sti" ::: "memory");
    return ns;
}

void arch_timer_start(void)
{
    rtc_init();
    apic_init();
}
