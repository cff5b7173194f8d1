/*
 * auxv_hwcap — the auxiliary vector tells a program what the CPU can do (AT_HWCAP: CPUID.1:EDX
 * as the kernel saw it; AT_HWCAP2: kernel-enabled extras such as FSGSBASE), and libcs pick code
 * by it. The values are the recording host's: a kernel must report those, not the emulator's.
 * /proc/self/auxv carries the same pairs.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/auxv.h>

int main(void)
{
	unsigned long hwcap = getauxval(AT_HWCAP), hwcap2 = getauxval(AT_HWCAP2);
	contract_say("AT_HWCAP %#lx AT_HWCAP2 %#lx", hwcap, hwcap2);
	CHECK("AT_HWCAP has FPU and TSC", (hwcap & 1) && (hwcap & (1 << 4)), "%#lx", hwcap);

	unsigned long pairs[128][2];
	int fd = open("/proc/self/auxv", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, pairs, sizeof pairs) : -1;
	CHECK("read /proc/self/auxv", n > 0 && n % 16 == 0, "%zd", n);
	unsigned long seen = 0, seen2 = 0;
	for (ssize_t i = 0; i < n / 16; i++) {
		if (pairs[i][0] == AT_HWCAP)
			seen = pairs[i][1];
		if (pairs[i][0] == AT_HWCAP2)
			seen2 = pairs[i][1];
	}
	CHECK("/proc/self/auxv has the same AT_HWCAP", seen == hwcap, "%#lx", seen);
	CHECK("and AT_HWCAP2", seen2 == hwcap2, "%#lx", seen2);
	return contract_end();
}
