/* The recorder's trace writer (see emit.h). A write error is remembered and reported
 * once at the end, so the program still runs to completion. */
#include "emit.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct trace_writer writer;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int fd = -1, first_error;
static uint32_t events;   /* written so far (every kind): the count SYSCALL.entered_after takes */

int emit_open(const char *path, const struct trace_header *h, char *err, size_t errlen)
{
	int rc;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	trace_writer_init_fd(&writer, fd);
	if ((rc = trace_write_header(&writer, h))) {
		snprintf(err, errlen, "cannot write the trace header to %s: %s", path, strerror(-rc));
		return -1;
	}
	return 0;
}

void emit_event(const struct trace_event *ev)
{
	if (fd < 0)
		return;   /* strace oracle mode: no trace */
	pthread_mutex_lock(&lock);
	int rc = trace_write_event(&writer, ev);
	events++;
	if (rc && !first_error) {
		first_error = rc;
		fprintf(stderr, "lockstep record: writing the trace failed: %s (kind %u)\n",
			strerror(-rc), ev->kind);
	}
	pthread_mutex_unlock(&lock);
}

int emit_close(void)
{
	pthread_mutex_lock(&lock);
	int rc = trace_write_end(&writer);
	if (!first_error)
		first_error = rc;
	trace_writer_release(&writer);
	if (fd >= 0 && close(fd) && !first_error)
		first_error = -errno;
	fd = -1;
	pthread_mutex_unlock(&lock);
	return first_error;
}

unsigned long long emit_bytes(void) { return writer.bytes; }
unsigned long long emit_records(void) { return writer.nrecords; }

uint32_t emit_events(void)
{
	pthread_mutex_lock(&lock);
	uint32_t n = events;
	pthread_mutex_unlock(&lock);
	return n;
}
