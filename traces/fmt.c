/* fmt.c — the text builder behind fmt.h (see there). No libc, no floating point. */
#include "fmt.h"

void fmt_init(struct fmtbuf *f, char *p, size_t size)
{
    f->p = p;
    f->size = size;
    f->len = 0;
    f->json = 0;
    if (size)
        p[0] = '\0';
}

static void put_raw(struct fmtbuf *f, char c)
{
    if (f->size && f->len + 1 < f->size) {
        f->p[f->len] = c;
        f->p[f->len + 1] = '\0';
    }
    f->len++;
}

void fmt_char(struct fmtbuf *f, char c)
{
    uint8_t u = (uint8_t)c;
    if (!f->json || (u >= 0x20 && u < 0x7f && c != '"' && c != '\\')) {
        put_raw(f, c);
        return;
    }
    put_raw(f, '\\');
    if (c == '"' || c == '\\') {
        put_raw(f, c);
        return;
    }
    put_raw(f, 'u');
    put_raw(f, '0');
    put_raw(f, '0');
    put_raw(f, "0123456789abcdef"[u >> 4]);
    put_raw(f, "0123456789abcdef"[u & 15]);
}

void fmt_mem(struct fmtbuf *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fmt_char(f, s[i]);
}

void fmt_str(struct fmtbuf *f, const char *s)
{
    while (s && *s)
        fmt_char(f, *s++);
}

void fmt_u64(struct fmtbuf *f, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        fmt_char(f, tmp[--n]);
}

void fmt_i64(struct fmtbuf *f, int64_t v)
{
    if (v < 0) {
        fmt_char(f, '-');
        fmt_u64(f, (uint64_t)0 - (uint64_t)v);
    } else {
        fmt_u64(f, (uint64_t)v);
    }
}

void fmt_hex_digits(struct fmtbuf *f, uint64_t v, int ndigits)
{
    for (int i = ndigits - 1; i >= 0; i--)
        fmt_char(f, "0123456789abcdef"[(v >> (4 * i)) & 0xf]);
}

void fmt_hex(struct fmtbuf *f, uint64_t v)
{
    int n = 1;
    while (n < 16 && (v >> (4 * n)))
        n++;
    fmt_str(f, "0x");
    fmt_hex_digits(f, v, n);
}

void fmt_quoted(struct fmtbuf *f, const uint8_t *s, size_t n)
{
    fmt_char(f, '"');
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        switch (c) {
        case '\n': fmt_str(f, "\\n"); break;
        case '\t': fmt_str(f, "\\t"); break;
        case '\r': fmt_str(f, "\\r"); break;
        case '"':  fmt_str(f, "\\\""); break;
        case '\\': fmt_str(f, "\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                fmt_char(f, (char)c);
            } else {
                fmt_str(f, "\\x");
                fmt_hex_digits(f, c, 2);
            }
        }
    }
    fmt_char(f, '"');
}

void fmt_json_str(struct fmtbuf *f, const uint8_t *s, size_t n)
{
    fmt_char(f, '"');
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (c == '"' || c == '\\') {
            fmt_char(f, '\\');
            fmt_char(f, (char)c);
        } else if (c >= 0x20 && c < 0x7f) {
            fmt_char(f, (char)c);
        } else {
            /* bytes, not code points: 0x80..0xff become U+0080..U+00FF (latin-1 view) */
            fmt_str(f, "\\u00");
            fmt_hex_digits(f, c, 2);
        }
    }
    fmt_char(f, '"');
}
