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

uint64_t arch_hwcap(void)
{
    uint32_t r[4];
    cpuid(1, 0, r);
    return r[3];
}
