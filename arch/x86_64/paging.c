/*
 * paging.c — the x86-64 page-table format. Each address space has its own PML4; the
 * kernel half (entries 256..511: the direct map of physical memory and the kernel image)
 * is copied from the boot PML4, and its lower-level tables are shared by every space.
 * User pages are 4 KiB; the kernel uses the 2 MiB pages set up by boot.S.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm/frame.h"

#define PTE_P 1UL
#define PTE_W 2UL
#define PTE_U 4UL
#define PTE_PWT 8UL
#define PTE_PCD 16UL
#define PTE_PS 0x80UL
#define PTE_NX (1UL << 63)
#define PTE_ADDR 0x000ffffffffff000UL

static uint64_t lapic_pd[512] __attribute__((aligned(4096)));

void paging_init(void)
{
    /* Drop the identity map; map the local APIC (above the 1 GiB direct map) uncached. */
    boot_pml4[0] = 0;
    uint64_t *pdpt = phys_to_virt(boot_pml4[256] & PTE_ADDR);
    pdpt[3] = virt_to_phys(lapic_pd) | PTE_P | PTE_W;
    lapic_pd[(0xfee00000UL >> 21) & 511] = 0xfee00000UL | PTE_P | PTE_W | PTE_PS | PTE_PCD | PTE_PWT;
    write_cr3(read_cr3());
}

uint64_t arch_pt_kernel_root(void)
{
    return virt_to_phys(boot_pml4);
}

uint64_t arch_pt_create(void)
{
    uint64_t root = frame_alloc();
    if (!root)
        return 0;
    uint64_t *pml4 = phys_to_virt(root);
    for (int i = 256; i < 512; i++)
        pml4[i] = boot_pml4[i];
    return root;
}

static void free_level(uint64_t table, int level)
{
    uint64_t *t = phys_to_virt(table);
    if (level > 1)
        for (int i = 0; i < 512; i++)
            if (t[i] & PTE_P)
                free_level(t[i] & PTE_ADDR, level - 1);
    frame_put(table);
}

void arch_pt_destroy(uint64_t root)
{
    uint64_t *pml4 = phys_to_virt(root);
    for (int i = 0; i < 256; i++)
        if (pml4[i] & PTE_P)
            free_level(pml4[i] & PTE_ADDR, 3);
    frame_put(root);
}

/* The PTE for va, creating the intermediate tables when create is set. */
static uint64_t *walk(uint64_t root, uint64_t va, bool create)
{
    uint64_t *t = phys_to_virt(root);
    for (int shift = 39; shift > 12; shift -= 9) {
        uint64_t *e = &t[(va >> shift) & 511];
        if (!(*e & PTE_P)) {
            if (!create)
                return NULL;
            uint64_t f = frame_alloc();
            if (!f)
                return NULL;
            *e = f | PTE_P | PTE_W | PTE_U;
        }
        t = phys_to_virt(*e & PTE_ADDR);
    }
    return &t[(va >> 12) & 511];
}

static uint64_t prot_bits(unsigned prot)
{
    uint64_t b = PTE_P;
    if (prot & PROT_W) b |= PTE_W;
    if (prot & PROT_U) b |= PTE_U;
    if (!(prot & PROT_X)) b |= PTE_NX;
    return b;
}

static void flush_if_active(uint64_t root, uint64_t va)
{
    if ((read_cr3() & PTE_ADDR) == root)
        invlpg(va);
}

int arch_pt_map(uint64_t root, uint64_t va, uint64_t pa, unsigned prot)
{
    uint64_t *pte = walk(root, va, true);
    if (!pte)
        return -ENOMEM;
    bool was = *pte & PTE_P;
    *pte = (pa & PTE_ADDR) | prot_bits(prot);
    if (was)
        flush_if_active(root, va);
    return 0;
}

uint64_t arch_pt_unmap(uint64_t root, uint64_t va)
{
    uint64_t *pte = walk(root, va, false);
    if (!pte || !(*pte & PTE_P))
        return 0;
    uint64_t pa = *pte & PTE_ADDR;
    *pte = 0;
    flush_if_active(root, va);
    return pa;
}

uint64_t arch_pt_lookup(uint64_t root, uint64_t va, unsigned *prot)
{
    uint64_t *pte = walk(root, va, false);
    if (!pte || !(*pte & PTE_P))
        return 0;
    if (prot) {
        unsigned p = PROT_R;
        if (*pte & PTE_W) p |= PROT_W;
        if (*pte & PTE_U) p |= PROT_U;
        if (!(*pte & PTE_NX)) p |= PROT_X;
        *prot = p;
    }
    return *pte & PTE_ADDR;
}

void arch_pt_activate(uint64_t root)
{
    if ((read_cr3() & PTE_ADDR) != root)
        write_cr3(root);
}

uint64_t arch_pt_active(void)
{
    return read_cr3() & PTE_ADDR;
}
