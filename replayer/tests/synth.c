/* synth.c — synthetic traces for the engine tests: small, plausible executions written with the
 * shared trace writer, with every kind of event and every comparison rule in them (exact,
 * mapped pids/inodes/addresses, injected time/random/host identity, births, signals, exits).
 * The tests know their record indices (see replayer/tests/test_engine). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"
#include "harness.h"

const char *const synth_names[] = { "forkpipe", "sigchld", NULL };

static struct trace_writer w;
static struct trace_mem mems[8];
static unsigned nmem;

static void mem(uint8_t dir, uint8_t arg, uint64_t addr, const void *data, uint32_t len)
{
    mems[nmem++] = (struct trace_mem){ dir, arg, TRACE_ELEM_NONE, 0, addr, len, data };
}

static void sc(uint32_t task, uint32_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
               uint64_t a4, uint64_t a5, int64_t result, uint32_t flags)
{
    struct trace_event ev = { .kind = TRACE_SYSCALL, .task = task };
    ev.syscall.nr = nr;
    ev.syscall.flags = flags;
    uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    memcpy(ev.syscall.args, a, sizeof a);
    ev.syscall.result = result;
    ev.syscall.mem.count = nmem;
    ev.syscall.mem.vec = mems;
    trace_write_event(&w, &ev);
    nmem = 0;
}

static void birth(uint32_t parent, uint32_t child, uint32_t index, uint64_t flags)
{
    struct trace_event ev = { .kind = TRACE_BIRTH, .task = parent };
    ev.birth = (struct trace_birth){ child, index, TRACE_BIRTH_FORK, flags };
    trace_write_event(&w, &ev);
}

/* A delivery; from > 0: sent by that pid (a SIGCHLD names its child). */
static void sig(uint32_t task, int signo, int code, int from)
{
    struct trace_event ev = { .kind = TRACE_SIGNAL, .task = task };
    ev.signal.signo = signo;
    ev.signal.code = code;
    if (from > 0) {
        ev.signal.flags = TRACE_SIG_HAS_PID;
        ev.signal.pid = from;
    }
    trace_write_event(&w, &ev);
}

static void texit(uint32_t task, int status)
{
    struct trace_event ev = { .kind = TRACE_EXIT, .task = task };
    ev.exit.status = status;
    trace_write_event(&w, &ev);
}

static void header(const char *program)
{
    struct trace_header h;
    memset(&h, 0, sizeof h);
    static struct trace_str argv[1];
    argv[0] = trace_str_c(program);
    h.recorder_version = trace_str_c("synth 1");
    h.sysname = trace_str_c("Linux");
    h.nodename = trace_str_c("lockstep");
    h.release = trace_str_c("6.1.0-synth");
    h.version = trace_str_c("#1 SMP");
    h.machine = trace_str_c("x86_64");
    h.domainname = trace_str_c("(none)");
    h.argv.count = 1;
    h.argv.vec = argv;
    h.cwd = trace_str_c("/");
    h.umask = 022;
    h.program = trace_str_c(program);
    trace_write_header(&w, &h);
}

#define STK 0x7fffffffe000ull

/* Records 1..26: see the comment at each call (the record index is the first number). */
static void forkpipe(void)
{
    header("/bin/forkpipe");
    sc(0, SYS_brk, 0, 0, 0, 0, 0, 0, 0x4c6000, 0);                                 /* 1 */
    sc(0, SYS_arch_prctl, 0x1002, 0x4c6380, 0, 0, 0, 0, 0, 0);                     /* 2 */
    sc(0, SYS_set_tid_address, 0x4c6650, 0, 0, 0, 0, 0, 2, 0);                     /* 3 */
    static const uint8_t rnd[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    mem(TRACE_MEM_OUT, 0, STK, rnd, 8);
    sc(0, SYS_getrandom, STK, 8, 1, 0, 0, 0, 8, 0);                                /* 4 */
    static struct timespec ts = { 1790000000, 123456 };
    mem(TRACE_MEM_OUT, 1, STK + 0x10, &ts, sizeof ts);
    sc(0, SYS_clock_gettime, 0, STK + 0x10, 0, 0, 0, 0, 0, 0);                     /* 5 */
    static struct utsname u = { "Linux", "lockstep", "6.1.0-synth", "#1 SMP", "x86_64", "(none)" };
    mem(TRACE_MEM_OUT, 0, STK + 0x100, &u, sizeof u);
    sc(0, SYS_uname, STK + 0x100, 0, 0, 0, 0, 0, 0, 0);                            /* 6 */
    static const char path[] = "/etc/hostname";
    mem(TRACE_MEM_IN, 1, STK + 0x400, path, sizeof path);
    sc(0, SYS_openat, (uint64_t)-100, STK + 0x400, O_RDONLY, 0, 0, 0, 3, 0);       /* 7 */
    static struct stat st;
    st.st_dev = 0x801;
    st.st_ino = 1234;
    st.st_mode = S_IFREG | 0644;
    st.st_nlink = 1;
    st.st_size = 9;
    st.st_blksize = 4096;
    st.st_blocks = 8;
    st.st_mtim.tv_sec = 1700000000;
    st.st_atim = st.st_ctim = st.st_mtim;
    mem(TRACE_MEM_OUT, 1, STK + 0x500, &st, sizeof st);
    sc(0, SYS_fstat, 3, STK + 0x500, 0, 0, 0, 0, 0, 0);                            /* 8 */
    static const char text[] = "lockstep\n";
    mem(TRACE_MEM_OUT, 1, STK + 0x600, text, 9);
    sc(0, SYS_read, 3, STK + 0x600, 100, 0, 0, 0, 9, 0);                           /* 9 */
    mem(TRACE_MEM_IN, 1, STK + 0x600, text, 9);
    sc(0, SYS_write, 1, STK + 0x600, 9, 0, 0, 0, 9, 0);                            /* 10 */
    static const int fds[2] = { 4, 5 };
    mem(TRACE_MEM_OUT, 0, STK + 0x700, fds, sizeof fds);
    sc(0, SYS_pipe2, STK + 0x700, 0, 0, 0, 0, 0, 0, 0);                            /* 11 */
    birth(0, 1, 0, 17);                                                            /* 12 */
    sc(1, SYS_getpid, 0, 0, 0, 0, 0, 0, 3, 0);                                     /* 13 */
    mem(TRACE_MEM_IN, 1, STK + 0x800, "x", 1);
    sc(1, SYS_write, 5, STK + 0x800, 1, 0, 0, 0, 1, 0);                            /* 14 */
    sc(1, SYS_exit_group, 0, 0, 0, 0, 0, 0, 0, TRACE_SC_NORETURN);                 /* 15 */
    texit(1, 0);                                                                   /* 16 */
    sc(0, SYS_fork, 0, 0, 0, 0, 0, 0, 3, 0);                                       /* 17 */
    mem(TRACE_MEM_OUT, 1, STK + 0x900, "x", 1);
    sc(0, SYS_read, 4, STK + 0x900, 1, 0, 0, 0, 1, 0);                             /* 18 */
    sig(0, 17, 1, 3);                                                              /* 19 */
    static const int status = 0x0300;
    mem(TRACE_MEM_OUT, 1, STK + 0xa00, &status, 4);
    sc(0, SYS_wait4, (uint64_t)-1, STK + 0xa00, 0, 0, 0, 0, 3, 0);                 /* 20 */
    sc(0, SYS_mmap, 0, 8192, 3, 0x22, (uint64_t)-1, 0, 0x7ffff7ff8000, 0);         /* 21 */
    mem(TRACE_MEM_IN, 1, 0x7ffff7ff8010, "ok\n", 3);
    sc(0, SYS_write, 1, 0x7ffff7ff8010, 3, 0, 0, 0, 3, 0);                         /* 22 */
    mem(TRACE_MEM_OUT, 1, STK + 0x500, &st, sizeof st);
    sc(0, SYS_fstat, 3, STK + 0x500, 0, 0, 0, 0, 0, 0);                            /* 23 */
    sc(0, SYS_kill, 3, 0, 0, 0, 0, 0, -3 /* ESRCH */, 0);                          /* 24 */
    sc(0, 134 /* uselib */, 0x1234, 7, 0, 0, 0, 0, -38, TRACE_SC_UNDESCRIBED);     /* 25 */
    sc(0, SYS_exit_group, 3, 0, 0, 0, 0, 0, 0, TRACE_SC_NORETURN);                 /* 26 */
    texit(0, 0x0300);                                                              /* 27 */
}

/* A SIGCHLD handler: then its delivery is an event the kernel must produce. Records 1..9. */
static void sigchld(void)
{
    header("/bin/sigchld");
    static const uint64_t act[4] = { 0x401000, 0x04000000 /* SA_RESTORER */, 0x401100, 0 };
    mem(TRACE_MEM_IN, 1, STK, act, sizeof act);
    sc(0, SYS_rt_sigaction, 17, STK, 0, 8, 0, 0, 0, 0);                            /* 1 */
    birth(0, 1, 0, 17);                                                            /* 2 */
    sc(1, SYS_exit_group, 0, 0, 0, 0, 0, 0, 0, TRACE_SC_NORETURN);                 /* 3 */
    texit(1, 0);                                                                   /* 4 */
    sc(0, SYS_fork, 0, 0, 0, 0, 0, 0, 3, 0);                                       /* 5 */
    sig(0, 17, 1, 3);                                                              /* 6 */
    static const int status = 0;
    mem(TRACE_MEM_OUT, 1, STK + 0x100, &status, 4);
    sc(0, SYS_wait4, (uint64_t)-1, STK + 0x100, 0, 0, 0, 0, 3, 0);                 /* 7 */
    sc(0, SYS_exit_group, 0, 0, 0, 0, 0, 0, 0, TRACE_SC_NORETURN);                 /* 8 */
    texit(0, 0);                                                                   /* 9 */
}

int synth_write(const char *name, const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(path);
        return -1;
    }
    trace_writer_init_fd(&w, fd);
    if (!strcmp(name, "forkpipe"))
        forkpipe();
    else if (!strcmp(name, "sigchld"))
        sigchld();
    else {
        fprintf(stderr, "synth: unknown trace '%s'\n", name);
        close(fd);
        return -1;
    }
    int rc = trace_write_end(&w);
    trace_writer_release(&w);
    close(fd);
    if (rc)
        fprintf(stderr, "synth: writing %s failed (%d)\n", path, rc);
    return rc ? -1 : 0;
}
