/*
 * sysinfo_fields — sysinfo fills plausible values: uptime between CLOCK_BOOTTIME
 * read before and after (it is rounded up to the next second), total memory
 * above free, buffer and shared memory, a memory unit of at least one byte, at
 * least one process, free swap not above total swap, no high memory on x86-64;
 * EFAULT for a bad pointer. Nothing host-specific is printed.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <time.h>

int main(void)
{
	struct sysinfo si;
	struct timespec before, after;

	syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &before);
	memset(&si, 0xff, sizeof si);
	CHECK_OK("sysinfo", sysinfo(&si));
	syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &after);

	CHECK("uptime positive", si.uptime > 0, "not positive");
	CHECK("uptime not behind BOOTTIME", (long)si.uptime >= before.tv_sec, "behind");
	CHECK("uptime not ahead of BOOTTIME (rounded up)", (long)si.uptime <= after.tv_sec + 1, "ahead");
	CHECK("mem_unit at least 1", si.mem_unit >= 1, "zero");
	CHECK("totalram positive", si.totalram > 0, "zero");
	CHECK("freeram not above totalram", si.freeram <= si.totalram, "above");
	CHECK("bufferram not above totalram", si.bufferram <= si.totalram, "above");
	CHECK("sharedram not above totalram", si.sharedram <= si.totalram, "above");
	CHECK("freeswap not above totalswap", si.freeswap <= si.totalswap, "above");
	CHECK("no high memory on x86-64", si.totalhigh == 0 && si.freehigh == 0, "nonzero");
	CHECK("at least one process", si.procs >= 1, "zero");
	CHECK_ERR("bad pointer", syscall(SYS_sysinfo, (void *)8), EFAULT);
	return contract_end();
}
