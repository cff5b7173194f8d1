/* sysdesc.c — the syscall description rows (see sysdesc.h for what each argument kind means
 * and captures). One row per syscall, indexed by the number from the generated list; adding a
 * syscall is adding a row. Names of undescribed syscalls still come from the generated list. */
#include "libc.h"
#include "sysdesc.h"
#include "uapi.h"

static const char *const names[SYSDESC_NR_MAX] = {
#define SYSCALL(nr, name) [nr] = #name,
#include "syscall_list.h"
#undef SYSCALL
};

/* Argument shorthands. */
#define A(k)           { SD_##k, 0, SD_NOLEN }
#define AL(k, n)       { SD_##k, 0, n }
#define FL(t)          { SD_FLAGS, FL_##t, SD_NOLEN }
#define EN(t)          { SD_ENUM, FL_##t, SD_NOLEN }
#define ST(k, s)       { SD_##k, ST_##s, SD_NOLEN }
#define STL(k, s, n)   { SD_##k, ST_##s, n }

/* R(name, result kind, row flags, nargs, args...) */
#define R(nm, ret, fl, n, ...) [SYS_NR_##nm] = { #nm, n, SD_##ret, fl, { __VA_ARGS__ } }

#define WORLD SDF_WORLD

static const struct sysdesc rows[SYSDESC_NR_MAX] = {
    /* fd: read_write.c, open.c */
    R(read, LONG, 0, 3, A(FD), A(BUF_OUT_RET), A(UINT)),
    R(write, LONG, 0, 3, A(FD), AL(BUF_IN, 2), A(UINT)),
    R(pread64, LONG, 0, 4, A(FD), A(BUF_OUT_RET), A(UINT), A(LONG)),
    R(pwrite64, LONG, 0, 4, A(FD), AL(BUF_IN, 2), A(UINT), A(LONG)),
    R(readv, LONG, 0, 3, A(FD), AL(IOVEC_OUT, 2), A(INT)),
    R(writev, LONG, 0, 3, A(FD), AL(IOVEC_IN, 2), A(INT)),
    R(preadv, LONG, 0, 4, A(FD), AL(IOVEC_OUT, 2), A(INT), A(LONG)),
    R(pwritev, LONG, 0, 4, A(FD), AL(IOVEC_IN, 2), A(INT), A(LONG)),
    R(preadv2, LONG, 0, 5, A(FD), AL(IOVEC_OUT, 2), A(INT), A(LONG), A(HEX)),
    R(pwritev2, LONG, 0, 5, A(FD), AL(IOVEC_IN, 2), A(INT), A(LONG), A(HEX)),
    R(open, FD, 0, 3, A(PATH), FL(OPEN), A(MODE)),
    R(openat, FD, 0, 4, A(DIRFD), A(PATH), FL(OPEN), A(MODE)),
    R(openat2, FD, 0, 4, A(DIRFD), A(PATH), ST(STRUCT_IN, OPEN_HOW), A(UINT)),
    R(creat, FD, 0, 2, A(PATH), A(MODE)),
    R(close, INT, 0, 1, A(FD)),
    R(close_range, INT, 0, 3, A(UINT), A(UINT), FL(CLOSE_RANGE)),
    R(lseek, LONG, 0, 3, A(FD), A(LONG), EN(WHENCE)),
    R(dup, FD, 0, 1, A(FD)),
    R(dup2, FD, 0, 2, A(FD), A(FD)),
    R(dup3, FD, 0, 3, A(FD), A(FD), FL(O_CLOEXEC)),
    R(pipe, INT, 0, 1, ST(STRUCT_OUT, FDPAIR)),
    R(pipe2, INT, 0, 2, ST(STRUCT_OUT, FDPAIR), FL(PIPE)),
    R(fcntl, INT, 0, 3, A(FD), EN(FCNTL_CMD), A(FCNTL_ARG)),
    R(ioctl, INT, 0, 3, A(FD), EN(IOCTL), A(IOCTL_ARG)),
    R(flock, INT, 0, 2, A(FD), FL(LOCK_OP)),
    R(fsync, INT, 0, 1, A(FD)),
    R(fdatasync, INT, 0, 1, A(FD)),
    R(sync, INT, 0, 0),
    R(syncfs, INT, 0, 1, A(FD)),
    R(truncate, INT, 0, 2, A(PATH), A(LONG)),
    R(ftruncate, INT, 0, 2, A(FD), A(LONG)),
    R(fallocate, INT, 0, 4, A(FD), FL(FALLOC), A(LONG), A(LONG)),
    R(fadvise64, INT, 0, 4, A(FD), A(LONG), A(LONG), A(INT)),
    R(sendfile, LONG, 0, 4, A(FD), A(FD), ST(STRUCT_INOUT, LONG), A(UINT)),
    R(copy_file_range, LONG, 0, 6, A(FD), ST(STRUCT_INOUT, LONG), A(FD), ST(STRUCT_INOUT, LONG), A(UINT), A(UINT)),
    R(splice, LONG, 0, 6, A(FD), ST(STRUCT_INOUT, LONG), A(FD), ST(STRUCT_INOUT, LONG), A(UINT), A(HEX)),
    R(tee, LONG, 0, 4, A(FD), A(FD), A(UINT), A(HEX)),
    R(memfd_create, FD, 0, 2, A(STR), FL(MEMFD)),

    /* filesystem: stat.c, namei.c, readdir.c */
    R(stat, INT, 0, 2, A(PATH), ST(STRUCT_OUT, STAT)),
    R(fstat, INT, 0, 2, A(FD), ST(STRUCT_OUT, STAT)),
    R(lstat, INT, 0, 2, A(PATH), ST(STRUCT_OUT, STAT)),
    R(newfstatat, INT, 0, 4, A(DIRFD), A(PATH), ST(STRUCT_OUT, STAT), FL(AT)),
    R(statx, INT, 0, 5, A(DIRFD), A(PATH), FL(AT), FL(STATX_MASK), ST(STRUCT_OUT, STATX)),
    R(statfs, INT, 0, 2, A(PATH), ST(STRUCT_OUT, STATFS)),
    R(fstatfs, INT, 0, 2, A(FD), ST(STRUCT_OUT, STATFS)),
    R(access, INT, 0, 2, A(PATH), FL(ACCESS)),
    R(faccessat, INT, 0, 3, A(DIRFD), A(PATH), FL(ACCESS)),
    R(faccessat2, INT, 0, 4, A(DIRFD), A(PATH), FL(ACCESS), FL(AT_ACCESS)),
    R(getdents, LONG, 0, 3, A(FD), A(BUF_OUT_RET), A(UINT)),
    R(getdents64, LONG, 0, 3, A(FD), A(DIRENTS), A(UINT)),
    R(getcwd, LONG, 0, 2, A(BUF_OUT_RET), A(UINT)),
    R(chdir, INT, 0, 1, A(PATH)),
    R(fchdir, INT, 0, 1, A(FD)),
    R(chroot, INT, 0, 1, A(PATH)),
    R(rename, INT, 0, 2, A(PATH), A(PATH)),
    R(renameat, INT, 0, 4, A(DIRFD), A(PATH), A(DIRFD), A(PATH)),
    R(renameat2, INT, 0, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), FL(RENAME)),
    R(mkdir, INT, 0, 2, A(PATH), A(MODE)),
    R(mkdirat, INT, 0, 3, A(DIRFD), A(PATH), A(MODE)),
    R(rmdir, INT, 0, 1, A(PATH)),
    R(mknod, INT, 0, 3, A(PATH), A(MODE), A(HEX)),
    R(mknodat, INT, 0, 4, A(DIRFD), A(PATH), A(MODE), A(HEX)),
    R(link, INT, 0, 2, A(PATH), A(PATH)),
    R(linkat, INT, 0, 5, A(DIRFD), A(PATH), A(DIRFD), A(PATH), FL(AT)),
    R(unlink, INT, 0, 1, A(PATH)),
    R(unlinkat, INT, 0, 3, A(DIRFD), A(PATH), FL(UNLINK_AT)),
    R(symlink, INT, 0, 2, A(PATH), A(PATH)),
    R(symlinkat, INT, 0, 3, A(PATH), A(DIRFD), A(PATH)),
    R(readlink, LONG, 0, 3, A(PATH), A(BUF_OUT_RET), A(UINT)),
    R(readlinkat, LONG, 0, 4, A(DIRFD), A(PATH), A(BUF_OUT_RET), A(UINT)),
    R(chmod, INT, 0, 2, A(PATH), A(MODE)),
    R(fchmod, INT, 0, 2, A(FD), A(MODE)),
    R(fchmodat, INT, 0, 3, A(DIRFD), A(PATH), A(MODE)),
    R(chown, INT, 0, 3, A(PATH), A(INT), A(INT)),
    R(fchown, INT, 0, 3, A(FD), A(INT), A(INT)),
    R(lchown, INT, 0, 3, A(PATH), A(INT), A(INT)),
    R(fchownat, INT, 0, 5, A(DIRFD), A(PATH), A(INT), A(INT), FL(AT)),
    R(umask, MODE, 0, 1, A(MODE)),
    R(utimensat, INT, 0, 4, A(DIRFD), A(PATH), ST(STRUCT_IN, TIMESPEC2), FL(AT)),
    R(utime, INT, 0, 2, A(PATH), ST(STRUCT_IN, UTIMBUF)),
    R(utimes, INT, 0, 2, A(PATH), ST(STRUCT_IN, TIMEVAL2)),
    R(futimesat, INT, 0, 3, A(DIRFD), A(PATH), ST(STRUCT_IN, TIMEVAL2)),
    R(getxattr, LONG, 0, 4, A(PATH), A(STR), A(BUF_OUT_RET), A(UINT)),
    R(lgetxattr, LONG, 0, 4, A(PATH), A(STR), A(BUF_OUT_RET), A(UINT)),
    R(fgetxattr, LONG, 0, 4, A(FD), A(STR), A(BUF_OUT_RET), A(UINT)),
    R(listxattr, LONG, 0, 3, A(PATH), A(BUF_OUT_RET), A(UINT)),
    R(llistxattr, LONG, 0, 3, A(PATH), A(BUF_OUT_RET), A(UINT)),
    R(flistxattr, LONG, 0, 3, A(FD), A(BUF_OUT_RET), A(UINT)),
    R(setxattr, INT, 0, 5, A(PATH), A(STR), AL(BUF_IN, 3), A(UINT), A(HEX)),
    R(lsetxattr, INT, 0, 5, A(PATH), A(STR), AL(BUF_IN, 3), A(UINT), A(HEX)),
    R(fsetxattr, INT, 0, 5, A(FD), A(STR), AL(BUF_IN, 3), A(UINT), A(HEX)),
    R(removexattr, INT, 0, 2, A(PATH), A(STR)),
    R(lremovexattr, INT, 0, 2, A(PATH), A(STR)),
    R(fremovexattr, INT, 0, 2, A(FD), A(STR)),
    R(inotify_init, FD, 0, 0),
    R(inotify_init1, FD, 0, 1, FL(INOTIFY_INIT)),
    R(inotify_add_watch, INT, 0, 3, A(FD), A(PATH), FL(INOTIFY_MASK)),
    R(inotify_rm_watch, INT, 0, 2, A(FD), A(INT)),
    R(mount, INT, 0, 5, A(STR), A(PATH), A(STR), A(HEX), A(ADDR)),
    R(umount2, INT, 0, 2, A(PATH), A(HEX)),
    R(pivot_root, INT, 0, 2, A(PATH), A(PATH)),
    R(acct, INT, 0, 1, A(PATH)),
    R(swapon, INT, 0, 2, A(PATH), A(HEX)),
    R(swapoff, INT, 0, 1, A(PATH)),

    /* events: poll, select, epoll, eventfd, timerfd, signalfd */
    R(poll, INT, 0, 3, STL(ARRAY_INOUT, POLLFD, 1), A(UINT), A(INT)),
    R(ppoll, INT, 0, 5, STL(ARRAY_INOUT, POLLFD, 1), A(UINT), ST(STRUCT_INOUT, TIMESPEC), AL(SIGSET_IN, 4), A(UINT)),
    R(select, INT, 0, 5, A(INT), AL(FDSET, 0), AL(FDSET, 0), AL(FDSET, 0), ST(STRUCT_INOUT, TIMEVAL)),
    R(pselect6, INT, 0, 6, A(INT), AL(FDSET, 0), AL(FDSET, 0), AL(FDSET, 0), ST(STRUCT_INOUT, TIMESPEC),
      ST(STRUCT_IN, PSELECT_SIG)),
    R(epoll_create, FD, 0, 1, A(INT)),
    R(epoll_create1, FD, 0, 1, FL(O_CLOEXEC)),
    R(epoll_ctl, INT, 0, 4, A(FD), EN(EPOLL_CTL), A(FD), ST(STRUCT_IN, EPOLL_EVENT)),
    R(epoll_wait, INT, 0, 4, A(FD), ST(ARRAY_OUT_RET, EPOLL_EVENT), A(INT), A(INT)),
    R(epoll_pwait, INT, 0, 6, A(FD), ST(ARRAY_OUT_RET, EPOLL_EVENT), A(INT), A(INT), AL(SIGSET_IN, 5), A(UINT)),
    R(epoll_pwait2, INT, 0, 6, A(FD), ST(ARRAY_OUT_RET, EPOLL_EVENT), A(INT), ST(STRUCT_IN, TIMESPEC),
      AL(SIGSET_IN, 5), A(UINT)),
    R(eventfd, FD, 0, 1, A(UINT)),
    R(eventfd2, FD, 0, 2, A(UINT), FL(EFD)),
    R(timerfd_create, FD, 0, 2, EN(CLOCK), FL(TFD)),
    R(timerfd_settime, INT, 0, 4, A(FD), FL(TIMER), ST(STRUCT_IN, ITIMERSPEC), ST(STRUCT_OUT, ITIMERSPEC)),
    R(timerfd_gettime, INT, 0, 2, A(FD), ST(STRUCT_OUT, ITIMERSPEC)),
    R(signalfd, FD, 0, 3, A(FD), AL(SIGSET_IN, 2), A(UINT)),
    R(signalfd4, FD, 0, 4, A(FD), AL(SIGSET_IN, 2), A(UINT), FL(SFD)),

    /* sockets */
    R(socket, FD, 0, 3, EN(AF), FL(SOCK_TYPE), A(INT)),
    R(socketpair, INT, 0, 4, EN(AF), FL(SOCK_TYPE), A(INT), ST(STRUCT_OUT, FDPAIR)),
    R(bind, INT, 0, 3, A(FD), AL(SOCKADDR_IN, 2), A(UINT)),
    R(connect, INT, 0, 3, A(FD), AL(SOCKADDR_IN, 2), A(UINT)),
    R(listen, INT, 0, 2, A(FD), A(INT)),
    R(accept, FD, 0, 3, A(FD), AL(SOCKADDR_OUT, 2), A(SOCKLEN_INOUT)),
    R(accept4, FD, 0, 4, A(FD), AL(SOCKADDR_OUT, 2), A(SOCKLEN_INOUT), FL(SOCK_FLAGS)),
    R(getsockname, INT, 0, 3, A(FD), AL(SOCKADDR_OUT, 2), A(SOCKLEN_INOUT)),
    R(getpeername, INT, 0, 3, A(FD), AL(SOCKADDR_OUT, 2), A(SOCKLEN_INOUT)),
    R(sendto, LONG, 0, 6, A(FD), AL(BUF_IN, 2), A(UINT), FL(MSG), AL(SOCKADDR_IN, 5), A(UINT)),
    R(recvfrom, LONG, 0, 6, A(FD), A(BUF_OUT_RET), A(UINT), FL(MSG), AL(SOCKADDR_OUT, 5), A(SOCKLEN_INOUT)),
    R(sendmsg, LONG, 0, 3, A(FD), A(MSGHDR_IN), FL(MSG)),
    R(recvmsg, LONG, 0, 3, A(FD), A(MSGHDR_OUT), FL(MSG)),
    R(shutdown, INT, 0, 2, A(FD), EN(SHUT)),
    R(setsockopt, INT, 0, 5, A(FD), EN(SOCK_LEVEL), A(INT), AL(BUF_IN, 4), A(UINT)),
    R(getsockopt, INT, 0, 5, A(FD), EN(SOCK_LEVEL), A(INT), AL(BUF_OUT_LENPTR, 4), A(SOCKLEN_INOUT)),

    /* signals */
    R(rt_sigaction, INT, 0, 4, EN(SIGNAL), ST(STRUCT_IN, SIGACTION), ST(STRUCT_OUT, SIGACTION), A(UINT)),
    R(rt_sigprocmask, INT, 0, 4, EN(SIG_HOW), AL(SIGSET_IN, 3), AL(SIGSET_OUT, 3), A(UINT)),
    R(rt_sigpending, INT, 0, 2, AL(SIGSET_OUT, 1), A(UINT)),
    R(rt_sigsuspend, INT, 0, 2, AL(SIGSET_IN, 1), A(UINT)),
    R(rt_sigtimedwait, INT, 0, 4, AL(SIGSET_IN, 3), ST(STRUCT_OUT, SIGINFO), ST(STRUCT_IN, TIMESPEC), A(UINT)),
    R(rt_sigqueueinfo, INT, 0, 3, A(PID), EN(SIGNAL), ST(STRUCT_IN, SIGINFO)),
    R(rt_tgsigqueueinfo, INT, 0, 4, A(PID), A(PID), EN(SIGNAL), ST(STRUCT_IN, SIGINFO)),
    R(rt_sigreturn, LONG, 0, 0),
    R(sigaltstack, INT, 0, 2, ST(STRUCT_IN, STACK), ST(STRUCT_OUT, STACK)),
    R(kill, INT, 0, 2, A(PID), EN(SIGNAL)),
    R(tkill, INT, 0, 2, A(PID), EN(SIGNAL)),
    R(tgkill, INT, 0, 3, A(PID), A(PID), EN(SIGNAL)),
    R(pause, INT, 0, 0),
    R(alarm, UINT, 0, 1, A(UINT)),
    R(restart_syscall, LONG, 0, 0),

    /* process */
    R(fork, PID, SDF_NEWTASK, 0),
    R(vfork, PID, SDF_NEWTASK, 0),
    R(clone, PID, SDF_NEWTASK, 5, FL(CLONE), A(ADDR), A(ADDR), A(ADDR), A(HEX)),
    R(clone3, PID, SDF_NEWTASK, 2, ST(STRUCT_IN, CLONE_ARGS), A(UINT)),
    R(execve, INT, SDF_EXEC, 3, A(PATH), A(STRV), A(STRV)),
    R(execveat, INT, SDF_EXEC, 5, A(DIRFD), A(PATH), A(STRV), A(STRV), FL(AT)),
    R(exit, INT, SDF_NORETURN, 1, A(INT)),
    R(exit_group, INT, SDF_NORETURN, 1, A(INT)),
    R(wait4, PID, 0, 4, A(PID), ST(STRUCT_OUT, INT), FL(WAIT), ST(STRUCT_OUT, RUSAGE)),
    R(waitid, INT, 0, 5, EN(IDTYPE), A(PID), ST(STRUCT_OUT, SIGINFO), FL(WAIT), ST(STRUCT_OUT, RUSAGE)),
    R(getpid, PID, 0, 0),
    R(getppid, PID, 0, 0),
    R(gettid, PID, 0, 0),
    R(getpgrp, PID, 0, 0),
    R(getpgid, PID, 0, 1, A(PID)),
    R(setpgid, INT, 0, 2, A(PID), A(PID)),
    R(getsid, PID, 0, 1, A(PID)),
    R(setsid, PID, 0, 0),
    R(getuid, INT, 0, 0),
    R(geteuid, INT, 0, 0),
    R(getgid, INT, 0, 0),
    R(getegid, INT, 0, 0),
    R(setuid, INT, 0, 1, A(INT)),
    R(setgid, INT, 0, 1, A(INT)),
    R(setreuid, INT, 0, 2, A(INT), A(INT)),
    R(setregid, INT, 0, 2, A(INT), A(INT)),
    R(setresuid, INT, 0, 3, A(INT), A(INT), A(INT)),
    R(setresgid, INT, 0, 3, A(INT), A(INT), A(INT)),
    R(getresuid, INT, 0, 3, ST(STRUCT_OUT, U32), ST(STRUCT_OUT, U32), ST(STRUCT_OUT, U32)),
    R(getresgid, INT, 0, 3, ST(STRUCT_OUT, U32), ST(STRUCT_OUT, U32), ST(STRUCT_OUT, U32)),
    R(getgroups, INT, 0, 2, A(INT), ST(ARRAY_OUT_RET, U32)),
    R(setgroups, INT, 0, 2, A(INT), STL(ARRAY_IN, U32, 0)),
    R(getrlimit, INT, 0, 2, EN(RLIMIT), ST(STRUCT_OUT, RLIMIT)),
    R(setrlimit, INT, 0, 2, EN(RLIMIT), ST(STRUCT_IN, RLIMIT)),
    R(prlimit64, INT, 0, 4, A(PID), EN(RLIMIT), ST(STRUCT_IN, RLIMIT), ST(STRUCT_OUT, RLIMIT)),
    R(getrusage, INT, 0, 2, EN(RUSAGE_WHO), ST(STRUCT_OUT, RUSAGE)),
    R(getpriority, INT, 0, 2, A(INT), A(INT)),
    R(setpriority, INT, 0, 3, A(INT), A(INT), A(INT)),
    R(prctl, INT, 0, 5, EN(PRCTL), A(PRCTL_ARG), A(HEX), A(HEX), A(HEX)),
    R(arch_prctl, INT, 0, 2, EN(ARCH_PRCTL), A(ARCH_PRCTL_ARG)),
    R(personality, HEX, 0, 1, FL(PERSONALITY)),
    R(unshare, INT, 0, 1, FL(CLONE)),
    R(setns, INT, 0, 2, A(FD), FL(CLONE)),
    R(capget, INT, 0, 2, ST(STRUCT_INOUT, CAP_HEADER), A(ADDR)),
    R(capset, INT, 0, 2, ST(STRUCT_IN, CAP_HEADER), A(ADDR)),
    R(syslog, INT, 0, 3, A(INT), A(BUF_OUT_RET), A(INT)),
    R(reboot, INT, 0, 4, A(HEX), A(HEX), A(HEX), A(ADDR)),
    R(pidfd_open, FD, 0, 2, A(PID), A(HEX)),
    R(pidfd_send_signal, INT, 0, 4, A(FD), EN(SIGNAL), ST(STRUCT_IN, SIGINFO), A(HEX)),
    R(ioprio_get, INT, 0, 2, A(INT), A(INT)),
    R(ioprio_set, INT, 0, 3, A(INT), A(INT), A(INT)),
    R(uname, INT, WORLD, 1, ST(STRUCT_OUT, UTSNAME)),
    R(sethostname, INT, 0, 2, AL(BUF_IN, 1), A(UINT)),
    R(setdomainname, INT, 0, 2, AL(BUF_IN, 1), A(UINT)),
    R(sysinfo, INT, WORLD, 1, ST(STRUCT_OUT, SYSINFO)),
    R(getrandom, LONG, WORLD, 3, A(BUF_OUT_RET), A(UINT), FL(GRND)),
    R(getcpu, INT, WORLD, 3, ST(STRUCT_OUT, U32), ST(STRUCT_OUT, U32), A(ADDR)),

    /* threading */
    R(futex, LONG, 0, 6, A(ADDR), FL(FUTEX_OP), A(UINT), A(HEX), A(ADDR), A(UINT)),
    R(set_tid_address, PID, 0, 1, A(ADDR)),
    R(set_robust_list, INT, 0, 2, A(ADDR), A(UINT)),
    R(get_robust_list, INT, 0, 3, A(PID), A(ADDR), A(ADDR)),
    R(rseq, INT, 0, 4, A(ADDR), A(UINT), A(HEX), A(HEX)),
    R(sched_yield, INT, 0, 0),
    R(sched_getaffinity, INT, 0, 3, A(PID), A(UINT), A(BUF_OUT_RET)),
    R(sched_setaffinity, INT, 0, 3, A(PID), A(UINT), AL(BUF_IN, 1)),
    R(sched_getparam, INT, 0, 2, A(PID), ST(STRUCT_OUT, SCHED_PARAM)),
    R(sched_setparam, INT, 0, 2, A(PID), ST(STRUCT_IN, SCHED_PARAM)),
    R(sched_getscheduler, INT, 0, 1, A(PID)),
    R(sched_setscheduler, INT, 0, 3, A(PID), EN(SCHED_POLICY), ST(STRUCT_IN, SCHED_PARAM)),
    R(sched_get_priority_max, INT, 0, 1, EN(SCHED_POLICY)),
    R(sched_get_priority_min, INT, 0, 1, EN(SCHED_POLICY)),
    R(sched_rr_get_interval, INT, 0, 2, A(PID), ST(STRUCT_OUT, TIMESPEC)),
    R(membarrier, INT, 0, 3, A(INT), A(HEX), A(INT)),

    /* time */
    R(clock_gettime, INT, WORLD, 2, EN(CLOCK), ST(STRUCT_OUT, TIMESPEC)),
    R(clock_getres, INT, 0, 2, EN(CLOCK), ST(STRUCT_OUT, CLOCK_RES)),
    R(clock_settime, INT, 0, 2, EN(CLOCK), ST(STRUCT_IN, TIMESPEC)),
    R(settimeofday, INT, 0, 2, ST(STRUCT_IN, TIMEVAL), ST(STRUCT_IN, TIMEZONE)),
    R(clock_nanosleep, INT, 0, 4, EN(CLOCK), FL(TIMER), ST(STRUCT_IN, TIMESPEC), ST(STRUCT_OUT, TIMESPEC)),
    R(nanosleep, INT, 0, 2, ST(STRUCT_IN, TIMESPEC), ST(STRUCT_OUT, TIMESPEC)),
    R(gettimeofday, INT, WORLD, 2, ST(STRUCT_OUT, TIMEVAL), ST(STRUCT_OUT, TIMEZONE)),
    R(time, LONG, WORLD, 1, ST(STRUCT_OUT, LONG)),
    R(times, LONG, WORLD, 1, ST(STRUCT_OUT, TMS)),
    R(getitimer, INT, 0, 2, EN(ITIMER), ST(STRUCT_OUT, ITIMERVAL)),
    R(setitimer, INT, 0, 3, EN(ITIMER), ST(STRUCT_IN, ITIMERVAL), ST(STRUCT_OUT, ITIMERVAL)),
    R(timer_create, INT, 0, 3, EN(CLOCK), ST(STRUCT_IN, SIGEVENT), ST(STRUCT_OUT, INT)),
    R(timer_settime, INT, 0, 4, A(INT), FL(TIMER), ST(STRUCT_IN, ITIMERSPEC), ST(STRUCT_OUT, ITIMERSPEC)),
    R(timer_gettime, INT, 0, 2, A(INT), ST(STRUCT_OUT, ITIMERSPEC)),
    R(timer_getoverrun, INT, 0, 1, A(INT)),
    R(timer_delete, INT, 0, 1, A(INT)),

    /* vm */
    R(mmap, ADDR, 0, 6, A(ADDR), A(UINT), FL(PROT), FL(MAP), A(FD), A(UINT)),
    R(munmap, INT, 0, 2, A(ADDR), A(UINT)),
    R(mprotect, INT, 0, 3, A(ADDR), A(UINT), FL(PROT)),
    R(mremap, ADDR, 0, 5, A(ADDR), A(UINT), A(UINT), FL(MREMAP), A(ADDR)),
    R(brk, ADDR, 0, 1, A(ADDR)),
    R(madvise, INT, 0, 3, A(ADDR), A(UINT), EN(MADVISE)),
    R(msync, INT, 0, 3, A(ADDR), A(UINT), FL(MSYNC)),
    R(mlock, INT, 0, 2, A(ADDR), A(UINT)),
    R(munlock, INT, 0, 2, A(ADDR), A(UINT)),
    R(mlockall, INT, 0, 1, A(HEX)),
    R(munlockall, INT, 0, 0),
};

const struct sysdesc *sysdesc_get(uint32_t nr)
{
    return nr < SYSDESC_NR_MAX && rows[nr].name ? &rows[nr] : NULL;
}

static struct sd_arg ioctl_arg(uint32_t cmd)
{
    switch (cmd) {
    case TCGETS:     return (struct sd_arg)ST(STRUCT_OUT, TERMIOS);
    case TCSETS: case TCSETSW: case TCSETSF:
                     return (struct sd_arg)ST(STRUCT_IN, TERMIOS);
    case TIOCGWINSZ: return (struct sd_arg)ST(STRUCT_OUT, WINSIZE);
    case TIOCSWINSZ: return (struct sd_arg)ST(STRUCT_IN, WINSIZE);
    case FIONREAD: case TIOCOUTQ: case TIOCGPGRP: case TIOCGSID:
                     return (struct sd_arg)ST(STRUCT_OUT, INT);
    case FIONBIO: case FIOASYNC: case TIOCSPGRP:
                     return (struct sd_arg)ST(STRUCT_IN, INT);
    }
    return (struct sd_arg)A(HEX);
}

static struct sd_arg fcntl_arg(uint32_t cmd)
{
    switch (cmd) {
    case F_GETLK: case F_OFD_GETLK:
        return (struct sd_arg)ST(STRUCT_INOUT, FLOCK);
    case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
        return (struct sd_arg)ST(STRUCT_IN, FLOCK);
    case F_SETFL:
        return (struct sd_arg)FL(OPEN);
    case F_SETFD:
        return (struct sd_arg)A(HEX);
    }
    return (struct sd_arg)A(LONG);
}

struct sd_arg sysdesc_arg(const struct sysdesc *d, unsigned i, const uint64_t args[6])
{
    struct sd_arg a = d->arg[i];
    switch (a.kind) {
    case SD_IOCTL_ARG:
        return ioctl_arg((uint32_t)args[1]);
    case SD_FCNTL_ARG:
        return fcntl_arg((uint32_t)args[1]);
    case SD_PRCTL_ARG:
        if (args[0] == PR_SET_NAME)
            return (struct sd_arg)ST(STRUCT_IN, TASKNAME);
        if (args[0] == PR_GET_NAME)
            return (struct sd_arg)ST(STRUCT_OUT, TASKNAME);
        return (struct sd_arg)A(HEX);
    case SD_ARCH_PRCTL_ARG:
        if (args[0] == ARCH_GET_FS || args[0] == ARCH_GET_GS)
            return (struct sd_arg)ST(STRUCT_OUT, U64);
        return (struct sd_arg)A(ADDR);
    }
    return a;
}

const char *sysdesc_name(uint32_t nr)
{
    return nr < SYSDESC_NR_MAX ? names[nr] : NULL;
}

int sysdesc_lookup(const char *name)
{
    for (int nr = 0; nr < SYSDESC_NR_MAX; nr++)
        if (names[nr] && strlen(names[nr]) == strlen(name) && memcmp(names[nr], name, strlen(name)) == 0)
            return nr;
    return -1;
}

unsigned sysdesc_count(void)
{
    unsigned n = 0;
    for (int nr = 0; nr < SYSDESC_NR_MAX; nr++)
        n += rows[nr].name != NULL;
    return n;
}
