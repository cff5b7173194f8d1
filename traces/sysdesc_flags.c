/* sysdesc_flags.c — value lists and flag sets for printing arguments and fields by name:
 * open flags, mmap prot/flags, clone flags, signal numbers, errno names, and so on. Values are
 * taken from the uapi headers (uapi.h); each table ends with a NULL name. */
#include "sysdesc.h"
#include "uapi.h"

#define V(x) { (uint64_t)(x), #x }
#define VN(x, name) { (uint64_t)(x), name }
#define END { 0, NULL }

static const struct sd_value open_flags[] = {
    V(O_CREAT), V(O_EXCL), V(O_NOCTTY), V(O_TRUNC), V(O_APPEND), V(O_NONBLOCK), V(O_DSYNC),
    V(FASYNC), V(O_DIRECT), V(O_LARGEFILE), V(O_DIRECTORY), V(O_NOFOLLOW), V(O_NOATIME),
    V(O_CLOEXEC), VN(__O_SYNC, "O_SYNC"), V(O_PATH), VN(__O_TMPFILE, "O_TMPFILE"), END };
static const struct sd_value accmode[] = { V(O_RDONLY), V(O_WRONLY), V(O_RDWR), END };
static const struct sd_value at_flags[] = {
    V(AT_SYMLINK_NOFOLLOW), V(AT_SYMLINK_FOLLOW), V(AT_NO_AUTOMOUNT),
    V(AT_EMPTY_PATH), V(AT_STATX_FORCE_SYNC), V(AT_STATX_DONT_SYNC), V(AT_RECURSIVE), END };
/* AT_EACCESS and AT_REMOVEDIR share a bit: each has its own table */
static const struct sd_value at_access[] = { V(AT_EACCESS), V(AT_SYMLINK_NOFOLLOW), V(AT_EMPTY_PATH), END };
static const struct sd_value unlink_at[] = { V(AT_REMOVEDIR), END };
static const struct sd_value access_mode[] = {
    VN(LS_F_OK, "F_OK"), VN(LS_R_OK, "R_OK"), VN(LS_W_OK, "W_OK"), VN(LS_X_OK, "X_OK"), END };
static const struct sd_value prot[] = {
    V(PROT_READ), V(PROT_WRITE), V(PROT_EXEC), V(PROT_GROWSDOWN), V(PROT_GROWSUP), END };
static const struct sd_value map_type[] = { V(MAP_SHARED), V(MAP_PRIVATE), V(MAP_SHARED_VALIDATE), END };
static const struct sd_value map_flags[] = {
    V(MAP_FIXED), V(MAP_ANONYMOUS), V(MAP_32BIT), V(MAP_GROWSDOWN), V(MAP_DENYWRITE),
    V(MAP_EXECUTABLE), V(MAP_LOCKED), V(MAP_NORESERVE), V(MAP_POPULATE), V(MAP_NONBLOCK),
    V(MAP_STACK), V(MAP_HUGETLB), V(MAP_SYNC), V(MAP_FIXED_NOREPLACE), END };
static const struct sd_value clone_flags[] = {
    V(CLONE_VM), V(CLONE_FS), V(CLONE_FILES), V(CLONE_SIGHAND), V(CLONE_PIDFD), V(CLONE_PTRACE),
    V(CLONE_VFORK), V(CLONE_PARENT), V(CLONE_THREAD), V(CLONE_NEWNS), V(CLONE_SYSVSEM),
    V(CLONE_SETTLS), V(CLONE_PARENT_SETTID), V(CLONE_CHILD_CLEARTID), V(CLONE_DETACHED),
    V(CLONE_UNTRACED), V(CLONE_CHILD_SETTID), V(CLONE_NEWCGROUP), V(CLONE_NEWUTS),
    V(CLONE_NEWIPC), V(CLONE_NEWUSER), V(CLONE_NEWPID), V(CLONE_NEWNET), V(CLONE_IO),
    V(CLONE_CLEAR_SIGHAND), V(CLONE_INTO_CGROUP), END };
static const struct sd_value signals[] = {
    V(SIGHUP), V(SIGINT), V(SIGQUIT), V(SIGILL), V(SIGTRAP), V(SIGABRT), V(SIGBUS), V(SIGFPE),
    V(SIGKILL), V(SIGUSR1), V(SIGSEGV), V(SIGUSR2), V(SIGPIPE), V(SIGALRM), V(SIGTERM),
    V(SIGSTKFLT), V(SIGCHLD), V(SIGCONT), V(SIGSTOP), V(SIGTSTP), V(SIGTTIN), V(SIGTTOU),
    V(SIGURG), V(SIGXCPU), V(SIGXFSZ), V(SIGVTALRM), V(SIGPROF), V(SIGWINCH), V(SIGIO),
    V(SIGPWR), V(SIGSYS), END };
static const struct sd_value fcntl_cmd[] = {
    V(F_DUPFD), V(F_GETFD), V(F_SETFD), V(F_GETFL), V(F_SETFL), V(F_GETLK), V(F_SETLK),
    V(F_SETLKW), V(F_SETOWN), V(F_GETOWN), V(F_SETSIG), V(F_GETSIG), V(F_SETOWN_EX),
    V(F_GETOWN_EX), V(F_OFD_GETLK), V(F_OFD_SETLK), V(F_OFD_SETLKW), V(F_SETLEASE),
    V(F_GETLEASE), V(F_NOTIFY), V(F_DUPFD_CLOEXEC), V(F_SETPIPE_SZ), V(F_GETPIPE_SZ),
    V(F_ADD_SEALS), V(F_GET_SEALS), END };
static const struct sd_value whence[] = {
    V(SEEK_SET), V(SEEK_CUR), V(SEEK_END), V(SEEK_DATA), V(SEEK_HOLE), END };
static const struct sd_value madvise[] = {
    V(MADV_NORMAL), V(MADV_RANDOM), V(MADV_SEQUENTIAL), V(MADV_WILLNEED), V(MADV_DONTNEED),
    V(MADV_FREE), V(MADV_REMOVE), V(MADV_DONTFORK), V(MADV_DOFORK), V(MADV_MERGEABLE),
    V(MADV_UNMERGEABLE), V(MADV_HUGEPAGE), V(MADV_NOHUGEPAGE), V(MADV_DONTDUMP),
    V(MADV_DODUMP), V(MADV_WIPEONFORK), V(MADV_KEEPONFORK), V(MADV_COLD), V(MADV_PAGEOUT), END };
static const struct sd_value af[] = {
    VN(LS_AF_UNSPEC, "AF_UNSPEC"), VN(LS_AF_UNIX, "AF_UNIX"), VN(LS_AF_INET, "AF_INET"),
    VN(LS_AF_INET6, "AF_INET6"), VN(LS_AF_NETLINK, "AF_NETLINK"), VN(LS_AF_PACKET, "AF_PACKET"), END };
static const struct sd_value sock_base[] = {
    VN(LS_SOCK_STREAM, "SOCK_STREAM"), VN(LS_SOCK_DGRAM, "SOCK_DGRAM"), VN(LS_SOCK_RAW, "SOCK_RAW"),
    VN(LS_SOCK_RDM, "SOCK_RDM"), VN(LS_SOCK_SEQPACKET, "SOCK_SEQPACKET"), END };
static const struct sd_value sock_type[] = {
    VN(O_NONBLOCK, "SOCK_NONBLOCK"), VN(O_CLOEXEC, "SOCK_CLOEXEC"), END };
static const struct sd_value epoll_ctl[] = { V(EPOLL_CTL_ADD), V(EPOLL_CTL_DEL), V(EPOLL_CTL_MOD), END };
static const struct sd_value epoll_events[] = {
    V(EPOLLIN), V(EPOLLPRI), V(EPOLLOUT), V(EPOLLERR), V(EPOLLHUP), V(EPOLLNVAL), V(EPOLLRDNORM),
    V(EPOLLRDBAND), V(EPOLLWRNORM), V(EPOLLWRBAND), V(EPOLLMSG), V(EPOLLRDHUP),
    V(EPOLLEXCLUSIVE), V(EPOLLWAKEUP), V(EPOLLONESHOT), V(EPOLLET), END };
static const struct sd_value poll_events[] = {
    V(POLLIN), V(POLLPRI), V(POLLOUT), V(POLLERR), V(POLLHUP), V(POLLNVAL), V(POLLRDNORM),
    V(POLLRDBAND), V(POLLWRNORM), V(POLLWRBAND), V(POLLMSG), V(POLLREMOVE), V(POLLRDHUP), END };
static const struct sd_value sig_how[] = { V(SIG_BLOCK), V(SIG_UNBLOCK), V(SIG_SETMASK), END };
static const struct sd_value sa_flags[] = {
    V(SA_NOCLDSTOP), V(SA_NOCLDWAIT), V(SA_SIGINFO), V(SA_ONSTACK), V(SA_RESTART),
    V(SA_NODEFER), V(SA_RESETHAND), V(SA_RESTORER), END };
static const struct sd_value wait_opts[] = {
    V(WNOHANG), V(WUNTRACED), V(WEXITED), V(WCONTINUED), V(WNOWAIT), V(__WNOTHREAD), V(__WALL),
    V(__WCLONE), END };
static const struct sd_value clocks[] = {
    V(CLOCK_REALTIME), V(CLOCK_MONOTONIC), V(CLOCK_PROCESS_CPUTIME_ID), V(CLOCK_THREAD_CPUTIME_ID),
    V(CLOCK_MONOTONIC_RAW), V(CLOCK_REALTIME_COARSE), V(CLOCK_MONOTONIC_COARSE), V(CLOCK_BOOTTIME),
    V(CLOCK_REALTIME_ALARM), V(CLOCK_BOOTTIME_ALARM), V(CLOCK_TAI), END };
static const struct sd_value futex_cmd[] = {
    V(FUTEX_WAIT), V(FUTEX_WAKE), V(FUTEX_FD), V(FUTEX_REQUEUE), V(FUTEX_CMP_REQUEUE),
    V(FUTEX_WAKE_OP), V(FUTEX_LOCK_PI), V(FUTEX_UNLOCK_PI), V(FUTEX_TRYLOCK_PI),
    V(FUTEX_WAIT_BITSET), V(FUTEX_WAKE_BITSET), V(FUTEX_WAIT_REQUEUE_PI),
    V(FUTEX_CMP_REQUEUE_PI), V(FUTEX_LOCK_PI2), END };
static const struct sd_value futex_op[] = { V(FUTEX_PRIVATE_FLAG), V(FUTEX_CLOCK_REALTIME), END };
static const struct sd_value msg_flags[] = {
    VN(LS_MSG_OOB, "MSG_OOB"), VN(LS_MSG_PEEK, "MSG_PEEK"), VN(LS_MSG_DONTROUTE, "MSG_DONTROUTE"),
    VN(LS_MSG_CTRUNC, "MSG_CTRUNC"), VN(LS_MSG_TRUNC, "MSG_TRUNC"), VN(LS_MSG_DONTWAIT, "MSG_DONTWAIT"),
    VN(LS_MSG_EOR, "MSG_EOR"), VN(LS_MSG_WAITALL, "MSG_WAITALL"), VN(LS_MSG_ERRQUEUE, "MSG_ERRQUEUE"),
    VN(LS_MSG_NOSIGNAL, "MSG_NOSIGNAL"), VN(LS_MSG_MORE, "MSG_MORE"),
    VN(LS_MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC"), END };
static const struct sd_value ioctls[] = {
    V(TCGETS), V(TCSETS), V(TCSETSW), V(TCSETSF), V(TIOCGWINSZ), V(TIOCSWINSZ), V(TIOCGPGRP),
    V(TIOCSPGRP), V(TIOCSCTTY), V(TIOCNOTTY), V(TIOCGSID), V(FIONREAD), V(FIONBIO), V(FIOCLEX),
    V(FIONCLEX), V(FIOASYNC), V(TCFLSH), V(TCXONC), V(TCSBRK), V(TIOCOUTQ), END };
static const struct sd_value prctl_ops[] = {
    V(PR_SET_PDEATHSIG), V(PR_GET_PDEATHSIG), V(PR_GET_DUMPABLE), V(PR_SET_DUMPABLE),
    V(PR_SET_NAME), V(PR_GET_NAME), V(PR_SET_CHILD_SUBREAPER), V(PR_GET_CHILD_SUBREAPER),
    V(PR_SET_NO_NEW_PRIVS), V(PR_GET_NO_NEW_PRIVS), V(PR_CAPBSET_READ), V(PR_SET_TIMERSLACK),
    V(PR_GET_TIMERSLACK), V(PR_SET_SECCOMP), V(PR_GET_SECCOMP), V(PR_SET_KEEPCAPS),
    V(PR_GET_KEEPCAPS), V(PR_SET_MM), V(PR_SET_VMA), END };
static const struct sd_value arch_prctl_ops[] = {
    V(ARCH_SET_GS), V(ARCH_SET_FS), V(ARCH_GET_FS), V(ARCH_GET_GS), V(ARCH_GET_CPUID),
    V(ARCH_SET_CPUID), END };
static const struct sd_value rlimits[] = {
    V(RLIMIT_CPU), V(RLIMIT_FSIZE), V(RLIMIT_DATA), V(RLIMIT_STACK), V(RLIMIT_CORE),
    V(RLIMIT_RSS), V(RLIMIT_NPROC), V(RLIMIT_NOFILE), V(RLIMIT_MEMLOCK), V(RLIMIT_AS),
    V(RLIMIT_LOCKS), V(RLIMIT_SIGPENDING), V(RLIMIT_MSGQUEUE), V(RLIMIT_NICE), V(RLIMIT_RTPRIO),
    V(RLIMIT_RTTIME), END };
static const struct sd_value efd[] = {
    VN(LS_EFD_SEMAPHORE, "EFD_SEMAPHORE"), VN(O_CLOEXEC, "EFD_CLOEXEC"), VN(O_NONBLOCK, "EFD_NONBLOCK"), END };
static const struct sd_value tfd[] = { V(TFD_CLOEXEC), V(TFD_NONBLOCK), END };
static const struct sd_value timer_flags[] = { V(TIMER_ABSTIME), V(TFD_TIMER_CANCEL_ON_SET), END };
static const struct sd_value mremap[] = { V(MREMAP_MAYMOVE), V(MREMAP_FIXED), V(MREMAP_DONTUNMAP), END };
static const struct sd_value rename[] = { V(RENAME_NOREPLACE), V(RENAME_EXCHANGE), V(RENAME_WHITEOUT), END };
static const struct sd_value grnd[] = { V(GRND_NONBLOCK), V(GRND_RANDOM), V(GRND_INSECURE), END };
static const struct sd_value sock_level[] = {
    V(SOL_SOCKET), VN(IPPROTO_IP, "SOL_IP"), VN(IPPROTO_TCP, "SOL_TCP"), VN(IPPROTO_UDP, "SOL_UDP"), END };
static const struct sd_value shut[] = {
    VN(LS_SHUT_RD, "SHUT_RD"), VN(LS_SHUT_WR, "SHUT_WR"), VN(LS_SHUT_RDWR, "SHUT_RDWR"), END };
static const struct sd_value close_range[] = { V(CLOSE_RANGE_UNSHARE), V(CLOSE_RANGE_CLOEXEC), END };
static const struct sd_value itimer[] = { V(ITIMER_REAL), V(ITIMER_VIRTUAL), V(ITIMER_PROF), END };
static const struct sd_value rusage_who[] = { V(RUSAGE_SELF), V(RUSAGE_CHILDREN), V(RUSAGE_THREAD), END };
static const struct sd_value idtype[] = { V(P_ALL), V(P_PID), V(P_PGID), V(P_PIDFD), END };
static const struct sd_value sched_policy[] = {
    V(SCHED_NORMAL), V(SCHED_FIFO), V(SCHED_RR), V(SCHED_BATCH), V(SCHED_IDLE), V(SCHED_DEADLINE), END };
static const struct sd_value statx_mask[] = {
    V(STATX_TYPE), V(STATX_MODE), V(STATX_NLINK), V(STATX_UID), V(STATX_GID), V(STATX_ATIME),
    V(STATX_MTIME), V(STATX_CTIME), V(STATX_INO), V(STATX_SIZE), V(STATX_BLOCKS), V(STATX_BTIME),
    V(STATX_MNT_ID), V(STATX_DIOALIGN), END };
static const struct sd_value falloc[] = {
    V(FALLOC_FL_KEEP_SIZE), V(FALLOC_FL_PUNCH_HOLE), V(FALLOC_FL_COLLAPSE_RANGE),
    V(FALLOC_FL_ZERO_RANGE), V(FALLOC_FL_INSERT_RANGE), V(FALLOC_FL_UNSHARE_RANGE), END };
static const struct sd_value errnos[] = {
    V(EPERM), V(ENOENT), V(ESRCH), V(EINTR), V(EIO), V(ENXIO), V(E2BIG), V(ENOEXEC), V(EBADF),
    V(ECHILD), V(EAGAIN), V(ENOMEM), V(EACCES), V(EFAULT), V(ENOTBLK), V(EBUSY), V(EEXIST),
    V(EXDEV), V(ENODEV), V(ENOTDIR), V(EISDIR), V(EINVAL), V(ENFILE), V(EMFILE), V(ENOTTY),
    V(ETXTBSY), V(EFBIG), V(ENOSPC), V(ESPIPE), V(EROFS), V(EMLINK), V(EPIPE), V(EDOM), V(ERANGE),
    V(EDEADLK), V(ENAMETOOLONG), V(ENOLCK), V(ENOSYS), V(ENOTEMPTY), V(ELOOP), V(ENOMSG),
    V(EIDRM), V(ECHRNG), V(EL2NSYNC), V(EL3HLT), V(EL3RST), V(ELNRNG), V(EUNATCH), V(ENOCSI),
    V(EL2HLT), V(EBADE), V(EBADR), V(EXFULL), V(ENOANO), V(EBADRQC), V(EBADSLT), V(EBFONT),
    V(ENOSTR), V(ENODATA), V(ETIME), V(ENOSR), V(ENONET), V(ENOPKG), V(EREMOTE), V(ENOLINK),
    V(EADV), V(ESRMNT), V(ECOMM), V(EPROTO), V(EMULTIHOP), V(EDOTDOT), V(EBADMSG), V(EOVERFLOW),
    V(ENOTUNIQ), V(EBADFD), V(EREMCHG), V(ELIBACC), V(ELIBBAD), V(ELIBSCN), V(ELIBMAX),
    V(ELIBEXEC), V(EILSEQ), V(ERESTART), V(ESTRPIPE), V(EUSERS), V(ENOTSOCK), V(EDESTADDRREQ),
    V(EMSGSIZE), V(EPROTOTYPE), V(ENOPROTOOPT), V(EPROTONOSUPPORT), V(ESOCKTNOSUPPORT),
    V(EOPNOTSUPP), V(EPFNOSUPPORT), V(EAFNOSUPPORT), V(EADDRINUSE), V(EADDRNOTAVAIL),
    V(ENETDOWN), V(ENETUNREACH), V(ENETRESET), V(ECONNABORTED), V(ECONNRESET), V(ENOBUFS),
    V(EISCONN), V(ENOTCONN), V(ESHUTDOWN), V(ETOOMANYREFS), V(ETIMEDOUT), V(ECONNREFUSED),
    V(EHOSTDOWN), V(EHOSTUNREACH), V(EALREADY), V(EINPROGRESS), V(ESTALE), V(EUCLEAN),
    V(ENOTNAM), V(ENAVAIL), V(EISNAM), V(EREMOTEIO), V(EDQUOT), V(ENOMEDIUM), V(EMEDIUMTYPE),
    V(ECANCELED), V(ENOKEY), V(EKEYEXPIRED), V(EKEYREVOKED), V(EKEYREJECTED), V(EOWNERDEAD),
    V(ENOTRECOVERABLE), V(ERFKILL), V(EHWPOISON),
    /* kernel-internal restart codes, visible to a tracer at syscall exit */
    VN(512, "ERESTARTSYS"), VN(513, "ERESTARTNOINTR"), VN(514, "ERESTARTNOHAND"),
    VN(516, "ERESTART_RESTARTBLOCK"), END };
static const struct sd_value si_codes[] = {
    V(SI_USER), V(SI_KERNEL), V(SI_QUEUE), V(SI_TIMER), V(SI_MESGQ), V(SI_ASYNCIO), V(SI_SIGIO),
    V(SI_TKILL), END };
static const struct sd_value sfd[] = { V(SFD_CLOEXEC), V(SFD_NONBLOCK), END };
static const struct sd_value msync[] = { V(MS_ASYNC), V(MS_INVALIDATE), V(MS_SYNC), END };
static const struct sd_value lock_op[] = { V(LOCK_SH), V(LOCK_EX), V(LOCK_NB), V(LOCK_UN), END };
static const struct sd_value personality[] = {
    V(UNAME26), V(ADDR_NO_RANDOMIZE), V(FDPIC_FUNCPTRS), V(MMAP_PAGE_ZERO), V(ADDR_COMPAT_LAYOUT),
    V(READ_IMPLIES_EXEC), V(ADDR_LIMIT_32BIT), V(SHORT_INODE), V(WHOLE_SECONDS),
    V(STICKY_TIMEOUTS), V(ADDR_LIMIT_3GB), END };
static const struct sd_value o_cloexec[] = { V(O_CLOEXEC), END };
static const struct sd_value pipe_flags[] = { V(O_CLOEXEC), V(O_NONBLOCK), V(O_DIRECT), END };
static const struct sd_value file_type[] = {
    V(S_IFSOCK), V(S_IFLNK), V(S_IFREG), V(S_IFBLK), V(S_IFDIR), V(S_IFCHR), V(S_IFIFO), END };
static const struct sd_value inotify_init[] = { V(IN_CLOEXEC), V(IN_NONBLOCK), END };
static const struct sd_value inotify_mask[] = {
    V(IN_ACCESS), V(IN_MODIFY), V(IN_ATTRIB), V(IN_CLOSE_WRITE), V(IN_CLOSE_NOWRITE), V(IN_OPEN),
    V(IN_MOVED_FROM), V(IN_MOVED_TO), V(IN_CREATE), V(IN_DELETE), V(IN_DELETE_SELF), V(IN_MOVE_SELF),
    V(IN_UNMOUNT), V(IN_Q_OVERFLOW), V(IN_IGNORED), V(IN_ONLYDIR), V(IN_DONT_FOLLOW),
    V(IN_EXCL_UNLINK), V(IN_MASK_CREATE), V(IN_MASK_ADD), V(IN_ISDIR), V(IN_ONESHOT), END };
static const struct sd_value memfd[] = { V(MFD_CLOEXEC), V(MFD_ALLOW_SEALING), V(MFD_HUGETLB), END };

#define LIST(id, tab) [id] = { #id, false, 0, FL_NONE, tab }
#define BITS(id, tab) [id] = { #id, true, 0, FL_NONE, tab }
#define BITSF(id, tab, mask, fixed) [id] = { #id, true, mask, fixed, tab }

static const struct sd_flag_table tables[FL_COUNT] = {
    BITSF(FL_OPEN, open_flags, O_ACCMODE, FL_ACCMODE),
    LIST(FL_ACCMODE, accmode),
    BITS(FL_AT, at_flags),
    BITS(FL_ACCESS, access_mode),
    BITS(FL_PROT, prot),
    BITSF(FL_MAP, map_flags, MAP_TYPE, FL_MAP_TYPE),
    LIST(FL_MAP_TYPE, map_type),
    BITSF(FL_CLONE, clone_flags, CSIGNAL, FL_SIGNAL),
    LIST(FL_SIGNAL, signals),
    LIST(FL_FCNTL_CMD, fcntl_cmd),
    LIST(FL_WHENCE, whence),
    LIST(FL_MADVISE, madvise),
    LIST(FL_AF, af),
    BITSF(FL_SOCK_TYPE, sock_type, 0xf, FL_SOCK_BASE),
    LIST(FL_SOCK_BASE, sock_base),
    LIST(FL_EPOLL_CTL, epoll_ctl),
    BITS(FL_EPOLL_EVENTS, epoll_events),
    BITS(FL_POLL_EVENTS, poll_events),
    LIST(FL_SIG_HOW, sig_how),
    BITS(FL_SA_FLAGS, sa_flags),
    BITS(FL_WAIT, wait_opts),
    LIST(FL_CLOCK, clocks),
    BITSF(FL_FUTEX_OP, futex_op, FUTEX_CMD_MASK, FL_FUTEX_CMD),
    LIST(FL_FUTEX_CMD, futex_cmd),
    BITS(FL_MSG, msg_flags),
    LIST(FL_IOCTL, ioctls),
    LIST(FL_PRCTL, prctl_ops),
    LIST(FL_ARCH_PRCTL, arch_prctl_ops),
    LIST(FL_RLIMIT, rlimits),
    BITS(FL_EFD, efd),
    BITS(FL_TFD, tfd),
    BITS(FL_TIMER, timer_flags),
    BITS(FL_MREMAP, mremap),
    BITS(FL_RENAME, rename),
    BITS(FL_GRND, grnd),
    LIST(FL_SOCK_LEVEL, sock_level),
    LIST(FL_SHUT, shut),
    BITS(FL_CLOSE_RANGE, close_range),
    LIST(FL_ITIMER, itimer),
    LIST(FL_RUSAGE_WHO, rusage_who),
    LIST(FL_IDTYPE, idtype),
    LIST(FL_SCHED_POLICY, sched_policy),
    BITS(FL_STATX_MASK, statx_mask),
    BITS(FL_FALLOC, falloc),
    LIST(FL_ERRNO, errnos),
    LIST(FL_SIGINFO_CODE, si_codes),
    BITS(FL_SFD, sfd),
    BITS(FL_MSYNC, msync),
    BITS(FL_LOCK_OP, lock_op),
    BITS(FL_PERSONALITY, personality),
    BITS(FL_O_CLOEXEC, o_cloexec),
    LIST(FL_FILE_TYPE, file_type),
    BITS(FL_MEMFD, memfd),
    BITS(FL_PIPE, pipe_flags),
    BITS(FL_AT_ACCESS, at_access),
    BITS(FL_UNLINK_AT, unlink_at),
    BITS(FL_SOCK_FLAGS, sock_type),
    BITS(FL_INOTIFY_INIT, inotify_init),
    BITS(FL_INOTIFY_MASK, inotify_mask),
};

const struct sd_flag_table *sysdesc_flags(unsigned id)
{
    return id < FL_COUNT && tables[id].values ? &tables[id] : NULL;
}

const char *sysdesc_value_name(unsigned id, uint64_t value)
{
    const struct sd_flag_table *t = sysdesc_flags(id);
    if (!t)
        return NULL;
    for (const struct sd_value *v = t->values; v->name; v++)
        if ((uint32_t)v->value == (uint32_t)value)
            return v->name;
    return NULL;
}

const char *sysdesc_errno_name(int err) { return err > 0 ? sysdesc_value_name(FL_ERRNO, (uint64_t)err) : NULL; }
const char *sysdesc_signal_name(int sig) { return sig > 0 ? sysdesc_value_name(FL_SIGNAL, (uint64_t)sig) : NULL; }
