/*
 * gettimeofday_time — gettimeofday gives a real date with tv_usec in range and
 * agrees with CLOCK_REALTIME read just before and after (to the second); the
 * timezone argument may be given alone or omitted; EFAULT for a bad pointer.
 * Syscalls are made directly (musl would use the vDSO).
 */
#define _GNU_SOURCE
#include "contract.h"
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#define JAN_1_2024 1704067200L

int main(void)
{
	struct timespec before, after;
	struct timeval tv;
	struct timezone tz;

	syscall(SYS_clock_gettime, CLOCK_REALTIME, &before);
	CHECK_OK("gettimeofday", syscall(SYS_gettimeofday, &tv, NULL));
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &after);
	CHECK("tv_usec in range", tv.tv_usec >= 0 && tv.tv_usec < 1000000, "out of range");
	CHECK("a date after 2024-01-01", tv.tv_sec > JAN_1_2024, "too early (1970?)");
	CHECK("not behind CLOCK_REALTIME read before", tv.tv_sec > before.tv_sec ||
	      (tv.tv_sec == before.tv_sec && tv.tv_usec >= before.tv_nsec / 1000), "behind");
	CHECK("not ahead of CLOCK_REALTIME read after", tv.tv_sec < after.tv_sec ||
	      (tv.tv_sec == after.tv_sec && tv.tv_usec <= after.tv_nsec / 1000 + 1), "ahead");

	CHECK_OK("timezone only", syscall(SYS_gettimeofday, NULL, &tz));
	CHECK_OK("both NULL", syscall(SYS_gettimeofday, NULL, NULL));
	CHECK_OK("both given", syscall(SYS_gettimeofday, &tv, &tz));
	CHECK_ERR("bad timeval pointer", syscall(SYS_gettimeofday, (void *)8, NULL), EFAULT);
	CHECK_ERR("bad timezone pointer", syscall(SYS_gettimeofday, &tv, (void *)8), EFAULT);
	return contract_end();
}
