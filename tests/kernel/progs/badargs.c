/* badargs — system calls of the kernel core given bad pointers and bad arguments: each
 * must fail with the errno Linux gives (the test compares with a native run) and never
 * bring the kernel down. One line per call: name and result (-errno). */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <errno.h>

#define KADDR ((long)0xffffffff80100000UL)
#define UNMAPPED 0x10000L

static void show(const char *name, long r)
{
    printf("%-28s %ld\n", name, r < 0 ? -(long)errno : r);
}

#define TRY(name, ...) show(name, syscall(__VA_ARGS__))

int main(void)
{
    TRY("uname kernel", SYS_uname, KADDR);
    TRY("uname unmapped", SYS_uname, UNMAPPED);
    TRY("clock_gettime kernel", SYS_clock_gettime, 0, KADDR);
    TRY("clock_gettime bad clock", SYS_clock_gettime, 12345, UNMAPPED);
    TRY("clock_getres null", SYS_clock_getres, 1, 0);
    TRY("getrandom kernel", SYS_getrandom, KADDR, 16, 0);
    TRY("getrandom bad flags", SYS_getrandom, UNMAPPED, 16, 0x100);
    TRY("prlimit64 bad resource", SYS_prlimit64, 0, 99, 0, 0);
    TRY("prlimit64 kernel old", SYS_prlimit64, 0, 3, 0, KADDR);
    TRY("getrlimit unmapped", SYS_getrlimit, 3, UNMAPPED);
    TRY("rt_sigaction bad size", SYS_rt_sigaction, 10, 0, 0, 4);
    TRY("rt_sigaction SIGKILL", SYS_rt_sigaction, 9, UNMAPPED, 0, 8);
    TRY("rt_sigaction kernel old", SYS_rt_sigaction, 10, 0, KADDR, 8);
    TRY("rt_sigaction sig 0", SYS_rt_sigaction, 0, 0, 0, 8);
    TRY("rt_sigaction sig 65", SYS_rt_sigaction, 65, 0, 0, 8);
    TRY("rt_sigprocmask bad how", SYS_rt_sigprocmask, 7, UNMAPPED, 0, 8);
    TRY("rt_sigprocmask kernel set", SYS_rt_sigprocmask, 0, KADDR, 0, 8);
    TRY("arch_prctl kernel fs", SYS_arch_prctl, 0x1002, KADDR);
    TRY("arch_prctl bad code", SYS_arch_prctl, 0x9999, 0);
    TRY("arch_prctl get to kernel", SYS_arch_prctl, 0x1003, KADDR);
    TRY("set_robust_list bad len", SYS_set_robust_list, 0, 1);
    TRY("rseq misaligned", SYS_rseq, UNMAPPED + 4, 32, 0, 0);
    TRY("rseq bad flags", SYS_rseq, UNMAPPED, 32, 4, 0);
    TRY("mmap zero length", SYS_mmap, 0, 0, 3, 0x22, -1, 0);
    TRY("mmap no type", SYS_mmap, 0, 4096, 3, 0x20, -1, 0);
    TRY("mmap unaligned offset", SYS_mmap, 0, 4096, 3, 0x22, -1, 7);
    TRY("mmap fixed kernel", SYS_mmap, KADDR, 4096, 3, 0x32, -1, 0);
    TRY("mmap fixed unaligned", SYS_mmap, UNMAPPED + 1, 4096, 3, 0x32, -1, 0);
    TRY("mmap bad fd", SYS_mmap, 0, 4096, 1, 0x02, 999, 0);
    TRY("munmap unaligned", SYS_munmap, UNMAPPED + 1, 4096);
    TRY("munmap kernel", SYS_munmap, KADDR, 4096);
    TRY("munmap zero length", SYS_munmap, UNMAPPED, 0);
    TRY("munmap unmapped ok", SYS_munmap, UNMAPPED, 4096);
    TRY("mprotect unaligned", SYS_mprotect, UNMAPPED + 1, 4096, 1);
    TRY("mprotect unmapped", SYS_mprotect, UNMAPPED, 4096, 1);
    TRY("mprotect bad prot", SYS_mprotect, UNMAPPED, 4096, 0x100);
    TRY("mremap unaligned", SYS_mremap, UNMAPPED + 1, 4096, 8192, 0, 0);
    TRY("mremap unmapped", SYS_mremap, UNMAPPED, 4096, 8192, 1, 0);
    TRY("mremap fixed no maymove", SYS_mremap, UNMAPPED, 4096, 4096, 2, 0);
    TRY("madvise bad advice", SYS_madvise, UNMAPPED, 4096, 999);
    TRY("madvise unmapped", SYS_madvise, UNMAPPED, 4096, 4);
    TRY("mincore unmapped", SYS_mincore, UNMAPPED, 4096, UNMAPPED);
    TRY("msync both flags", SYS_msync, UNMAPPED, 4096, 5);
    TRY("wait4 no child", SYS_wait4, -1, KADDR, 0, 0);
    TRY("wait4 bad options", SYS_wait4, -1, 0, 0x4000000, 0);
    TRY("waitid bad idtype", SYS_waitid, 9, 0, 0, 4, 0);
    TRY("waitid no options", SYS_waitid, 0, 0, 0, 0, 0);
    TRY("kill bad signal", SYS_kill, 1, 99);
    TRY("kill no such pid", SYS_kill, 99999, 0);
    TRY("tkill bad tid", SYS_tkill, -1, 0);
    TRY("tgkill bad tgid", SYS_tgkill, 0, 1, 0);
    TRY("setpgid negative", SYS_setpgid, 0, -1);
    TRY("setpgid not a child", SYS_setpgid, 1, 0);
    TRY("setuid -1", SYS_setuid, -1);
    TRY("getgroups negative", SYS_getgroups, -1, 0);
    TRY("setgroups too many", SYS_setgroups, 70000, 0);
    TRY("sysinfo kernel", SYS_sysinfo, KADDR);
    TRY("times kernel", SYS_times, KADDR);
    TRY("getrusage bad who", SYS_getrusage, 5, UNMAPPED);
    TRY("nanosleep bad nsec", SYS_nanosleep, UNMAPPED, 0);
    TRY("clock_nanosleep bad flags", SYS_clock_nanosleep, 1, 2, UNMAPPED, 0);
    TRY("prctl bad option", SYS_prctl, 9999, 0, 0, 0, 0);
    TRY("prctl get name kernel", SYS_prctl, 16, KADDR, 0, 0, 0);
    TRY("execve kernel path", SYS_execve, KADDR, 0, 0);
    TRY("execve bad argv", SYS_execve, "/t/exit42", KADDR, 0);
    TRY("execve directory", SYS_execve, "/t", 0, 0);
    TRY("clone thread", SYS_clone, 0x10000, 0, 0, 0, 0);
    TRY("brk kernel", SYS_brk, KADDR);
    printf("still alive\n");
    return 0;
}
