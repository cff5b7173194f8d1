/* codec.c — the trace decoder: turns a trace held in memory into a header and a stream of
 * events (trace.h), checking every length, offset and checksum first (traces/FORMAT.md).
 * Freestanding: no allocation, and nothing from libc but memcmp and strlen. Decoded strings,
 * bytes and lists point into the caller's buffer. */
#include "fmt.h"
#include "libc.h"
#include "wire.h"

/* A cursor over one record's payload. A failed read sets err (once) and the file offset. */
struct cur {
    const uint8_t *p;
    size_t len, pos;
    size_t base;        /* file offset of p[0] */
    int err;
    size_t err_at;      /* file offset of the field that failed */
};

static void cur_fail(struct cur *c, int err)
{
    if (!c->err) {
        c->err = err;
        c->err_at = c->base + c->pos;
    }
}

/* Reserve n bytes; NULL (and the error) if they are not there. */
static const uint8_t *cur_take(struct cur *c, size_t n)
{
    if (c->err)
        return NULL;
    if (n > c->len - c->pos) {
        cur_fail(c, TRACE_E_PAYLOAD);
        return NULL;
    }
    const uint8_t *p = c->p + c->pos;
    c->pos += n;
    return p;
}

static uint32_t cur_u32(struct cur *c)
{
    const uint8_t *p = cur_take(c, 4);
    return p ? wire_get32(p) : 0;
}

static uint64_t cur_u64(struct cur *c)
{
    const uint8_t *p = cur_take(c, 8);
    return p ? wire_get64(p) : 0;
}

static void cur_zero32(struct cur *c)
{
    size_t at = c->pos;
    if (cur_u32(c) != 0 && !c->err) {
        c->pos = at;
        cur_fail(c, TRACE_E_FIELD);
    }
}

/* A field whose value must pass `ok`: the error points at the field. */
static void cur_check(struct cur *c, size_t field_pos, bool ok)
{
    if (!ok && !c->err) {
        c->pos = field_pos;
        cur_fail(c, TRACE_E_FIELD);
    }
}

/* str: u32 n, n bytes without NUL, one NUL byte. */
static struct trace_str cur_str(struct cur *c)
{
    struct trace_str s = { "", 0 };
    size_t at = c->pos;
    uint32_t n = cur_u32(c);
    const uint8_t *p = c->err ? NULL : cur_take(c, (size_t)n + 1);
    if (!p)
        return s;
    /* p[n] is in bounds, so strlen stops there at the latest */
    cur_check(c, at, p[n] == 0 && strlen((const char *)p) == n);
    if (!c->err) {
        s.s = (const char *)p;
        s.len = n;
    }
    return s;
}

/* strv: u32 count, count strs. */
static struct trace_strv cur_strv(struct cur *c)
{
    struct trace_strv v = { 0, NULL, NULL, 0 };
    uint32_t count = cur_u32(c);
    size_t start = c->pos;
    for (uint32_t i = 0; i < count && !c->err; i++)
        cur_str(c);
    if (!c->err) {
        v.count = count;
        v.raw = c->p + start;
        v.raw_len = c->pos - start;
    }
    return v;
}

/* memlist: u32 count, count regions (wire.h). */
static struct trace_memlist cur_memlist(struct cur *c)
{
    struct trace_memlist l = { 0, NULL, NULL, 0 };
    uint32_t count = cur_u32(c);
    size_t start = c->pos;
    for (uint32_t i = 0; i < count && !c->err; i++) {
        size_t at = c->pos;
        const uint8_t *h = cur_take(c, WIRE_MEM_HDR);
        if (!h)
            break;
        cur_check(c, at, (h[0] == TRACE_MEM_IN || h[0] == TRACE_MEM_OUT) && h[1] < 6 &&
                             wire_get16(h + 2) == 0);
        cur_take(c, wire_get32(h + 24));
    }
    if (!c->err) {
        l.count = count;
        l.raw = c->p + start;
        l.raw_len = c->pos - start;
    }
    return l;
}

static void reader_fail(struct trace_reader *r, int err, size_t at)
{
    r->state = err;
    r->err_offset = at;
    r->err_record = r->nrecords;
}

/* The record at r->pos: checks both CRCs and bounds. Does not advance. */
static int read_record(struct trace_reader *r, uint32_t *kind, uint32_t *task, struct cur *payload,
                       size_t *total)
{
    size_t left = r->len - r->pos;
    const uint8_t *p = r->buf + r->pos;
    if (left < WIRE_REC_HDR) {
        reader_fail(r, TRACE_E_INCOMPLETE, r->len);
        return r->state;
    }
    if (trace_crc32(0, p, 12) != wire_get32(p + 12)) {
        reader_fail(r, TRACE_E_HDRCRC, r->pos);
        return r->state;
    }
    uint32_t plen = wire_get32(p);
    if (plen > WIRE_MAX_PAYLOAD) {
        reader_fail(r, TRACE_E_PAYLOAD, r->pos);
        return r->state;
    }
    if (wire_get16(p + 6) != 0) {
        reader_fail(r, TRACE_E_FIELD, r->pos + 6);
        return r->state;
    }
    size_t need = (size_t)WIRE_REC_HDR + plen + WIRE_REC_CRC;
    if (left < need) {
        reader_fail(r, TRACE_E_INCOMPLETE, r->len);
        return r->state;
    }
    if (trace_crc32(0, p, WIRE_REC_HDR + plen) != wire_get32(p + WIRE_REC_HDR + plen)) {
        reader_fail(r, TRACE_E_CRC, r->pos);
        return r->state;
    }
    *kind = wire_get16(p + 4);
    *task = wire_get32(p + 8);
    payload->p = p + WIRE_REC_HDR;
    payload->len = plen;
    payload->pos = 0;
    payload->base = r->pos + WIRE_REC_HDR;
    payload->err = 0;
    payload->err_at = 0;
    *total = need;
    return 0;
}

/* The payload must have been consumed exactly. */
static int finish_payload(struct trace_reader *r, struct cur *c)
{
    if (!c->err && c->pos != c->len)
        cur_fail(c, TRACE_E_PAYLOAD);
    if (c->err) {
        reader_fail(r, c->err, c->err_at);
        return c->err;
    }
    return 0;
}

static void accept_record(struct trace_reader *r, size_t total)
{
    r->file_crc = trace_crc32(r->file_crc, r->buf + r->pos, total);
    r->pos += total;
    r->nrecords++;
}

static void decode_header(struct cur *c, struct trace_header *h)
{
    h->recorder_version = cur_str(c);
    h->sysname = cur_str(c);
    h->nodename = cur_str(c);
    h->release = cur_str(c);
    h->version = cur_str(c);
    h->machine = cur_str(c);
    h->domainname = cur_str(c);
    h->argv = cur_strv(c);
    h->envp = cur_strv(c);
    h->cwd = cur_str(c);
    h->umask = cur_u32(c);
    for (int i = 0; i < TRACE_NRLIMITS; i++) {
        h->rlimits[i].cur = cur_u64(c);
        h->rlimits[i].max = cur_u64(c);
    }
    for (int i = 0; i < 3; i++) {
        size_t at = c->pos;
        h->fd_kind[i] = cur_u32(c);
        cur_check(c, at, h->fd_kind[i] <= TRACE_FD_OTHER);
    }
    size_t at = c->pos;
    h->sandbox_flags = cur_u32(c);
    cur_check(c, at, (h->sandbox_flags & ~0xffu) == 0);
    h->sandbox_hostname = cur_str(c);
    h->sandbox_domainname = cur_str(c);
    const uint8_t *hash = cur_take(c, TRACE_HASH_LEN);
    if (hash)
        memcpy(h->root_hash, hash, TRACE_HASH_LEN);
    h->program = cur_str(c);
}

int trace_open(struct trace_reader *r, const void *buf, size_t len, struct trace_header *h)
{
    memset(h, 0, sizeof *h);
    r->buf = buf;
    r->len = len;
    r->pos = 0;
    r->nrecords = 0;
    r->file_crc = 0;
    r->state = 0;
    r->err_offset = 0;
    r->err_record = 0;
    if (len < TRACE_MAGIC_LEN) {
        bool prefix = len == 0 || memcmp(buf, TRACE_MAGIC, len) == 0;
        reader_fail(r, prefix ? TRACE_E_INCOMPLETE : TRACE_E_MAGIC, prefix ? len : 0);
        return r->state;
    }
    if (memcmp(buf, TRACE_MAGIC, TRACE_MAGIC_LEN) != 0) {
        reader_fail(r, TRACE_E_MAGIC, 0);
        return r->state;
    }
    r->file_crc = trace_crc32(0, buf, TRACE_MAGIC_LEN);
    r->pos = TRACE_MAGIC_LEN;

    uint32_t kind, task;
    struct cur c;
    size_t total;
    if (read_record(r, &kind, &task, &c, &total) < 0)
        return r->state;
    if (kind != TRACE_HEADER) {
        reader_fail(r, TRACE_E_KIND, r->pos + 4);
        return r->state;
    }
    if (task != TRACE_TASK_NONE) {
        reader_fail(r, TRACE_E_TASK, r->pos + 8);
        return r->state;
    }
    size_t at = c.pos;
    h->format_version = cur_u32(&c);
    if (h->format_version != TRACE_FORMAT_VERSION) {
        reader_fail(r, TRACE_E_VERSION, c.base + at);
        return r->state;
    }
    cur_zero32(&c);
    decode_header(&c, h);
    if (finish_payload(r, &c) < 0)
        return r->state;
    accept_record(r, total);
    r->state = 1;
    return 0;
}

static void decode_syscall(struct cur *c, struct trace_syscall *s)
{
    s->nr = cur_u32(c);
    size_t at = c->pos;
    s->flags = cur_u32(c);
    cur_check(c, at, (s->flags & ~TRACE_SC_FLAGS_ALL) == 0);
    s->entered_after = cur_u32(c);
    cur_zero32(c);
    for (int i = 0; i < 6; i++)
        s->args[i] = cur_u64(c);
    s->result = (int64_t)cur_u64(c);
    s->image = cur_str(c);
    s->mem = cur_memlist(c);
}

static void decode_birth(struct cur *c, struct trace_birth *b)
{
    b->child = cur_u32(c);
    b->birth_index = cur_u32(c);
    size_t at = c->pos;
    b->how = cur_u32(c);
    cur_check(c, at, b->how >= TRACE_BIRTH_FORK && b->how <= TRACE_BIRTH_CLONE3);
    cur_zero32(c);
    b->clone_flags = cur_u64(c);
}

static void decode_signal(struct cur *c, struct trace_signal *s)
{
    s->signo = (int32_t)cur_u32(c);
    s->code = (int32_t)cur_u32(c);
    s->si_errno = (int32_t)cur_u32(c);
    size_t at = c->pos;
    s->flags = cur_u32(c);
    cur_check(c, at, (s->flags & ~TRACE_SIG_FLAGS_ALL) == 0);
    s->pid = (int32_t)cur_u32(c);
    s->uid = cur_u32(c);
    s->status = (int32_t)cur_u32(c);
    cur_zero32(c);
    s->addr = cur_u64(c);
}

static void decode_exit(struct cur *c, struct trace_exit *e)
{
    e->status = (int32_t)cur_u32(c);
    size_t at = c->pos;
    e->flags = cur_u32(c);
    cur_check(c, at, (e->flags & ~TRACE_EXIT_FLAGS_ALL) == 0);
}

static void decode_output(struct cur *c, struct trace_output *o)
{
    size_t at = c->pos;
    o->stream = cur_u32(c);
    cur_check(c, at, o->stream == 1 || o->stream == 2);
    uint32_t n = cur_u32(c);
    o->data.p = cur_take(c, n);
    o->data.len = o->data.p ? n : 0;
}

static int read_end(struct trace_reader *r, struct cur *c, size_t total)
{
    size_t at = c->pos;
    uint64_t count = cur_u64(c);
    uint32_t crc = cur_u32(c);
    if (finish_payload(r, c) < 0)
        return r->state;
    if (count != r->nrecords) {
        reader_fail(r, TRACE_E_COUNT, c->base + at);
        return r->state;
    }
    if (crc != r->file_crc) {
        reader_fail(r, TRACE_E_FILECRC, c->base + at + 8);
        return r->state;
    }
    accept_record(r, total);
    if (r->pos != r->len) {
        reader_fail(r, TRACE_E_TRAILING, r->pos);
        return r->state;
    }
    r->state = 2;
    return 0;
}

int trace_next(struct trace_reader *r, struct trace_event *ev)
{
    if (r->state < 0)
        return r->state;
    if (r->state == 2)
        return 0;
    if (r->state != 1)
        return TRACE_E_USAGE;

    uint32_t kind, task;
    struct cur c;
    size_t total;
    if (read_record(r, &kind, &task, &c, &total) < 0)
        return r->state;
    bool taskless = kind == TRACE_OUTPUT || kind == TRACE_END;
    if (kind < TRACE_SYSCALL || kind > TRACE_END) {
        reader_fail(r, TRACE_E_KIND, r->pos + 4);
        return r->state;
    }
    if (taskless != (task == TRACE_TASK_NONE)) {
        reader_fail(r, TRACE_E_TASK, r->pos + 8);
        return r->state;
    }
    if (kind == TRACE_END)
        return read_end(r, &c, total);

    memset(ev, 0, sizeof *ev);
    ev->kind = kind;
    ev->task = task;
    ev->index = r->nrecords;
    ev->offset = r->pos;
    switch (kind) {
    case TRACE_SYSCALL: decode_syscall(&c, &ev->syscall); break;
    case TRACE_BIRTH:   decode_birth(&c, &ev->birth); break;
    case TRACE_EXEC:
        ev->exec.path = cur_str(&c);
        ev->exec.argv = cur_strv(&c);
        break;
    case TRACE_SIGNAL:  decode_signal(&c, &ev->signal); break;
    case TRACE_EXIT:    decode_exit(&c, &ev->exit); break;
    case TRACE_OUTPUT:  decode_output(&c, &ev->output); break;
    }
    if (finish_payload(r, &c) < 0)
        return r->state;
    accept_record(r, total);
    return 1;
}

int trace_validate(const void *buf, size_t len, uint64_t *nrecords)
{
    struct trace_reader r;
    struct trace_header h;
    struct trace_event ev;
    int rc = trace_open(&r, buf, len, &h);
    if (rc == 0)
        while ((rc = trace_next(&r, &ev)) == 1)
            ;
    if (nrecords)
        *nrecords = r.nrecords;
    return rc;
}

/* ---- lists ---- */

void trace_strv_iter_init(struct trace_strv_iter *it, const struct trace_strv *v)
{
    it->v = v;
    it->i = 0;
    it->pos = 0;
}

bool trace_strv_next(struct trace_strv_iter *it, struct trace_str *out)
{
    const struct trace_strv *v = it->v;
    if (it->i >= v->count)
        return false;
    if (v->vec) {
        *out = v->vec[it->i++];
        if (!out->s) {
            out->s = "";
            out->len = 0;
        }
        return true;
    }
    /* raw was validated by the decoder: u32 n, n bytes, NUL */
    const uint8_t *p = v->raw + it->pos;
    out->len = wire_get32(p);
    out->s = (const char *)p + 4;
    it->pos += 4 + (size_t)out->len + 1;
    it->i++;
    return true;
}

void trace_mem_iter_init(struct trace_mem_iter *it, const struct trace_memlist *l)
{
    it->l = l;
    it->i = 0;
    it->pos = 0;
}

bool trace_mem_next(struct trace_mem_iter *it, struct trace_mem *out)
{
    const struct trace_memlist *l = it->l;
    if (it->i >= l->count)
        return false;
    if (l->vec) {
        *out = l->vec[it->i++];
        return true;
    }
    const uint8_t *h = l->raw + it->pos;
    out->dir = h[0];
    out->arg = h[1];
    out->elem = wire_get32(h + 4);
    out->offset = wire_get64(h + 8);
    out->addr = wire_get64(h + 16);
    out->len = wire_get32(h + 24);
    out->data = h + WIRE_MEM_HDR;
    it->pos += WIRE_MEM_HDR + (size_t)out->len;
    it->i++;
    return true;
}

/* ---- names and messages ---- */

const char *trace_kind_name(uint32_t kind)
{
    switch (kind) {
    case TRACE_HEADER:  return "header";
    case TRACE_SYSCALL: return "syscall";
    case TRACE_BIRTH:   return "birth";
    case TRACE_EXEC:    return "exec";
    case TRACE_SIGNAL:  return "signal";
    case TRACE_EXIT:    return "exit";
    case TRACE_OUTPUT:  return "output";
    case TRACE_END:     return "end";
    }
    return "?";
}

const char *trace_strerror(int code)
{
    switch (code) {
    case 0:                  return "no error";
    case TRACE_E_INCOMPLETE: return "trace is incomplete: it ends before its end record (recorder stopped or file cut)";
    case TRACE_E_MAGIC:      return "not a Lockstep trace (bad magic)";
    case TRACE_E_HDRCRC:     return "corrupt record header (header CRC mismatch)";
    case TRACE_E_CRC:        return "corrupt record (record CRC mismatch)";
    case TRACE_E_KIND:       return "unexpected record kind";
    case TRACE_E_VERSION:    return "unsupported trace format version";
    case TRACE_E_PAYLOAD:    return "record payload length does not match its fields";
    case TRACE_E_FIELD:      return "invalid field value";
    case TRACE_E_COUNT:      return "end record's record count does not match";
    case TRACE_E_FILECRC:    return "end record's file checksum does not match";
    case TRACE_E_TRAILING:   return "data after the end record";
    case TRACE_E_TASK:       return "task id not allowed for this record kind";
    case TRACE_E_USAGE:      return "reader used before a successful trace_open";
    }
    return "unknown trace error";
}

size_t trace_reader_error(const struct trace_reader *r, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    int code = r->state < 0 ? r->state : 0;
    fmt_str(&f, "record ");
    fmt_u64(&f, r->err_record);
    fmt_str(&f, " at offset ");
    fmt_u64(&f, r->err_offset);
    fmt_str(&f, " (");
    fmt_hex(&f, r->err_offset);
    fmt_str(&f, "): ");
    fmt_str(&f, trace_strerror(code));
    return f.len;
}
