/*
 * microbench.c — kernel microbenchmarks, the same static binary on the Lockstep kernel and on
 * Linux (where it runs as /init of an initramfs). bench/kernel/run.py boots both and compares.
 *
 * usage: microbench [-t TARGET_MS] [-r REPEATS] [-k TSC_KHZ] [NAME...]  (no NAME: every
 *        benchmark; NAME "none": no benchmark, which times a boot to init and back)
 *        microbench -l                                         (list the benchmarks' names)
 *        microbench -T             (the TSC's frequency in kHz, measured against CLOCK_MONOTONIC)
 *
 * Each benchmark is timed with clock_gettime(CLOCK_MONOTONIC), or with the TSC at TSC_KHZ when
 * -k gives it (under QEMU TCG the guest reads the host's TSC, so both kernels are then timed by
 * the same true clock, whatever their own clocks do). The iteration count is found by doubling
 * until one timed run lasts TARGET_MS (default 250 ms); then the run is repeated and the fastest
 * of REPEATS runs (default 3) is reported, so that a noisy host inflates nothing. Output, one
 * line per benchmark:   NAME NS_PER_OP      or      NAME error WHY
 * Lines starting with '#' are comments: start; per benchmark the iteration count and the spread
 * of its runs (min, median, max ns/op); end, with the time elapsed since the start by
 * CLOCK_MONOTONIC and in TSC cycles (so run.py can tell whether the guest's clock is right).
 *
 * As pid 1 (Linux initramfs) it sets up what a run needs (a tmpfs on /tmp, a console on fds 0-2)
 * and stops the machine at the end: isa-debug-exit (port 0xf4) if QEMU has one, else power-off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096L
#define MAP_1M (1L << 20)
#define FAULT_REGION (32L << 20)   /* page-fault benchmark: fresh pages touched per round */
#define TMP_FILE "/tmp/microbench.file"

/* A benchmark runs n operations and returns 0 with *ns set to the time they took, or -errno. */
typedef int (*bench_fn)(long n, uint64_t *ns);

static uint64_t clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static long timing_tsc_khz;   /* -k: time the benchmarks with the TSC at this frequency */

/* The benchmarks' clock: CLOCK_MONOTONIC, or the TSC when -k gave its frequency. */
static uint64_t now_ns(void)
{
    if (!timing_tsc_khz)
        return clock_ns();
    unsigned __int128 c = __builtin_ia32_rdtsc();
    return (uint64_t)(c * 1000000u / (unsigned long)timing_tsc_khz);
}

static int bench_getpid(long n, uint64_t *ns)
{
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++)
        syscall(SYS_getpid);   /* raw syscall: no libc caching */
    *ns = now_ns() - t0;
    return 0;
}

static int bench_fork(long n, uint64_t *ns)
{
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return -errno;
        if (pid == 0)
            _exit(0);
        int st;
        if (waitpid(pid, &st, 0) != pid)
            return -errno;
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            return -ECHILD;
    }
    *ns = now_ns() - t0;
    return 0;
}

static int bench_open_close(long n, uint64_t *ns)
{
    int fd = open(TMP_FILE, O_RDWR | O_CREAT, 0644);
    if (fd < 0)
        return -errno;
    close(fd);
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        fd = open(TMP_FILE, O_RDONLY);
        if (fd < 0)
            return -errno;
        close(fd);
    }
    *ns = now_ns() - t0;
    unlink(TMP_FILE);
    return 0;
}

static int bench_pipe(long n, uint64_t *ns)
{
    static char buf[4096];
    int p[2];
    if (pipe(p) < 0)
        return -errno;
    int err = 0;
    uint64_t t0 = now_ns();
    for (long i = 0; i < n && !err; i++) {
        if (write(p[1], buf, sizeof buf) != (ssize_t)sizeof buf)
            err = errno ? -errno : -EIO;
        else if (read(p[0], buf, sizeof buf) != (ssize_t)sizeof buf)
            err = errno ? -errno : -EIO;
    }
    *ns = now_ns() - t0;
    close(p[0]);
    close(p[1]);
    return err;
}

static void touch_pages(volatile char *p, long len)
{
    for (long off = 0; off < len; off += PAGE)
        p[off] = 1;
}

static int bench_mmap(long n, uint64_t *ns)
{
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        char *p = mmap(NULL, MAP_1M, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -errno;
        touch_pages(p, MAP_1M);
        if (munmap(p, MAP_1M) < 0)
            return -errno;
    }
    *ns = now_ns() - t0;
    return 0;
}

/* n page faults: fresh anonymous 4 KiB pages touched once each; only the touching is timed.
 * Huge pages are refused (Debian's kernel has THP "always"), so each touch is one fault. */
static int bench_fault(long n, uint64_t *ns)
{
    *ns = 0;
    while (n > 0) {
        long len = n * PAGE < FAULT_REGION ? n * PAGE : FAULT_REGION;
        char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -errno;
        madvise(p, len, MADV_NOHUGEPAGE);   /* advice only: an error changes nothing */
        uint64_t t0 = now_ns();
        touch_pages(p, len);
        *ns += now_ns() - t0;
        if (munmap(p, len) < 0)
            return -errno;
        n -= len / PAGE;
    }
    return 0;
}

/* Pure user-mode work, no syscalls: how fast the emulator (or nested KVM) runs guest code. */
static int bench_loop(long n, uint64_t *ns)
{
    uint64_t x = 1;
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        __asm__ volatile("" : "+r"(x));
    }
    *ns = now_ns() - t0;
    return 0;
}

static const struct bench {
    const char *name;
    bench_fn fn;
} benches[] = {
    { "getpid", bench_getpid },
    { "fork_exit_wait", bench_fork },
    { "open_close_tmp", bench_open_close },
    { "pipe_4k_write_read", bench_pipe },
    { "mmap_touch_munmap_1m", bench_mmap },
    { "page_fault", bench_fault },
    { "cpu_loop", bench_loop },
};
#define NBENCH (sizeof benches / sizeof benches[0])

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* What measure() found: iterations per run, and the runs' ns/op sorted (min first). */
struct result {
    long iters;
    int runs;
    double per_op[];
};

/* Calibrate, then time `repeats` runs of the same length into r; 0 or -errno. */
static int measure(const struct bench *b, uint64_t target_ns, int repeats, struct result *r)
{
    long n = 1;
    uint64_t ns = 0;
    for (;;) {
        int err = b->fn(n, &ns);
        if (err)
            return err;
        if (ns >= target_ns)
            break;
        long grow = ns ? (long)((double)n * target_ns * 1.2 / ns) : n * 100;
        n = grow > n * 100 ? n * 100 : grow < n * 2 ? n * 2 : grow;
    }
    r->per_op[0] = (double)ns / n;
    for (int k = 1; k < repeats; k++) {
        int err = b->fn(n, &ns);
        if (err)
            return err;
        r->per_op[k] = (double)ns / n;
    }
    qsort(r->per_op, (size_t)repeats, sizeof r->per_op[0], cmp_double);
    r->iters = n;
    r->runs = repeats;
    return 0;
}

/* run.py gives Linux the host's TSC frequency (under TCG the guest reads the host's TSC): on a
 * loaded host Linux's own calibration against the PIT fails and it falls back to jiffies. */
static long tsc_khz(void)
{
    struct timespec pause = { 0, 300000000 };
    uint64_t t0 = clock_ns(), c0 = __builtin_ia32_rdtsc();
    nanosleep(&pause, NULL);
    uint64_t t1 = clock_ns(), c1 = __builtin_ia32_rdtsc();
    return (long)((double)(c1 - c0) * 1e6 / (double)(t1 - t0));
}

/* As pid 1: mount what the benchmarks use and make sure fds 0-2 reach the console. */
static void init_setup(void)
{
    mkdir("/dev", 0755);
    if (fcntl(1, F_GETFD) < 0) {
        mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
        int fd = open("/dev/console", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
            if (fd > 2)
                close(fd);
        }
    }
    mkdir("/tmp", 01777);
    if (mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777") < 0)
        printf("# mount /tmp: %s\n", strerror(errno));
}

/* As pid 1, exiting would panic Linux: stop the machine instead. */
static void init_poweroff(void)
{
    fflush(stdout);
    if (ioperm(0xf4, 4, 1) == 0)
        outb(0, 0xf4);   /* isa-debug-exit: QEMU exits with status 1 */
    reboot(RB_POWER_OFF);
    for (;;)
        pause();
}

static int run(int argc, char **argv)
{
    long target_ms = 250;
    int repeats = 3, opt, status = 0;
    while ((opt = getopt(argc, argv, "t:r:k:lT")) != -1) {
        if (opt == 'T') {
            printf("%ld\n", tsc_khz());
            return 0;
        } else if (opt == 'l') {
            for (size_t i = 0; i < NBENCH; i++)
                printf("%s\n", benches[i].name);
            return 0;
        } else if (opt == 't')
            target_ms = atol(optarg);
        else if (opt == 'r')
            repeats = atoi(optarg);
        else if (opt == 'k')
            timing_tsc_khz = atol(optarg);
        else {
            fprintf(stderr, "usage: microbench [-t TARGET_MS] [-r REPEATS] [-k TSC_KHZ] [NAME...] | -l | -T\n");
            return 2;
        }
    }
    if (target_ms < 1)
        target_ms = 1;
    if (repeats < 1)
        repeats = 1;
    struct result *res = malloc(sizeof *res + sizeof res->per_op[0] * (size_t)repeats);
    if (!res)
        return 1;
    for (int a = optind; a < argc; a++) {
        bool known = strcmp(argv[a], "none") == 0;
        for (size_t i = 0; i < NBENCH; i++)
            known |= strcmp(argv[a], benches[i].name) == 0;
        if (!known) {
            printf("%s error no such benchmark\n", argv[a]);
            status = 1;
        }
    }
    uint64_t start = clock_ns(), start_tsc = __builtin_ia32_rdtsc();
    printf("# microbench start target_ms=%ld repeats=%d timing=%s\n", target_ms, repeats,
           timing_tsc_khz ? "tsc" : "clock_monotonic");
    for (size_t i = 0; i < NBENCH; i++) {
        bool wanted = optind == argc;
        for (int a = optind; a < argc; a++)
            wanted |= strcmp(argv[a], benches[i].name) == 0;
        if (!wanted)
            continue;
        int err = measure(&benches[i], (uint64_t)target_ms * 1000000ull, repeats, res);
        if (err) {
            printf("%s error %s\n", benches[i].name, strerror(-err));
            status = 1;
        } else {
            printf("%s %.1f\n", benches[i].name, res->per_op[0]);
            printf("# %s iterations=%ld runs=%d min=%.1f median=%.1f max=%.1f\n", benches[i].name,
                   res->iters, res->runs, res->per_op[0], res->per_op[res->runs / 2],
                   res->per_op[res->runs - 1]);
        }
    }
    free(res);
    uint64_t elapsed = clock_ns() - start, cycles = __builtin_ia32_rdtsc() - start_tsc;
    printf("# microbench done elapsed_ms=%.1f tsc_cycles=%llu\n", (double)elapsed / 1e6,
           (unsigned long long)cycles);
    return status;
}

int main(int argc, char **argv)
{
    bool is_init = getpid() == 1;
    if (is_init)
        init_setup();
    setvbuf(stdout, NULL, _IOLBF, 0);
    int status = run(argc, argv);
    if (is_init)
        init_poweroff();
    return status;
}
