/*
 * proc_seq.c — printing /proc text into a bounded buffer (struct seq_buf, proc_internal.h),
 * the part of Linux's seq_file that the generated files need: formatted output and
 * seq_pad's padding to a column (used by maps).
 */
#include "kernel/fs/proc_internal.h"
#include <stdarg.h>

void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
    if (s->len >= s->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->len = MIN(s->size, s->len + (size_t)n);
}

void seq_buf_pad(struct seq_buf *s, size_t column)
{
    size_t line = s->len;
    while (line > 0 && s->buf[line - 1] != '\n')
        line--;
    while (s->len - line < column && s->len < s->size)
        s->buf[s->len++] = ' ';
}
