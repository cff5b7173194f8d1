/*
 * shim.c — host stand-ins for the kernel services that fs/ uses, so that fs/ can be unit
 * tested as an ordinary program: the heap is malloc, user copies are memcpy (with a range
 * of fake bad addresses for EFAULT), the console is a buffer, time is a counter, and a
 * wait queue never sleeps (a wait whose condition is false returns -EINTR and is counted).
 * Only built for the host tests (KFS_HOST_TEST); empty in the kernel build.
 */
#ifdef KFS_HOST_TEST
#include "kernel/fs/tests/shim.h"
#include "kernel/uaccess.h"
#include "kernel/console.h"
#include "kernel/time.h"
#include "kernel/errno.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/mm.h"
#include "kernel/signal.h"
#include "kernel/runspec.h"

char shim_console[3][65536];
size_t shim_console_len[3];
int shim_would_block;
struct task shim_task;
struct runspec the_runspec;   /* no run spec: uname's default release */
const char *uts_hostname(void) { return "lockstep"; }
const char *uts_domainname_get(void) { return "(none)"; }

void *kmalloc(size_t n) { return malloc(n ? n : 1); }
void *kzalloc(size_t n) { return calloc(1, n ? n : 1); }
void kfree(void *p) { free(p); }

void printk(const char *fmt, ...)
{
    (void)fmt;
}

_Noreturn void panic(const char *fmt, ...)
{
    printf("panic: %s\n", fmt);
    abort();
}

static bool bad(const void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)SHIM_BAD;
    if (n == 0)
        return false;
    return a < 0x10000 || (a + n > b && a < b + 0x10000);
}

int copy_from_user(void *dst, const void *src, size_t n)
{
    if (bad(src, n))
        return -EFAULT;
    memcpy(dst, src, n);
    return 0;
}

int copy_to_user(void *dst, const void *src, size_t n)
{
    if (bad(dst, n))
        return -EFAULT;
    memcpy(dst, src, n);
    return 0;
}

int clear_user(void *dst, size_t n)
{
    if (bad(dst, n))
        return -EFAULT;
    memset(dst, 0, n);
    return 0;
}

long strncpy_from_user(char *dst, const char *src, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        if (bad(src + i, 1))
            return -EFAULT;
        dst[i] = src[i];
        if (!src[i])
            return (long)i;
    }
    return -ENAMETOOLONG;
}

void *aligned_alloc(size_t align, size_t n);

void *fs_page_alloc(void)
{
    void *p = aligned_alloc(4096, 4096);
    if (p)
        memset(p, 0, 4096);
    return p;
}

void fs_page_free(void *p) { free(p); }

struct task *current_task(void) { return &shim_task; }

/* Signals the fs raises (SIGXFSZ) are recorded, not delivered. */
int shim_last_signal;
void signal_send_info(struct task *t, int sig, const siginfo_t *info)
{
    (void)t, (void)info;
    shim_last_signal = sig;
}

struct task *task_by_pid(int pid) { return pid == shim_task.pid ? &shim_task : NULL; }

void *mm_user_page(struct mm *mm, uint64_t va, bool write)
{
    (void)mm, (void)va, (void)write;
    return NULL;
}

/* procfs's view of the tasks and their memory: the one shim task, no mappings. */
struct task *task_first(void) { return &shim_task; }
struct task *task_next(struct task *t) { (void)t; return NULL; }
int thread_group_size(const struct task *t) { (void)t; return 1; }
uint64_t task_cpus_allowed(const struct task *t) { (void)t; return 3; }
struct file *vma_file(const struct vma *v, uint64_t *offset)
{
    (void)v, (void)offset;
    return NULL;
}
uint64_t arch_pt_lookup(uint64_t root, uint64_t va, unsigned *prot)
{
    (void)root, (void)va, (void)prot;
    return 0;
}

void wq_init(struct waitqueue *wq) { wq->head = NULL; }
void wq_wake_all(struct waitqueue *wq) { (void)wq; }

int wq_wait(struct waitqueue *wq, bool (*ready)(void *), void *arg)
{
    (void)wq;
    if (ready(arg))
        return 0;
    shim_would_block++;
    return -EINTR;
}

void console_write(int stream, const void *buf, size_t len)
{
    if (stream < 1 || stream > 2)
        return;
    size_t room = sizeof(shim_console[0]) - 1 - shim_console_len[stream];
    if (len > room)
        len = room;
    memcpy(shim_console[stream] + shim_console_len[stream], buf, len);
    shim_console_len[stream] += len;
    shim_console[stream][shim_console_len[stream]] = 0;
}

static uint64_t fake_ns = 1700000000ull * 1000000000ull;

uint64_t time_now_ns(int clockid)
{
    (void)clockid;
    return fake_ns += 1000;   /* every reading is later than the one before */
}
#endif
