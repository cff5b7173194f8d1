/* capture.h — which memory a syscall reads and writes, as the description table says: the one
 * walker that the recorder uses to decide what to capture and the checker uses to decide what to
 * compare, so the two can never disagree. Freestanding.
 *
 * For one syscall the caller runs the walker twice with the same capture_state: at entry
 * (CAPTURE_ENTRY: the IN regions) and at exit (CAPTURE_EXIT: the OUT regions, only when the
 * result is >= 0). The walker reads the small things it needs to find the regions (iovec arrays,
 * msghdr, socklen values, string lengths) through ops->read, and reports each region through
 * ops->region with m->data == NULL: the bytes are at m->addr, m->len long, in the program's
 * memory; the caller reads them itself (the recorder with process_vm_readv, the checker with its
 * copy helpers). Regions come in a fixed order: by argument, then as listed in sysdesc.h.
 *
 * Unreadable metadata, and regions longer than CAPTURE_MAX_REGION (truncated to it), set
 * TRACE_SC_MEMFAULT in *flags. Undescribed syscalls capture nothing.
 */
#ifndef LOCKSTEP_TRACES_CAPTURE_H
#define LOCKSTEP_TRACES_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

#define CAPTURE_MAX_REGION  (64u << 20)  /* bytes in one region */
#define CAPTURE_MAX_STRING  4096u        /* a path or string, NUL included */
#define CAPTURE_MAX_VEC     1024u        /* iovec entries, argv/envp strings */

enum capture_phase { CAPTURE_ENTRY = 0, CAPTURE_EXIT = 1 };

struct capture_ops {
    /* Copy len bytes at the program's address addr into buf: 0, or negative (e.g. -EFAULT). */
    int (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
    /* One region (data NULL). Return 0, or a negative value to stop the walk (returned). */
    int (*region)(void *ctx, const struct trace_mem *m);
    void *ctx;
};

/* What the entry walk remembers for the exit walk. Zero it before the entry walk. */
struct capture_state {
    uint32_t len_in[6];        /* socklen_t values at entry, by argument */
    uint32_t msg_namelen_in;   /* recvmsg: msghdr fields at entry */
    uint64_t msg_controllen_in;
};

int capture_syscall(const struct capture_ops *ops, struct capture_state *st, uint32_t nr,
                    const uint64_t args[6], int64_t result, enum capture_phase phase, uint32_t *flags);

#endif
