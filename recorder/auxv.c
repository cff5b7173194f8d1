/* Hiding the vDSO (see auxv.h). At the exec stop, the stack pointer is at argc, followed
 * by argv[] and envp[] (each NULL-terminated) and then the auxv pairs up to AT_NULL.
 * libc finds the vDSO only through AT_SYSINFO_EHDR (musl's __vdsosym, glibc's
 * dl_sysinfo_dso, static or not), so renaming that entry AT_IGNORE makes clock_gettime,
 * gettimeofday, time and getcpu real syscalls. /proc/PID/auxv (the kernel's own copy) and
 * /proc/PID/maps still show the vDSO. */
#include "auxv.h"
#include "vmread.h"

#include <elf.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#define MAX_WORDS 65536   /* argv + envp + auxv words searched */

int auxv_hide_vdso(pid_t pid)
{
	struct user_regs_struct regs;
	uint64_t w[512], addr, argc;
	int nulls = 0;   /* NULLs seen: the end of argv, then the end of envp */
	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) || vm_read(pid, regs.rsp, &argc, 8) != 8)
		return -1;
	addr = regs.rsp + 8 + (argc + 1) * 8;   /* envp[0] */
	nulls = 1;
	for (unsigned done = 0; done < MAX_WORDS;) {
		size_t n = vm_read(pid, addr, w, sizeof w) / 8;
		if (n < 2)
			return -1;
		size_t i = 0;
		for (; nulls < 2 && i < n; i++)
			if (w[i] == 0)
				nulls++;
		/* auxv pairs from here; keep i even relative to the auxv start */
		for (; i + 1 < n; i += 2) {
			if (w[i] == AT_NULL)
				return -1;   /* no vDSO */
			if (w[i] == AT_SYSINFO_EHDR)
				return ptrace(PTRACE_POKEDATA, pid, (void *)(uintptr_t)(addr + i * 8),
					      (void *)(uintptr_t)AT_IGNORE) ? -1 : 0;
		}
		addr += i * 8;
		done += (unsigned)i;
	}
	return -1;
}
