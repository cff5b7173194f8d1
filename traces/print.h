/* print.h — strace-style text (and JSON) for trace events, into a caller's buffer. Used by
 * `lockstep dump` and by the kernel's divergence report. Freestanding.
 *
 * One event is one line, without the newline:
 *   [t0] openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *   [t0] read(3, "root:x:0:0:root:/root:/bin/sh\nnob"..., 4096) = 78
 *   [t0] stat("/nope", 0x7ffe0000) = -1 ENOENT
 *   [t1] exit_group(0) = ?
 *   [t0] birth t1 #0 clone(CLONE_VM|CLONE_FS|...|SIGCHLD)
 *   [t1] exec "/bin/ls" ["ls", "-l"]
 *   [t0] --- SIGCHLD {si_code=1, si_errno=0, si_pid=3, si_uid=0, si_status=0} ---
 *   [t1] +++ exited with 0 +++            [t2] +++ killed by SIGSEGV (core dumped) +++
 *   [out] stdout "hello\n"
 * Flags and value lists are decoded by name, errors show the errno name, strings are quoted
 * and escaped, structs are shown by field, buffers show their first PRINT_SHORT_BUF bytes and
 * "..." unless opts->full_buffers. A pointer whose memory was not captured shows its address.
 * Undescribed syscalls show hex registers and " <undescribed>"; TRACE_SC_MEMFAULT adds
 * " <memfault>". All functions return the length the full text needs (like snprintf); the
 * output is truncated, and always NUL-terminated, when size is too small.
 */
#ifndef LOCKSTEP_TRACES_PRINT_H
#define LOCKSTEP_TRACES_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "trace.h"

#define PRINT_SHORT_BUF 32

struct print_opts {
    bool full_buffers;   /* print buffers in full */
    bool no_prefix;      /* leave out the "[tN] " task prefix */
};

size_t trace_print_event(const struct trace_event *ev, const struct print_opts *o, char *out, size_t size);
/* The call alone, "name(args) = result", for reports that compare two calls. */
size_t trace_print_syscall(const struct trace_syscall *sc, const struct print_opts *o, char *out, size_t size);
/* One JSON object (no newline): index, offset, task, kind, and per kind the raw fields
   ("nr", "name", "args", "result", "flags", "mem" with hex data...) plus "text", the strace line. */
size_t trace_print_json(const struct trace_event *ev, const struct print_opts *o, char *out, size_t size);
/* The header as one JSON object (no newline): "kind": "header", every header field by name
   (uname as an object, rlimits as [cur, max] pairs, root_hash in hex). */
size_t trace_print_header_json(const struct trace_header *h, char *out, size_t size);
/* The header as "# key: value" lines, each ending in a newline. */
size_t trace_print_header(const struct trace_header *h, char *out, size_t size);

#endif
