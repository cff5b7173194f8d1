/* print_values.c — printing values the way the description tables say: flags and value lists by
 * name, modes, signal numbers, quoted bytes, and structs field by field (with the few structs
 * whose shape depends on their content: siginfo, sockaddr_un, linux_dirent64 records). The
 * building blocks of print.c and print_json.c (print_impl.h). Freestanding. */
#include "fmt.h"
#include "libc.h"
#include "print_impl.h"
#include "sysdesc.h"

/* ---- small helpers ---- */

uint64_t pr_get_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size && i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

int64_t pr_sign_extend(uint64_t v, unsigned size)
{
    if (size >= 8)
        return (int64_t)v;
    unsigned shift = 64 - 8 * size;
    return (int64_t)(v << shift) >> shift;
}

void pr_signal(struct fmtbuf *f, int64_t sig)
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

void pr_value(struct fmtbuf *f, unsigned table, uint64_t v)
{
    if (table == FL_SIGNAL) {
        pr_signal(f, (int32_t)v);
        return;
    }
    const char *n = sysdesc_value_name(table, v);
    if (n)
        fmt_str(f, n);
    else
        fmt_i64(f, (int32_t)v);
}

void pr_flags(struct fmtbuf *f, unsigned table, uint64_t v)
{
    const struct sd_flag_table *t = sysdesc_flags(table);
    if (!t) {
        fmt_hex(f, v);
        return;
    }
    if (!t->bits) {
        pr_value(f, table, v);
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
            pr_value(f, t->fixed_table, fixed);
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
        pr_value(f, t->fixed_table, fixed);
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

void pr_octal(struct fmtbuf *f, uint64_t v)
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

void pr_mode(struct fmtbuf *f, uint64_t mode)
{
    const char *type = sysdesc_value_name(FL_FILE_TYPE, mode & 0170000);
    if (type) {
        fmt_str(f, type);
        fmt_char(f, '|');
    }
    pr_octal(f, mode & 07777);
}

void pr_bytes(struct fmtbuf *f, const uint8_t *p, size_t n, const struct print_opts *o)
{
    size_t shown = (!o->full_buffers && n > PRINT_SHORT_BUF) ? PRINT_SHORT_BUF : n;
    fmt_quoted(f, p, shown);
    if (shown < n)
        fmt_str(f, "...");
}

/* ---- structs ---- */

static void pr_field(struct fmtbuf *f, const struct sd_field *fd, const uint8_t *p, const struct print_opts *o)
{
    uint64_t v = pr_get_le(p, fd->size);
    switch (fd->fmt) {
    case FMT_DEC:   fmt_i64(f, pr_sign_extend(v, fd->size)); break;
    case FMT_UDEC:  fmt_u64(f, v); break;
    case FMT_HEX:   fd->size <= 8 ? fmt_hex(f, v) : pr_bytes(f, p, fd->size, o); break;
    case FMT_OCT:   pr_octal(f, v); break;
    case FMT_MODE:  pr_mode(f, v); break;
    case FMT_FLAGS: pr_flags(f, fd->aux, v); break;
    case FMT_ENUM:  pr_value(f, fd->aux, (uint64_t)pr_sign_extend(v, fd->size)); break;
    case FMT_CHARS: {
        size_t n = 0;
        while (n < fd->size && p[n])
            n++;
        fmt_quoted(f, p, n);
        break;
    }
    default:
        pr_bytes(f, p, fd->size, o);
    }
}

static bool pr_all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static bool pr_same(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && memcmp(a, b, n) == 0;
}

/* A struct of one field named "value" (int, long...) prints as its value. */
static bool pr_is_scalar(const struct sd_struct_desc *s)
{
    return s->nfields == 1 && pr_same(s->fields[0].name, "value");
}

/* siginfo's union: the fields that mean something for this signal and code (as strace shows). */
static bool pr_siginfo_field_shown(const struct sd_field *fd, const uint8_t *p)
{
    int32_t signo = (int32_t)pr_get_le(p, 4), code = (int32_t)pr_get_le(p + 8, 4);
    const char *n = fd->name;
    bool fault = signo == 4 || signo == 7 || signo == 8 || signo == 11;  /* ILL BUS FPE SEGV */
    bool from_process = code <= 0;
    if (fd->offset < 16)
        return true;
    if (pr_same(n, "si_addr"))
        return fault && !from_process;
    if (pr_same(n, "si_pid") || pr_same(n, "si_uid"))
        return from_process || signo == 17;
    if (pr_same(n, "si_status") || pr_same(n, "si_utime") || pr_same(n, "si_stime"))
        return signo == 17 && !from_process;
    if (pr_same(n, "si_value"))
        return code == -1 || code == -2 || code == -3;  /* SI_QUEUE, SI_TIMER, SI_MESGQ */
    return true;
}


void pr_sockaddr_un(struct fmtbuf *f, const uint8_t *p, size_t len)
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
void pr_struct(struct fmtbuf *f, unsigned id, const uint8_t *p, size_t len, const struct print_opts *o)
{
    const struct sd_struct_desc *s = sysdesc_struct(id);
    if (!s) {
        pr_bytes(f, p, len, o);
        return;
    }
    if (pr_is_scalar(s) && len >= s->fields[0].size) {
        fmt_char(f, '[');
        pr_field(f, &s->fields[0], p, o);
        fmt_char(f, ']');
        return;
    }
    fmt_char(f, '{');
    bool first = true;
    for (unsigned i = 0; i < s->nfields; i++) {
        const struct sd_field *fd = &s->fields[i];
        if ((size_t)fd->offset + fd->size <= len && fd->fmt == FMT_PAD && pr_all_zero(p + fd->offset, fd->size))
            continue;
        if (id == ST_SIGINFO && len >= 12 && !pr_siginfo_field_shown(fd, p))
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
                pr_field(f, &part, p + fd->offset, o);
            } else {
                fmt_str(f, "...");
            }
            break;
        }
        fmt_str(f, fd->name);
        fmt_char(f, '=');
        pr_field(f, fd, p + fd->offset, o);
    }
    fmt_char(f, '}');
}

void pr_array(struct fmtbuf *f, unsigned id, const uint8_t *p, size_t len, const struct print_opts *o)
{
    const struct sd_struct_desc *s = sysdesc_struct(id);
    size_t n = s && s->size ? len / s->size : 0;
    size_t max = o->full_buffers ? n : 8;
    fmt_char(f, '[');
    for (size_t i = 0; i < n && i < max; i++) {
        if (i)
            fmt_str(f, ", ");
        if (pr_is_scalar(s))
            pr_field(f, &s->fields[0], p + i * s->size, o);
        else
            pr_struct(f, id, p + i * s->size, s->size, o);
    }
    if (n > max)
        fmt_str(f, ", ...");
    fmt_char(f, ']');
}

void pr_dirents(struct fmtbuf *f, const uint8_t *p, size_t len, const struct print_opts *o)
{
    const struct sd_struct_desc *s = sysdesc_struct(ST_DIRENT64);
    size_t pos = 0, count = 0;
    fmt_char(f, '[');
    while (pos + s->size <= len) {
        unsigned reclen = (unsigned)pr_get_le(p + pos + 16, 2);
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
        fmt_u64(f, pr_get_le(p + pos, 8));
        fmt_str(f, ", d_off=");
        fmt_i64(f, (int64_t)pr_get_le(p + pos + 8, 8));
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

void pr_bitset(struct fmtbuf *f, const uint8_t *p, size_t len, bool signals)
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
            pr_signal(f, (int64_t)i + 1);
        else
            fmt_u64(f, i);
        any = true;
    }
    fmt_char(f, ']');
}

