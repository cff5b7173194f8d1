/* desc.h — what the checker needs to know about each syscall, read from the shared syscall
 * description table (traces/sysdesc.h): how many registers it reads and the role of each, the
 * role of its result, and the fields of each memory region with their roles. desc.c is the
 * only file that reads the table, so the checker never carries a second copy of it.
 */
#ifndef REPLAYER_KERNEL_DESC_H
#define REPLAYER_KERNEL_DESC_H

#include <stdbool.h>
#include <stdint.h>
#include "rules.h"
#include "trace.h"

struct check_field {
    uint32_t off, len;        /* within the region's object (compare with trace_mem.offset) */
    enum check_role role;
    const char *name;         /* "st_ino", "tv_sec", ... or NULL for plain bytes */
};

/* The syscall's name, or NULL when the number is unknown. */
const char *desc_name(uint32_t nr);
/* The role of register i (0..5): CR_UNUSED beyond the syscall's arguments. */
enum check_role desc_arg_role(uint32_t nr, int i);
/* The name of argument i ("fd", "buf", ...), or NULL. */
const char *desc_arg_name(uint32_t nr, int i);
/* The role of the result when it is not an error. */
enum check_role desc_result_role(uint32_t nr);
/* Walks the fields of the object a memory region belongs to, in increasing offset order,
 * calling fn for each; offsets are within the object (compare with trace_mem.offset). Bytes no
 * field covers are plain bytes, compared exactly. args are the recorded registers. */
typedef void (*desc_field_fn)(void *ctx, const struct check_field *f);
void desc_region_walk(uint32_t nr, const uint64_t args[6], const struct trace_mem *m,
                      desc_field_fn fn, void *ctx);
/* Whether the syscall creates a task (fork, vfork, clone, clone3) or replaces the image. */
bool desc_is_fork(uint32_t nr);
bool desc_is_exec(uint32_t nr);
/* "ENOENT" for 2, or NULL. */
const char *desc_errno_name(int err);
/* "SIGCHLD" for 17, or NULL. */
const char *desc_signal_name(int sig);
/* The event in strace syntax, through the shared printers (traces/print.h). */
void desc_print_event(const struct trace_event *ev, char *out, size_t size);
/* A syscall record built by the checker (the executed call with its actual memory). */
void desc_print_syscall(const struct trace_syscall *sc, char *out, size_t size);
/* A call as executed (registers, and the result when it has one), in the same syntax. */
void desc_print_call(uint32_t nr, const uint64_t args[6], bool has_result, int64_t result,
                     char *out, size_t size);

#endif
