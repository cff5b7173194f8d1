/* Tracee memory reads (see vmread.h). process_vm_readv reads what the tracee itself could
 * read, and stops at the first page it could not. PTRACE_PEEKDATA is only the fallback for
 * when process_vm_readv is unavailable (ENOSYS, EPERM): it forces access, so it would read
 * PROT_NONE pages that the kernel's own copy_from_user faults on, and a capture must not
 * claim bytes the syscall could not have read. */
#include "vmread.h"

#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#define PAGE 4096ul

/* Bytes read, or -1 when process_vm_readv itself is unavailable. */
static ssize_t fast_read(pid_t pid, uint64_t addr, uint8_t *out, size_t len)
{
	struct iovec local = { out, len }, remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (n < 0)
		return errno == ENOSYS || errno == EPERM ? -1 : 0;
	return n;
}

/* PEEKDATA over [addr, addr+len) (within one page); returns bytes read. */
static size_t peek_read(pid_t pid, uint64_t addr, uint8_t *out, size_t len)
{
	size_t done = 0;
	while (done < len) {
		uint64_t a = addr + done, aligned = a & ~7ull;
		errno = 0;
		long word = ptrace(PTRACE_PEEKDATA, pid, (void *)(uintptr_t)aligned, NULL);
		if (errno)
			break;
		size_t skip = a - aligned, take = 8 - skip;
		if (take > len - done)
			take = len - done;
		memcpy(out + done, (uint8_t *)&word + skip, take);
		done += take;
	}
	return done;
}

size_t vm_read(pid_t pid, uint64_t addr, void *out, size_t len)
{
	uint8_t *p = out;
	size_t done = 0;
	if (addr + len < addr)
		len = UINT64_MAX - addr;
	ssize_t n = fast_read(pid, addr, p, len);
	if (n >= 0)
		return (size_t)n;   /* short at the first page the tracee cannot read */
	while (done < len) {     /* no process_vm_readv: a page at a time by PEEKDATA */
		uint64_t a = addr + done;
		size_t in_page = PAGE - (a & (PAGE - 1));
		if (in_page > len - done)
			in_page = len - done;
		size_t got = peek_read(pid, a, p + done, in_page);
		done += got;
		if (got < in_page)
			break;
	}
	return done;
}

long vm_read_str(pid_t pid, uint64_t addr, char *out, size_t max, size_t *got)
{
	size_t done = 0;
	*got = 0;
	/* Read up to the end of each page, so a string ending before an unmapped page works. */
	while (done < max) {
		size_t chunk = PAGE - ((addr + done) & (PAGE - 1));
		if (chunk > max - done)
			chunk = max - done;
		size_t n = vm_read(pid, addr + done, out + done, chunk);
		void *nul = memchr(out + done, 0, n);
		if (nul) {
			*got = (size_t)((char *)nul - out);
			return (long)*got;
		}
		done += n;
		*got = done;
		if (n < chunk)
			return -1;
	}
	return -1;
}
