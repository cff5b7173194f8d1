/* ids — the identity, limits, clocks and randomness a program sees at start: prints one
 * "key value" line each, for the test to compare with the sandbox's starting state. */
#include <stdio.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    struct utsname u;
    uname(&u);
    printf("uname %s %s %s %s\n", u.sysname, u.nodename, u.release, u.machine);
    printf("ids %d %d %d %d %d %d %d %d\n", getpid(), getppid(), getpgrp(), getsid(0),
           getuid(), geteuid(), getgid(), getegid());
    struct rlimit r;
    getrlimit(RLIMIT_STACK, &r);
    printf("stack %llu\n", (unsigned long long)r.rlim_cur);
    getrlimit(RLIMIT_NOFILE, &r);
    printf("nofile %llu %llu\n", (unsigned long long)r.rlim_cur, (unsigned long long)r.rlim_max);
    struct timespec rt, m1, m2;
    clock_gettime(CLOCK_REALTIME, &rt);
    clock_gettime(CLOCK_MONOTONIC, &m1);
    for (volatile int i = 0; i < 1000000; i++)
        ;
    clock_gettime(CLOCK_MONOTONIC, &m2);
    printf("realtime %lld\n", (long long)rt.tv_sec);
    printf("monotonic-advances %d\n", m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec > m1.tv_nsec));
    unsigned char buf[16];
    printf("getrandom %zd\n", getrandom(buf, sizeof buf, 0));
    return 0;
}
