/* uapi.h — the Linux uapi headers the description tables take their constants and struct
 * layouts from. Only linux/, asm/ and asm-generic/ headers: they pull in no libc, so the
 * tables build freestanding. Where uapi has no definition (AF_*, SOCK_*, MSG_*, R_OK, ...),
 * the value is defined here, once, with the Linux ABI value. */
#ifndef LOCKSTEP_TRACES_UAPI_H
#define LOCKSTEP_TRACES_UAPI_H

#include <linux/types.h>
#include <asm/stat.h>
#include <linux/stat.h>
#include <linux/time_types.h>
#include <linux/time.h>
#include <linux/utsname.h>
#include <linux/resource.h>
#include <linux/times.h>
#include <linux/sysinfo.h>
#include <asm/statfs.h>
#include <asm-generic/poll.h>
#include <linux/eventpoll.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <linux/un.h>
#include <linux/in.h>
#include <linux/uio.h>
#include <linux/fcntl.h>
#include <asm/mman.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/wait.h>
#include <linux/futex.h>
#include <linux/prctl.h>
#include <asm/prctl.h>
#include <linux/timerfd.h>
#include <linux/signalfd.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <asm/ioctls.h>
#include <asm-generic/errno.h>
#include <linux/close_range.h>
#include <linux/falloc.h>
#include <linux/random.h>
#include <asm/socket.h>
#include <linux/fs.h>
#include <linux/personality.h>
#include <linux/openat2.h>
#include <linux/memfd.h>
#include <linux/utime.h>
#include <linux/inotify.h>
#include <linux/capability.h>

/* Not in uapi (libc defines them); the values are Linux's ABI. */
#define LS_AF_UNSPEC 0
#define LS_AF_UNIX 1
#define LS_AF_INET 2
#define LS_AF_INET6 10
#define LS_AF_NETLINK 16
#define LS_AF_PACKET 17
#define LS_SOCK_STREAM 1
#define LS_SOCK_DGRAM 2
#define LS_SOCK_RAW 3
#define LS_SOCK_RDM 4
#define LS_SOCK_SEQPACKET 5
#define LS_MSG_OOB 0x1
#define LS_MSG_PEEK 0x2
#define LS_MSG_DONTROUTE 0x4
#define LS_MSG_CTRUNC 0x8
#define LS_MSG_TRUNC 0x20
#define LS_MSG_DONTWAIT 0x40
#define LS_MSG_EOR 0x80
#define LS_MSG_WAITALL 0x100
#define LS_MSG_ERRQUEUE 0x2000
#define LS_MSG_NOSIGNAL 0x4000
#define LS_MSG_MORE 0x8000
#define LS_MSG_CMSG_CLOEXEC 0x40000000
#define LS_SHUT_RD 0
#define LS_SHUT_WR 1
#define LS_SHUT_RDWR 2
#define LS_F_OK 0
#define LS_X_OK 1
#define LS_W_OK 2
#define LS_R_OK 4
#define LS_EFD_SEMAPHORE 1

/* The kernel's struct user_msghdr and struct linux_dirent64 are not in uapi either. */
struct ls_msghdr {
    void *msg_name;
    int msg_namelen;
    struct iovec *msg_iov;
    __kernel_size_t msg_iovlen;
    void *msg_control;
    __kernel_size_t msg_controllen;
    unsigned int msg_flags;
};

struct ls_dirent64 {
    __u64 d_ino;
    __s64 d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* pselect6's sixth argument. */
struct ls_pselect_sig {
    const void *ss;
    __kernel_size_t ss_len;
};

#endif
