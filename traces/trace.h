/* trace.h — the Lockstep trace codec: what a recording contains and how to read and write it.
 *
 * One header, used by the recorder (host, writes traces), the dumper (host, reads), and the
 * kernel's checker (freestanding, reads a trace held in RAM). traces/FORMAT.md gives the bytes;
 * this comment gives the API. Companions: sysdesc.h (what each syscall's arguments are),
 * capture.h (which memory a syscall reads and writes), print.h (strace-style text and JSON).
 *
 * THE FILE
 *   An 8-byte magic "LOCKSTEP", then records, one after another:
 *     HEADER (exactly one, first) · events (SYSCALL BIRTH EXEC SIGNAL EXIT OUTPUT, any order) · END
 *   Every record is self-delimiting and carries its own checks:
 *     u32 payload length · u16 kind · u16 zero · u32 task · u32 CRC32 of those 12 bytes
 *     payload · u32 CRC32 of the whole record (header and payload)
 *   END carries the number of records before it and a CRC32 of every byte of the file before it.
 *   Integers are little-endian. Records are written and flushed one at a time, so a file cut
 *   anywhere decodes as a valid prefix followed by TRACE_E_INCOMPLETE; any single flipped bit is
 *   reported as corruption (never as "incomplete", never as a valid trace).
 *
 * TASKS
 *   A task id is the recorder's task index: 0 for the first program, then 1, 2, ... in order of
 *   birth (threads included). HEADER, END and OUTPUT records carry TRACE_TASK_NONE.
 *   A BIRTH record sits in the parent's stream (its task is the parent).
 *
 * READING (freestanding: no allocation, no libc beyond memcpy/memset/memcmp/strlen)
 *   struct trace_reader r; struct trace_header h; struct trace_event ev; int rc;
 *   rc = trace_open(&r, buf, len, &h);           0, or a negative TRACE_E_* code
 *   while ((rc = trace_next(&r, &ev)) == 1)      1: ev holds the next event
 *       use(&ev);
 *   rc == 0: the END record was read and checked: the trace is complete and intact.
 *   rc <  0: TRACE_E_INCOMPLETE (the buffer ends before END: a cut, valid prefix) or corruption.
 *            trace_strerror(rc) names the problem; r.err_offset is the byte offset where it was
 *            found, r.err_record the index of the record; trace_reader_error() formats all three
 *            as one line. After an error, trace_next keeps returning the same code.
 *   Everything decoded (strings, byte ranges, lists) points into buf, which must outlive the
 *   events. Decoded strings are NUL-terminated in the buffer (the codec checks it), so .s can
 *   be used as a C string; .len is its length without the NUL.
 *   Every length and offset is checked before use; any malformed input is an error, never an
 *   out-of-bounds read. Lists (argv, memory regions) are fully validated by trace_next/trace_open,
 *   so walking them with the iterators below cannot fail.
 *   trace_validate() runs the whole loop once (e.g. to refuse a bad trace before replaying).
 *
 * WRITING (host only: encode.c uses malloc and write(2))
 *   struct trace_writer w;
 *   trace_writer_init_fd(&w, fd)   or   trace_writer_init(&w, my_write, ctx)
 *   trace_write_header(&w, &h)     first; also writes the magic
 *   trace_write_event(&w, &ev)     any number; ev.kind selects the record, ev.task its stream
 *   trace_write_end(&w)            the END record
 *   trace_writer_release(&w)       frees the record buffer (does not close the fd)
 *   Each call builds one record in memory and hands it to the write callback in one call
 *   (write_fd: one write(2), retried on EINTR/short writes), so the file is always a valid
 *   prefix. All return 0 or a negative errno (-EINVAL for a malformed event, e.g. dir/arg out
 *   of range); after an error the writer refuses further writes with the same error.
 *   When writing, lists are given as arrays (trace_strv.vec / trace_memlist.vec), or as the raw
 *   form of a decoded event (writing decoded events again reproduces the file byte for byte);
 *   trace_str.s with .len (use trace_str_c() for a C string); a NULL .s means "".
 *   header.format_version is ignored on write (TRACE_FORMAT_VERSION is written).
 *
 * LISTS
 *   struct trace_strv (argv, envp) and struct trace_memlist (memory regions) hold `count`
 *   items either as an array (`vec`, when writing) or as encoded bytes (`raw`, when decoded).
 *   The iterators read both, so consumers never care which:
 *     struct trace_strv_iter it; struct trace_str s;
 *     trace_strv_iter_init(&it, &h.argv); while (trace_strv_next(&it, &s)) ...;
 *     struct trace_mem_iter mi; struct trace_mem m;
 *     trace_mem_iter_init(&mi, &ev.syscall.mem); while (trace_mem_next(&mi, &m)) ...;
 */
#ifndef LOCKSTEP_TRACES_TRACE_H
#define LOCKSTEP_TRACES_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRACE_MAGIC          "LOCKSTEP"   /* 8 bytes, no NUL, at offset 0 */
#define TRACE_MAGIC_LEN      8
#define TRACE_FORMAT_VERSION 2
#define TRACE_TASK_NONE      0xffffffffu  /* task of HEADER, END and OUTPUT records */
#define TRACE_RECORD_OVERHEAD 20          /* 16-byte record header + 4-byte record CRC */

/* Record kinds (u16 on disk). */
enum trace_kind {
    TRACE_HEADER  = 1,
    TRACE_SYSCALL = 2,
    TRACE_BIRTH   = 3,
    TRACE_EXEC    = 4,
    TRACE_SIGNAL  = 5,
    TRACE_EXIT    = 6,
    TRACE_OUTPUT  = 7,
    TRACE_END     = 8,
};

/* Decoder errors (all negative; trace_strerror names them). */
enum trace_error {
    TRACE_E_INCOMPLETE = -1,  /* buffer ends before the END record: a cut, the prefix is valid */
    TRACE_E_MAGIC      = -2,  /* does not start with "LOCKSTEP": not a trace */
    TRACE_E_HDRCRC     = -3,  /* record header CRC mismatch (corrupt kind/task/length) */
    TRACE_E_CRC        = -4,  /* record CRC mismatch (corrupt payload or CRC) */
    TRACE_E_KIND       = -5,  /* unknown record kind, or a kind out of place (HEADER not first...) */
    TRACE_E_VERSION    = -6,  /* header's format version is not TRACE_FORMAT_VERSION */
    TRACE_E_PAYLOAD    = -7,  /* a field runs past its record, or bytes are left over */
    TRACE_E_FIELD      = -8,  /* a field has an invalid value (string without NUL, bad dir...) */
    TRACE_E_COUNT      = -9,  /* END's record count differs from the records read */
    TRACE_E_FILECRC    = -10, /* END's file CRC differs from the bytes read */
    TRACE_E_TRAILING   = -11, /* bytes after the END record */
    TRACE_E_TASK       = -12, /* a record's task id is not allowed for its kind */
    TRACE_E_USAGE      = -13, /* API misuse (trace_next before a successful trace_open...) */
};

/* A string. Decoded: points into the trace, NUL-terminated there. Writing: s[0..len). */
struct trace_str {
    const char *s;
    uint32_t len;
};

/* A byte range (captured memory, output). */
struct trace_bytes {
    const uint8_t *p;
    uint32_t len;
};

/* A string list (argv, envp). See LISTS above. */
struct trace_strv {
    uint32_t count;
    const struct trace_str *vec;  /* writing: count strings */
    const uint8_t *raw;           /* decoded: the encoded strings */
    size_t raw_len;
};

struct trace_strv_iter {
    const struct trace_strv *v;
    uint32_t i;
    size_t pos;
};

/* One captured memory region of a syscall. */
enum trace_mem_dir {
    TRACE_MEM_IN  = 1,  /* read by the kernel from the program (captured at syscall entry) */
    TRACE_MEM_OUT = 2,  /* written by the kernel into the program (captured at syscall exit) */
};
#define TRACE_ELEM_NONE 0xffffffffu

struct trace_mem {
    uint8_t dir;        /* enum trace_mem_dir */
    uint8_t arg;        /* argument index 0..5 */
    uint32_t elem;      /* TRACE_ELEM_NONE: the memory args[arg] points at;
                           k: the memory element k of that argument points at (iov[k].iov_base,
                           argv[k], msghdr's iov[k] ...; sysdesc.h says what for each kind) */
    uint64_t offset;    /* offset of the first byte within that object */
    uint64_t addr;      /* the program's address of the first byte, as recorded */
    uint32_t len;
    const uint8_t *data;
};

struct trace_memlist {
    uint32_t count;
    const struct trace_mem *vec;  /* writing: count regions */
    const uint8_t *raw;           /* decoded: the encoded regions */
    size_t raw_len;
};

struct trace_mem_iter {
    const struct trace_memlist *l;
    uint32_t i;
    size_t pos;
};

/* SYSCALL flags. */
#define TRACE_SC_NORETURN    0x1u  /* no result: exit/exit_group, execve success, or the task died
                                      inside the call; result is 0 and meaningless */
#define TRACE_SC_UNDESCRIBED 0x2u  /* not in the description table: registers only, no memory */
#define TRACE_SC_MEMFAULT    0x4u  /* some described memory could not be read (bad pointer):
                                      the regions hold what could be read */
#define TRACE_SC_FLAGS_ALL   0x7u

struct trace_syscall {
    uint32_t nr;          /* x86-64 syscall number */
    uint32_t flags;       /* TRACE_SC_* */
    uint32_t entered_after;  /* events written before the call began to run (so the file index of
                              * the first one after): on Linux those calls completed before it started */
    uint64_t args[6];     /* rdi rsi rdx r10 r8 r9 at entry */
    int64_t result;       /* raw rax at exit: negative errno on failure */
    struct trace_str image;  /* execve/execveat: the path of the new image, else empty */
    struct trace_memlist mem;
};

/* BIRTH: task `task` (the parent) created task `child`. */
enum trace_birth_how {
    TRACE_BIRTH_FORK   = 1,
    TRACE_BIRTH_VFORK  = 2,
    TRACE_BIRTH_CLONE  = 3,
    TRACE_BIRTH_CLONE3 = 4,
};

struct trace_birth {
    uint32_t child;        /* the new task's id */
    uint32_t birth_index;  /* 0 for the parent's first child (threads included), 1 for the next */
    uint32_t how;          /* enum trace_birth_how */
    uint64_t clone_flags;  /* clone/clone3 flags (fork: SIGCHLD, vfork: CLONE_VM|CLONE_VFORK|SIGCHLD) */
};

/* EXEC: the task now runs a new image. */
struct trace_exec {
    struct trace_str path;
    struct trace_strv argv;
};

/* SIGNAL: delivery of a signal to the task (what the program's handler or default action sees). */
#define TRACE_SIG_HAS_PID    0x1u  /* pid/uid are meaningful (sent by a process) */
#define TRACE_SIG_HAS_ADDR   0x2u  /* addr is meaningful (fault signals) */
#define TRACE_SIG_HAS_STATUS 0x4u  /* status is meaningful (SIGCHLD) */
#define TRACE_SIG_FLAGS_ALL  0x7u

struct trace_signal {
    int32_t signo;
    int32_t code;      /* si_code */
    int32_t si_errno;
    uint32_t flags;    /* TRACE_SIG_* */
    int32_t pid;       /* sender's pid, as the program saw it */
    uint32_t uid;
    int32_t status;    /* si_status */
    uint64_t addr;     /* si_addr */
};

/* EXIT: the task is gone. */
#define TRACE_EXIT_KILLED   0x1u  /* killed by a signal (or by another thread's exit_group) */
#define TRACE_EXIT_FLAGS_ALL 0x1u

struct trace_exit {
    int32_t status;    /* wait-status encoding: (code << 8) or the signal number (| 0x80 if core) */
    uint32_t flags;    /* TRACE_EXIT_* */
};

/* OUTPUT: bytes the sandbox captured from the program's stdout (1) or stderr (2) pipe. */
struct trace_output {
    uint32_t stream;
    struct trace_bytes data;
};

struct trace_event {
    uint32_t kind;      /* enum trace_kind (never HEADER or END here) */
    uint32_t task;      /* task id, TRACE_TASK_NONE for OUTPUT */
    uint64_t index;     /* decoded: the record's index in the file (HEADER is 0) */
    size_t offset;      /* decoded: the record's byte offset in the file */
    union {
        struct trace_syscall syscall;
        struct trace_birth birth;
        struct trace_exec exec;
        struct trace_signal signal;
        struct trace_exit exit;
        struct trace_output output;
    };
};

/* Kinds of fds 0/1/2 at program start. */
enum trace_fd_kind {
    TRACE_FD_CLOSED  = 0,
    TRACE_FD_DEVNULL = 1,
    TRACE_FD_PIPE    = 2,
    TRACE_FD_TTY     = 3,
    TRACE_FD_FILE    = 4,
    TRACE_FD_SOCKET  = 5,
    TRACE_FD_OTHER   = 6,
};

/* Sandbox settings (header.sandbox_flags). */
#define TRACE_SANDBOX_NEWPID   0x001u
#define TRACE_SANDBOX_NEWNS    0x002u
#define TRACE_SANDBOX_NEWUTS   0x004u
#define TRACE_SANDBOX_NEWIPC   0x008u
#define TRACE_SANDBOX_CHROOT   0x010u
#define TRACE_SANDBOX_TMPFS    0x020u  /* fresh tmpfs on /tmp */
#define TRACE_SANDBOX_NOASLR   0x040u  /* personality(ADDR_NO_RANDOMIZE) */
#define TRACE_SANDBOX_CAPTURE  0x080u  /* stdout/stderr captured into OUTPUT records */

#define TRACE_NRLIMITS   16            /* RLIMIT_CPU .. RLIMIT_RTTIME, Linux's numbering */
#define TRACE_HASH_LEN   32

struct trace_rlimit {
    uint64_t cur, max;                 /* RLIM_INFINITY is ~0 */
};

struct trace_header {
    uint32_t format_version;           /* decoded: TRACE_FORMAT_VERSION; ignored on write */
    struct trace_str recorder_version; /* e.g. "lockstep-record 1" */
    struct trace_str sysname, nodename, release, version, machine, domainname; /* host uname */
    struct trace_strv argv, envp;
    struct trace_str cwd;
    uint32_t umask;
    struct trace_rlimit rlimits[TRACE_NRLIMITS];
    uint32_t fd_kind[3];               /* enum trace_fd_kind of fds 0, 1, 2 */
    uint32_t sandbox_flags;            /* TRACE_SANDBOX_* */
    struct trace_str sandbox_hostname, sandbox_domainname;
    uint8_t root_hash[TRACE_HASH_LEN]; /* content hash of the root tree; the recorder defines
                                          the algorithm (recorder/README.md); opaque here */
    struct trace_str program;          /* path of the program inside the root */
};

/* ---- reading ---- */

struct trace_reader {
    const uint8_t *buf;
    size_t len;
    size_t pos;            /* offset of the next record */
    uint64_t nrecords;     /* records read so far (HEADER included) */
    uint32_t file_crc;     /* running CRC32 over buf[0..pos) */
    int state;             /* 0: not open, 1: reading, 2: END read, <0: the sticky error */
    size_t err_offset;     /* where the error was found */
    uint64_t err_record;   /* index of the record being decoded when it was found */
};

int trace_open(struct trace_reader *r, const void *buf, size_t len, struct trace_header *h);
int trace_next(struct trace_reader *r, struct trace_event *ev);
int trace_validate(const void *buf, size_t len, uint64_t *nrecords);
const char *trace_strerror(int code);
/* "record N at offset X (0x..): <strerror>" into out (always NUL-terminated); returns length. */
size_t trace_reader_error(const struct trace_reader *r, char *out, size_t size);
const char *trace_kind_name(uint32_t kind);

void trace_strv_iter_init(struct trace_strv_iter *it, const struct trace_strv *v);
bool trace_strv_next(struct trace_strv_iter *it, struct trace_str *out);
void trace_mem_iter_init(struct trace_mem_iter *it, const struct trace_memlist *l);
bool trace_mem_next(struct trace_mem_iter *it, struct trace_mem *out);

/* CRC32 (IEEE 802.3, reflected, the zlib/PNG one). trace_crc32(0, p, n) is the CRC of p[0..n);
   pass the previous result to continue. */
uint32_t trace_crc32(uint32_t crc, const void *p, size_t n);

/* ---- writing (host) ---- */

typedef int (*trace_write_fn)(void *ctx, const void *buf, size_t len); /* 0 or -errno; all or nothing */

struct trace_writer {
    trace_write_fn write;
    void *ctx;
    int fd;                /* for trace_writer_init_fd */
    uint8_t *buf;          /* the record being built */
    size_t cap, used;
    uint64_t nrecords;
    uint64_t bytes;        /* bytes written so far */
    uint32_t file_crc;
    int state;             /* 0: want header, 1: events, 2: ended, <0: sticky error */
};

int trace_writer_init(struct trace_writer *w, trace_write_fn write, void *ctx);
int trace_writer_init_fd(struct trace_writer *w, int fd);
int trace_write_header(struct trace_writer *w, const struct trace_header *h);
int trace_write_event(struct trace_writer *w, const struct trace_event *ev);
int trace_write_end(struct trace_writer *w);
void trace_writer_release(struct trace_writer *w);

static inline struct trace_str trace_str_c(const char *s)
{
    size_t n = 0;
    if (s)
        while (s[n])
            n++;
    struct trace_str r = { s, (uint32_t)n };
    return r;
}

#endif
