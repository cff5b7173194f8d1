/*
 * mm.h — a process's address space: its page-table root and its VMAs (sorted, disjoint
 * regions with Linux's PROT_* and a few flags). Pages are filled on demand (fault.c);
 * regions are created and changed by exec (the ELF loader), mmap/munmap/mprotect and brk
 * (mmap.c, brk.c). The layout follows Linux without randomisation (layout constants below).
 */
#ifndef KERNEL_MM_MM_H
#define KERNEL_MM_MM_H
#include "kernel/kernel.h"

struct task;

#define TASK_SIZE 0x7ffffffff000UL          /* Linux's TASK_SIZE_MAX with 4-level paging */
#define STACK_TOP TASK_SIZE
#define ELF_ET_DYN_BASE 0x555555554aaaUL     /* 2/3 of TASK_SIZE, page-aligned at load */
#define STACK_GUARD_GAP (256UL * PAGE_SIZE)
#define MMAP_MIN_ADDR 0x10000UL             /* vm.mmap_min_addr's default */

/* vma->flags */
#define VMA_SHARED    0x1
#define VMA_GROWSDOWN 0x2
#define VMA_STACK     0x4
#define VMA_HEAP      0x8
#define VMA_MAYWRITE  0x10      /* a shared file mapping whose file is open for writing */
#define VMA_VVAR      0x20      /* the special mappings of vdso.c, named in /proc/<pid>/maps */
#define VMA_VVAR_VCLOCK 0x40
#define VMA_VDSO      0x80
#define VMA_DONTCOPY  0x100     /* MADV_DONTFORK: left out of a fork's child */
#define VMA_WIPEONFORK 0x200    /* MADV_WIPEONFORK: a fork's child gets it empty */
#define VMA_NORESERVE 0x400     /* MAP_NORESERVE */
#define VMA_ACCOUNT   0x800     /* Linux's VM_ACCOUNT: private memory that was ever writable (not
                                 * NORESERVE); mprotect keeps it, so a RELRO range made read-only
                                 * does not merge with the read-only segment before it */
#define VMA_LOCKED    0x400     /* mlock: counted against RLIMIT_MEMLOCK; not inherited by fork */

struct vma {
    uint64_t start, end;        /* [start, end), page-aligned */
    unsigned prot;              /* PROT_READ | PROT_WRITE | PROT_EXEC (Linux values) */
    unsigned flags;
    struct file *file;          /* file mappings: the file (a reference) and the page offset */
    uint64_t pgoff;
    struct vma *next;
};

struct mm {
    uint64_t root;              /* page-table root (arch) */
    struct vma *vmas;
    uint64_t start_brk, brk;
    uint64_t mmap_base;
    uint64_t start_stack, arg_start, arg_end, env_start, env_end;
    uint64_t start_code, end_code, start_data, end_data;   /* the ELF's, as exec found them (/proc stat) */
    int users;
};

struct mm *mm_create(void);
void mm_put(struct mm *mm);
struct mm *mm_clone(struct mm *mm);           /* copy-on-write copy, for fork */
void mm_activate(struct mm *mm);

struct vma *vma_find(struct mm *mm, uint64_t addr);   /* first VMA with end > addr */
bool mm_range_free(struct mm *mm, uint64_t start, uint64_t end);   /* no VMA meets [start, end) */
struct file *vma_file(const struct vma *v, uint64_t *offset);   /* NULL for anonymous memory */
/* Map [start, start+len) as a fresh region (replacing whatever was there). */
int mm_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot, unsigned flags);
/* The same for a file mapping: page i of the region is page pgoff + i of file (which gets
 * its own reference). */
int mm_map_file(struct mm *mm, uint64_t start, uint64_t len, unsigned prot, unsigned flags,
                struct file *file, uint64_t pgoff);
int mm_unmap(struct mm *mm, uint64_t start, uint64_t len);
int mm_protect(struct mm *mm, uint64_t start, uint64_t len, unsigned prot);
/* Set and clear VMA flags over [start, end) (mapped), splitting and merging VMAs as needed. */
int mm_set_flags(struct mm *mm, uint64_t start, uint64_t end, unsigned set, unsigned clear);
uint64_t mm_unmapped_area(struct mm *mm, uint64_t len);   /* top-down below mmap_base; 0 if none */
/* A page-aligned hint when [hint, hint+len) is free and above MMAP_MIN_ADDR, else as above. */
uint64_t mm_get_unmapped_area(struct mm *mm, uint64_t hint, uint64_t len);
#define MM_PMD_SIZE (2UL << 20)
/* Linux's THP alignment of large anonymous mappings (mm.c): whether a mapping of len with this
 * hint gets it, and the placement it gets. */
bool mm_thp_aligned_placement(uint64_t hint, uint64_t len, bool anon_private);
uint64_t mm_unmapped_area_thp(struct mm *mm, uint64_t len);
uint64_t mm_stack_rlimit(void);
/* vm_limits.c: npages more of a mapping with this prot and these flags stay within RLIMIT_AS
 * and RLIMIT_DATA (Linux's may_expand_vm); the pages of VMAs inside [start, end). */
bool mm_may_expand(struct mm *mm, unsigned prot, unsigned flags, uint64_t npages);
uint64_t mm_pages_in(struct mm *mm, uint64_t start, uint64_t end);
uint64_t mmap_base_for(struct task *t);                    /* Linux's mmap_base() without randomisation */
unsigned mm_arch_prot(unsigned prot);                      /* PROT_* to the arch's page protection */
int vdso_map(struct mm *mm);                                /* vdso.c: [vvar], [vvar_vclock], [vdso] */

/* The kernel address of the page holding user address va, faulting it in as a user access
 * would (demand paging, copy-on-write); NULL when the access would be a SIGSEGV. */
void *mm_user_page(struct mm *mm, uint64_t va, bool write);
int mm_fault(struct mm *mm, uint64_t addr, unsigned flags);   /* 0, or the signal */
/* Fault in every accessible page of [start, end) as a write where writable (MAP_POPULATE, mlock). */
void mm_populate(struct mm *mm, uint64_t start, uint64_t end);

#endif
