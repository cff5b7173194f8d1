/* mktrace.c — writes a small, fixed, representative trace (test_dump compares its dump with
 * dump_expected.txt). Syscalls go through the real capture walker over a fake address space,
 * so the regions are exactly what the recorder would capture for the same memory.
 *   usage: mktrace FILE */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fakemem.h"
#include "sysdesc.h"
#include "trace.h"

/* The kernel's struct sigaction (glibc's differs). */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask;
};
#define SA_RESTORER 0x04000000

static struct trace_writer w;

static void check(int rc, const char *what)
{
    if (rc < 0) {
        fprintf(stderr, "mktrace: %s: %s\n", what, strerror(-rc));
        exit(1);
    }
}

/* One syscall, with its memory captured from the fake address space by the real walker. */
static void sc(uint32_t task, uint32_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
               uint64_t a5, int64_t result, uint32_t flags)
{
    static struct fake_capture c;
    uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
    struct trace_event ev = { .kind = TRACE_SYSCALL, .task = task };
    if (!sysdesc_get(nr))
        flags |= TRACE_SC_UNDESCRIBED;
    check(fake_capture(&c, nr, args, result, (flags & TRACE_SC_NORETURN) != 0), "capture");
    ev.syscall.nr = nr;
    ev.syscall.flags = flags | c.flags;
    memcpy(ev.syscall.args, args, sizeof args);
    ev.syscall.result = result;
    ev.syscall.mem = (struct trace_memlist){ .count = c.count, .vec = c.regions };
    check(trace_write_event(&w, &ev), "write syscall");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mktrace FILE\n");
        return 2;
    }
    int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    trace_writer_init_fd(&w, fd);

    static const struct trace_str args[] = { { "/bin/prog", 9 }, { "-v", 2 } };
    static const struct trace_str env[] = { { "PATH=/bin", 9 }, { "HOME=/", 6 } };
    struct trace_header h = {
        .recorder_version = trace_str_c("lockstep-record test"),
        .sysname = trace_str_c("Linux"), .nodename = trace_str_c("lockstep"),
        .release = trace_str_c("6.1.0"), .version = trace_str_c("#1 SMP"), .machine = trace_str_c("x86_64"),
        .domainname = trace_str_c("(none)"),
        .argv = { .count = 2, .vec = args }, .envp = { .count = 2, .vec = env },
        .cwd = trace_str_c("/"), .umask = 022,
        .fd_kind = { TRACE_FD_DEVNULL, TRACE_FD_PIPE, TRACE_FD_PIPE },
        .sandbox_flags = 0xff, .sandbox_hostname = trace_str_c("lockstep"),
        .sandbox_domainname = trace_str_c("(none)"), .program = trace_str_c("/bin/prog"),
    };
    for (int i = 0; i < TRACE_NRLIMITS; i++)
        h.rlimits[i].cur = h.rlimits[i].max = ~0ull;
    h.rlimits[7].cur = h.rlimits[7].max = 1024;  /* RLIMIT_NOFILE */
    for (int i = 0; i < TRACE_HASH_LEN; i++)
        h.root_hash[i] = (uint8_t)i;
    check(trace_write_header(&w, &h), "header");

    static char path[] = "/etc/passwd";
    static char nope[] = "/nope";
    static char text[] = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n";
    static char hello[] = "hello, world\n";
    static struct stat stbuf;
    static struct iovec iov[2];
    static char part1[] = "ab", part2[] = "cdef";
    static struct pollfd pfd[2] = { { 0, POLLIN, POLLIN }, { 1, POLLOUT, 0 } };
    static struct ksigaction sa = { .handler = (void *)0x401000, .flags = SA_RESTORER | SA_RESTART,
                                   .restorer = (void *)0x401100, .mask = 1ul << (SIGCHLD - 1) };
    static uint8_t dents[48];
    static char *exec_argv[3];
    static char a0[] = "/bin/ls", a1[] = "-l";
    static int status = 0x100;

    uint64_t p_path = fake_place(0x10000, path, sizeof path);
    uint64_t p_nope = fake_place(0x10100, nope, sizeof nope);
    uint64_t p_text = fake_place(0x20000, text, sizeof text - 1);
    uint64_t p_hello = fake_place(0x30000, hello, sizeof hello - 1);
    stbuf.st_dev = 0x803;
    stbuf.st_ino = 1234;
    stbuf.st_mode = 0100644;
    stbuf.st_nlink = 1;
    stbuf.st_size = 72;
    stbuf.st_blksize = 4096;
    uint64_t p_stat = fake_place(0x40000, &stbuf, sizeof stbuf);
    iov[0] = (struct iovec){ (void *)0x50100, 2 };
    iov[1] = (struct iovec){ (void *)0x50200, 4 };
    uint64_t p_iov = fake_place(0x50000, iov, sizeof iov);
    fake_place(0x50100, part1, 2);
    fake_place(0x50200, part2, 4);
    uint64_t p_pfd = fake_place(0x60000, pfd, sizeof pfd);
    uint64_t p_sa = fake_place(0x70000, &sa, sizeof sa);
    /* two dirents: "." and "a" */
    struct { uint64_t ino; int64_t off; uint16_t reclen; uint8_t type; char name[5]; } __attribute__((packed)) d[2] = {
        { 2, 1, 24, 4, "." }, { 17, 2, 24, 8, "a" } };
    memcpy(dents, d, sizeof d);
    uint64_t p_dents = fake_place(0x80000, dents, sizeof dents);
    exec_argv[0] = (char *)0x90100;
    exec_argv[1] = (char *)0x90200;
    exec_argv[2] = NULL;
    uint64_t p_argv = fake_place(0x90000, exec_argv, sizeof exec_argv);
    fake_place(0x90100, a0, sizeof a0);
    fake_place(0x90200, a1, sizeof a1);
    uint64_t p_status = fake_place(0xa0000, &status, sizeof status);

    sc(0, SYS_NR_openat, (uint64_t)-100, p_path, O_RDONLY | O_CLOEXEC, 0, 0, 0, 3, 0);
    sc(0, SYS_NR_fstat, 3, p_stat, 0, 0, 0, 0, 0, 0);
    sc(0, SYS_NR_read, 3, p_text, 4096, 0, 0, 0, sizeof text - 1, 0);
    sc(0, SYS_NR_stat, p_nope, p_stat, 0, 0, 0, 0, -ENOENT, 0);
    sc(0, SYS_NR_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0,
       0x7ffff7ff0000, 0);
    sc(0, SYS_NR_write, 1, p_hello, sizeof hello - 1, 0, 0, 0, sizeof hello - 1, 0);
    sc(0, SYS_NR_writev, 1, p_iov, 2, 0, 0, 0, 6, 0);
    sc(0, SYS_NR_poll, p_pfd, 2, (uint64_t)-1, 0, 0, 0, 1, 0);
    sc(0, SYS_NR_rt_sigaction, SIGCHLD, p_sa, 0, 8, 0, 0, 0, 0);
    sc(0, SYS_NR_getdents64, 3, p_dents, 4096, 0, 0, 0, 48, 0);
    sc(0, 335, 1, 2, 3, 4, 5, 6, -ENOSYS, 0);  /* a number with no syscall */
    sc(0, SYS_NR_clone, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, 0, 0, 0x7ffff7fe0a10, 0, 0, 3, 0);

    struct trace_event ev = { .kind = TRACE_BIRTH, .task = 0 };
    ev.birth = (struct trace_birth){ 1, 0, TRACE_BIRTH_CLONE, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD };
    check(trace_write_event(&w, &ev), "birth");
    sc(1, SYS_NR_execve, p_path, p_argv, 0, 0, 0, 0, 0, TRACE_SC_NORETURN);
    ev = (struct trace_event){ .kind = TRACE_EXEC, .task = 1 };
    static const struct trace_str ls_argv[] = { { "/bin/ls", 7 }, { "-l", 2 } };
    ev.exec = (struct trace_exec){ trace_str_c("/bin/ls"), { .count = 2, .vec = ls_argv } };
    check(trace_write_event(&w, &ev), "exec");
    sc(1, SYS_NR_exit_group, 1, 0, 0, 0, 0, 0, 0, TRACE_SC_NORETURN);
    ev = (struct trace_event){ .kind = TRACE_EXIT, .task = 1 };
    ev.exit = (struct trace_exit){ 0x100, 0 };
    check(trace_write_event(&w, &ev), "exit");
    ev = (struct trace_event){ .kind = TRACE_SIGNAL, .task = 0 };
    ev.signal = (struct trace_signal){ SIGCHLD, 1, 0, TRACE_SIG_HAS_PID | TRACE_SIG_HAS_STATUS, 3, 0, 1, 0 };
    check(trace_write_event(&w, &ev), "signal");
    sc(0, SYS_NR_wait4, (uint64_t)-1, p_status, 0, 0, 0, 0, 3, 0);
    ev = (struct trace_event){ .kind = TRACE_OUTPUT, .task = TRACE_TASK_NONE };
    ev.output = (struct trace_output){ 1, { (const uint8_t *)"hello, world\nabcdef", 19 } };
    check(trace_write_event(&w, &ev), "output");
    sc(0, SYS_NR_kill, 2, SIGSEGV, 0, 0, 0, 0, 0, 0);
    ev = (struct trace_event){ .kind = TRACE_SIGNAL, .task = 0 };
    ev.signal = (struct trace_signal){ SIGSEGV, 0, 0, TRACE_SIG_HAS_PID, 2, 0, 0, 0 };
    check(trace_write_event(&w, &ev), "signal");
    ev = (struct trace_event){ .kind = TRACE_EXIT, .task = 0 };
    ev.exit = (struct trace_exit){ SIGSEGV | 0x80, TRACE_EXIT_KILLED };
    check(trace_write_event(&w, &ev), "exit");
    check(trace_write_end(&w), "end");
    trace_writer_release(&w);
    return close(fd) < 0;
}
