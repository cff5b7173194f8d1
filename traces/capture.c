/* capture.c — the capture walker of capture.h: turns a syscall's description row and argument
 * registers into the list of memory regions it reads (entry) and writes (exit). */
#include "capture.h"
#include "libc.h"
#include "sysdesc.h"
#include "uapi.h"

struct walk {
    const struct capture_ops *ops;
    struct capture_state *st;
    const uint64_t *args;
    int64_t result;
    uint32_t *flags;
    int stop;              /* a negative value from ops->region */
};

static void fault(struct walk *w) { *w->flags |= TRACE_SC_MEMFAULT; }

static void region(struct walk *w, uint8_t dir, unsigned arg, uint32_t elem, uint64_t offset, uint64_t addr,
                   uint64_t len)
{
    if (w->stop || addr == 0)
        return;
    if (len > CAPTURE_MAX_REGION) {
        len = CAPTURE_MAX_REGION;
        fault(w);
    }
    struct trace_mem m = { dir, (uint8_t)arg, elem, offset, addr, (uint32_t)len, NULL };
    int rc = w->ops->region(w->ops->ctx, &m);
    if (rc < 0)
        w->stop = rc;
}

static bool rd(struct walk *w, uint64_t addr, void *buf, size_t len)
{
    if (w->ops->read(w->ops->ctx, addr, buf, len) < 0) {
        fault(w);
        return false;
    }
    return true;
}

/* Length of the NUL-terminated string at addr, NUL included, at most max; 0 if unreadable.
   Reads in pieces that never cross a page boundary, so a string ending just before an unmapped
   page is still found. */
static uint64_t string_len(struct walk *w, uint64_t addr, uint64_t max)
{
    char buf[128];
    uint64_t n = 0;
    while (n < max) {
        uint64_t a = addr + n;
        size_t chunk = 4096 - (size_t)(a & 4095);
        if (chunk > sizeof buf)
            chunk = sizeof buf;
        if (chunk > max - n)
            chunk = (size_t)(max - n);
        if (!rd(w, a, buf, chunk))
            return n;  /* what was readable, without a NUL: the checker sees the fault flag */
        for (size_t i = 0; i < chunk; i++)
            if (buf[i] == 0)
                return n + i + 1;
        n += chunk;
    }
    fault(w);  /* longer than max: truncated */
    return max;
}

static void string(struct walk *w, unsigned arg, uint32_t elem, uint64_t addr, uint64_t max)
{
    if (addr)
        region(w, TRACE_MEM_IN, arg, elem, 0, addr, string_len(w, addr, max));
}

static void strv(struct walk *w, unsigned arg, uint64_t addr)
{
    uint32_t n = 0;
    uint64_t p;
    if (!addr)
        return;
    for (; n < CAPTURE_MAX_VEC; n++) {
        if (!rd(w, addr + 8ull * n, &p, 8))
            break;
        if (!p)
            break;
    }
    if (n == CAPTURE_MAX_VEC)
        fault(w);
    region(w, TRACE_MEM_IN, arg, TRACE_ELEM_NONE, 0, addr, 8ull * (n + 1));
    for (uint32_t k = 0; k < n; k++)
        if (rd(w, addr + 8ull * k, &p, 8))
            string(w, arg, k, p, CAPTURE_MAX_STRING);
}

/* The iovec array at addr, count entries: the array itself (when `array`), then the data
   (when dir is not 0): IN in full, or OUT up to `total` bytes in order. */
static void iovecs(struct walk *w, unsigned arg, uint32_t array_elem, uint64_t addr, uint64_t count,
                   bool array, uint8_t dir, uint64_t total)
{
    if (!addr)
        return;
    /* Linux refuses more than UIO_MAXIOV vectors with EINVAL before it reads any (a negative
       count included), so nothing is captured: the bytes there are not an input. */
    if (count > UIO_MAXIOV)
        return;
    if (count > CAPTURE_MAX_VEC) {
        count = CAPTURE_MAX_VEC;
        fault(w);
    }
    if (array)
        region(w, TRACE_MEM_IN, arg, array_elem, 0, addr, count * sizeof(struct iovec));
    for (uint32_t k = 0; k < count && dir; k++) {
        struct iovec v;
        if (!rd(w, addr + k * sizeof v, &v, sizeof v))
            return;
        uint64_t len = v.iov_len;
        if (dir == TRACE_MEM_OUT) {
            if (total == 0)
                return;
            if (len > total)
                len = total;
            total -= len;
        }
        if (len)
            region(w, dir, arg, k, 0, (uint64_t)(uintptr_t)v.iov_base, len);
    }
}

static uint64_t struct_size(unsigned id)
{
    const struct sd_struct_desc *s = sysdesc_struct(id);
    return s ? s->size : 0;
}

static uint64_t min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

static void msghdr(struct walk *w, unsigned arg, bool out, enum capture_phase phase)
{
    uint64_t addr = w->args[arg];
    struct ls_msghdr h;
    if (!addr)
        return;
    if (phase == CAPTURE_ENTRY) {
        region(w, TRACE_MEM_IN, arg, TRACE_ELEM_NONE, 0, addr, sizeof h);
        if (!rd(w, addr, &h, sizeof h))
            return;
        w->st->msg_namelen_in = (uint32_t)h.msg_namelen;
        w->st->msg_controllen_in = h.msg_controllen;
        if (!out) {
            region(w, TRACE_MEM_IN, arg, SD_ELEM_MSG_NAME, 0, (uint64_t)(uintptr_t)h.msg_name, (uint32_t)h.msg_namelen);
            region(w, TRACE_MEM_IN, arg, SD_ELEM_MSG_CONTROL, 0, (uint64_t)(uintptr_t)h.msg_control,
                   h.msg_controllen);
        }
        iovecs(w, arg, SD_ELEM_MSG_IOV, (uint64_t)(uintptr_t)h.msg_iov, h.msg_iovlen, true,
               out ? 0 : TRACE_MEM_IN, 0);
        return;
    }
    if (!out)
        return;
    region(w, TRACE_MEM_OUT, arg, TRACE_ELEM_NONE, 0, addr, sizeof h);
    if (!rd(w, addr, &h, sizeof h))
        return;
    region(w, TRACE_MEM_OUT, arg, SD_ELEM_MSG_NAME, 0, (uint64_t)(uintptr_t)h.msg_name,
           min64((uint32_t)h.msg_namelen, w->st->msg_namelen_in));
    region(w, TRACE_MEM_OUT, arg, SD_ELEM_MSG_CONTROL, 0, (uint64_t)(uintptr_t)h.msg_control,
           min64(h.msg_controllen, w->st->msg_controllen_in));
    iovecs(w, arg, SD_ELEM_MSG_IOV, (uint64_t)(uintptr_t)h.msg_iov, h.msg_iovlen, false, TRACE_MEM_OUT,
           (uint64_t)w->result);
}

/* Bytes of the object behind a length-pointer argument (sockaddr, getsockopt): min(before, after). */
static void lenptr_out(struct walk *w, unsigned arg, unsigned lenarg)
{
    uint32_t after;
    if (lenarg >= 6 || !w->args[lenarg] || !rd(w, w->args[lenarg], &after, 4))
        return;
    region(w, TRACE_MEM_OUT, arg, TRACE_ELEM_NONE, 0, w->args[arg], min64(after, w->st->len_in[lenarg]));
}

static uint64_t arglen(struct walk *w, struct sd_arg a, uint64_t dflt)
{
    return a.len < 6 ? w->args[a.len] : dflt;
}

static void one_arg(struct walk *w, unsigned i, struct sd_arg a, enum capture_phase ph)
{
    uint64_t p = w->args[i];
    bool in = ph == CAPTURE_ENTRY;
    uint64_t res = (uint64_t)w->result;
    uint64_t ssz = struct_size(a.aux);
    switch (a.kind) {
    case SD_PATH:
    case SD_STR:
        if (in)
            string(w, i, TRACE_ELEM_NONE, p, CAPTURE_MAX_STRING);
        break;
    case SD_BUF_IN:
    case SD_SOCKADDR_IN:
        if (in)
            region(w, TRACE_MEM_IN, i, TRACE_ELEM_NONE, 0, p, arglen(w, a, 0));
        break;
    case SD_BUF_OUT_RET:
    case SD_DIRENTS:
        if (!in)
            region(w, TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, res);
        break;
    case SD_BUF_OUT_ARG:
        if (!in)
            region(w, TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, arglen(w, a, 0));
        break;
    case SD_STRUCT_IN:
        if (in)
            region(w, TRACE_MEM_IN, i, TRACE_ELEM_NONE, 0, p, ssz);
        break;
    case SD_STRUCT_OUT:
        if (!in)
            region(w, TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, ssz);
        break;
    case SD_STRUCT_INOUT:
        region(w, in ? TRACE_MEM_IN : TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, ssz);
        break;
    case SD_ARRAY_IN:
        if (in)
            region(w, TRACE_MEM_IN, i, TRACE_ELEM_NONE, 0, p, ssz * (uint32_t)arglen(w, a, 0));
        break;
    case SD_ARRAY_INOUT:
        region(w, in ? TRACE_MEM_IN : TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, ssz * (uint32_t)arglen(w, a, 0));
        break;
    case SD_ARRAY_OUT_RET:
        if (!in)
            region(w, TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, ssz * res);
        break;
    case SD_IOVEC_IN:
        if (in)
            iovecs(w, i, TRACE_ELEM_NONE, p, arglen(w, a, 0), true, TRACE_MEM_IN, 0);
        break;
    case SD_IOVEC_OUT:
        iovecs(w, i, TRACE_ELEM_NONE, p, arglen(w, a, 0), in, in ? 0 : TRACE_MEM_OUT, res);
        break;
    case SD_SOCKLEN_INOUT:
        if (in && p && rd(w, p, &w->st->len_in[i], 4))
            region(w, TRACE_MEM_IN, i, TRACE_ELEM_NONE, 0, p, 4);
        else if (!in)
            region(w, TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, 4);
        break;
    case SD_SOCKADDR_OUT:
    case SD_BUF_OUT_LENPTR:
        if (!in && p)
            lenptr_out(w, i, a.len);
        break;
    case SD_MSGHDR_IN:
    case SD_MSGHDR_OUT:
        msghdr(w, i, a.kind == SD_MSGHDR_OUT, ph);
        break;
    case SD_FDSET:
        region(w, in ? TRACE_MEM_IN : TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p,
               ((min64((uint32_t)arglen(w, a, 0), 1u << 20) + 63) / 64) * 8);
        break;
    case SD_SIGSET_IN:
    case SD_SIGSET_OUT:
        if (in == (a.kind == SD_SIGSET_IN))
            region(w, in ? TRACE_MEM_IN : TRACE_MEM_OUT, i, TRACE_ELEM_NONE, 0, p, min64(arglen(w, a, 8), 128));
        break;
    case SD_STRV:
        if (in)
            strv(w, i, p);
        break;
    }
}

int capture_syscall(const struct capture_ops *ops, struct capture_state *st, uint32_t nr,
                    const uint64_t args[6], int64_t result, enum capture_phase phase, uint32_t *flags)
{
    const struct sysdesc *d = sysdesc_get(nr);
    struct walk w = { ops, st, args, result, flags, 0 };
    if (!d || (phase == CAPTURE_EXIT && result < 0))
        return 0;
    for (unsigned i = 0; i < d->nargs && !w.stop; i++)
        one_arg(&w, i, sysdesc_arg(d, i, args), phase);
    return w.stop;
}
