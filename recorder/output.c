/* The output thread (see output.h). It needs no ptrace and never blocks the ptrace
 * loop; a program blocked writing to a full pipe is always drained here. */
#include "output.h"
#include "emit.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

static pthread_t thread;
static int fds[2];
static bool pass_through;

static void pass(int to, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(to, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;   /* our own stdout is gone: keep recording */
		buf += w;
		n -= (size_t)w;
	}
}

static void *output_main(void *arg)
{
	static char buf[65536];
	struct pollfd p[2] = { { fds[0], POLLIN, 0 }, { fds[1], POLLIN, 0 } };
	(void)arg;
	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			ssize_t n = read(p[i].fd, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				continue;
			}
			struct trace_event ev = { .kind = TRACE_OUTPUT, .task = TRACE_TASK_NONE };
			ev.output.stream = (uint32_t)i + 1;
			ev.output.data = (struct trace_bytes){ (const uint8_t *)buf, (uint32_t)n };
			emit_event(&ev);
			if (pass_through)
				pass(i + 1, buf, (size_t)n);
		}
	}
	return NULL;
}

int output_start(const int out_fd[2], bool quiet)
{
	fds[0] = out_fd[0];
	fds[1] = out_fd[1];
	pass_through = !quiet;
	return pthread_create(&thread, NULL, output_main, NULL) ? -1 : 0;
}

void output_finish(void)
{
	pthread_join(thread, NULL);
}
