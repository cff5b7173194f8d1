/*
 * boot.c — from boot.S to kmain(): reads the multiboot information (memory map,
 * modules, command line) into a struct boot_info and brings up the CPU tables.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/kernel.h"

#define MB_BOOTLOADER_MAGIC 0x2BADB002

struct mb_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));
struct mb_mmap { uint32_t size; uint64_t base, len; uint32_t type; } __attribute__((packed));
struct mb_module { uint32_t start, end, string, reserved; };

extern char _kernel_end[];
static struct boot_info boot_info;

void arch_boot(uint32_t magic, uint32_t info_phys)
{
    struct boot_info *bi = &boot_info;
    cpu_init();
    if (magic != MB_BOOTLOADER_MAGIC)
        panic("not started by a multiboot loader (magic %x)", magic);
    const struct mb_info *mi = phys_to_virt(info_phys);
    bi->kernel_phys_end = virt_to_phys(_kernel_end);
    if (mi->flags & (1u << 2))
        bi->cmdline = phys_to_virt(mi->cmdline);
    arch_sigframe_setup(bi->cmdline);
    arch_hwcap_setup(bi->cmdline);
    if (mi->flags & (1u << 3)) {
        const struct mb_module *m = phys_to_virt(mi->mods_addr);
        for (uint32_t i = 0; i < mi->mods_count && bi->nmod < BOOT_MAX_MODULES; i++) {
            struct boot_module *bm = &bi->mod[bi->nmod++];
            const char *s = m[i].string ? phys_to_virt(m[i].string) : "";
            /* QEMU passes "file name" as the string: the name is what follows the first space. */
            const char *sp = strchr(s, ' ');
            bm->name = sp ? sp + 1 : s;
            bm->phys = m[i].start;
            bm->len = m[i].end - m[i].start;
            if (m[i].end > bi->kernel_phys_end)
                bi->kernel_phys_end = ALIGN_UP((uint64_t)m[i].end, PAGE_SIZE);
        }
    }
    if (!(mi->flags & (1u << 6)))
        panic("no memory map from the boot loader");
    for (uint32_t off = 0; off < mi->mmap_length;) {
        const struct mb_mmap *e = phys_to_virt(mi->mmap_addr + off);
        if (e->type == 1 && bi->nram < BOOT_MAX_RANGES) {
            bi->ram[bi->nram].start = e->base;
            bi->ram[bi->nram].end = e->base + e->len;
            bi->nram++;
        }
        off += e->size + 4;
    }
    paging_init();
    kmain(bi);
    panic("kmain returned");
}
