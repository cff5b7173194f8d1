/* print_json.c — trace events and the header as JSON objects, one per line in `lockstep dump
 * --json` (print.h): raw fields for scripts, plus the strace-style text. Freestanding. */
#include "fmt.h"
#include "libc.h"
#include "print.h"
#include "print_impl.h"
#include "sysdesc.h"

/* ---- JSON ---- */

static void json_hex(struct fmtbuf *f, const uint8_t *p, size_t n)
{
    fmt_char(f, '"');
    for (size_t i = 0; i < n; i++)
        fmt_hex_digits(f, p[i], 2);
    fmt_char(f, '"');
}

static void json_key(struct fmtbuf *f, const char *k)
{
    fmt_str(f, ", \"");
    fmt_str(f, k);
    fmt_str(f, "\": ");
}

static void json_strv(struct fmtbuf *f, const struct trace_strv *v)
{
    pr_strv(f, v, fmt_json_str);
}

/* Bytes as hex, cut to PRINT_SHORT_BUF unless full ("truncated": true then follows). */
static void json_data(struct fmtbuf *f, const uint8_t *p, size_t n, const struct print_opts *o)
{
    size_t shown = (!o->full_buffers && n > PRINT_SHORT_BUF) ? PRINT_SHORT_BUF : n;
    json_hex(f, p, shown);
    if (shown < n)
        fmt_str(f, ", \"truncated\": true");
}

static void json_syscall(struct fmtbuf *f, const struct trace_syscall *sc, const struct print_opts *o)
{
    const char *name = sysdesc_name(sc->nr);
    json_key(f, "nr");
    fmt_u64(f, sc->nr);
    json_key(f, "name");
    fmt_json_str(f, (const uint8_t *)(name ? name : "?"), name ? strlen(name) : 1);
    json_key(f, "args");
    fmt_char(f, '[');
    for (int i = 0; i < 6; i++) {
        if (i)
            fmt_str(f, ", ");
        fmt_u64(f, sc->args[i]);
    }
    fmt_char(f, ']');
    json_key(f, "result");
    fmt_i64(f, sc->result);
    json_key(f, "entered_after");
    fmt_u64(f, sc->entered_after);
    json_key(f, "noreturn");
    fmt_str(f, (sc->flags & TRACE_SC_NORETURN) ? "true" : "false");
    json_key(f, "undescribed");
    fmt_str(f, (sc->flags & TRACE_SC_UNDESCRIBED) ? "true" : "false");
    json_key(f, "memfault");
    fmt_str(f, (sc->flags & TRACE_SC_MEMFAULT) ? "true" : "false");
    if (sc->image.len) {
        json_key(f, "image");
        fmt_json_str(f, (const uint8_t *)sc->image.s, sc->image.len);
    }
    json_key(f, "mem");
    fmt_char(f, '[');
    struct trace_mem_iter it;
    struct trace_mem m;
    bool first = true;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m)) {
        if (!first)
            fmt_str(f, ", ");
        first = false;
        fmt_str(f, "{\"dir\": ");
        fmt_str(f, m.dir == TRACE_MEM_IN ? "\"in\"" : "\"out\"");
        json_key(f, "arg");
        fmt_u64(f, m.arg);
        json_key(f, "elem");
        if (m.elem == TRACE_ELEM_NONE)
            fmt_str(f, "null");
        else
            fmt_u64(f, m.elem);
        json_key(f, "offset");
        fmt_u64(f, m.offset);
        json_key(f, "addr");
        fmt_u64(f, m.addr);
        json_key(f, "len");
        fmt_u64(f, m.len);
        json_key(f, "data");
        json_data(f, m.data, m.len, o);
        fmt_char(f, '}');
    }
    fmt_char(f, ']');
}

size_t trace_print_json(const struct trace_event *ev, const struct print_opts *o, char *out, size_t size)
{
    struct fmtbuf f;
    struct print_opts text_opts = *o;
    fmt_init(&f, out, size);
    fmt_str(&f, "{\"index\": ");
    fmt_u64(&f, ev->index);
    json_key(&f, "offset");
    fmt_u64(&f, ev->offset);
    json_key(&f, "task");
    if (ev->task == TRACE_TASK_NONE)
        fmt_str(&f, "null");
    else
        fmt_u64(&f, ev->task);
    json_key(&f, "kind");
    fmt_char(&f, '"');
    fmt_str(&f, trace_kind_name(ev->kind));
    fmt_char(&f, '"');
    switch (ev->kind) {
    case TRACE_SYSCALL:
        json_syscall(&f, &ev->syscall, o);
        break;
    case TRACE_BIRTH:
        json_key(&f, "child");
        fmt_u64(&f, ev->birth.child);
        json_key(&f, "birth_index");
        fmt_u64(&f, ev->birth.birth_index);
        json_key(&f, "how");
        fmt_str(&f, "\"");
        fmt_str(&f, pr_birth_how(ev->birth.how));
        fmt_str(&f, "\"");
        json_key(&f, "clone_flags");
        fmt_u64(&f, ev->birth.clone_flags);
        break;
    case TRACE_EXEC:
        json_key(&f, "path");
        fmt_json_str(&f, (const uint8_t *)ev->exec.path.s, ev->exec.path.len);
        json_key(&f, "argv");
        json_strv(&f, &ev->exec.argv);
        break;
    case TRACE_SIGNAL:
        json_key(&f, "signo");
        fmt_i64(&f, ev->signal.signo);
        json_key(&f, "code");
        fmt_i64(&f, ev->signal.code);
        json_key(&f, "si_errno");
        fmt_i64(&f, ev->signal.si_errno);
        json_key(&f, "flags");
        fmt_u64(&f, ev->signal.flags);
        json_key(&f, "pid");
        fmt_i64(&f, ev->signal.pid);
        json_key(&f, "uid");
        fmt_u64(&f, ev->signal.uid);
        json_key(&f, "status");
        fmt_i64(&f, ev->signal.status);
        json_key(&f, "addr");
        fmt_u64(&f, ev->signal.addr);
        break;
    case TRACE_EXIT:
        json_key(&f, "status");
        fmt_i64(&f, ev->exit.status);
        json_key(&f, "killed");
        fmt_str(&f, (ev->exit.flags & TRACE_EXIT_KILLED) ? "true" : "false");
        break;
    case TRACE_OUTPUT:
        json_key(&f, "stream");
        fmt_u64(&f, ev->output.stream);
        json_key(&f, "len");
        fmt_u64(&f, ev->output.data.len);
        json_key(&f, "data");
        json_data(&f, ev->output.data.p, ev->output.data.len, o);
        break;
    }
    /* the strace line, escaped as it is written */
    json_key(&f, "text");
    text_opts.no_prefix = true;
    fmt_char(&f, '"');
    f.json = 1;
    pr_event_text(&f, ev, &text_opts);
    f.json = 0;
    fmt_str(&f, "\"}");
    return f.len;
}

/* ---- header ---- */

static void json_str(struct fmtbuf *f, struct trace_str s)
{
    fmt_json_str(f, (const uint8_t *)(s.s ? s.s : ""), s.s ? s.len : 0);
}

size_t trace_print_header_json(const struct trace_header *h, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    fmt_str(&f, "{\"kind\": \"header\"");
    json_key(&f, "format_version");
    fmt_u64(&f, h->format_version);
    json_key(&f, "recorder_version");
    json_str(&f, h->recorder_version);
    json_key(&f, "uname");
    fmt_str(&f, "{\"sysname\": ");
    json_str(&f, h->sysname);
    json_key(&f, "nodename");
    json_str(&f, h->nodename);
    json_key(&f, "release");
    json_str(&f, h->release);
    json_key(&f, "version");
    json_str(&f, h->version);
    json_key(&f, "machine");
    json_str(&f, h->machine);
    json_key(&f, "domainname");
    json_str(&f, h->domainname);
    fmt_char(&f, '}');
    json_key(&f, "program");
    json_str(&f, h->program);
    json_key(&f, "argv");
    json_strv(&f, &h->argv);
    json_key(&f, "envp");
    json_strv(&f, &h->envp);
    json_key(&f, "cwd");
    json_str(&f, h->cwd);
    json_key(&f, "umask");
    fmt_u64(&f, h->umask);
    json_key(&f, "rlimits");
    fmt_char(&f, '[');
    for (int i = 0; i < TRACE_NRLIMITS; i++) {
        fmt_str(&f, i ? ", [" : "[");
        fmt_u64(&f, h->rlimits[i].cur);
        fmt_str(&f, ", ");
        fmt_u64(&f, h->rlimits[i].max);
        fmt_char(&f, ']');
    }
    fmt_char(&f, ']');
    json_key(&f, "fd_kind");
    fmt_char(&f, '[');
    for (int i = 0; i < 3; i++) {
        if (i)
            fmt_str(&f, ", ");
        fmt_u64(&f, h->fd_kind[i]);
    }
    fmt_char(&f, ']');
    json_key(&f, "sandbox_flags");
    fmt_u64(&f, h->sandbox_flags);
    json_key(&f, "sandbox_hostname");
    json_str(&f, h->sandbox_hostname);
    json_key(&f, "sandbox_domainname");
    json_str(&f, h->sandbox_domainname);
    json_key(&f, "root_hash");
    json_hex(&f, h->root_hash, TRACE_HASH_LEN);
    fmt_char(&f, '}');
    return f.len;
}

