/*
 * getrandom_flags — getrandom fills the buffer: a length of 0 returns 0, 16 and
 * 4096 bytes come back in full with flags 0, GRND_NONBLOCK and GRND_INSECURE,
 * GRND_RANDOM returns between 1 and the length asked, two reads differ and are
 * not all zero; EINVAL for unknown flags and for GRND_INSECURE with GRND_RANDOM,
 * EFAULT for a bad buffer. No random bytes are printed.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/syscall.h>

#define GRND_NONBLOCK 0x1
#define GRND_RANDOM 0x2
#define GRND_INSECURE 0x4

static long sys_getrandom(void *buf, size_t len, unsigned flags)
{
	return syscall(SYS_getrandom, buf, len, flags);
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	static unsigned char a[4096], b[4096];

	CHECK("length 0 returns 0", sys_getrandom(a, 0, 0) == 0, "nonzero");
	CHECK("16 bytes", sys_getrandom(a, 16, 0) == 16, "short");
	CHECK("another 16 bytes", sys_getrandom(b, 16, 0) == 16, "short");
	CHECK("two reads differ", memcmp(a, b, 16) != 0, "same bytes");
	CHECK("not all zero", !all_zero(a, 16), "zeros");
	CHECK("4096 bytes", sys_getrandom(a, sizeof a, 0) == (long)sizeof a, "short");
	CHECK("4096 bytes not all zero", !all_zero(a, sizeof a), "zeros");
	CHECK("GRND_NONBLOCK 16 bytes", sys_getrandom(a, 16, GRND_NONBLOCK) == 16, "short");
	CHECK("GRND_INSECURE 16 bytes", sys_getrandom(a, 16, GRND_INSECURE) == 16, "short");
	long n = sys_getrandom(a, 16, GRND_RANDOM);
	CHECK("GRND_RANDOM 1..16 bytes", n >= 1 && n <= 16, "returned %ld", n);
	n = sys_getrandom(a, 16, GRND_RANDOM | GRND_NONBLOCK);
	CHECK("GRND_RANDOM | GRND_NONBLOCK", n >= 1 && n <= 16, "returned %ld", n);

	CHECK_ERR("unknown flag 0x8", sys_getrandom(a, 16, 0x8), EINVAL);
	CHECK_ERR("unknown high flag", sys_getrandom(a, 16, 0x80000000u), EINVAL);
	CHECK_ERR("GRND_INSECURE | GRND_RANDOM", sys_getrandom(a, 16, GRND_INSECURE | GRND_RANDOM), EINVAL);
	CHECK_ERR("bad buffer", sys_getrandom((void *)8, 16, 0), EFAULT);
	return contract_end();
}
