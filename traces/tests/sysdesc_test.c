/* sysdesc_test.c — checks the description tables and the capture walker:
 *   rows         at least 150 rows; every row well formed (names from the generated list, length
 *                arguments in range, struct and flag ids valid)
 *   coverage     every syscall the contract categories, glibc's static start-up and BusyBox use
 *   structs      fields inside their struct, in order, not overlapping; known uapi sizes
 *   capture_*    the regions the walker reports for representative calls
 *   print_*      a few printed calls */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fakemem.h"
#include "print.h"
#include "sysdesc.h"

static int failed;

static void report(const char *name, int ok, const char *fmt, ...)
{
    if (ok) {
        printf("ok %s\n", name);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    printf("not ok %s: ", name);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    failed = 1;
}

static bool needs_len(unsigned k)
{
    switch (k) {
    case SD_BUF_IN: case SD_BUF_OUT_ARG: case SD_ARRAY_IN: case SD_ARRAY_INOUT: case SD_IOVEC_IN:
    case SD_IOVEC_OUT: case SD_SOCKADDR_IN: case SD_SOCKADDR_OUT: case SD_BUF_OUT_LENPTR: case SD_FDSET:
        return true;
    }
    return false;
}

static bool needs_struct(unsigned k)
{
    return k == SD_STRUCT_IN || k == SD_STRUCT_OUT || k == SD_STRUCT_INOUT || k == SD_ARRAY_IN ||
           k == SD_ARRAY_INOUT || k == SD_ARRAY_OUT_RET;
}

static void test_rows(void)
{
    char why[200] = "";
    unsigned n = sysdesc_count();
    for (uint32_t nr = 0; nr < SYSDESC_NR_MAX && !why[0]; nr++) {
        const struct sysdesc *d = sysdesc_get(nr);
        if (!d)
            continue;
        if (!sysdesc_name(nr) || strcmp(d->name, sysdesc_name(nr)))
            snprintf(why, sizeof why, "row %u: name %s is not the generated name", nr, d->name);
        if (d->nargs > 6)
            snprintf(why, sizeof why, "%s: %u args", d->name, d->nargs);
        for (unsigned i = 0; i < 6 && !why[0]; i++) {
            struct sd_arg a = d->arg[i];
            if ((i < d->nargs) != (a.kind != SD_NONE) || a.kind >= SD_KIND_COUNT)
                snprintf(why, sizeof why, "%s arg %u: kind %u with %u args", d->name, i, a.kind, d->nargs);
            else if (needs_len(a.kind) && (a.len >= d->nargs || a.len == i))
                snprintf(why, sizeof why, "%s arg %u: length argument %u out of range", d->name, i, a.len);
            else if ((a.kind == SD_SOCKADDR_OUT || a.kind == SD_BUF_OUT_LENPTR) &&
                     d->arg[a.len].kind != SD_SOCKLEN_INOUT)
                snprintf(why, sizeof why, "%s arg %u: length pointer is not a socklen", d->name, i);
            else if (needs_struct(a.kind) && !sysdesc_struct(a.aux))
                snprintf(why, sizeof why, "%s arg %u: no struct %u", d->name, i, a.aux);
            else if ((a.kind == SD_FLAGS || a.kind == SD_ENUM) && !sysdesc_flags(a.aux))
                snprintf(why, sizeof why, "%s arg %u: no flags table %u", d->name, i, a.aux);
        }
    }
    if (!why[0] && n < 150)
        snprintf(why, sizeof why, "only %u rows", n);
    report("rows", !why[0], "%s", why);
    fprintf(stderr, "rows: %u syscalls described\n", n);
}

static void test_coverage(void)
{
    static const char *const needed[] = {
        /* fd */ "read", "write", "pread64", "pwrite64", "readv", "writev", "open", "openat", "close",
        "close_range", "lseek", "dup", "dup2", "dup3", "pipe", "pipe2", "fcntl", "ioctl", "ftruncate",
        "sendfile", "getrlimit", "setrlimit", "prlimit64",
        /* events */ "poll", "ppoll", "select", "pselect6", "epoll_create1", "epoll_ctl", "epoll_wait",
        "epoll_pwait", "eventfd2", "timerfd_create", "timerfd_settime", "timerfd_gettime", "signalfd4",
        /* sockets */ "socket", "socketpair", "bind", "listen", "accept", "accept4", "connect", "sendto",
        "recvfrom", "sendmsg", "recvmsg", "shutdown", "getsockname", "getpeername", "setsockopt", "getsockopt",
        /* filesystem */ "stat", "fstat", "lstat", "newfstatat", "statx", "getdents64", "getcwd", "chdir",
        "fchdir", "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2",
        "link", "linkat", "symlink", "symlinkat", "readlink", "readlinkat", "chmod", "fchmod", "fchmodat",
        "chown", "fchown", "fchownat", "umask", "access", "faccessat", "faccessat2", "utimensat", "truncate",
        "statfs", "fstatfs", "fsync", "fdatasync", "sync", "mknod",
        /* signals */ "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigsuspend",
        "rt_sigtimedwait", "sigaltstack", "kill", "tkill", "tgkill", "pause", "alarm",
        /* process */ "fork", "vfork", "clone", "clone3", "execve", "exit", "exit_group", "wait4", "waitid",
        "getpid", "getppid", "gettid", "getpgrp", "setpgid", "getpgid", "setsid", "getsid", "getuid",
        "geteuid", "getgid", "getegid", "setuid", "setgid", "getgroups", "setgroups", "getresuid",
        "getresgid", "uname", "sethostname", "prctl", "arch_prctl", "getrusage", "times", "sysinfo",
        "getpriority", "setpriority",
        /* threading */ "futex", "set_tid_address", "set_robust_list", "rseq", "sched_yield",
        "sched_getaffinity", "sched_setaffinity", "membarrier",
        /* time */ "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time",
        "getitimer", "setitimer", "timer_create", "timer_settime", "timer_gettime", "timer_delete",
        /* vm */ "mmap", "munmap", "mprotect", "mremap", "brk", "madvise", "msync", "mlock", "munlock",
        /* glibc static start-up, BusyBox */ "getrandom", "personality", "chroot", "getcpu",
    };
    char why[200] = "";
    for (size_t i = 0; i < sizeof needed / sizeof needed[0] && !why[0]; i++) {
        int nr = sysdesc_lookup(needed[i]);
        if (nr < 0 || !sysdesc_get((uint32_t)nr))
            snprintf(why, sizeof why, "%s is not described", needed[i]);
    }
    report("coverage", !why[0], "%s", why);
}

static void test_structs(void)
{
    char why[200] = "";
    for (unsigned id = 1; id < ST_COUNT && !why[0]; id++) {
        const struct sd_struct_desc *s = sysdesc_struct(id);
        if (!s) {
            snprintf(why, sizeof why, "struct %u missing", id);
            break;
        }
        unsigned end = 0;
        for (unsigned i = 0; i < s->nfields && !why[0]; i++) {
            const struct sd_field *f = &s->fields[i];
            if (!f->name[0] || !f->size || f->role >= ROLE_COUNT)
                snprintf(why, sizeof why, "%s.%s malformed", s->name, f->name);
            else if ((unsigned)f->offset + f->size > s->size)
                snprintf(why, sizeof why, "%s.%s past the end (%u+%u > %u)", s->name, f->name, f->offset,
                         f->size, s->size);
            else if (f->offset < end && !(s->flags & SDS_OVERLAP))
                snprintf(why, sizeof why, "%s.%s overlaps or is out of order", s->name, f->name);
            else if ((f->fmt == FMT_FLAGS || f->fmt == FMT_ENUM) && !sysdesc_flags(f->aux))
                snprintf(why, sizeof why, "%s.%s: no flags table", s->name, f->name);
            end = f->offset + f->size;
        }
    }
    static const struct { unsigned id, size; } sizes[] = {
        { ST_STAT, 144 }, { ST_STATX, 256 }, { ST_TIMESPEC, 16 }, { ST_UTSNAME, 390 }, { ST_RUSAGE, 144 },
        { ST_SIGACTION, 32 }, { ST_SIGINFO, 128 }, { ST_POLLFD, 8 }, { ST_EPOLL_EVENT, 12 },
        { ST_SOCKADDR_UN, 110 }, { ST_MSGHDR, 56 }, { ST_DIRENT64, 19 }, { ST_STATFS, 120 },
        { ST_SYSINFO, 112 }, { ST_TERMIOS, 36 }, { ST_CLONE_ARGS, 88 }, { ST_ITIMERSPEC, 32 },
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0] && !why[0]; i++)
        if (sysdesc_struct(sizes[i].id)->size != sizes[i].size)
            snprintf(why, sizeof why, "%s is %u bytes, expected %u", sysdesc_struct(sizes[i].id)->name,
                     sysdesc_struct(sizes[i].id)->size, sizes[i].size);
    report("structs", !why[0], "%s", why);
}

/* ---- capture ---- */

static struct fake_capture c;

static const char *describe(void)
{
    static char buf[2048];
    size_t n = 0;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%u regions, flags %#x:", c.count, c.flags);
    for (uint32_t i = 0; i < c.count && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, " [%s arg%u elem%d off%lu %#lx+%u]",
                              c.regions[i].dir == TRACE_MEM_IN ? "in" : "out", c.regions[i].arg,
                              (int)c.regions[i].elem, (unsigned long)c.regions[i].offset,
                              (unsigned long)c.regions[i].addr, c.regions[i].len);
    return buf;
}

static bool has(uint32_t i, uint8_t dir, uint8_t arg, uint32_t elem, uint64_t addr, uint32_t len)
{
    return i < c.count && c.regions[i].dir == dir && c.regions[i].arg == arg && c.regions[i].elem == elem &&
           c.regions[i].addr == addr && c.regions[i].len == len;
}

#define NONE TRACE_ELEM_NONE
#define IN TRACE_MEM_IN
#define OUT TRACE_MEM_OUT

static void run(uint32_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                int64_t result)
{
    uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
    fake_capture(&c, nr, args, result, 0);
}

static void test_capture(void)
{
    static uint8_t zeros[4096];
    fake_reset();
    fake_place(0x10000, zeros, sizeof zeros);
    fake_place(0x13000, zeros, sizeof zeros);
    fake_place(0x18000, zeros, sizeof zeros);
    fake_place(0x19300, zeros, 256);
    /* read: OUT sized by the result; nothing on failure */
    run(SYS_NR_read, 3, 0x10000, 100, 0, 0, 0, 7);
    report("capture_read", c.count == 1 && has(0, OUT, 1, NONE, 0x10000, 7), "%s", describe());
    run(SYS_NR_read, 3, 0x10000, 100, 0, 0, 0, -EAGAIN);
    report("capture_failed_call", c.count == 0, "%s", describe());

    /* openat: the path with its NUL; an unmapped path sets MEMFAULT */
    fake_place(0x11000, "/etc/passwd", 12);
    run(SYS_NR_openat, (uint64_t)-100, 0x11000, 0, 0, 0, 0, 3);
    report("capture_path", c.count == 1 && has(0, IN, 1, NONE, 0x11000, 12) && !c.flags &&
           !memcmp(c.data[0], "/etc/passwd", 12), "%s", describe());
    run(SYS_NR_openat, (uint64_t)-100, 0x999000, 0, 0, 0, 0, -EFAULT);
    report("capture_bad_path", (c.flags & TRACE_SC_MEMFAULT) != 0, "%s", describe());

    /* readv: the iovec array IN at entry, data OUT split by the result */
    uint64_t iov[6] = { 0x13000, 4, 0x13100, 8, 0x13200, 8 };
    fake_place(0x12000, iov, sizeof iov);
    run(SYS_NR_readv, 3, 0x12000, 3, 0, 0, 0, 10);
    report("capture_readv", c.count == 3 && has(0, IN, 1, NONE, 0x12000, 48) && has(1, OUT, 1, 0, 0x13000, 4) &&
           has(2, OUT, 1, 1, 0x13100, 6), "%s", describe());

    /* execve: pointer array with its NULL, then each string */
    uint64_t argv[3] = { 0x15000, 0x15100, 0 };
    fake_place(0x14000, argv, sizeof argv);
    fake_place(0x15000, "sh", 3);
    fake_place(0x15100, "-c", 3);
    fake_place(0x11100, "/bin/sh", 8);
    uint64_t args[6] = { 0x11100, 0x14000, 0, 0, 0, 0 };
    fake_capture(&c, SYS_NR_execve, args, 0, 1);
    report("capture_execve", c.count == 4 && has(0, IN, 0, NONE, 0x11100, 8) && has(1, IN, 1, NONE, 0x14000, 24) &&
           has(2, IN, 1, 0, 0x15000, 3) && has(3, IN, 1, 1, 0x15100, 3), "%s", describe());

    /* getsockname: socklen IN 110 at entry, OUT 16 at exit; the sockaddr gets min(110, 16) */
    uint32_t len = 110;
    fake_place(0x16000, &len, 4);
    fake_place(0x17000, "\x01\x00", 2);
    {
        /* entry sees 110; then "the kernel" writes 16 before the exit walk */
        uint64_t a[6] = { 3, 0x17000, 0x16000, 0, 0, 0 };
        struct capture_ops ops = { fake_read, fake_collect, &c };
        struct capture_state st;
        memset(&st, 0, sizeof st);
        c.count = 0;
        c.flags = 0;
        capture_syscall(&ops, &st, SYS_NR_getsockname, a, 0, CAPTURE_ENTRY, &c.flags);
        len = 16;
        fake_place(0x16000, &len, 4);
        capture_syscall(&ops, &st, SYS_NR_getsockname, a, 0, CAPTURE_EXIT, &c.flags);
    }
    report("capture_sockaddr_out", c.count == 3 && has(0, IN, 2, NONE, 0x16000, 4) &&
           has(1, OUT, 1, NONE, 0x17000, 16) && has(2, OUT, 2, NONE, 0x16000, 4), "%s", describe());

    /* poll: pollfd array IN and OUT; select: fd_set words for nfds */
    run(SYS_NR_poll, 0x18000, 3, 0, 0, 0, 0, 1);
    report("capture_poll", c.count == 2 && has(0, IN, 0, NONE, 0x18000, 24) && has(1, OUT, 0, NONE, 0x18000, 24),
           "%s", describe());
    run(SYS_NR_select, 65, 0x18000, 0, 0, 0, 0, 0);
    report("capture_select", c.count == 2 && has(0, IN, 1, NONE, 0x18000, 16) && has(1, OUT, 1, NONE, 0x18000, 16),
           "%s", describe());

    /* ioctl and fcntl resolve their third argument from the command */
    run(SYS_NR_ioctl, 1, 0x5401 /* TCGETS */, 0x18000, 0, 0, 0, 0);
    report("capture_ioctl", c.count == 1 && has(0, OUT, 2, NONE, 0x18000, 36), "%s", describe());
    run(SYS_NR_fcntl, 3, 5 /* F_GETLK */, 0x18000, 0, 0, 0, 0);
    report("capture_fcntl", c.count == 2 && has(0, IN, 2, NONE, 0x18000, 32) && has(1, OUT, 2, NONE, 0x18000, 32),
           "%s", describe());
    run(SYS_NR_fcntl, 3, 4 /* F_SETFL */, 0x800, 0, 0, 0, 0);
    report("capture_fcntl_int", c.count == 0, "%s", describe());

    /* rt_sigprocmask: sigsetsize sized both ways; NULL old set captures nothing */
    run(SYS_NR_rt_sigprocmask, 0, 0x18000, 0, 8, 0, 0, 0);
    report("capture_sigprocmask", c.count == 1 && has(0, IN, 1, NONE, 0x18000, 8), "%s", describe());

    /* recvmsg: msghdr and iovec array IN; name, control, data OUT */
    struct { uint64_t name; int32_t namelen, pad; uint64_t iov, iovlen, control, controllen; uint32_t flags, pad2; }
        mh = { 0x19100, 110, 0, 0x19200, 1, 0, 0, 0, 0 };
    uint64_t iov2[2] = { 0x19300, 100 };
    fake_place(0x19000, &mh, sizeof mh);
    fake_place(0x19200, iov2, sizeof iov2);
    run(SYS_NR_recvmsg, 3, 0x19000, 0, 0, 0, 0, 5);
    report("capture_recvmsg", c.count == 5 && has(0, IN, 1, NONE, 0x19000, 56) &&
           has(1, IN, 1, SD_ELEM_MSG_IOV, 0x19200, 16) && has(2, OUT, 1, NONE, 0x19000, 56) &&
           has(3, OUT, 1, SD_ELEM_MSG_NAME, 0x19100, 110) && has(4, OUT, 1, 0, 0x19300, 5), "%s", describe());

    /* an undescribed syscall: nothing */
    run(335, 1, 2, 3, 4, 5, 6, 0);
    report("capture_undescribed", c.count == 0 && c.flags == 0, "%s", describe());
}

static void expect_print(const char *name, const struct trace_syscall *sc, const char *want)
{
    char out[1024];
    struct print_opts o = { 0 };
    trace_print_syscall(sc, &o, out, sizeof out);
    report(name, !strcmp(out, want), "got '%s', want '%s'", out, want);
}

static void test_print(void)
{
    struct trace_syscall sc = { .nr = SYS_NR_open, .args = { 0, 01101, 0644 }, .result = -EACCES };
    expect_print("print_flags_errno", &sc, "open(NULL, O_WRONLY|O_CREAT|O_TRUNC, 0644) = -1 EACCES");
    sc = (struct trace_syscall){ .nr = SYS_NR_kill, .args = { 5, 34 }, .result = 0 };
    expect_print("print_rt_signal", &sc, "kill(5, SIGRT_2) = 0");
    sc = (struct trace_syscall){ .nr = SYS_NR_exit_group, .args = { 3 }, .flags = TRACE_SC_NORETURN };
    expect_print("print_noreturn", &sc, "exit_group(3) = ?");
    sc = (struct trace_syscall){ .nr = SYS_NR_lseek, .args = { 3, (uint64_t)-5, 2 }, .result = 95 };
    expect_print("print_enum", &sc, "lseek(3, -5, SEEK_END) = 95");
    char small[8];
    struct print_opts o = { 0 };
    size_t need = trace_print_syscall(&sc, &o, small, sizeof small);
    report("print_truncates", need == strlen("lseek(3, -5, SEEK_END) = 95") && !strcmp(small, "lseek(3"),
           "need %zu, got '%s'", need, small);
}

int main(void)
{
    test_rows();
    test_coverage();
    test_structs();
    test_capture();
    test_print();
    return failed;
}
