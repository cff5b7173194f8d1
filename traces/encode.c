/* encode.c — the trace encoder (host only): builds each record in memory, in the layout of
 * wire.h / traces/FORMAT.md, and hands it to a write callback in one call, so that a trace on
 * disk is always a valid prefix. The decoder in codec.c is its exact inverse. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

/* ---- the record buffer ---- */

static int buf_reserve(struct trace_writer *w, size_t n)
{
    if (w->state < 0)
        return w->state;
    if (n <= w->cap - w->used)
        return 0;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap - w->used < n) {
        if (cap > ((size_t)1 << 40))
            return w->state = -ENOMEM;
        cap *= 2;
    }
    uint8_t *p = realloc(w->buf, cap);
    if (!p)
        return w->state = -ENOMEM;
    w->buf = p;
    w->cap = cap;
    return 0;
}

static uint8_t *buf_take(struct trace_writer *w, size_t n)
{
    if (buf_reserve(w, n) < 0)
        return NULL;
    uint8_t *p = w->buf + w->used;
    w->used += n;
    return p;
}

static void put_bytes(struct trace_writer *w, const void *p, size_t n)
{
    uint8_t *d = buf_take(w, n);
    if (d && n)
        memcpy(d, p, n);
}

static void put32(struct trace_writer *w, uint32_t v)
{
    uint8_t *d = buf_take(w, 4);
    if (d)
        wire_put32(d, v);
}

static void put64(struct trace_writer *w, uint64_t v)
{
    uint8_t *d = buf_take(w, 8);
    if (d)
        wire_put64(d, v);
}

static void invalid(struct trace_writer *w)
{
    if (w->state >= 0)
        w->state = -EINVAL;
}

static void put_str(struct trace_writer *w, struct trace_str s)
{
    const char *p = s.s ? s.s : "";
    uint32_t n = s.s ? s.len : 0;
    if (memchr(p, 0, n))
        invalid(w);  /* the format's strings have no NUL inside */
    put32(w, n);
    put_bytes(w, p, n);
    put_bytes(w, "", 1);
}

static void put_strv(struct trace_writer *w, const struct trace_strv *v)
{
    struct trace_strv_iter it;
    struct trace_str s;
    put32(w, v->count);
    if (v->count && !v->vec && !v->raw)
        invalid(w);
    if (w->state < 0)
        return;
    trace_strv_iter_init(&it, v);
    while (trace_strv_next(&it, &s))
        put_str(w, s);
}

static void put_memlist(struct trace_writer *w, const struct trace_memlist *l)
{
    struct trace_mem_iter it;
    struct trace_mem m;
    put32(w, l->count);
    if (l->count && !l->vec && !l->raw)
        invalid(w);
    if (w->state < 0)
        return;
    trace_mem_iter_init(&it, l);
    while (trace_mem_next(&it, &m)) {
        if ((m.dir != TRACE_MEM_IN && m.dir != TRACE_MEM_OUT) || m.arg >= 6 || (m.len && !m.data))
            invalid(w);
        uint8_t *h = buf_take(w, WIRE_MEM_HDR);
        if (!h)
            return;
        h[0] = m.dir;
        h[1] = m.arg;
        wire_put16(h + 2, 0);
        wire_put32(h + 4, m.elem);
        wire_put64(h + 8, m.offset);
        wire_put64(h + 16, m.addr);
        wire_put32(h + 24, m.len);
        if (w->state >= 0)
            put_bytes(w, m.data, m.len);
    }
}

/* ---- records ---- */

static void record_begin(struct trace_writer *w, uint32_t kind, uint32_t task)
{
    w->used = 0;
    if (w->state == 0 && kind == TRACE_HEADER)
        put_bytes(w, TRACE_MAGIC, TRACE_MAGIC_LEN);
    uint8_t *h = buf_take(w, WIRE_REC_HDR);
    if (h) {
        wire_put32(h, 0);  /* length, patched in record_end */
        wire_put16(h + 4, (uint16_t)kind);
        wire_put16(h + 6, 0);
        wire_put32(h + 8, task);
    }
}

static int record_end(struct trace_writer *w, int next_state)
{
    if (w->state < 0)
        return w->state;
    size_t start = w->state == 0 ? TRACE_MAGIC_LEN : 0;  /* the header follows the magic */
    uint8_t *h = w->buf + start;
    size_t plen = w->used - start - WIRE_REC_HDR;
    if (plen > WIRE_MAX_PAYLOAD)
        return w->state = -E2BIG;
    wire_put32(h, (uint32_t)plen);
    wire_put32(h + 12, trace_crc32(0, h, 12));
    uint32_t crc = trace_crc32(0, h, WIRE_REC_HDR + plen);
    put32(w, crc);
    if (w->state < 0)
        return w->state;
    int rc = w->write(w->ctx, w->buf, w->used);
    if (rc < 0)
        return w->state = rc;
    w->file_crc = trace_crc32(w->file_crc, w->buf, w->used);
    w->bytes += w->used;
    w->nrecords++;
    w->state = next_state;
    return 0;
}

int trace_writer_init(struct trace_writer *w, trace_write_fn write, void *ctx)
{
    memset(w, 0, sizeof *w);
    w->write = write;
    w->ctx = ctx;
    w->fd = -1;
    return 0;
}

static int write_fd(void *ctx, const void *buf, size_t len)
{
    const struct trace_writer *w = ctx;
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = write(w->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        if (n == 0)
            return -EIO;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The writer passes itself as ctx, so it must not be moved while in use. */
int trace_writer_init_fd(struct trace_writer *w, int fd)
{
    trace_writer_init(w, write_fd, w);
    w->fd = fd;
    return 0;
}

int trace_write_header(struct trace_writer *w, const struct trace_header *h)
{
    if (w->state != 0)
        return w->state < 0 ? w->state : -EINVAL;
    record_begin(w, TRACE_HEADER, TRACE_TASK_NONE);
    put32(w, TRACE_FORMAT_VERSION);
    put32(w, 0);
    put_str(w, h->recorder_version);
    put_str(w, h->sysname);
    put_str(w, h->nodename);
    put_str(w, h->release);
    put_str(w, h->version);
    put_str(w, h->machine);
    put_str(w, h->domainname);
    put_strv(w, &h->argv);
    put_strv(w, &h->envp);
    put_str(w, h->cwd);
    put32(w, h->umask);
    for (int i = 0; i < TRACE_NRLIMITS; i++) {
        put64(w, h->rlimits[i].cur);
        put64(w, h->rlimits[i].max);
    }
    for (int i = 0; i < 3; i++) {
        if (h->fd_kind[i] > TRACE_FD_OTHER)
            invalid(w);
        put32(w, h->fd_kind[i]);
    }
    if (h->sandbox_flags & ~0xffu)
        invalid(w);
    put32(w, h->sandbox_flags);
    put_str(w, h->sandbox_hostname);
    put_str(w, h->sandbox_domainname);
    put_bytes(w, h->root_hash, TRACE_HASH_LEN);
    put_str(w, h->program);
    return record_end(w, 1);
}

int trace_write_event(struct trace_writer *w, const struct trace_event *ev)
{
    if (w->state != 1)
        return w->state < 0 ? w->state : -EINVAL;
    bool taskless = ev->kind == TRACE_OUTPUT;
    if (ev->kind < TRACE_SYSCALL || ev->kind > TRACE_OUTPUT || taskless != (ev->task == TRACE_TASK_NONE))
        return w->state = -EINVAL;
    record_begin(w, ev->kind, ev->task);
    switch (ev->kind) {
    case TRACE_SYSCALL: {
        const struct trace_syscall *s = &ev->syscall;
        if (s->flags & ~TRACE_SC_FLAGS_ALL)
            invalid(w);
        put32(w, s->nr);
        put32(w, s->flags);
        put32(w, s->entered_after);
        put32(w, 0);
        for (int i = 0; i < 6; i++)
            put64(w, s->args[i]);
        put64(w, (uint64_t)s->result);
        put_str(w, s->image);
        put_memlist(w, &s->mem);
        break;
    }
    case TRACE_BIRTH: {
        const struct trace_birth *b = &ev->birth;
        if (b->how < TRACE_BIRTH_FORK || b->how > TRACE_BIRTH_CLONE3)
            invalid(w);
        put32(w, b->child);
        put32(w, b->birth_index);
        put32(w, b->how);
        put32(w, 0);
        put64(w, b->clone_flags);
        break;
    }
    case TRACE_EXEC:
        put_str(w, ev->exec.path);
        put_strv(w, &ev->exec.argv);
        break;
    case TRACE_SIGNAL: {
        const struct trace_signal *s = &ev->signal;
        if (s->flags & ~TRACE_SIG_FLAGS_ALL)
            invalid(w);
        put32(w, (uint32_t)s->signo);
        put32(w, (uint32_t)s->code);
        put32(w, (uint32_t)s->si_errno);
        put32(w, s->flags);
        put32(w, (uint32_t)s->pid);
        put32(w, s->uid);
        put32(w, (uint32_t)s->status);
        put32(w, 0);
        put64(w, s->addr);
        break;
    }
    case TRACE_EXIT:
        if (ev->exit.flags & ~TRACE_EXIT_FLAGS_ALL)
            invalid(w);
        put32(w, (uint32_t)ev->exit.status);
        put32(w, ev->exit.flags);
        break;
    case TRACE_OUTPUT:
        if ((ev->output.stream != 1 && ev->output.stream != 2) || (ev->output.data.len && !ev->output.data.p))
            invalid(w);
        put32(w, ev->output.stream);
        put32(w, ev->output.data.len);
        if (w->state >= 0)
            put_bytes(w, ev->output.data.p, ev->output.data.len);
        break;
    }
    return record_end(w, 1);
}

int trace_write_end(struct trace_writer *w)
{
    if (w->state != 1)
        return w->state < 0 ? w->state : -EINVAL;
    uint64_t count = w->nrecords;
    uint32_t crc = w->file_crc;
    record_begin(w, TRACE_END, TRACE_TASK_NONE);
    put64(w, count);
    put32(w, crc);
    return record_end(w, 2);
}

void trace_writer_release(struct trace_writer *w)
{
    free(w->buf);
    w->buf = NULL;
    w->cap = w->used = 0;
}
