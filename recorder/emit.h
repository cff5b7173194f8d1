/* Writing the trace: one writer shared by the ptrace loop and the output thread, each
 * record written (and so flushed to the file) as soon as it is complete. */
#ifndef RECORDER_EMIT_H
#define RECORDER_EMIT_H

#include "trace.h"

int emit_open(const char *path, const struct trace_header *h, char *err, size_t errlen);
void emit_event(const struct trace_event *ev);
int emit_close(void);   /* writes END; 0 or -errno (the first write error, if any) */
unsigned long long emit_bytes(void);
unsigned long long emit_records(void);
uint32_t emit_events(void);   /* events (records between header and END) written so far */

#endif
