/*
 * exec.c — replacing a task's program: the ELF64 loader for static executables (ET_EXEC,
 * and static-PIE ET_DYN, which Linux 6.x places top-down in the mmap area with the brk
 * at ELF_ET_DYN_BASE) and the initial stack exactly as Linux's create_elf_tables() lays
 * it out. A file that is not a loadable ELF, is truncated or has a bad program header is
 * refused with -ENOEXEC before anything of the old image is touched.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/proc/task.h"
#include "kernel/proc/proc.h"
#include "kernel/timer.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/frame.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "arch/x86_64/arch.h"
#include <linux/elf.h>
#include <linux/auxvec.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/limits.h>
#include "kernel/uaccess.h"
#include <asm/auxvec.h>

#ifndef AT_RSEQ_FEATURE_SIZE    /* Linux 6.3+, newer than the uapi headers installed here */
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN 28
#endif
#define MAX_PHNUM (65536 / sizeof(Elf64_Phdr))
#define STACK_EXPAND (128UL * 1024)     /* Linux's stack_expand in setup_arg_pages */

struct elf_image {
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
    uint64_t size;
};

static int elf_read_headers(struct file *f, struct elf_image *im)
{
    struct stat st;
    int r = kernel_stat(f, &st);
    if (r < 0)
        return r;
    if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111))
        return -EACCES;     /* even root needs one execute bit */
    im->size = st.st_size;
    if (kernel_read(f, &im->eh, sizeof im->eh, 0) != sizeof im->eh)
        return -ENOEXEC;
    const Elf64_Ehdr *e = &im->eh;
    if (memcmp(e->e_ident, ELFMAG, SELFMAG) || e->e_ident[EI_CLASS] != ELFCLASS64 ||
        e->e_ident[EI_DATA] != ELFDATA2LSB || e->e_machine != EM_X86_64 ||
        (e->e_type != ET_EXEC && e->e_type != ET_DYN) || e->e_phentsize != sizeof(Elf64_Phdr) ||
        e->e_phnum == 0 || e->e_phnum > MAX_PHNUM)
        return -ENOEXEC;
    size_t phsize = e->e_phnum * sizeof(Elf64_Phdr);
    if (e->e_phoff > im->size || phsize > im->size - e->e_phoff)
        return -ENOEXEC;
    im->ph = kmalloc(phsize);
    if (!im->ph)
        return -ENOMEM;
    if (kernel_read(f, im->ph, phsize, e->e_phoff) != (long)phsize)
        return -ENOEXEC;
    int nload = 0;
    for (int i = 0; i < e->e_phnum; i++) {
        const Elf64_Phdr *p = &im->ph[i];
        if (p->p_type == PT_INTERP)
            return -ENOEXEC;            /* dynamic executables: no ld.so support yet */
        if (p->p_type != PT_LOAD)
            continue;
        nload++;
        if (p->p_filesz > p->p_memsz || p->p_offset > im->size || p->p_filesz > im->size - p->p_offset ||
            p->p_vaddr + p->p_memsz < p->p_vaddr || p->p_vaddr + p->p_memsz > TASK_SIZE ||
            (p->p_vaddr & (PAGE_SIZE - 1)) != (p->p_offset & (PAGE_SIZE - 1)))
            return -ENOEXEC;
    }
    return nload ? 0 : -ENOEXEC;
}

static unsigned seg_prot(const Elf64_Phdr *p)
{
    unsigned prot = 0;
    if (p->p_flags & PF_R) prot |= PROT_READ;
    if (p->p_flags & PF_W) prot |= PROT_WRITE;
    if (p->p_flags & PF_X) prot |= PROT_EXEC;
    return prot;
}

/* Map one PT_LOAD as Linux does: a private mapping of the file from the segment's
 * page-aligned offset (the file's own pages until written), the rest of the last file page
 * zeroed in a private copy (padzero), and anonymous memory for the bss pages after it. */
static int map_segment(struct mm *mm, struct file *f, const Elf64_Phdr *p, uint64_t bias)
{
    uint64_t start = ALIGN_DOWN(p->p_vaddr + bias, PAGE_SIZE);
    uint64_t end = ALIGN_UP(p->p_vaddr + bias + p->p_memsz, PAGE_SIZE);
    uint64_t file_end = p->p_vaddr + bias + p->p_filesz;
    uint64_t file_pages_end = ALIGN_UP(file_end, PAGE_SIZE);
    unsigned prot = seg_prot(p);
    int r;
    if (file_pages_end > start &&
        (r = mm_map_file(mm, start, file_pages_end - start, prot, 0, f, p->p_offset / PAGE_SIZE)) < 0)
        return r;
    if (file_end & (PAGE_SIZE - 1) && file_end > start && p->p_memsz > p->p_filesz) {
        uint64_t va = ALIGN_DOWN(file_end, PAGE_SIZE);
        uint64_t index = p->p_offset / PAGE_SIZE + (va - start) / PAGE_SIZE;
        void *page = f->ops->mmap_page(f, index);
        uint64_t copy = page ? frame_alloc() : 0;
        if (!copy)
            return -ENOMEM;
        size_t keep = file_end - va;
        memcpy(phys_to_virt(copy), page, keep);
        if ((r = arch_pt_map(mm->root, va, copy, mm_arch_prot(prot))) < 0) {
            frame_put(copy);
            return r;
        }
    }
    if (end > file_pages_end && (r = mm_map(mm, MAX(file_pages_end, start), end - MAX(file_pages_end, start),
                                            prot, 0)) < 0)
        return r;
    return 0;
}

/* For files that cannot be mapped: copy the bytes into anonymous memory. */
static int load_segment(struct mm *mm, struct file *f, const Elf64_Phdr *p, uint64_t bias)
{
    if (f->ops->mmap_page)
        return map_segment(mm, f, p, bias);
    uint64_t start = ALIGN_DOWN(p->p_vaddr + bias, PAGE_SIZE);
    uint64_t end = ALIGN_UP(p->p_vaddr + bias + p->p_memsz, PAGE_SIZE);
    uint64_t file_end = p->p_vaddr + bias + p->p_filesz;
    uint64_t off = ALIGN_DOWN(p->p_offset, PAGE_SIZE);
    unsigned prot = seg_prot(p);
    int r = mm_map(mm, start, end - start, prot, 0);
    if (r < 0)
        return r;
    for (uint64_t va = start; va < end; va += PAGE_SIZE, off += PAGE_SIZE) {
        if (va >= file_end)
            break;                        /* the rest is bss, filled on demand */
        uint64_t pa = frame_alloc();
        if (!pa)
            return -ENOMEM;
        size_t n = MIN(PAGE_SIZE, file_end - va);
        if (kernel_read(f, phys_to_virt(pa), n, off) != (long)n) {
            frame_put(pa);
            return -EIO;
        }
        if ((r = arch_pt_map(mm->root, va, pa, mm_arch_prot(prot))) < 0) {
            frame_put(pa);
            return r;
        }
    }
    return 0;
}

static int put_bytes(struct mm *mm, uint64_t va, const void *src, size_t n)
{
    const char *s = src;
    while (n) {
        char *p = mm_user_page(mm, va, true);
        if (!p)
            return -EFAULT;
        size_t chunk = MIN(n, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
        memcpy(p, s, chunk);
        s += chunk;
        va += chunk;
        n -= chunk;
    }
    return 0;
}

static int push_string(struct mm *mm, uint64_t *p, const char *s)
{
    size_t n = strlen(s) + 1;
    *p -= n;
    return put_bytes(mm, *p, s, n);
}

struct exec_layout { uint64_t phdr, phnum, entry, base; };

/* Linux's create_elf_tables(): strings at the top, then platform, AT_RANDOM, auxv, envp, argv, argc. */
static int build_stack(struct mm *mm, const char *execfn, char *const argv[], int argc,
                       char *const envp[], int envc, const struct exec_layout *lay, uint64_t *sp_out)
{
    struct task *t = current_task();
    uint64_t p = STACK_TOP - sizeof(void *);
    int r;
    if ((r = mm_map(mm, STACK_TOP - PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE, VMA_GROWSDOWN | VMA_STACK)) < 0)
        return r;
    if ((r = push_string(mm, &p, execfn)) < 0)
        return r;
    uint64_t execfn_addr = p;
    uint64_t *envp_addr = kmalloc((envc + 1) * sizeof(uint64_t));
    uint64_t *argv_addr = kmalloc((argc + 1) * sizeof(uint64_t));
    if (!envp_addr || !argv_addr) {
        r = -ENOMEM;
        goto out;
    }
    for (int i = envc - 1; i >= 0; i--) {
        if ((r = push_string(mm, &p, envp[i])) < 0)
            goto out;
        envp_addr[i] = p;
    }
    mm->env_end = execfn_addr;
    for (int i = argc - 1; i >= 0; i--) {
        if ((r = push_string(mm, &p, argv[i])) < 0)
            goto out;
        argv_addr[i] = p;
    }
    mm->arg_start = p;
    mm->arg_end = mm->env_start = envc ? envp_addr[0] : execfn_addr;
    argv_addr[argc] = envp_addr[envc] = 0;

    p &= ~15UL;
    if ((r = push_string(mm, &p, "x86_64")) < 0)
        goto out;
    uint64_t platform = p;
    uint8_t rnd[16];
    for (int i = 0; i < 16; i += 4) {
        uint32_t x = arch_random32();
        memcpy(rnd + i, &x, 4);
    }
    p -= 16;
    uint64_t random_addr = p;
    if ((r = put_bytes(mm, p, rnd, 16)) < 0)
        goto out;

    uint64_t aux[64];
    int n = 0;
#define AUX(k, v) do { aux[n++] = (k); aux[n++] = (v); } while (0)
    /* Where Linux puts AT_SYSINFO_EHDR. We have no vDSO; the recorder turns Linux's entry into
     * AT_IGNORE (recorder/auxv.c), so an AT_IGNORE here keeps the stack layout identical. */
    AUX(AT_IGNORE, 0);
    AUX(AT_MINSIGSTKSZ, arch_minsigstksz());   /* the host Linux's get_sigframe_size() */
    AUX(AT_HWCAP, arch_hwcap());
    AUX(AT_PAGESZ, PAGE_SIZE);
    AUX(AT_CLKTCK, 100);
    AUX(AT_PHDR, lay->phdr);
    AUX(AT_PHENT, sizeof(Elf64_Phdr));
    AUX(AT_PHNUM, lay->phnum);
    AUX(AT_BASE, lay->base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, lay->entry);
    AUX(AT_UID, t->uid);
    AUX(AT_EUID, t->euid);
    AUX(AT_GID, t->gid);
    AUX(AT_EGID, t->egid);
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random_addr);
    AUX(AT_HWCAP2, arch_hwcap2());
    AUX(AT_EXECFN, execfn_addr);
    AUX(AT_PLATFORM, platform);
    AUX(AT_RSEQ_FEATURE_SIZE, 28);
    AUX(AT_RSEQ_ALIGN, 32);
    AUX(AT_NULL, 0);
#undef AUX
    uint64_t sp = p - n * 8;
    uint64_t items = (argc + 1) + (envc + 1) + 1;
    sp = (sp - items * 8) & ~15UL;
    uint64_t at = sp;
    uint64_t argc64 = argc;
    if ((r = put_bytes(mm, at, &argc64, 8)) < 0 ||
        (r = put_bytes(mm, at + 8, argv_addr, (argc + 1) * 8)) < 0 ||
        (r = put_bytes(mm, at + 8 + (argc + 1) * 8, envp_addr, (envc + 1) * 8)) < 0 ||
        (r = put_bytes(mm, at + 8 + (argc + envc + 2) * 8, aux, n * 8)) < 0)
        goto out;
    /* The stack VMA: the pages in use plus Linux's 128 KiB expansion, growing down on demand. */
    uint64_t low = ALIGN_DOWN(sp, PAGE_SIZE) - STACK_EXPAND;
    struct vma *stack = vma_find(mm, STACK_TOP - 1);
    stack->start = MIN(stack->start, low);
    mm->start_stack = sp;
    *sp_out = sp;
    r = 0;
out:
    kfree(envp_addr);
    kfree(argv_addr);
    return r;
}

#define BINPRM_BUF_SIZE 256
#define MAX_SCRIPT_DEPTH 5

static int do_execve(const char *path, const char *execfn, char *const argv[], int argc,
                     char *const envp[], int envc, int depth);

/* "#!interpreter [one argument]": run the interpreter with the script's path in place of
 * argv[0], as Linux's binfmt_script does. -ENOEXEC when f is not a script. */
static int exec_script(struct file *f, const char *path, const char *execfn, char *const argv[], int argc,
                       char *const envp[], int envc, int depth)
{
    char buf[BINPRM_BUF_SIZE + 1];
    long n = kernel_read(f, buf, BINPRM_BUF_SIZE, 0);
    if (n < 2 || buf[0] != '#' || buf[1] != '!')
        return -ENOEXEC;
    buf[n] = 0;
    char *end = strchr(buf, '\n');
    if (!end) {
        if (n == BINPRM_BUF_SIZE)
            return -ENOEXEC;        /* the interpreter line does not fit: Linux refuses it */
        end = buf + n;
    }
    *end = 0;
    char *p = buf + 2;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return -ENOEXEC;
    char *interp = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    char *arg = NULL;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        char *e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            *--e = 0;
        if (*p)
            arg = p;
    }
    if (depth >= MAX_SCRIPT_DEPTH)
        return -ELOOP;
    char **nargv = kmalloc((argc + 3) * sizeof(char *));
    if (!nargv)
        return -ENOMEM;
    int k = 0;
    nargv[k++] = interp;
    if (arg)
        nargv[k++] = arg;
    nargv[k++] = (char *)path;
    for (int i = 1; i < argc; i++)
        nargv[k++] = argv[i];
    nargv[k] = NULL;
    int r = do_execve(interp, execfn, nargv, k, envp, envc, depth + 1);
    kfree(nargv);
    return r;
}

int kernel_execve(const char *path, char *const argv[], int argc, char *const envp[], int envc)
{
    return do_execve(path, path, argv, argc, envp, envc, 0);
}

/* The code and data bounds load_elf_binary keeps for /proc/<pid>/stat: code from the
 * executable segments' starts to their file ends; data from the highest segment start to the
 * highest file end. */
static void note_code_data(struct mm *mm, const Elf64_Phdr *p, uint64_t bias)
{
    uint64_t start = p->p_vaddr + bias, end = p->p_vaddr + p->p_filesz + bias;
    if (p->p_flags & PF_X) {
        mm->start_code = mm->start_code ? MIN(mm->start_code, start) : start;
        mm->end_code = MAX(mm->end_code, end);
    }
    mm->start_data = MAX(mm->start_data, start);
    mm->end_data = MAX(mm->end_data, end);
}

static int do_execve(const char *path, const char *execfn, char *const argv[], int argc,
                     char *const envp[], int envc, int depth)
{
    struct task *t = current_task();
    struct file *f;
    struct elf_image im = { 0 };
    struct mm *mm = NULL;
    int r = kernel_open(path, O_RDONLY, &f);
    if (r < 0)
        return r;
    if ((r = elf_read_headers(f, &im)) < 0) {
        if (r == -ENOEXEC) {
            int s = exec_script(f, path, execfn, argv, argc, envp, envc, depth);
            if (s != -ENOEXEC)
                r = s;
        }
        goto out;
    }
    if (!(mm = mm_create())) {
        r = -ENOMEM;
        goto out;
    }
    mm->mmap_base = mmap_base_for(t);
    /* Static PIE: Linux 6.x maps it top-down in the mmap area (load_bias 0 with no
     * MAP_FIXED) and moves the brk to ELF_ET_DYN_BASE. */
    uint64_t lo = UINT64_MAX, hi = 0, bias = 0;
    for (int i = 0; i < im.eh.e_phnum; i++) {
        const Elf64_Phdr *p = &im.ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        lo = MIN(lo, ALIGN_DOWN(p->p_vaddr, PAGE_SIZE));
        hi = MAX(hi, p->p_vaddr + p->p_memsz);
    }
    if (im.eh.e_type == ET_DYN) {
        uint64_t at = mm_unmapped_area(mm, ALIGN_UP(hi, PAGE_SIZE) - lo);
        if (!at) {
            r = -ENOMEM;
            goto out;
        }
        bias = at - lo;
    }
    struct exec_layout lay = { 0, im.eh.e_phnum, im.eh.e_entry + bias, 0 };
    for (int i = 0; i < im.eh.e_phnum; i++) {
        const Elf64_Phdr *p = &im.ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        if ((r = load_segment(mm, f, p, bias)) < 0)
            goto out;
        note_code_data(mm, p, bias);
        if (p->p_offset <= im.eh.e_phoff && im.eh.e_phoff < p->p_offset + p->p_filesz)
            lay.phdr = im.eh.e_phoff - p->p_offset + p->p_vaddr + bias;
    }
    mm->start_brk = mm->brk = im.eh.e_type == ET_DYN ? ALIGN_UP(ELF_ET_DYN_BASE, PAGE_SIZE)
                                                     : ALIGN_UP(hi + bias, PAGE_SIZE);
    if ((r = vdso_map(mm)) < 0)   /* after the ELF, as Linux's ARCH_SETUP_ADDITIONAL_PAGES */
        goto out;
    uint64_t sp;
    if ((r = build_stack(mm, execfn, argv, argc, envp, envc, &lay, &sp)) < 0)
        goto out;

    if ((r = thread_exec_takeover(t)) < 0)
        goto out;
    /* The point of no return: the new image replaces the old one. */
    if (t->exe)
        inode_put(t->exe);
    t->exe = inode_get(f->inode);
    struct mm *old = t->mm;
    t->mm = mm;
    mm = NULL;
    mm_activate(t->mm);
    mm_put(old);
    arch_task_reset_fpu(t);
    arch_frame_init_user(t->frame, lay.entry, sp);
    exec_reset_task(t, execfn);
    r = 0;
out:
    if (mm)
        mm_put(mm);
    kfree(im.ph);
    file_put(f);
    return r;
}

/* What exec resets in the task itself: its name, handled signals back to default (ignored
 * ones stay ignored, the mask stays), close-on-exec fds, and per-thread registrations. */
struct inode *task_exe_inode(struct task *t)
{
    return t->exe ? inode_get(t->exe) : NULL;
}

/* Every handled signal back to its default action; SIG_IGN stays (exec, clone3's
 * CLONE_CLEAR_SIGHAND). Flags, mask and restorer are cleared either way. */
void flush_signal_handlers(struct task *t)
{
    for (int i = 0; i < TASK_NSIG; i++) {
        bool ignored = t->sigactions[i].handler == (uint64_t)SIG_IGN;
        memset(&t->sigactions[i], 0, sizeof t->sigactions[i]);
        if (ignored)
            t->sigactions[i].handler = (uint64_t)SIG_IGN;
    }
}

void exec_reset_task(struct task *t, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    memset(t->comm, 0, sizeof t->comm);
    memcpy(t->comm, base, MIN(strlen(base), sizeof t->comm - 1));
    flush_signal_handlers(t);
    t->altstack_sp = t->altstack_size = 0;   /* the alternate signal stack is gone with the old image */
    t->altstack_flags = 0;
    if (t->files)
        fdtable_close_on_exec(t->files);
    t->rseq_area = 0;
    t->rseq_len = 0;
    t->robust_list = 0;
    t->clear_child_tid = 0;
    t->did_exec = true;
    posix_timers_exec(t->pid);
    vfork_release(t);
}

/* execve's arguments, copied from user memory into one kernel buffer. Linux refuses more
 * than a quarter of the stack limit of strings (E2BIG); so do we. */
struct user_strings { char **v; int n; };

static int copy_strings(const char *const *uvec, struct user_strings *out, size_t *budget)
{
    out->v = NULL;
    out->n = 0;
    if (!uvec)
        return 0;
    int cap = 0;
    for (;;) {
        const char *up;
        if (copy_from_user(&up, &uvec[out->n], sizeof up))
            return -EFAULT;
        if (!up)
            return 0;
        if (out->n + 1 >= cap) {
            cap = cap ? cap * 2 : 16;
            char **nv = kmalloc(cap * sizeof *nv);
            if (!nv)
                return -ENOMEM;
            if (out->v)
                memcpy(nv, out->v, out->n * sizeof *nv);
            kfree(out->v);
            out->v = nv;
        }
        char *buf = kmalloc(MIN(*budget, (size_t)PAGE_SIZE * 32) + 1);
        if (!buf)
            return -ENOMEM;
        long len = strncpy_from_user(buf, up, MIN(*budget, (size_t)PAGE_SIZE * 32) + 1);
        if (len < 0) {
            kfree(buf);
            return len == -ENAMETOOLONG ? -E2BIG : (int)len;
        }
        out->v[out->n++] = buf;
        *budget -= len + 1;
    }
}

static void free_strings(struct user_strings *s)
{
    for (int i = 0; i < s->n; i++)
        kfree(s->v[i]);
    kfree(s->v);
}

long sys_execve(const char *upath, const char *const *uargv, const char *const *uenvp)
{
    struct user_strings argv = { 0 }, envp = { 0 };
    size_t budget = MAX(mm_stack_rlimit() / 4, 32 * PAGE_SIZE);
    char *path = kmalloc(PATH_MAX);
    long r = -ENOMEM;
    if (!path)
        goto out;
    r = strncpy_from_user(path, upath, PATH_MAX);
    if (r < 0)
        goto out;
    if ((r = copy_strings(uargv, &argv, &budget)) < 0 || (r = copy_strings(uenvp, &envp, &budget)) < 0)
        goto out;
    static char *const empty[1] = { NULL };
    r = kernel_execve(path, argv.n ? argv.v : empty, argv.n, envp.n ? envp.v : empty, envp.n);
out:
    free_strings(&argv);
    free_strings(&envp);
    kfree(path);
    return r;
}
