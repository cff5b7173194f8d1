/*
 * boot.S — the multiboot1 entry. QEMU's -kernel loads us (through the header's address
 * fields, since it refuses ELF64 files otherwise) at 1 MiB and jumps here in 32-bit
 * protected mode with EAX = multiboot magic and EBX = the multiboot info.
 * We build boot page tables that map the first 1 GiB three times — identity (for the
 * jump), at the direct map 0xffff800000000000 and at the kernel's 0xffffffff80000000 —
 * enter long mode and call arch_boot(magic, info) in the higher half.
 */
#define KERNEL_VMA 0xffffffff80000000
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00010003   /* page-aligned modules, memory map, address fields */

    .section .multiboot, "a"
    .align 4
mb_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)
    .long mb_header            /* header_addr */
    .long _image_start         /* load_addr */
    .long _load_end            /* load_end_addr */
    .long _bss_end_phys        /* bss_end_addr */
    .long _start               /* entry_addr */

    .section .boot, "ax"
    .code32
    .global _start
_start:
    cli
    mov %eax, %edi
    mov %ebx, %esi
    mov $(boot_stack_top - KERNEL_VMA), %esp

    /* PD: 512 x 2 MiB pages covering the first 1 GiB. */
    mov $(boot_pd - KERNEL_VMA), %ebx
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax             /* present, writable, 2 MiB */
    mov %eax, (%ebx,%ecx,8)
    movl $0, 4(%ebx,%ecx,8)
    inc %ecx
    cmp $512, %ecx
    jne 1b

    mov $(boot_pd - KERNEL_VMA + 3), %eax
    mov %eax, (boot_pdpt_low - KERNEL_VMA)            /* 0 .. 1 GiB */
    mov %eax, (boot_pdpt_high - KERNEL_VMA + 510 * 8) /* -2 GiB .. */
    mov $(boot_pdpt_low - KERNEL_VMA + 3), %eax
    mov %eax, (boot_pml4 - KERNEL_VMA)                /* identity */
    mov %eax, (boot_pml4 - KERNEL_VMA + 256 * 8)      /* direct map */
    mov $(boot_pdpt_high - KERNEL_VMA + 3), %eax
    mov %eax, (boot_pml4 - KERNEL_VMA + 511 * 8)

    mov %cr4, %eax
    or $0x620, %eax            /* PAE, OSFXSR, OSXMMEXCPT */
    mov %eax, %cr4
    mov $(boot_pml4 - KERNEL_VMA), %eax
    mov %eax, %cr3
    mov $0xC0000080, %ecx      /* EFER: long mode, NX, SYSCALL */
    rdmsr
    or $0x901, %eax
    wrmsr
    mov %cr0, %eax
    and $0xfffffffb, %eax      /* clear EM */
    or $0x80010022, %eax       /* PG, WP, NE, MP */
    mov %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $0x10, $long_entry

    .code64
long_entry:
    movabs $higher_half, %rax
    jmp *%rax

    .align 8
boot_gdt:
    .quad 0
    .quad 0
    .quad 0x00af9a000000ffff   /* 0x10: kernel code */
    .quad 0x00cf92000000ffff   /* 0x18: kernel data */
boot_gdt_ptr:
    .word boot_gdt_ptr - boot_gdt - 1
    .long boot_gdt

    .text
higher_half:
    movabs $boot_stack_top, %rsp
    mov $0x18, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %ax, %ax
    mov %ax, %fs
    mov %ax, %gs
    mov %edi, %edi
    mov %esi, %esi
    xor %ebp, %ebp
    call arch_boot
2:  hlt
    jmp 2b

    .bss
    .align 4096
    .global boot_pml4
boot_pml4:      .space 4096
boot_pdpt_low:  .space 4096
boot_pdpt_high: .space 4096
boot_pd:        .space 4096
    .global boot_stack_top
boot_stack:     .space 16384
boot_stack_top:
