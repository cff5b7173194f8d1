/* print_impl.h — internal to the printers (print.c, print_values.c, print_json.c): the value
 * and struct printers they share. Consumers use print.h. */
#ifndef LOCKSTEP_TRACES_PRINT_IMPL_H
#define LOCKSTEP_TRACES_PRINT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fmt.h"
#include "print.h"

uint64_t pr_get_le(const uint8_t *p, unsigned size);
int64_t pr_sign_extend(uint64_t v, unsigned size);
void pr_signal(struct fmtbuf *f, int64_t sig);
void pr_value(struct fmtbuf *f, unsigned table, uint64_t v);       /* a value list entry */
void pr_flags(struct fmtbuf *f, unsigned table, uint64_t v);       /* A|B|0x10 */
void pr_octal(struct fmtbuf *f, uint64_t v);
void pr_mode(struct fmtbuf *f, uint64_t mode);                     /* S_IFREG|0644 */
void pr_bytes(struct fmtbuf *f, const uint8_t *p, size_t n, const struct print_opts *o);
void pr_struct(struct fmtbuf *f, unsigned id, const uint8_t *p, size_t len, const struct print_opts *o);
void pr_array(struct fmtbuf *f, unsigned id, const uint8_t *p, size_t len, const struct print_opts *o);
void pr_dirents(struct fmtbuf *f, const uint8_t *p, size_t len, const struct print_opts *o);
void pr_bitset(struct fmtbuf *f, const uint8_t *p, size_t len, bool signals);
void pr_sockaddr_un(struct fmtbuf *f, const uint8_t *p, size_t len);
/* print.c: the event without the task prefix; the name of a birth's `how`. */
/* A string list as "[a, b]", each string written by one of fmt.h's quoting functions
   (fmt_quoted for text, fmt_json_str for JSON): the one walker both printers use. */
void pr_strv(struct fmtbuf *f, const struct trace_strv *v,
             void (*quote)(struct fmtbuf *f, const uint8_t *s, size_t n));
void pr_event_text(struct fmtbuf *f, const struct trace_event *ev, const struct print_opts *o);
const char *pr_birth_how(uint32_t how);

#endif
