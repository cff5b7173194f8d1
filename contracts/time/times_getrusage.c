/*
 * times_getrusage — times() returns a tick count and fills struct tms; CPU
 * times in times() and getrusage(RUSAGE_SELF) never go back after work; a
 * reaped child's CPU time moves into the children's totals (never back);
 * RUSAGE_THREAD works; fields are in range; times(NULL) is allowed; EINVAL for
 * an unknown `who`, EFAULT for a bad pointer. Lower bounds only.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>

static void burn(void)
{
	volatile unsigned long sink = 0;
	for (unsigned long i = 0; i < 20000000UL; i++)
		sink += i;
}

static long long usec(const struct timeval *tv)
{
	return tv->tv_sec * 1000000LL + tv->tv_usec;
}

static int tv_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

int main(void)
{
	sigchld_quiet();
	struct tms t0, t1, t2;
	struct rusage r0, r1, rc0, rc1, rt;

	long ticks = syscall(SYS_times, &t0);
	CHECK("times returns a tick count", ticks != -1, "failed");
	CHECK("tms fields not negative", t0.tms_utime >= 0 && t0.tms_stime >= 0 && t0.tms_cutime >= 0 &&
	      t0.tms_cstime >= 0, "negative");
	CHECK_OK("getrusage RUSAGE_SELF", getrusage(RUSAGE_SELF, &r0));
	CHECK_OK("getrusage RUSAGE_CHILDREN", getrusage(RUSAGE_CHILDREN, &rc0));
	burn();
	long ticks1 = syscall(SYS_times, &t1);
	getrusage(RUSAGE_SELF, &r1);
	CHECK("tick count does not go back", ticks1 >= ticks, "went back");
	CHECK("times CPU time does not go back", t1.tms_utime + t1.tms_stime >= t0.tms_utime + t0.tms_stime,
	      "went back");
	CHECK("rusage fields in range", tv_valid(&r1.ru_utime) && tv_valid(&r1.ru_stime), "out of range");
	CHECK("rusage CPU time does not go back",
	      usec(&r1.ru_utime) + usec(&r1.ru_stime) >= usec(&r0.ru_utime) + usec(&r0.ru_stime), "went back");
	CHECK("page-fault counts not negative", r1.ru_minflt >= 0 && r1.ru_majflt >= 0, "negative");
	CHECK_OK("getrusage RUSAGE_THREAD", getrusage(RUSAGE_THREAD, &rt));
	CHECK("RUSAGE_THREAD fields in range", tv_valid(&rt.ru_utime) && tv_valid(&rt.ru_stime), "out of range");

	pid_t pid = fork();
	if (pid == 0) {
		burn();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	syscall(SYS_times, &t2);
	getrusage(RUSAGE_CHILDREN, &rc1);
	CHECK("children's times do not go back", t2.tms_cutime + t2.tms_cstime >= t0.tms_cutime + t0.tms_cstime,
	      "went back");
	CHECK("RUSAGE_CHILDREN does not go back",
	      usec(&rc1.ru_utime) + usec(&rc1.ru_stime) >= usec(&rc0.ru_utime) + usec(&rc0.ru_stime), "went back");
	CHECK("RUSAGE_CHILDREN fields in range", tv_valid(&rc1.ru_utime) && tv_valid(&rc1.ru_stime), "out of range");

	CHECK("times(NULL) allowed", syscall(SYS_times, NULL) != -1, "failed");
	CHECK_ERR("unknown who", getrusage(5, &r0), EINVAL);
	CHECK_ERR("bad rusage pointer", syscall(SYS_getrusage, RUSAGE_SELF, (void *)8), EFAULT);
	CHECK_ERR("bad tms pointer", syscall(SYS_times, (void *)8), EFAULT);
	return contract_end();
}
