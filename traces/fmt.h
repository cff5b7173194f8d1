/* fmt.h — a tiny freestanding text builder: append strings and numbers to a caller's buffer.
 * Used by the codec's error messages and the printers, in the host tools and in the kernel
 * (which has no snprintf of ours to lean on). Output is always NUL-terminated and truncated
 * silently when the buffer is full; `len` counts what would have been written. */
#ifndef LOCKSTEP_TRACES_FMT_H
#define LOCKSTEP_TRACES_FMT_H

#include <stddef.h>
#include <stdint.h>

struct fmtbuf {
    char *p;
    size_t size;   /* capacity, including the NUL */
    size_t len;    /* characters appended so far (may exceed size - 1 when truncated) */
    int json;      /* when set, every character appended is escaped for a JSON string */
};

void fmt_init(struct fmtbuf *f, char *p, size_t size);
void fmt_char(struct fmtbuf *f, char c);
void fmt_mem(struct fmtbuf *f, const char *s, size_t n);
void fmt_str(struct fmtbuf *f, const char *s);
void fmt_u64(struct fmtbuf *f, uint64_t v);
void fmt_i64(struct fmtbuf *f, int64_t v);
void fmt_hex(struct fmtbuf *f, uint64_t v);           /* 0x-prefixed, lower case, no padding */
void fmt_hex_digits(struct fmtbuf *f, uint64_t v, int ndigits); /* exactly ndigits, no prefix */
/* A C-style quoted string: "..." with \n \t \" \\ and \xNN escapes for everything else. */
void fmt_quoted(struct fmtbuf *f, const uint8_t *s, size_t n);
/* A JSON string literal: "..." with \uXXXX escapes for control bytes and bytes >= 0x7f. */
void fmt_json_str(struct fmtbuf *f, const uint8_t *s, size_t n);
/* Whether the buffer was too small for everything appended. */
static inline int fmt_truncated(const struct fmtbuf *f) { return f->size == 0 || f->len >= f->size; }

#endif
