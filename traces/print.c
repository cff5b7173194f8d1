/* print.c — strace-style text for trace events (print.h). Arguments are printed from the
 * description table: integers and flags from the registers, pointers from the memory regions
 * captured for them (OUT when there is one, else IN). Freestanding. */
#include "fmt.h"
#include "libc.h"
#include "print.h"
#include "sysdesc.h"

/* ---- small helpers ---- */

static uint64_t get_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size && i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static int64_t sign_extend(uint64_t v, unsigned size)
{
    if (size >= 8)
        return (int64_t)v;
    unsigned shift = 64 - 8 * size;
    return (int64_t)(v << shift) >> shift;
}

static void print_signal(struct fmtbuf *f, int64_t sig)
{
    const char *n = sysdesc_signal_name((int)sig);
    if (n) {
        fmt_str(f, n);
    } else if (sig >= 32 && sig <= 64) {
        fmt_str(f, "SIGRT_");
        fmt_i64(f, sig - 32);
    } else {
        fmt_i64(f, sig);
    }
}

static void print_value(struct fmtbuf *f, unsigned table, uint64_t v)
{
    if (table == FL_SIGNAL) {
        print_signal(f, (int32_t)v);
        return;
    }
    const char *n = sysdesc_value_name(table, v);
    if (n)
        fmt_str(f, n);
    else
        fmt_i64(f, (int32_t)v);
}

static void print_flags(struct fmtbuf *f, unsigned table, uint64_t v)
{
    const struct sd_flag_table *t = sysdesc_flags(table);
    if (!t) {
        fmt_hex(f, v);
        return;
    }
    if (!t->bits) {
        print_value(f, table, v);
        return;
    }
    bool any = false;
    /* The value field goes first (O_RDONLY|...), except a signal, which goes last as strace
       writes clone flags (...|SIGCHLD), and only when set. */
    bool signal_last = t->fixed_table == FL_SIGNAL;
    uint64_t fixed = v & t->fixed_mask;
    v &= ~t->fixed_mask;
    if (t->fixed_mask && !signal_last && (fixed || sysdesc_value_name(t->fixed_table, 0))) {
        if (t->fixed_table)
            print_value(f, t->fixed_table, fixed);
        else
            fmt_hex(f, fixed);
        any = true;
    }
    for (const struct sd_value *e = t->values; e->name; e++) {
        if (e->value && (v & e->value) == e->value) {
            if (any)
                fmt_char(f, '|');
            fmt_str(f, e->name);
            v &= ~e->value;
            any = true;
        }
    }
    if (v) {
        if (any)
            fmt_char(f, '|');
        fmt_hex(f, v);
        any = true;
    }
    if (signal_last && fixed) {
        if (any)
            fmt_char(f, '|');
        print_value(f, t->fixed_table, fixed);
        any = true;
    }
    if (!any) {
        const char *zero = NULL;
        for (const struct sd_value *e = t->values; e->name && !zero; e++)
            if (e->value == 0)
                zero = e->name;
        fmt_str(f, zero ? zero : "0");
    }
}

static void print_octal(struct fmtbuf *f, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + (v & 7));
        v >>= 3;
    } while (v);
    if (tmp[n - 1] != '0')
        fmt_char(f, '0');
    while (n)
        fmt_char(f, tmp[--n]);
}

static void print_mode(struct fmtbuf *f, uint64_t mode)
{
    const char *type = sysdesc_value_name(FL_FILE_TYPE, mode & 0170000);
    if (type) {
        fmt_str(f, type);
        fmt_char(f, '|');
    }
    print_octal(f, mode & 07777);
}

static void print_bytes(struct fmtbuf *f, const uint8_t *p, size_t n, const struct print_opts *o)
{
    size_t shown = (!o->full_buffers && n > PRINT_SHORT_BUF) ? PRINT_SHORT_BUF : n;
    fmt_quoted(f, p, shown);
    if (shown < n)
        fmt_str(f, "...");
}

/* ---- structs ---- */

static void print_field(struct fmtbuf *f, const struct sd_field *fd, const uint8_t *p, const struct print_opts *o)
{
    uint64_t v = get_le(p, fd->size);
    switch (fd->fmt) {
    case FMT_DEC:   fmt_i64(f, sign_extend(v, fd->size)); break;
    case FMT_UDEC:  fmt_u64(f, v); break;
    case FMT_HEX:   fd->size <= 8 ? fmt_hex(f, v) : print_bytes(f, p, fd->size, o); break;
    case FMT_OCT:   print_octal(f, v); break;
    case FMT_MODE:  print_mode(f, v); break;
    case FMT_FLAGS: print_flags(f, fd->aux, v); break;
    case FMT_ENUM:  print_value(f, fd->aux, (uint64_t)sign_extend(v, fd->size)); break;
    case FMT_CHARS: {
        size_t n = 0;
        while (n < fd->size && p[n])
            n++;
        fmt_quoted(f, p, n);
        break;
    }
    default:
        print_bytes(f, p, fd->size, o);
    }
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static bool same(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && memcmp(a, b, n) == 0;
}

/* A struct of one field named "value" (int, long...) prints as its value. */
static bool is_scalar(const struct sd_struct_desc *s)
{
    return s->nfields == 1 && same(s->fields[0].name, "value");
}

/* siginfo's union: the fields that mean something for this signal and code (as strace shows). */
static bool siginfo_field_shown(const struct sd_field *fd, const uint8_t *p)
{
    int32_t signo = (int32_t)get_le(p, 4), code = (int32_t)get_le(p + 8, 4);
    const char *n = fd->name;
    bool fault = signo == 4 || signo == 7 || signo == 8 || signo == 11;  /* ILL BUS FPE SEGV */
    bool from_process = code <= 0;
    if (fd->offset < 16)
        return true;
    if (same(n, "si_addr"))
        return fault && !from_process;
    if (same(n, "si_pid") || same(n, "si_uid"))
        return from_process || signo == 17;
    if (same(n, "si_status") || same(n, "si_utime") || same(n, "si_stime"))
        return signo == 17 && !from_process;
    if (same(n, "si_value"))
        return code == -1 || code == -2 || code == -3;  /* SI_QUEUE, SI_TIMER, SI_MESGQ */
    return true;
}

static void print_struct(struct fmtbuf *f, unsigned id, const uint8_t *p, size_t len, const struct print_opts *o);

static void print_sockaddr_un(struct fmtbuf *f, const uint8_t *p, size_t len)
{
    fmt_str(f, "{sun_family=AF_UNIX");
    if (len > 2) {
        const uint8_t *path = p + 2;
        size_t n = len - 2;
        fmt_str(f, ", sun_path=");
        if (path[0] == 0) {  /* abstract: a leading NUL, then bytes (strace writes @"name") */
            fmt_char(f, '@');
            fmt_quoted(f, path + 1, n - 1);
        } else {
            size_t k = 0;
            while (k < n && path[k])
                k++;
            fmt_quoted(f, path, k);
        }
    }
    fmt_char(f, '}');
}

/* {a=1, b=2}; fields that do not fit in len end the struct with "..." (a char array that is
   cut short prints what there is). */
static void print_struct(struct fmtbuf *f, unsigned id, const uint8_t *p, size_t len, const struct print_opts *o)
{
    const struct sd_struct_desc *s = sysdesc_struct(id);
    if (!s) {
        print_bytes(f, p, len, o);
        return;
    }
    if (is_scalar(s) && len >= s->fields[0].size) {
        fmt_char(f, '[');
        print_field(f, &s->fields[0], p, o);
        fmt_char(f, ']');
        return;
    }
    fmt_char(f, '{');
    bool first = true;
    for (unsigned i = 0; i < s->nfields; i++) {
        const struct sd_field *fd = &s->fields[i];
        if ((size_t)fd->offset + fd->size <= len && fd->fmt == FMT_PAD && all_zero(p + fd->offset, fd->size))
            continue;
        if (id == ST_SIGINFO && len >= 12 && !siginfo_field_shown(fd, p))
            continue;
        if (!first)
            fmt_str(f, ", ");
        first = false;
        if ((size_t)fd->offset + fd->size > len) {
            if (fd->fmt == FMT_CHARS && fd->offset < len) {
                struct sd_field part = *fd;
                part.size = (uint16_t)(len - fd->offset);
                fmt_str(f, fd->name);
                fmt_char(f, '=');
                print_field(f, &part, p + fd->offset, o);
            } else {
                fmt_str(f, "...");
            }
            break;
        }
        fmt_str(f, fd->name);
        fmt_char(f, '=');
        print_field(f, fd, p + fd->offset, o);
    }
    fmt_char(f, '}');
}

static void print_array(struct fmtbuf *f, unsigned id, const uint8_t *p, size_t len, const struct print_opts *o)
{
    const struct sd_struct_desc *s = sysdesc_struct(id);
    size_t n = s && s->size ? len / s->size : 0;
    size_t max = o->full_buffers ? n : 8;
    fmt_char(f, '[');
    for (size_t i = 0; i < n && i < max; i++) {
        if (i)
            fmt_str(f, ", ");
        if (is_scalar(s))
            print_field(f, &s->fields[0], p + i * s->size, o);
        else
            print_struct(f, id, p + i * s->size, s->size, o);
    }
    if (n > max)
        fmt_str(f, ", ...");
    fmt_char(f, ']');
}

static void print_dirents(struct fmtbuf *f, const uint8_t *p, size_t len, const struct print_opts *o)
{
    const struct sd_struct_desc *s = sysdesc_struct(ST_DIRENT64);
    size_t pos = 0, count = 0;
    fmt_char(f, '[');
    while (pos + s->size <= len) {
        unsigned reclen = (unsigned)get_le(p + pos + 16, 2);
        if (reclen < s->size || reclen > len - pos)
            break;  /* malformed record: stop rather than guess */
        if (count)
            fmt_str(f, ", ");
        if (!o->full_buffers && count == 8) {
            fmt_str(f, "...");
            pos = len;
            break;
        }
        fmt_str(f, "{d_ino=");
        fmt_u64(f, get_le(p + pos, 8));
        fmt_str(f, ", d_off=");
        fmt_i64(f, (int64_t)get_le(p + pos + 8, 8));
        fmt_str(f, ", d_reclen=");
        fmt_u64(f, reclen);
        fmt_str(f, ", d_type=");
        fmt_u64(f, p[pos + 18]);
        fmt_str(f, ", d_name=");
        size_t n = 0;
        while (s->size + n < reclen && p[pos + s->size + n])
            n++;
        fmt_quoted(f, p + pos + s->size, n);
        fmt_char(f, '}');
        pos += reclen;
        count++;
    }
    if (pos < len)
        fmt_str(f, " <malformed>");
    fmt_char(f, ']');
}

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
            print_bytes(f, data.data, data.len, o);
        else
            fmt_hex(f, get_le(arr.data + 16 * k, 8));
        fmt_str(f, ", iov_len=");
        fmt_u64(f, get_le(arr.data + 16 * k + 8, 8));
        fmt_char(f, '}');
    }
    fmt_char(f, ']');
}

static void print_sockaddr(struct fmtbuf *f, const struct trace_mem *m, const struct print_opts *o)
{
    unsigned family = m->len >= 2 ? (unsigned)get_le(m->data, 2) : 0xffff;
    if (family == 1)
        print_sockaddr_un(f, m->data, m->len);
    else if (family == 2)
        print_struct(f, ST_SOCKADDR_IN, m->data, m->len, o);
    else
        print_bytes(f, m->data, m->len, o);
}

/* [1 3 4], or for signal sets with more than half the bits set, ~[...] with the missing ones
   (as strace writes a full mask: ~[] or ~[KILL STOP]). */
static void print_bitset(struct fmtbuf *f, const uint8_t *p, size_t len, bool signals)
{
    bool any = false;
    size_t set = 0;
    for (size_t i = 0; i < len * 8; i++)
        set += (p[i / 8] >> (i % 8)) & 1;
    bool invert = signals && set > len * 4;
    if (invert)
        fmt_char(f, '~');
    fmt_char(f, '[');
    for (size_t i = 0; i < len * 8; i++) {
        if (!(p[i / 8] & (1u << (i % 8))) != invert)
            continue;
        if (any)
            fmt_char(f, ' ');
        if (signals)
            print_signal(f, (int64_t)i + 1);
        else
            fmt_u64(f, i);
        any = true;
    }
    fmt_char(f, ']');
}

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
        fmt_hex(f, get_le(h.data, 8));
    fmt_str(f, ", msg_namelen=");
    fmt_i64(f, (int32_t)get_le(h.data + 8, 4));
    fmt_str(f, ", msg_iov=");
    print_iovecs(f, sc, arg, SD_ELEM_MSG_IOV, o);
    fmt_str(f, ", msg_iovlen=");
    fmt_u64(f, get_le(h.data + 24, 8));
    fmt_str(f, ", msg_control=");
    if (find_mem(sc, arg, SD_ELEM_MSG_CONTROL, 0, &name))
        print_bytes(f, name.data, name.len, o);
    else
        fmt_hex(f, get_le(h.data + 32, 8));
    fmt_str(f, ", msg_controllen=");
    fmt_u64(f, get_le(h.data + 40, 8));
    fmt_str(f, ", msg_flags=");
    print_flags(f, FL_MSG, get_le(h.data + 48, 4));
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
            print_mode(f, v);  /* mknod: the file type is part of the mode */
        else
            print_octal(f, v);
        break;
    case SD_FLAGS: print_flags(f, a.aux, v); break;
    case SD_ENUM:  print_value(f, a.aux, v); break;
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
            fmt_u64(f, get_le(in.data, 4));
        if (hi && ho)
            fmt_str(f, "->");
        if (ho)
            fmt_u64(f, get_le(out.data, 4));
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
        print_struct(f, a.aux, m.data, m.len, o);
        break;
    case SD_ARRAY_IN:
    case SD_ARRAY_INOUT:
    case SD_ARRAY_OUT_RET:
        print_array(f, a.aux, m.data, m.len, o);
        break;
    case SD_SOCKADDR_IN:
    case SD_SOCKADDR_OUT:
        print_sockaddr(f, &m, o);
        break;
    case SD_FDSET:
        print_bitset(f, m.data, m.len, false);
        break;
    case SD_SIGSET_IN:
    case SD_SIGSET_OUT:
        print_bitset(f, m.data, m.len, true);
        break;
    case SD_DIRENTS:
        print_dirents(f, m.data, m.len, o);
        break;
    default:
        print_bytes(f, m.data, m.len, o);
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
    case SD_MODE: print_octal(f, (uint64_t)r); break;
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

static const char *birth_how(uint32_t how)
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

static void print_strv_list(struct fmtbuf *f, const struct trace_strv *v)
{
    struct trace_strv_iter it;
    struct trace_str s;
    bool first = true;
    fmt_char(f, '[');
    trace_strv_iter_init(&it, v);
    while (trace_strv_next(&it, &s)) {
        if (!first)
            fmt_str(f, ", ");
        print_str(f, s);
        first = false;
    }
    fmt_char(f, ']');
}

static void event_text(struct fmtbuf *f, const struct trace_event *ev, const struct print_opts *o)
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
        fmt_str(f, birth_how(ev->birth.how));
        fmt_char(f, '(');
        print_flags(f, FL_CLONE, ev->birth.clone_flags);
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
        print_signal(f, s->signo);
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
            print_signal(f, sig);
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
        print_bytes(f, ev->output.data.p, ev->output.data.len, o);
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
    event_text(&f, ev, o);
    return f.len;
}

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
    struct trace_strv_iter it;
    struct trace_str s;
    bool first = true;
    fmt_char(f, '[');
    trace_strv_iter_init(&it, v);
    while (trace_strv_next(&it, &s)) {
        if (!first)
            fmt_str(f, ", ");
        fmt_json_str(f, (const uint8_t *)s.s, s.len);
        first = false;
    }
    fmt_char(f, ']');
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
        fmt_str(&f, birth_how(ev->birth.how));
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
    event_text(&f, ev, &text_opts);
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
    print_octal(&f, h->umask);
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
