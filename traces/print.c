/* print.c — strace-style text for trace events (print.h). Arguments are printed from the
 * description table: integers and flags from the registers, pointers from the memory regions
 * captured for them (OUT when there is one, else IN). Values and structs are printed by
 * print_values.c, JSON by print_json.c. Freestanding. */
#include "fmt.h"
#include "libc.h"
#include "print.h"
#include "print_impl.h"
#include "sysdesc.h"

/* ---- syscalls ---- */

/* The region for (arg, elem): OUT if there is one, else IN (dir 0), or exactly dir. */
static bool find_mem(const struct trace_syscall *sc, unsigned arg, uint32_t elem, uint8_t dir, struct trace_mem *out)
{
    struct trace_mem_iter it;
    struct trace_mem m;
    bool found = false;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m)) {
        if (m.arg != arg || m.elem != elem || m.offset != 0 || (dir && m.dir != dir))
            continue;
        if (!found || m.dir == TRACE_MEM_OUT) {
            *out = m;
            found = true;
        }
    }
    return found;
}

static void print_iovecs(struct fmtbuf *f, const struct trace_syscall *sc, unsigned arg, uint32_t array_elem,
                         const struct print_opts *o)
{
    struct trace_mem arr, data;
    if (!find_mem(sc, arg, array_elem, TRACE_MEM_IN, &arr)) {
        fmt_hex(f, sc->args[arg]);
        return;
    }
    size_t n = arr.len / 16;
    fmt_char(f, '[');
    for (size_t k = 0; k < n; k++) {
        if (k)
            fmt_str(f, ", ");
        if (!o->full_buffers && k == 8) {
            fmt_str(f, "...");
            break;
        }
        fmt_str(f, "{iov_base=");
        if (find_mem(sc, arg, (uint32_t)k, 0, &data))
            pr_bytes(f, data.data, data.len, o);
        else
            fmt_hex(f, pr_get_le(arr.data + 16 * k, 8));
        fmt_str(f, ", iov_len=");
        fmt_u64(f, pr_get_le(arr.data + 16 * k + 8, 8));
        fmt_char(f, '}');
    }
    fmt_char(f, ']');
}

static void print_sockaddr(struct fmtbuf *f, const struct trace_mem *m, const struct print_opts *o)
{
    unsigned family = m->len >= 2 ? (unsigned)pr_get_le(m->data, 2) : 0xffff;
    if (family == 1)
        pr_sockaddr_un(f, m->data, m->len);
    else if (family == 2)
        pr_struct(f, ST_SOCKADDR_IN, m->data, m->len, o);
    else
        pr_bytes(f, m->data, m->len, o);
}

/* [1 3 4], or for signal sets with more than half the bits set, ~[...] with the missing ones
   (as strace writes a full mask: ~[] or ~[KILL STOP]). */
static void print_strv(struct fmtbuf *f, const struct trace_syscall *sc, unsigned arg, const struct print_opts *o)
{
    struct trace_mem arr, s;
    if (!find_mem(sc, arg, TRACE_ELEM_NONE, TRACE_MEM_IN, &arr)) {
        fmt_hex(f, sc->args[arg]);
        return;
    }
    size_t n = arr.len / 8 ? arr.len / 8 - 1 : 0;
    fmt_char(f, '[');
    for (size_t k = 0; k < n; k++) {
        if (k)
            fmt_str(f, ", ");
        if (!o->full_buffers && k == 16) {
            fmt_str(f, "...");
            break;
        }
        if (find_mem(sc, arg, (uint32_t)k, TRACE_MEM_IN, &s))
            fmt_quoted(f, s.data, s.len && s.data[s.len - 1] == 0 ? s.len - 1 : s.len);
        else
            fmt_str(f, "?");
    }
    fmt_char(f, ']');
}

static void print_msghdr(struct fmtbuf *f, const struct trace_syscall *sc, unsigned arg, const struct print_opts *o)
{
    struct trace_mem h, name;
    if (!find_mem(sc, arg, TRACE_ELEM_NONE, 0, &h) || h.len < 56) {
        fmt_hex(f, sc->args[arg]);
        return;
    }
    fmt_str(f, "{msg_name=");
    if (find_mem(sc, arg, SD_ELEM_MSG_NAME, 0, &name))
        print_sockaddr(f, &name, o);
    else
        fmt_hex(f, pr_get_le(h.data, 8));
    fmt_str(f, ", msg_namelen=");
    fmt_i64(f, (int32_t)pr_get_le(h.data + 8, 4));
    fmt_str(f, ", msg_iov=");
    print_iovecs(f, sc, arg, SD_ELEM_MSG_IOV, o);
    fmt_str(f, ", msg_iovlen=");
    fmt_u64(f, pr_get_le(h.data + 24, 8));
    fmt_str(f, ", msg_control=");
    if (find_mem(sc, arg, SD_ELEM_MSG_CONTROL, 0, &name))
        pr_bytes(f, name.data, name.len, o);
    else
        fmt_hex(f, pr_get_le(h.data + 32, 8));
    fmt_str(f, ", msg_controllen=");
    fmt_u64(f, pr_get_le(h.data + 40, 8));
    fmt_str(f, ", msg_flags=");
    pr_flags(f, FL_MSG, pr_get_le(h.data + 48, 4));
    fmt_char(f, '}');
}

static void print_int_arg(struct fmtbuf *f, struct sd_arg a, uint64_t v)
{
    switch (a.kind) {
    case SD_INT:
    case SD_FD:
    case SD_PID:   fmt_i64(f, (int32_t)v); break;
    case SD_DIRFD:
        if ((int32_t)v == -100)
            fmt_str(f, "AT_FDCWD");
        else
            fmt_i64(f, (int32_t)v);
        break;
    case SD_LONG:  fmt_i64(f, (int64_t)v); break;
    case SD_UINT:  fmt_u64(f, v); break;
    case SD_MODE:
        if (v & 0170000)
            pr_mode(f, v);  /* mknod: the file type is part of the mode */
        else
            pr_octal(f, v);
        break;
    case SD_FLAGS: pr_flags(f, a.aux, v); break;
    case SD_ENUM:  pr_value(f, a.aux, v); break;
    case SD_ADDR:
        if (v)
            fmt_hex(f, v);
        else
            fmt_str(f, "NULL");
        break;
    default:       fmt_hex(f, v); break;
    }
}

static void print_arg(struct fmtbuf *f, const struct trace_syscall *sc, unsigned i, struct sd_arg a,
                      const struct print_opts *o)
{
    uint64_t v = sc->args[i];
    struct trace_mem m;
    if (a.kind < SD_PATH) {
        print_int_arg(f, a, v);
        return;
    }
    if (v == 0) {
        fmt_str(f, "NULL");
        return;
    }
    switch (a.kind) {
    case SD_IOVEC_IN:
    case SD_IOVEC_OUT:
        print_iovecs(f, sc, i, TRACE_ELEM_NONE, o);
        return;
    case SD_MSGHDR_IN:
    case SD_MSGHDR_OUT:
        print_msghdr(f, sc, i, o);
        return;
    case SD_STRV:
        print_strv(f, sc, i, o);
        return;
    case SD_SOCKLEN_INOUT: {
        struct trace_mem in, out;
        bool hi = find_mem(sc, i, TRACE_ELEM_NONE, TRACE_MEM_IN, &in) && in.len == 4;
        bool ho = find_mem(sc, i, TRACE_ELEM_NONE, TRACE_MEM_OUT, &out) && out.len == 4;
        if (!hi && !ho) {
            fmt_hex(f, v);
            return;
        }
        fmt_char(f, '[');
        if (hi)
            fmt_u64(f, pr_get_le(in.data, 4));
        if (hi && ho)
            fmt_str(f, "->");
        if (ho)
            fmt_u64(f, pr_get_le(out.data, 4));
        fmt_char(f, ']');
        return;
    }
    }
    if (!find_mem(sc, i, TRACE_ELEM_NONE, 0, &m)) {
        fmt_hex(f, v);
        return;
    }
    switch (a.kind) {
    case SD_PATH:
    case SD_STR:
        fmt_quoted(f, m.data, m.len && m.data[m.len - 1] == 0 ? m.len - 1 : m.len);
        if (!m.len || m.data[m.len - 1] != 0)
            fmt_str(f, "...");
        break;
    case SD_STRUCT_IN:
    case SD_STRUCT_OUT:
    case SD_STRUCT_INOUT:
        pr_struct(f, a.aux, m.data, m.len, o);
        break;
    case SD_ARRAY_IN:
    case SD_ARRAY_INOUT:
    case SD_ARRAY_OUT_RET:
        pr_array(f, a.aux, m.data, m.len, o);
        break;
    case SD_SOCKADDR_IN:
    case SD_SOCKADDR_OUT:
        print_sockaddr(f, &m, o);
        break;
    case SD_FDSET:
        pr_bitset(f, m.data, m.len, false);
        break;
    case SD_SIGSET_IN:
    case SD_SIGSET_OUT:
        pr_bitset(f, m.data, m.len, true);
        break;
    case SD_DIRENTS:
        pr_dirents(f, m.data, m.len, o);
        break;
    default:
        pr_bytes(f, m.data, m.len, o);
    }
}

static void print_result(struct fmtbuf *f, const struct trace_syscall *sc, unsigned ret)
{
    int64_t r = sc->result;
    if (sc->flags & TRACE_SC_NORETURN) {
        fmt_char(f, '?');
        return;
    }
    if (r < 0 && r >= -4095) {
        const char *n = sysdesc_errno_name((int)-r);
        fmt_str(f, "-1 ");
        if (n)
            fmt_str(f, n);
        else {
            fmt_str(f, "errno ");
            fmt_i64(f, -r);
        }
        return;
    }
    switch (ret) {
    case SD_ADDR:
    case SD_HEX:  fmt_hex(f, (uint64_t)r); break;
    case SD_MODE: pr_octal(f, (uint64_t)r); break;
    case SD_UINT: fmt_u64(f, (uint64_t)r); break;
    default:      fmt_i64(f, r); break;
    }
}

static void syscall_text(struct fmtbuf *f, const struct trace_syscall *sc, const struct print_opts *o)
{
    const struct sysdesc *d = (sc->flags & TRACE_SC_UNDESCRIBED) ? NULL : sysdesc_get(sc->nr);
    const char *name = sysdesc_name(sc->nr);
    if (name) {
        fmt_str(f, name);
    } else {
        fmt_str(f, "syscall_");
        fmt_u64(f, sc->nr);
    }
    fmt_char(f, '(');
    unsigned n = d ? d->nargs : 6;
    for (unsigned i = 0; i < n; i++) {
        if (i)
            fmt_str(f, ", ");
        if (d)
            print_arg(f, sc, i, sysdesc_arg(d, i, sc->args), o);
        else
            fmt_hex(f, sc->args[i]);
    }
    fmt_str(f, ") = ");
    print_result(f, sc, d ? d->ret : SD_LONG);
    if (sc->flags & TRACE_SC_UNDESCRIBED)
        fmt_str(f, " <undescribed>");
    if (sc->flags & TRACE_SC_MEMFAULT)
        fmt_str(f, " <memfault>");
}

size_t trace_print_syscall(const struct trace_syscall *sc, const struct print_opts *o, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    syscall_text(&f, sc, o);
    return f.len;
}

/* ---- other events ---- */

const char *pr_birth_how(uint32_t how)
{
    switch (how) {
    case TRACE_BIRTH_FORK:   return "fork";
    case TRACE_BIRTH_VFORK:  return "vfork";
    case TRACE_BIRTH_CLONE:  return "clone";
    case TRACE_BIRTH_CLONE3: return "clone3";
    }
    return "?";
}

static void print_str(struct fmtbuf *f, struct trace_str s)
{
    fmt_quoted(f, (const uint8_t *)(s.s ? s.s : ""), s.s ? s.len : 0);
}

void pr_strv(struct fmtbuf *f, const struct trace_strv *v,
             void (*quote)(struct fmtbuf *f, const uint8_t *s, size_t n))
{
    struct trace_strv_iter it;
    struct trace_str s;
    bool first = true;
    fmt_char(f, '[');
    trace_strv_iter_init(&it, v);
    while (trace_strv_next(&it, &s)) {
        if (!first)
            fmt_str(f, ", ");
        quote(f, (const uint8_t *)(s.s ? s.s : ""), s.s ? s.len : 0);
        first = false;
    }
    fmt_char(f, ']');
}

static void print_strv_list(struct fmtbuf *f, const struct trace_strv *v)
{
    pr_strv(f, v, fmt_quoted);
}

void pr_event_text(struct fmtbuf *f, const struct trace_event *ev, const struct print_opts *o)
{
    switch (ev->kind) {
    case TRACE_SYSCALL:
        syscall_text(f, &ev->syscall, o);
        break;
    case TRACE_BIRTH:
        fmt_str(f, "birth t");
        fmt_u64(f, ev->birth.child);
        fmt_str(f, " #");
        fmt_u64(f, ev->birth.birth_index);
        fmt_char(f, ' ');
        fmt_str(f, pr_birth_how(ev->birth.how));
        fmt_char(f, '(');
        pr_flags(f, FL_CLONE, ev->birth.clone_flags);
        fmt_char(f, ')');
        break;
    case TRACE_EXEC:
        fmt_str(f, "exec ");
        print_str(f, ev->exec.path);
        fmt_char(f, ' ');
        print_strv_list(f, &ev->exec.argv);
        break;
    case TRACE_SIGNAL: {
        const struct trace_signal *s = &ev->signal;
        fmt_str(f, "--- ");
        pr_signal(f, s->signo);
        fmt_str(f, " {si_code=");
        const char *code = sysdesc_value_name(FL_SIGINFO_CODE, (uint64_t)(int64_t)s->code);
        if (code && s->code <= 0)  /* positive codes mean different things per signal */
            fmt_str(f, code);
        else
            fmt_i64(f, s->code);
        fmt_str(f, ", si_errno=");
        fmt_i64(f, s->si_errno);
        if (s->flags & TRACE_SIG_HAS_PID) {
            fmt_str(f, ", si_pid=");
            fmt_i64(f, s->pid);
            fmt_str(f, ", si_uid=");
            fmt_u64(f, s->uid);
        }
        if (s->flags & TRACE_SIG_HAS_STATUS) {
            fmt_str(f, ", si_status=");
            fmt_i64(f, s->status);
        }
        if (s->flags & TRACE_SIG_HAS_ADDR) {
            fmt_str(f, ", si_addr=");
            fmt_hex(f, s->addr);
        }
        fmt_str(f, "} ---");
        break;
    }
    case TRACE_EXIT: {
        int32_t st = ev->exit.status;
        int sig = st & 0x7f;
        if (sig && sig != 0x7f) {
            fmt_str(f, "+++ killed by ");
            pr_signal(f, sig);
            if (st & 0x80)
                fmt_str(f, " (core dumped)");
        } else {
            fmt_str(f, "+++ exited with ");
            fmt_i64(f, (st >> 8) & 0xff);
            if (ev->exit.flags & TRACE_EXIT_KILLED)
                fmt_str(f, " (killed)");
        }
        fmt_str(f, " +++");
        break;
    }
    case TRACE_OUTPUT:
        fmt_str(f, ev->output.stream == 1 ? "stdout " : "stderr ");
        pr_bytes(f, ev->output.data.p, ev->output.data.len, o);
        break;
    default:
        fmt_str(f, trace_kind_name(ev->kind));
    }
}

size_t trace_print_event(const struct trace_event *ev, const struct print_opts *o, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    if (!o->no_prefix) {
        if (ev->task == TRACE_TASK_NONE) {
            fmt_str(&f, "[out] ");
        } else {
            fmt_str(&f, "[t");
            fmt_u64(&f, ev->task);
            fmt_str(&f, "] ");
        }
    }
    pr_event_text(&f, ev, o);
    return f.len;
}

static void hdr_line(struct fmtbuf *f, const char *key)
{
    fmt_str(f, "# ");
    fmt_str(f, key);
    fmt_str(f, ": ");
}

size_t trace_print_header(const struct trace_header *h, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    hdr_line(&f, "format");
    fmt_u64(&f, h->format_version);
    fmt_str(&f, ", recorder ");
    print_str(&f, h->recorder_version);
    fmt_char(&f, '\n');
    hdr_line(&f, "host");
    const struct trace_str *uts[] = { &h->sysname, &h->nodename, &h->release, &h->version, &h->machine,
                                      &h->domainname };
    for (unsigned i = 0; i < 6; i++) {
        if (i)
            fmt_char(&f, ' ');
        print_str(&f, *uts[i]);
    }
    fmt_char(&f, '\n');
    hdr_line(&f, "program");
    print_str(&f, h->program);
    fmt_char(&f, ' ');
    print_strv_list(&f, &h->argv);
    fmt_char(&f, '\n');
    hdr_line(&f, "env");
    print_strv_list(&f, &h->envp);
    fmt_char(&f, '\n');
    hdr_line(&f, "cwd");
    print_str(&f, h->cwd);
    fmt_str(&f, ", umask ");
    pr_octal(&f, h->umask);
    fmt_char(&f, '\n');
    hdr_line(&f, "fds");
    static const char *const kinds[] = { "closed", "/dev/null", "pipe", "tty", "file", "socket", "other" };
    for (int i = 0; i < 3; i++) {
        if (i)
            fmt_str(&f, ", ");
        fmt_u64(&f, (uint64_t)i);
        fmt_char(&f, '=');
        fmt_str(&f, h->fd_kind[i] <= TRACE_FD_OTHER ? kinds[h->fd_kind[i]] : "?");
    }
    fmt_char(&f, '\n');
    hdr_line(&f, "sandbox");
    fmt_hex(&f, h->sandbox_flags);
    fmt_str(&f, ", hostname ");
    print_str(&f, h->sandbox_hostname);
    fmt_str(&f, ", domainname ");
    print_str(&f, h->sandbox_domainname);
    fmt_char(&f, '\n');
    hdr_line(&f, "rlimits");
    for (int i = 0; i < TRACE_NRLIMITS; i++) {
        if (i)
            fmt_char(&f, ' ');
        const char *n = sysdesc_value_name(FL_RLIMIT, (uint64_t)i);
        fmt_str(&f, n ? n + 7 : "?");  /* without "RLIMIT_" */
        fmt_char(&f, '=');
        if (h->rlimits[i].cur == ~0ull)
            fmt_str(&f, "inf");
        else
            fmt_u64(&f, h->rlimits[i].cur);
        fmt_char(&f, '/');
        if (h->rlimits[i].max == ~0ull)
            fmt_str(&f, "inf");
        else
            fmt_u64(&f, h->rlimits[i].max);
    }
    fmt_char(&f, '\n');
    hdr_line(&f, "root hash");
    for (int i = 0; i < TRACE_HASH_LEN; i++)
        fmt_hex_digits(&f, h->root_hash[i], 2);
    fmt_char(&f, '\n');
    return f.len;
}

