/*
 * socket_abi.h — the socket ABI values Linux keeps out of its uapi headers (they live in
 * include/linux/socket.h and net.h there), written down once here: address families, socket
 * types and their flags, MSG_* flags, control messages, shutdown modes, and the user structs
 * sendmsg/recvmsg and SO_PEERCRED/SO_LINGER exchange. Everything else comes from uapi headers.
 */
#ifndef KERNEL_NET_SOCKET_ABI_H
#define KERNEL_NET_SOCKET_ABI_H
#include <stddef.h>
#include <stdint.h>
#include <linux/fcntl.h>
#include <linux/socket.h>
#include <linux/un.h>
#include <linux/uio.h>
#include <asm/socket.h>

#define AF_UNSPEC 0
#define AF_UNIX   1
#define AF_INET   2
#define AF_INET6  10
#define AF_MAX    46

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5
#define SOCK_DCCP      6
#define SOCK_PACKET    10
#define SOCK_MAX       (SOCK_PACKET + 1)
#define SOCK_TYPE_MASK 0xf
#define SOCK_CLOEXEC   O_CLOEXEC
#define SOCK_NONBLOCK  O_NONBLOCK

#define MSG_OOB          0x1
#define MSG_PEEK         0x2
#define MSG_DONTROUTE    0x4
#define MSG_CTRUNC       0x8
#define MSG_TRUNC        0x20
#define MSG_DONTWAIT     0x40
#define MSG_EOR          0x80
#define MSG_WAITALL      0x100
#define MSG_NOSIGNAL     0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SCM_RIGHTS      1
#define SCM_CREDENTIALS 2
#define SCM_MAX_FD      253

#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2
#define RCV_SHUTDOWN  1
#define SEND_SHUTDOWN 2
#define SHUTDOWN_MASK 3

#define SOMAXCONN 4096

struct user_msghdr {
    void *msg_name;
    int msg_namelen;
    struct iovec *msg_iov;
    size_t msg_iovlen;
    void *msg_control;
    size_t msg_controllen;
    unsigned msg_flags;
};

struct cmsghdr {
    size_t cmsg_len;
    int cmsg_level;
    int cmsg_type;
};

#define CMSG_ALIGN(len) (((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_LEN(len)   (CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define CMSG_SPACE(len) (CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(len))

struct ucred {
    int32_t pid;
    uint32_t uid, gid;
};

struct linger {
    int l_onoff, l_linger;
};

struct old_timeval {
    long tv_sec, tv_usec;
};

#endif
