/* The recorder's side of traces/capture.h (see syscall_mem.h): the walker asks for small
 * reads (iovec arrays, msghdr, lengths) and names regions; both are served from the
 * tracee with vm_read. */
#include "syscall_mem.h"
#include "capture.h"
#include "sysdesc.h"
#include "vmread.h"

#include <errno.h>
#include <string.h>

static int mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct task *t = ctx;
	return vm_read(t->tid, addr, buf, len) == len ? 0 : -EFAULT;
}

static int mem_region(void *ctx, const struct trace_mem *m)
{
	struct task *t = ctx;
	capbuf_add(&t->cap, t->tid, m);
	return 0;
}

static void walk(struct task *t, int64_t result, enum capture_phase phase)
{
	const struct capture_ops ops = { mem_read, mem_region, t };
	if (!sysdesc_get(t->nr)) {
		t->sc_flags |= TRACE_SC_UNDESCRIBED;
		return;
	}
	capture_syscall(&ops, &t->cstate, t->nr, t->args, result, phase, &t->sc_flags);
}

void syscall_mem_entry(struct task *t)
{
	memset(&t->cstate, 0, sizeof t->cstate);
	t->sc_flags = 0;
	capbuf_reset(&t->cap);
	walk(t, 0, CAPTURE_ENTRY);
}

void syscall_mem_exit(struct task *t, int64_t result)
{
	if (result >= 0)
		walk(t, result, CAPTURE_EXIT);
}
