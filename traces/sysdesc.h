/* sysdesc.h — the syscall description table: for each x86-64 syscall, its name and what each
 * argument is (integer, flags with a decoder, fd, path, buffer sized by another argument, fixed
 * struct, iovec array, sockaddr, ...), plus the struct description table (each fixed struct's
 * size and fields, with the role that tells the checker how to compare a field).
 *
 * One table, three users: the recorder (which memory to capture: capture.h walks it), the
 * kernel's checker (what to compare, and how), and the printers (how to show a call).
 * Numbers come from build/gen/syscall_list.h (generated from Linux's asm/unistd_64.h); struct
 * sizes and offsets come from Linux's uapi headers through sizeof/offsetof. Freestanding.
 *
 * Adding a syscall is one row in sysdesc.c. A syscall without a row is "undescribed": it is
 * recorded with its registers only (TRACE_SC_UNDESCRIBED) and printed as name(hex args).
 *
 * How each argument kind maps to captured memory (capture.c does this; the checker compares the
 * same regions): see the comment on each SD_ kind. "IN" is captured at syscall entry, "OUT" at
 * exit and only when the result is >= 0. NULL pointers capture nothing. A region's elem is
 * TRACE_ELEM_NONE for the memory the argument points at; other elems are listed below.
 */
#ifndef LOCKSTEP_TRACES_SYSDESC_H
#define LOCKSTEP_TRACES_SYSDESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SYS_NR_read = 0, ... for every syscall in the generated list. */
enum sys_nr {
#define SYSCALL(nr, name) SYS_NR_##name = nr,
#include "syscall_list.h"
#undef SYSCALL
};

#define SYSDESC_NR_MAX 512          /* numbers at or above this are never described */

/* Argument kinds. `aux` and `len` are the fields of struct sd_arg. */
enum sd_kind {
    SD_NONE = 0,        /* no such argument */
    SD_INT,             /* signed integer (int) */
    SD_LONG,            /* signed integer (long / off_t) */
    SD_UINT,            /* unsigned integer, size_t */
    SD_HEX,             /* an integer best shown in hex */
    SD_MODE,            /* file mode bits, octal */
    SD_FLAGS,           /* bit flags; aux = enum sd_flags table */
    SD_ENUM,            /* one value of a list; aux = enum sd_flags table */
    SD_FD,              /* file descriptor */
    SD_DIRFD,           /* directory fd or AT_FDCWD */
    SD_PID,             /* process id (mapped by the checker) */
    SD_ADDR,            /* an address that is not dereferenced (mapped by the checker) */
    SD_PATH,            /* IN: NUL-terminated path, bytes include the NUL (at most 4096) */
    SD_STR,             /* IN: NUL-terminated string that is not a path (same capture) */
    SD_BUF_IN,          /* IN: args[len] bytes */
    SD_BUF_OUT_RET,     /* OUT: result bytes */
    SD_BUF_OUT_ARG,     /* OUT: args[len] bytes */
    SD_STRUCT_IN,       /* IN: one struct aux (enum sd_struct) */
    SD_STRUCT_OUT,      /* OUT: one struct aux */
    SD_STRUCT_INOUT,    /* IN and OUT: one struct aux */
    SD_ARRAY_IN,        /* IN: args[len] structs aux */
    SD_ARRAY_INOUT,     /* IN and OUT: args[len] structs aux (pollfd) */
    SD_ARRAY_OUT_RET,   /* OUT: result structs aux (epoll_event, gid_t) */
    SD_IOVEC_IN,        /* IN: the iovec array (args[len] entries); then elem k: iov[k]'s bytes */
    SD_IOVEC_OUT,       /* IN: the iovec array; OUT elem k: iov[k]'s bytes, `result` bytes in all */
    SD_SOCKADDR_IN,     /* IN: args[len] bytes of sockaddr */
    SD_SOCKADDR_OUT,    /* OUT: the sockaddr, min(length before, length after) bytes, where the
                           length is the socklen_t that args[len] points at */
    SD_SOCKLEN_INOUT,   /* IN and OUT: a socklen_t (u32) */
    SD_BUF_OUT_LENPTR,  /* OUT: like SD_SOCKADDR_OUT, for plain bytes (getsockopt's optval) */
    SD_MSGHDR_IN,       /* IN: struct msghdr; elem SD_ELEM_MSG_NAME its name, SD_ELEM_MSG_CONTROL
                           its control bytes, SD_ELEM_MSG_IOV its iovec array, elem k iov[k]'s bytes */
    SD_MSGHDR_OUT,      /* IN: struct msghdr and its iovec array (same elems);
                           OUT: the msghdr, name (msg_namelen after), control (msg_controllen
                           after), elem k iov[k]'s bytes (`result` bytes in all) */
    SD_FDSET,           /* IN and OUT: fd_set of args[len] fds, rounded up to 8-byte words */
    SD_SIGSET_IN,       /* IN: sigset, args[len] bytes (len == SD_NOLEN: 8) */
    SD_SIGSET_OUT,      /* OUT: sigset, args[len] bytes (len == SD_NOLEN: 8) */
    SD_STRV,            /* IN: NULL-terminated pointer array (elem NONE, pointers with the NULL),
                           then elem k: string k with its NUL */
    SD_DIRENTS,         /* OUT: result bytes of linux_dirent64 records */
    SD_IOCTL_ARG,       /* ioctl's third argument: depends on the command (capture.c) */
    SD_FCNTL_ARG,       /* fcntl's third argument: struct flock for the lock commands, else int */
    SD_PRCTL_ARG,       /* prctl's second argument: PR_SET_NAME in 16 bytes, PR_GET_NAME out 16 */
    SD_ARCH_PRCTL_ARG,  /* arch_prctl's second argument: an address, or an OUT u64 for ARCH_GET_* */
    SD_KIND_COUNT
};

#define SD_NOLEN 0xff

#define SD_ELEM_MSG_NAME    0x10000u
#define SD_ELEM_MSG_CONTROL 0x10001u
#define SD_ELEM_MSG_IOV     0x10002u

struct sd_arg {
    uint8_t kind;       /* enum sd_kind */
    uint8_t aux;        /* flags table or struct id */
    uint8_t len;        /* index of the argument giving a length/count, or SD_NOLEN */
};

/* Row flags. */
#define SDF_NORETURN  0x01  /* exit, exit_group: never returns */
#define SDF_EXEC      0x02  /* replaces the image on success (no return) */
#define SDF_NEWTASK   0x04  /* fork, vfork, clone, clone3: a BIRTH follows */
#define SDF_WORLD     0x08  /* result or output is a world input (time, randomness, host identity) */

struct sysdesc {
    const char *name;   /* NULL: no row (undescribed) */
    uint8_t nargs;
    uint8_t ret;        /* enum sd_kind of the result: SD_INT, SD_LONG, SD_UINT, SD_FD, SD_PID, SD_ADDR, SD_HEX */
    uint8_t flags;      /* SDF_* */
    struct sd_arg arg[6];
};

/* The row for nr, or NULL when the syscall is undescribed. */
const struct sysdesc *sysdesc_get(uint32_t nr);
/* The syscall's name (from the generated list), described or not; NULL for unknown numbers. */
const char *sysdesc_name(uint32_t nr);
/* Argument i of a call, with the command-dependent kinds (SD_IOCTL_ARG, SD_FCNTL_ARG,
   SD_PRCTL_ARG, SD_ARCH_PRCTL_ARG) resolved from the other arguments into a plain kind
   (SD_STRUCT_IN/OUT/INOUT with a struct, SD_HEX, SD_INT...). Used by capture and printing. */
struct sd_arg sysdesc_arg(const struct sysdesc *d, unsigned i, const uint64_t args[6]);
/* The number for a name, or -1. */
int sysdesc_lookup(const char *name);
/* How many rows the table has (for tests and --stats). */
unsigned sysdesc_count(void);

/* ---- structs ---- */

enum sd_struct {
    ST_NONE = 0,
    ST_INT, ST_U32, ST_LONG, ST_U64, ST_FDPAIR,        /* int, u32, long, u64, int[2] */
    ST_STAT, ST_STATX, ST_TIMESPEC, ST_TIMEVAL, ST_ITIMERSPEC, ST_ITIMERVAL, ST_TIMEZONE,
    ST_UTSNAME, ST_RLIMIT, ST_RUSAGE, ST_TMS, ST_SYSINFO, ST_STATFS,
    ST_POLLFD, ST_EPOLL_EVENT, ST_SIGACTION, ST_STACK, ST_SIGINFO, ST_SIGSET,
    ST_SOCKADDR_UN, ST_SOCKADDR_IN, ST_IOVEC, ST_MSGHDR, ST_DIRENT64,
    ST_TERMIOS, ST_WINSIZE, ST_FLOCK, ST_SCHED_PARAM, ST_CLONE_ARGS, ST_ROBUST_LIST,
    ST_PSELECT_SIG, ST_SIGNALFD_SIGINFO, ST_OPEN_HOW, ST_TASKNAME, ST_SIGEVENT, ST_TIMESPEC2,
    ST_TIMEVAL2, ST_UTIMBUF, ST_CAP_HEADER, ST_CLOCK_RES,
    ST_COUNT
};

/* How the checker compares a field. */
enum sd_role {
    ROLE_EXACT = 0,     /* byte for byte */
    ROLE_INODE,         /* inode number: consistent bijection */
    ROLE_DEVICE,        /* device number: consistent bijection */
    ROLE_PID,           /* pid/tid: consistent bijection */
    ROLE_ADDRESS,       /* user address: compared through the address mapping */
    ROLE_TIME,          /* world input: plausibility-checked, then the recorded value injected */
    ROLE_RANDOM,        /* world input: injected */
    ROLE_HOSTID,        /* world input (host's release, node name...): injected */
    ROLE_LOAD,          /* world input (load averages, memory figures): injected */
    ROLE_UPTIME,        /* world input: injected */
    ROLE_MOUNT_ID,      /* mount id: a consistent bijection of its own (never mixed with devices) */
    ROLE_KERNEL_OUT,    /* written by the kernel, never read by it: as input not compared (a
                         * program leaves pollfd.revents or msghdr.msg_flags uninitialised) */
    ROLE_UTIME_SEC,     /* a utimensat time's seconds: not read when the tv_nsec after it is
                         * UTIME_NOW or UTIME_OMIT (BusyBox touch leaves them uninitialised) */
    ROLE_COUNT
};

/* How the printers show a field. */
enum sd_fmt {
    FMT_DEC = 0,        /* signed decimal (by size) */
    FMT_UDEC,           /* unsigned decimal */
    FMT_HEX,
    FMT_OCT,
    FMT_MODE,           /* st_mode: S_IFxxx|0755 */
    FMT_CHARS,          /* char array: quoted up to the first NUL */
    FMT_FLAGS,          /* aux = enum sd_flags table */
    FMT_ENUM,           /* aux = enum sd_flags table */
    FMT_BYTES,          /* bytes, quoted */
    FMT_PAD,            /* padding or reserved: printed only when not all zero */
};

struct sd_field {
    const char *name;
    uint16_t offset, size;
    uint8_t fmt;        /* enum sd_fmt */
    uint8_t role;       /* enum sd_role */
    uint8_t aux;        /* flags table for FMT_FLAGS/FMT_ENUM */
};

#define SDS_VARIABLE  0x1   /* records of variable length (linux_dirent64: d_reclen) */
#define SDS_OVERLAP   0x2   /* fields overlap (a union: siginfo); the checker picks by context */

struct sd_struct_desc {
    const char *name;
    uint32_t size;                  /* sizeof; for SDS_VARIABLE the fixed part */
    uint16_t nfields;
    uint8_t flags;                  /* SDS_* */
    const struct sd_field *fields;  /* in offset order; bytes not covered are padding that
                                       Linux zeroes: compare them exactly */
};

const struct sd_struct_desc *sysdesc_struct(unsigned id);
const char *sd_role_name(unsigned role);

/* ---- flags and value lists (printing) ---- */

enum sd_flags {
    FL_NONE = 0,
    FL_OPEN, FL_AT, FL_ACCESS, FL_PROT, FL_MAP, FL_CLONE, FL_SIGNAL, FL_FCNTL_CMD, FL_WHENCE,
    FL_MADVISE, FL_AF, FL_SOCK_TYPE, FL_EPOLL_CTL, FL_EPOLL_EVENTS, FL_POLL_EVENTS,
    FL_SIG_HOW, FL_SA_FLAGS, FL_WAIT, FL_CLOCK, FL_FUTEX_OP, FL_MSG, FL_IOCTL, FL_PRCTL,
    FL_ARCH_PRCTL, FL_RLIMIT, FL_EFD, FL_TFD, FL_TIMER, FL_MREMAP, FL_RENAME, FL_GRND,
    FL_SOCK_LEVEL, FL_SHUT, FL_CLOSE_RANGE, FL_ITIMER, FL_RUSAGE_WHO, FL_IDTYPE, FL_SCHED_POLICY,
    FL_STATX_MASK, FL_FALLOC, FL_ERRNO, FL_SIGINFO_CODE, FL_SFD, FL_MSYNC, FL_LOCK_OP,
    FL_PERSONALITY, FL_O_CLOEXEC, FL_ACCMODE, FL_MAP_TYPE, FL_SOCK_BASE, FL_FUTEX_CMD,
    FL_FILE_TYPE, FL_MEMFD, FL_PIPE, FL_AT_ACCESS, FL_UNLINK_AT, FL_SOCK_FLAGS,
    FL_INOTIFY_INIT, FL_INOTIFY_MASK,
    FL_COUNT
};

struct sd_value {
    uint64_t value;
    const char *name;
};

struct sd_flag_table {
    const char *name;
    bool bits;                      /* true: OR of flags; false: one value */
    uint64_t fixed_mask;            /* bits: a field holding a value, not bits (O_ACCMODE) */
    uint8_t fixed_table;            /* the value list for that field (FL_NONE: a number) */
    const struct sd_value *values;  /* ends with name == NULL */
};

const struct sd_flag_table *sysdesc_flags(unsigned id);
/* The name of a value in a list (errno, signal, ...), or NULL. */
const char *sysdesc_value_name(unsigned id, uint64_t value);  /* lists of ints match on the low 32 bits */
const char *sysdesc_errno_name(int err);     /* "ENOENT" or NULL */
const char *sysdesc_signal_name(int sig);    /* "SIGINT" or NULL */

#endif
