/* sysdesc_structs.c — the struct description table: for each fixed-size struct a syscall reads
 * or writes, its size and fields (offset, size, print format, comparison role). Layouts come from
 * the Linux uapi headers through sizeof/offsetof, never typed. The role is the checker's rule
 * for the field (sysdesc.h, enum sd_role): every non-EXACT role is listed here, in one place. */
#include "sysdesc.h"
#include "uapi.h"

#define FSZ(type, member) sizeof(((type *)0)->member)
/* A field: F(type, member, fmt, role); FA adds the flags table; FN names a nested member. */
#define F(type, member, fmt, role) { #member, offsetof(type, member), FSZ(type, member), fmt, role, 0 }
#define FA(type, member, fmt, role, aux) { #member, offsetof(type, member), FSZ(type, member), fmt, role, aux }
#define FN(type, name, member, fmt, role) { name, offsetof(type, member), FSZ(type, member), fmt, role, 0 }

#define E ROLE_EXACT

static const struct sd_field f_int[] = { { "value", 0, 4, FMT_DEC, E, 0 } };
static const struct sd_field f_u32[] = { { "value", 0, 4, FMT_UDEC, E, 0 } };
static const struct sd_field f_long[] = { { "value", 0, 8, FMT_DEC, E, 0 } };
static const struct sd_field f_u64[] = { { "value", 0, 8, FMT_UDEC, E, 0 } };
static const struct sd_field f_fdpair[] = { { "fd0", 0, 4, FMT_DEC, E, 0 }, { "fd1", 4, 4, FMT_DEC, E, 0 } };

#define S struct stat
static const struct sd_field f_stat[] = {
    F(S, st_dev, FMT_HEX, ROLE_DEVICE), F(S, st_ino, FMT_UDEC, ROLE_INODE),
    F(S, st_nlink, FMT_UDEC, E), F(S, st_mode, FMT_MODE, E), F(S, st_uid, FMT_UDEC, E),
    F(S, st_gid, FMT_UDEC, E), F(S, __pad0, FMT_PAD, E), F(S, st_rdev, FMT_HEX, ROLE_DEVICE),
    F(S, st_size, FMT_DEC, E), F(S, st_blksize, FMT_DEC, E), F(S, st_blocks, FMT_DEC, E),
    F(S, st_atime, FMT_DEC, ROLE_TIME), F(S, st_atime_nsec, FMT_UDEC, ROLE_TIME),
    F(S, st_mtime, FMT_DEC, ROLE_TIME), F(S, st_mtime_nsec, FMT_UDEC, ROLE_TIME),
    F(S, st_ctime, FMT_DEC, ROLE_TIME), F(S, st_ctime_nsec, FMT_UDEC, ROLE_TIME),
    F(S, __unused, FMT_PAD, E),
};
#undef S

#define S struct statx
static const struct sd_field f_statx[] = {
    FA(S, stx_mask, FMT_FLAGS, E, FL_STATX_MASK), F(S, stx_blksize, FMT_UDEC, E),
    F(S, stx_attributes, FMT_HEX, E), F(S, stx_nlink, FMT_UDEC, E), F(S, stx_uid, FMT_UDEC, E),
    F(S, stx_gid, FMT_UDEC, E), F(S, stx_mode, FMT_MODE, E), F(S, __spare0, FMT_PAD, E),
    F(S, stx_ino, FMT_UDEC, ROLE_INODE), F(S, stx_size, FMT_UDEC, E), F(S, stx_blocks, FMT_UDEC, E),
    F(S, stx_attributes_mask, FMT_HEX, E),
    FN(S, "stx_atime.tv_sec", stx_atime.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "stx_atime.tv_nsec", stx_atime.tv_nsec, FMT_UDEC, ROLE_TIME),
    FN(S, "stx_btime.tv_sec", stx_btime.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "stx_btime.tv_nsec", stx_btime.tv_nsec, FMT_UDEC, ROLE_TIME),
    FN(S, "stx_ctime.tv_sec", stx_ctime.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "stx_ctime.tv_nsec", stx_ctime.tv_nsec, FMT_UDEC, ROLE_TIME),
    FN(S, "stx_mtime.tv_sec", stx_mtime.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "stx_mtime.tv_nsec", stx_mtime.tv_nsec, FMT_UDEC, ROLE_TIME),
    F(S, stx_rdev_major, FMT_UDEC, ROLE_DEVICE), F(S, stx_rdev_minor, FMT_UDEC, ROLE_DEVICE),
    F(S, stx_dev_major, FMT_UDEC, ROLE_DEVICE), F(S, stx_dev_minor, FMT_UDEC, ROLE_DEVICE),
    F(S, stx_mnt_id, FMT_UDEC, ROLE_MOUNT_ID), F(S, stx_dio_mem_align, FMT_UDEC, E),
    F(S, stx_dio_offset_align, FMT_UDEC, E), F(S, __spare3, FMT_PAD, E),
};
#undef S

/* Time values passed in by the program are exact; the same structs coming out of the kernel
 * (clock_gettime, gettimeofday) are world inputs: the syscall row says which direction. The
 * roles below are those of the OUT direction. */
#define S struct __kernel_timespec
static const struct sd_field f_timespec[] = { F(S, tv_sec, FMT_DEC, ROLE_TIME), F(S, tv_nsec, FMT_DEC, ROLE_TIME) };
#undef S
/* clock_getres: a clock's resolution is a property of the kernel, not a reading: exact. */
static const struct sd_field f_clock_res[] = {
    { "tv_sec", 0, 8, FMT_DEC, ROLE_EXACT, 0 }, { "tv_nsec", 8, 8, FMT_DEC, ROLE_EXACT, 0 },
};
static const struct sd_field f_timespec2[] = {
    { "[0].tv_sec", 0, 8, FMT_DEC, ROLE_UTIME_SEC, 0 }, { "[0].tv_nsec", 8, 8, FMT_DEC, ROLE_TIME, 0 },
    { "[1].tv_sec", 16, 8, FMT_DEC, ROLE_UTIME_SEC, 0 }, { "[1].tv_nsec", 24, 8, FMT_DEC, ROLE_TIME, 0 },
};
static const struct sd_field f_timeval2[] = {
    { "[0].tv_sec", 0, 8, FMT_DEC, ROLE_TIME, 0 }, { "[0].tv_usec", 8, 8, FMT_DEC, ROLE_TIME, 0 },
    { "[1].tv_sec", 16, 8, FMT_DEC, ROLE_TIME, 0 }, { "[1].tv_usec", 24, 8, FMT_DEC, ROLE_TIME, 0 },
};
#define S struct utimbuf
static const struct sd_field f_utimbuf[] = { F(S, actime, FMT_DEC, ROLE_TIME), F(S, modtime, FMT_DEC, ROLE_TIME) };
#undef S
#define S struct __user_cap_header_struct
static const struct sd_field f_cap_header[] = { F(S, version, FMT_HEX, E), F(S, pid, FMT_DEC, ROLE_PID) };
#undef S
#define S struct __kernel_old_timeval
static const struct sd_field f_timeval[] = { F(S, tv_sec, FMT_DEC, ROLE_TIME), F(S, tv_usec, FMT_DEC, ROLE_TIME) };
#undef S
#define S struct __kernel_itimerspec
static const struct sd_field f_itimerspec[] = {
    FN(S, "it_interval.tv_sec", it_interval.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "it_interval.tv_nsec", it_interval.tv_nsec, FMT_DEC, ROLE_TIME),
    FN(S, "it_value.tv_sec", it_value.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "it_value.tv_nsec", it_value.tv_nsec, FMT_DEC, ROLE_TIME),
};
#undef S
#define S struct itimerval
static const struct sd_field f_itimerval[] = {
    FN(S, "it_interval.tv_sec", it_interval.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "it_interval.tv_usec", it_interval.tv_usec, FMT_DEC, ROLE_TIME),
    FN(S, "it_value.tv_sec", it_value.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "it_value.tv_usec", it_value.tv_usec, FMT_DEC, ROLE_TIME),
};
#undef S
#define S struct timezone
static const struct sd_field f_timezone[] = { F(S, tz_minuteswest, FMT_DEC, E), F(S, tz_dsttime, FMT_DEC, E) };
#undef S

#define S struct new_utsname
static const struct sd_field f_utsname[] = {
    F(S, sysname, FMT_CHARS, E), F(S, nodename, FMT_CHARS, E), F(S, release, FMT_CHARS, ROLE_HOSTID),
    F(S, version, FMT_CHARS, ROLE_HOSTID), F(S, machine, FMT_CHARS, E), F(S, domainname, FMT_CHARS, E),
};
#undef S

#define S struct rlimit
static const struct sd_field f_rlimit[] = { F(S, rlim_cur, FMT_UDEC, E), F(S, rlim_max, FMT_UDEC, E) };
#undef S

#define S struct rusage
static const struct sd_field f_rusage[] = {
    FN(S, "ru_utime.tv_sec", ru_utime.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "ru_utime.tv_usec", ru_utime.tv_usec, FMT_DEC, ROLE_TIME),
    FN(S, "ru_stime.tv_sec", ru_stime.tv_sec, FMT_DEC, ROLE_TIME),
    FN(S, "ru_stime.tv_usec", ru_stime.tv_usec, FMT_DEC, ROLE_TIME),
    F(S, ru_maxrss, FMT_DEC, ROLE_LOAD), F(S, ru_ixrss, FMT_DEC, ROLE_LOAD),
    F(S, ru_idrss, FMT_DEC, ROLE_LOAD), F(S, ru_isrss, FMT_DEC, ROLE_LOAD),
    F(S, ru_minflt, FMT_DEC, ROLE_LOAD), F(S, ru_majflt, FMT_DEC, ROLE_LOAD),
    F(S, ru_nswap, FMT_DEC, ROLE_LOAD), F(S, ru_inblock, FMT_DEC, ROLE_LOAD),
    F(S, ru_oublock, FMT_DEC, ROLE_LOAD), F(S, ru_msgsnd, FMT_DEC, ROLE_LOAD),
    F(S, ru_msgrcv, FMT_DEC, ROLE_LOAD), F(S, ru_nsignals, FMT_DEC, ROLE_LOAD),
    F(S, ru_nvcsw, FMT_DEC, ROLE_LOAD), F(S, ru_nivcsw, FMT_DEC, ROLE_LOAD),
};
#undef S

#define S struct tms
static const struct sd_field f_tms[] = {
    F(S, tms_utime, FMT_DEC, ROLE_TIME), F(S, tms_stime, FMT_DEC, ROLE_TIME),
    F(S, tms_cutime, FMT_DEC, ROLE_TIME), F(S, tms_cstime, FMT_DEC, ROLE_TIME),
};
#undef S

#define S struct sysinfo
static const struct sd_field f_sysinfo[] = {
    F(S, uptime, FMT_DEC, ROLE_UPTIME), F(S, loads, FMT_BYTES, ROLE_LOAD),
    F(S, totalram, FMT_UDEC, ROLE_LOAD), F(S, freeram, FMT_UDEC, ROLE_LOAD),
    F(S, sharedram, FMT_UDEC, ROLE_LOAD), F(S, bufferram, FMT_UDEC, ROLE_LOAD),
    F(S, totalswap, FMT_UDEC, ROLE_LOAD), F(S, freeswap, FMT_UDEC, ROLE_LOAD),
    F(S, procs, FMT_UDEC, ROLE_LOAD), F(S, pad, FMT_PAD, E), F(S, totalhigh, FMT_UDEC, ROLE_LOAD),
    F(S, freehigh, FMT_UDEC, ROLE_LOAD), F(S, mem_unit, FMT_UDEC, E),  /* _f is empty on 64-bit */
};
#undef S

#define S struct statfs
static const struct sd_field f_statfs[] = {
    F(S, f_type, FMT_HEX, E), F(S, f_bsize, FMT_DEC, E), F(S, f_blocks, FMT_UDEC, ROLE_LOAD),
    F(S, f_bfree, FMT_UDEC, ROLE_LOAD), F(S, f_bavail, FMT_UDEC, ROLE_LOAD),
    F(S, f_files, FMT_UDEC, ROLE_LOAD), F(S, f_ffree, FMT_UDEC, ROLE_LOAD),
    F(S, f_fsid, FMT_BYTES, ROLE_DEVICE), F(S, f_namelen, FMT_DEC, E), F(S, f_frsize, FMT_DEC, E),
    F(S, f_flags, FMT_HEX, E), F(S, f_spare, FMT_PAD, E),
};
#undef S

#define S struct pollfd
static const struct sd_field f_pollfd[] = {
    F(S, fd, FMT_DEC, E), FA(S, events, FMT_FLAGS, E, FL_POLL_EVENTS),
    FA(S, revents, FMT_FLAGS, ROLE_KERNEL_OUT, FL_POLL_EVENTS),
};
#undef S

#define S struct epoll_event
static const struct sd_field f_epoll_event[] = {
    FA(S, events, FMT_FLAGS, E, FL_EPOLL_EVENTS), F(S, data, FMT_HEX, E),
};
#undef S

#define S struct sigaction
static const struct sd_field f_sigaction[] = {
    F(S, sa_handler, FMT_HEX, ROLE_ADDRESS), FA(S, sa_flags, FMT_FLAGS, E, FL_SA_FLAGS),
    F(S, sa_restorer, FMT_HEX, ROLE_ADDRESS), F(S, sa_mask, FMT_HEX, E),
};
#undef S

#define S stack_t
static const struct sd_field f_stack[] = {
    F(S, ss_sp, FMT_HEX, ROLE_ADDRESS), F(S, ss_flags, FMT_DEC, E), F(S, ss_size, FMT_UDEC, E),
};
#undef S

/* siginfo: the union after the first three fields is read according to si_signo/si_code. */
#define S siginfo_t
static const struct sd_field f_siginfo[] = {
    FA(S, si_signo, FMT_ENUM, E, FL_SIGNAL), F(S, si_errno, FMT_DEC, E),
    FA(S, si_code, FMT_ENUM, E, FL_SIGINFO_CODE),
    FN(S, "si_pid", _sifields._kill._pid, FMT_DEC, ROLE_PID),
    FN(S, "si_uid", _sifields._kill._uid, FMT_UDEC, E),
    FN(S, "si_status", _sifields._sigchld._status, FMT_DEC, E),
    FN(S, "si_utime", _sifields._sigchld._utime, FMT_DEC, ROLE_TIME),
    FN(S, "si_stime", _sifields._sigchld._stime, FMT_DEC, ROLE_TIME),
    FN(S, "si_addr", _sifields._sigfault._addr, FMT_HEX, ROLE_ADDRESS),
    FN(S, "si_value", _sifields._rt._sigval, FMT_HEX, E),
};
#undef S

static const struct sd_field f_sigset[] = { { "mask", 0, 8, FMT_HEX, E, 0 } };

#define S struct sockaddr_un
static const struct sd_field f_sockaddr_un[] = {
    FA(S, sun_family, FMT_ENUM, E, FL_AF), F(S, sun_path, FMT_CHARS, E),
};
#undef S
#define S struct sockaddr_in
static const struct sd_field f_sockaddr_in[] = {
    FA(S, sin_family, FMT_ENUM, E, FL_AF), F(S, sin_port, FMT_HEX, E), F(S, sin_addr, FMT_HEX, E),
    F(S, __pad, FMT_BYTES, E),
};
#undef S

#define S struct iovec
static const struct sd_field f_iovec[] = { F(S, iov_base, FMT_HEX, ROLE_ADDRESS), F(S, iov_len, FMT_UDEC, E) };
#undef S

#define S struct ls_msghdr
static const struct sd_field f_msghdr[] = {
    F(S, msg_name, FMT_HEX, ROLE_ADDRESS), F(S, msg_namelen, FMT_DEC, E),
    F(S, msg_iov, FMT_HEX, ROLE_ADDRESS), F(S, msg_iovlen, FMT_UDEC, E),
    F(S, msg_control, FMT_HEX, ROLE_ADDRESS), F(S, msg_controllen, FMT_UDEC, E),
    FA(S, msg_flags, FMT_FLAGS, ROLE_KERNEL_OUT, FL_MSG),
};
#undef S

/* d_off is the file system's position cookie. tmpfs hands them out as Linux 6.x does
   (kernel/fs/tmpfs.c), so they are compared exactly, not through the inode map. */
#define S struct ls_dirent64
static const struct sd_field f_dirent64[] = {
    F(S, d_ino, FMT_UDEC, ROLE_INODE), F(S, d_off, FMT_DEC, E),
    F(S, d_reclen, FMT_UDEC, E), F(S, d_type, FMT_UDEC, E),
};
#undef S

#define S struct termios
static const struct sd_field f_termios[] = {
    F(S, c_iflag, FMT_HEX, E), F(S, c_oflag, FMT_HEX, E), F(S, c_cflag, FMT_HEX, E),
    F(S, c_lflag, FMT_HEX, E), F(S, c_line, FMT_UDEC, E), F(S, c_cc, FMT_BYTES, E),
};
#undef S
#define S struct winsize
static const struct sd_field f_winsize[] = {
    F(S, ws_row, FMT_UDEC, E), F(S, ws_col, FMT_UDEC, E), F(S, ws_xpixel, FMT_UDEC, E),
    F(S, ws_ypixel, FMT_UDEC, E),
};
#undef S
#define S struct flock
static const struct sd_field f_flock[] = {
    F(S, l_type, FMT_DEC, E), F(S, l_whence, FMT_DEC, E), F(S, l_start, FMT_DEC, E),
    F(S, l_len, FMT_DEC, E), F(S, l_pid, FMT_DEC, ROLE_PID),
};
#undef S
#define S struct sched_param
static const struct sd_field f_sched_param[] = { F(S, sched_priority, FMT_DEC, E) };
#undef S
#define S struct clone_args
static const struct sd_field f_clone_args[] = {
    FA(S, flags, FMT_FLAGS, E, FL_CLONE), F(S, pidfd, FMT_HEX, ROLE_ADDRESS),
    F(S, child_tid, FMT_HEX, ROLE_ADDRESS), F(S, parent_tid, FMT_HEX, ROLE_ADDRESS),
    FA(S, exit_signal, FMT_ENUM, E, FL_SIGNAL), F(S, stack, FMT_HEX, ROLE_ADDRESS),
    F(S, stack_size, FMT_UDEC, E), F(S, tls, FMT_HEX, ROLE_ADDRESS), F(S, set_tid, FMT_HEX, ROLE_ADDRESS),
    F(S, set_tid_size, FMT_UDEC, E), F(S, cgroup, FMT_UDEC, E),
};
#undef S
#define S struct robust_list_head
static const struct sd_field f_robust_list[] = {
    FN(S, "list.next", list.next, FMT_HEX, ROLE_ADDRESS), F(S, futex_offset, FMT_DEC, E),
    F(S, list_op_pending, FMT_HEX, ROLE_ADDRESS),
};
#undef S
#define S struct ls_pselect_sig
static const struct sd_field f_pselect_sig[] = { F(S, ss, FMT_HEX, ROLE_ADDRESS), F(S, ss_len, FMT_UDEC, E) };
#undef S
#define S struct signalfd_siginfo
static const struct sd_field f_signalfd_siginfo[] = {
    FA(S, ssi_signo, FMT_ENUM, E, FL_SIGNAL), F(S, ssi_errno, FMT_DEC, E),
    FA(S, ssi_code, FMT_ENUM, E, FL_SIGINFO_CODE), F(S, ssi_pid, FMT_UDEC, ROLE_PID),
    F(S, ssi_uid, FMT_UDEC, E), F(S, ssi_fd, FMT_DEC, E), F(S, ssi_tid, FMT_UDEC, E),
    F(S, ssi_band, FMT_UDEC, E), F(S, ssi_overrun, FMT_UDEC, E), F(S, ssi_trapno, FMT_UDEC, E),
    F(S, ssi_status, FMT_DEC, E), F(S, ssi_int, FMT_DEC, E), F(S, ssi_ptr, FMT_HEX, E),
    F(S, ssi_utime, FMT_UDEC, ROLE_TIME), F(S, ssi_stime, FMT_UDEC, ROLE_TIME),
    F(S, ssi_addr, FMT_HEX, ROLE_ADDRESS),
};
#undef S
#define S struct open_how
static const struct sd_field f_open_how[] = {
    FA(S, flags, FMT_FLAGS, E, FL_OPEN), F(S, mode, FMT_OCT, E), F(S, resolve, FMT_HEX, E),
};
#undef S
static const struct sd_field f_taskname[] = { { "name", 0, 16, FMT_CHARS, E, 0 } };
#define S sigevent_t
static const struct sd_field f_sigevent[] = {
    F(S, sigev_value, FMT_HEX, E), FA(S, sigev_signo, FMT_ENUM, E, FL_SIGNAL),
    F(S, sigev_notify, FMT_DEC, E), FN(S, "sigev_notify_thread_id", _sigev_un._tid, FMT_DEC, ROLE_PID),
};
#undef S

#define N(a) (uint16_t)(sizeof a / sizeof a[0])
#define ST(id, name, type, fields, fl) [id] = { name, sizeof(type), N(fields), fl, fields }

static const struct sd_struct_desc structs[ST_COUNT] = {
    ST(ST_INT, "int", int, f_int, 0),
    ST(ST_U32, "u32", __u32, f_u32, 0),
    ST(ST_LONG, "long", long, f_long, 0),
    ST(ST_U64, "u64", __u64, f_u64, 0),
    ST(ST_FDPAIR, "int[2]", int[2], f_fdpair, 0),
    ST(ST_STAT, "stat", struct stat, f_stat, 0),
    ST(ST_STATX, "statx", struct statx, f_statx, 0),
    ST(ST_TIMESPEC, "timespec", struct __kernel_timespec, f_timespec, 0),
    ST(ST_TIMEVAL, "timeval", struct __kernel_old_timeval, f_timeval, 0),
    ST(ST_ITIMERSPEC, "itimerspec", struct __kernel_itimerspec, f_itimerspec, 0),
    ST(ST_ITIMERVAL, "itimerval", struct itimerval, f_itimerval, 0),
    ST(ST_TIMEZONE, "timezone", struct timezone, f_timezone, 0),
    ST(ST_UTSNAME, "utsname", struct new_utsname, f_utsname, 0),
    ST(ST_RLIMIT, "rlimit", struct rlimit, f_rlimit, 0),
    ST(ST_RUSAGE, "rusage", struct rusage, f_rusage, 0),
    ST(ST_TMS, "tms", struct tms, f_tms, 0),
    ST(ST_SYSINFO, "sysinfo", struct sysinfo, f_sysinfo, 0),
    ST(ST_STATFS, "statfs", struct statfs, f_statfs, 0),
    ST(ST_POLLFD, "pollfd", struct pollfd, f_pollfd, 0),
    ST(ST_EPOLL_EVENT, "epoll_event", struct epoll_event, f_epoll_event, 0),
    ST(ST_SIGACTION, "sigaction", struct sigaction, f_sigaction, 0),
    ST(ST_STACK, "stack_t", stack_t, f_stack, 0),
    ST(ST_SIGINFO, "siginfo", siginfo_t, f_siginfo, SDS_OVERLAP),
    ST(ST_SIGSET, "sigset", __u64, f_sigset, 0),
    ST(ST_SOCKADDR_UN, "sockaddr_un", struct sockaddr_un, f_sockaddr_un, 0),
    ST(ST_SOCKADDR_IN, "sockaddr_in", struct sockaddr_in, f_sockaddr_in, 0),
    ST(ST_IOVEC, "iovec", struct iovec, f_iovec, 0),
    ST(ST_MSGHDR, "msghdr", struct ls_msghdr, f_msghdr, 0),
    [ST_DIRENT64] = { "linux_dirent64", offsetof(struct ls_dirent64, d_name), N(f_dirent64), SDS_VARIABLE,
                      f_dirent64 },  /* then d_name, NUL-terminated, padded to d_reclen */
    ST(ST_TERMIOS, "termios", struct termios, f_termios, 0),
    ST(ST_WINSIZE, "winsize", struct winsize, f_winsize, 0),
    ST(ST_FLOCK, "flock", struct flock, f_flock, 0),
    ST(ST_SCHED_PARAM, "sched_param", struct sched_param, f_sched_param, 0),
    ST(ST_CLONE_ARGS, "clone_args", struct clone_args, f_clone_args, 0),
    ST(ST_ROBUST_LIST, "robust_list_head", struct robust_list_head, f_robust_list, 0),
    ST(ST_PSELECT_SIG, "pselect6_sig", struct ls_pselect_sig, f_pselect_sig, 0),
    ST(ST_SIGNALFD_SIGINFO, "signalfd_siginfo", struct signalfd_siginfo, f_signalfd_siginfo, 0),
    ST(ST_OPEN_HOW, "open_how", struct open_how, f_open_how, 0),
    ST(ST_TASKNAME, "task_name", char[16], f_taskname, 0),
    ST(ST_SIGEVENT, "sigevent", sigevent_t, f_sigevent, SDS_OVERLAP),
    ST(ST_TIMESPEC2, "timespec[2]", struct __kernel_timespec[2], f_timespec2, 0),
    ST(ST_TIMEVAL2, "timeval[2]", struct __kernel_old_timeval[2], f_timeval2, 0),
    ST(ST_UTIMBUF, "utimbuf", struct utimbuf, f_utimbuf, 0),
    ST(ST_CAP_HEADER, "cap_user_header", struct __user_cap_header_struct, f_cap_header, 0),
    ST(ST_CLOCK_RES, "timespec", struct __kernel_timespec, f_clock_res, 0),
};

const struct sd_struct_desc *sysdesc_struct(unsigned id)
{
    return id < ST_COUNT && structs[id].name ? &structs[id] : NULL;
}

const char *sd_role_name(unsigned role)
{
    static const char *const names[ROLE_COUNT] = {
        [ROLE_EXACT] = "exact", [ROLE_INODE] = "inode", [ROLE_DEVICE] = "device",
        [ROLE_PID] = "pid", [ROLE_ADDRESS] = "address", [ROLE_TIME] = "time",
        [ROLE_RANDOM] = "random", [ROLE_HOSTID] = "hostid", [ROLE_LOAD] = "load",
        [ROLE_UPTIME] = "uptime", [ROLE_MOUNT_ID] = "mount id", [ROLE_KERNEL_OUT] = "kernel out",
        [ROLE_UTIME_SEC] = "utime sec",
    };
    return role < ROLE_COUNT ? names[role] : "?";
}
