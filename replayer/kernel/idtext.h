/* idtext.h — inode and device numbers printed as text by /proc (idtext.c). */
#ifndef REPLAYER_KERNEL_IDTEXT_H
#define REPLAYER_KERNEL_IDTEXT_H

#include "engine.h"

/* The call's output is /proc text carrying inode or device numbers (a /proc/<pid>/maps read,
 * a "pipe:[ino]"-style fd link): idtext_check judges it, in place of the result and output
 * comparison. */
bool idtext_applies(struct check_run *run, struct check_stream *s, const struct trace_syscall *sc, int64_t act);
int idtext_check(struct check_run *run, struct check_stream *s, uint32_t pos, const struct trace_syscall *sc,
                 int64_t *result, const char *executed);

#endif
