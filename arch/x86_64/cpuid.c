/*
 * cpuid.c — what the CPU says about itself (AT_HWCAP for the auxiliary vector) and the
 * kernel's cheap random numbers, seeded from the time-stamp counter (getrandom, AT_RANDOM:
 * world inputs that check mode replaces with the recorded bytes anyway).
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/io.h"

uint32_t arch_random32(void)
{
    static uint64_t state = 0x853c49e6748fea9bULL;
    state ^= rdtsc();
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    uint32_t x = (uint32_t)(((state >> 18) ^ state) >> 27);
    uint32_t rot = state >> 59;
    return (x >> rot) | (x << ((-rot) & 31));
}

/* AT_HWCAP/AT_HWCAP2 as the recording host's Linux gave them, when the runner passed them: what
 * a program finds in its auxiliary vector (and leaves on its stack) is then Linux's. */
static struct {
    bool set;
    uint64_t hwcap, hwcap2;
} host;

void arch_hwcap_setup(const char *cmdline)
{
    uint64_t v[2];
    if (arch_cmdline_numbers(cmdline, "hwcap", v, 2))
        host.set = true, host.hwcap = v[0], host.hwcap2 = v[1];
}

uint64_t arch_hwcap(void)
{
    if (host.set)
        return host.hwcap;
    uint32_t r[4];
    cpuid(1, 0, r);
    return r[3];
}

uint64_t arch_hwcap2(void)
{
    return host.set ? host.hwcap2 : 0;
}
