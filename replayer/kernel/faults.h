/* faults.h — known kernel bugs, re-introduced on purpose to prove that check mode catches them.
 *
 * `make FAULT=NAME` builds the kernel with -DLOCKSTEP_FAULT=FAULT_NAME (replayer/replayer.mk;
 * every kernel object is rebuilt when FAULT changes). Normal builds define nothing, so every
 * FAULT_ON() below is the constant 0 and the bug is compiled out. A call site reads:
 *
 *     #include "replayer/kernel/faults.h"
 *     if (FAULT_ON(DUP3_CLOEXEC))
 *         cloexec = false;
 *
 * The faults, and where their one call site goes (the file that owns the behaviour):
 *   DUP3_CLOEXEC         dup3 loses O_CLOEXEC                kernel/fs/fcntl.c (sys_dup3)
 *   PIPE_NONBLOCK_EOF    empty O_NONBLOCK pipe read gives 0   kernel/fs/pipe.c (pipe read, the
 *                        instead of -EAGAIN                   -EAGAIN return with writers left)
 *   PIPE_LSEEK           lseek on a pipe succeeds (returns 0) kernel/fs/read_write.c (sys_lseek,
 *                                                             the -ESPIPE check)
 *   GETDENTS_NO_DOTS     getdents64 omits "." and ".."       kernel/fs/tmpfs.c (tmpfs_iterate)
 *   LINK_NLINK           link() does not raise st_nlink      kernel/fs/tmpfs.c (tmpfs_link)
 *   SELECT_ZERO_TIMEOUT  select with a zero timeout returns  the select/pselect6 implementation
 *                        0 before polling the fds             (kernel/events or kernel/fs/select.c)
 *   POLL_NO_POLLHUP      poll drops POLLHUP from revents     the poll implementation
 *   SOCKET_ENOSYS        socket() of an unknown family gives kernel/net (sys_socket:
 *                        -ENOSYS instead of -EAFNOSUPPORT     the family check)
 *   STATX_NO_MNT_ID      statx's stx_mask lacks STATX_MNT_ID  kernel/fs/stat.c (sys_statx)
 *   UNAME_RELEASE        uname reports a wrong release       kernel/sys.c (sys_uname)
 *   MADV_DONTNEED_NOZERO MADV_DONTNEED leaves the old bytes  kernel/mm (sys_madvise)
 *
 * For each, a recorded program that exercises it must DIVERGE at the record that first exposes
 * it, naming the field (replayer/tests/test_faults knows which).
 */
#ifndef REPLAYER_KERNEL_FAULTS_H
#define REPLAYER_KERNEL_FAULTS_H

enum lockstep_fault {
    FAULT_NONE = 0,
    FAULT_DUP3_CLOEXEC,
    FAULT_PIPE_NONBLOCK_EOF,
    FAULT_PIPE_LSEEK,
    FAULT_GETDENTS_NO_DOTS,
    FAULT_LINK_NLINK,
    FAULT_SELECT_ZERO_TIMEOUT,
    FAULT_POLL_NO_POLLHUP,
    FAULT_SOCKET_ENOSYS,
    FAULT_STATX_NO_MNT_ID,
    FAULT_UNAME_RELEASE,
    FAULT_MADV_DONTNEED_NOZERO,
};

#ifndef LOCKSTEP_FAULT
#define LOCKSTEP_FAULT FAULT_NONE
#endif

#define FAULT_ON(name) (LOCKSTEP_FAULT == FAULT_##name)

/* The fault compiled in, by name ("" for none): check mode prints it at boot. */
#define FAULT_NAME_OF(x) #x
#define FAULT_NAME_STR(x) FAULT_NAME_OF(x)
#define LOCKSTEP_FAULT_NAME (LOCKSTEP_FAULT == FAULT_NONE ? "" : FAULT_NAME_STR(LOCKSTEP_FAULT))

#endif
