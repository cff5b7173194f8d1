/*
 * unix.h — AF_UNIX sockets: the socket object and what the parts of kernel/net share.
 *
 *   socket.c     the socket syscalls: fd lookup (EBADF, ENOTSOCK), user addresses and msghdrs
 *   af_unix.c    create, bind (path and abstract names), listen, connect, accept, names,
 *                shutdown, poll, release
 *   unix_io.c    sendmsg/recvmsg for stream, datagram and seqpacket sockets
 *   scm.c        control messages: SCM_RIGHTS fd passing and SCM_CREDENTIALS
 *   sockopt.c    getsockopt/setsockopt at SOL_SOCKET
 *
 * The states mirror Linux's: unconnected (TCP_CLOSE), listening, connected (TCP_ESTABLISHED).
 * Each socket has one wait queue; whoever changes what a socket's poll would say wakes it (a
 * read wakes the peer, whose send space it frees, not the reader's own queue: epoll's
 * edge-triggered mode sees wake-ups, so they must mean something for that socket).
 */
#ifndef KERNEL_NET_UNIX_H
#define KERNEL_NET_UNIX_H
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/proc/wait.h"
#include "kernel/net/socket_abi.h"

struct file;
struct inode;
struct iov_iter;

enum unix_state { UNIX_UNCONNECTED, UNIX_LISTENING, UNIX_CONNECTED };

/* A bound name: what getsockname returns (len bytes of sun). */
struct unix_addr {
    int refs;
    unsigned len;
    struct sockaddr_un sun;
};

/* Credentials and files carried by a message. */
struct unix_scm {
    struct ucred cred;
    int nfds;
    struct file **fds;
};

/* One queued message: a datagram, a record, a chunk of a stream, or (on a listener) a
 * connection waiting for accept (embryo set, no data). */
struct unix_skb {
    struct unix_skb *next;
    struct unix_sock *owner;      /* the sender, charged for len until the skb is freed */
    struct unix_addr *addr;       /* the sender's name when sent */
    struct unix_sock *embryo;     /* listener queue: the server end of a new connection */
    struct unix_scm scm;
    size_t len, off;              /* off: bytes of a stream chunk already read */
    size_t charge;
    char data[];
};

struct unix_sock {
    int refs;
    int type;                     /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
    enum unix_state state;
    unsigned shutdown;            /* RCV_SHUTDOWN | SEND_SHUTDOWN */
    bool dead;                    /* its file was released */
    int err;                      /* pending error for SO_ERROR and the next call */
    struct unix_sock *peer;       /* holds a reference */
    struct unix_addr *addr;
    struct inode *path_inode;     /* the socket inode of a path-bound name */
    struct unix_sock *bound_next; /* the table of bound sockets */
    struct unix_skb *rq_head, *rq_tail;
    unsigned rq_len;
    struct unix_skb *oob_skb;     /* streams: the urgent byte (MSG_OOB) in rq, if any */
    int backlog;                  /* listeners: the accept queue's limit; dgram: queue limit */
    size_t wmem;                  /* bytes this socket sent that are still queued */
    struct waitqueue wq;
    struct inode *inode;          /* its sockfs inode, for fstat */
    /* Options (sockopt.c). */
    int sndbuf, rcvbuf, rcvlowat, priority, peek_off;
    bool passcred, keepalive, reuseaddr, reuseport, broadcast, dontroute, oobinline, linger_on;
    long linger_jiffies, rcvtimeo, sndtimeo;   /* jiffies at Linux's HZ; 0 = forever */
    struct ucred peercred;        /* SO_PEERCRED */
};

#define UNIX_HZ 250               /* Debian's CONFIG_HZ: socket timeouts are kept in its jiffies */
#define UNIX_DEFAULT_BUF 212992   /* net.core.wmem_default / rmem_default (and the _max values) */
#define UNIX_MAX_DGRAM_QLEN 10    /* net.unix.max_dgram_qlen */

/* af_unix.c */
int unix_create(int type, int protocol, struct unix_sock **out);
void unix_sock_put(struct unix_sock *s);
int unix_bind(struct unix_sock *s, const struct sockaddr_un *sun, int len, const void *uaddr);
int unix_listen(struct unix_sock *s, int backlog);
int unix_connect(struct unix_sock *s, const struct sockaddr_un *sun, int len, bool nonblock);
int unix_accept(struct unix_sock *s, bool nonblock, struct unix_sock **out);
int unix_getname(struct unix_sock *s, struct sockaddr_un *sun, bool peer);
int unix_shutdown(struct unix_sock *s, int how);
int unix_pair(struct unix_sock *a, struct unix_sock *b);
unsigned unix_poll(struct unix_sock *s);
/* SIOCINQ (FIONREAD), SIOCOUTQ and SIOCATMARK: the value, or -EINVAL / -ENOTTY. */
int unix_ioctl_value(struct unix_sock *s, unsigned cmd);
void unix_release(struct unix_sock *s);
void unix_wake(struct unix_sock *s);
/* The socket bound to a name, with a reference: 0, or ENOENT/ECONNREFUSED/EPROTOTYPE/EACCES... */
int unix_find_other(const struct sockaddr_un *sun, int len, int type, struct unix_sock **out);
int unix_validate_addr(const struct sockaddr_un *sun, int len);
int unix_autobind(struct unix_sock *s);
/* A destination for connect or sendto: a valid address, and an autobound name for the sender
 * when SO_PASSCRED wants one (as Linux's connect and sendmsg do). 0 or the error. */
int unix_dest_check(struct unix_sock *s, const struct sockaddr_un *sun, int len);
struct ucred unix_current_cred(void);
void unix_addr_put(struct unix_addr *a);
struct unix_addr *unix_addr_get(struct unix_addr *a);

/* A message handed to unix_sendmsg / filled by unix_recvmsg (kernel side of a msghdr). */
struct unix_msg {
    struct iov_iter *iter;
    const struct sockaddr_un *name;   /* destination (send) */
    int namelen;
    struct sockaddr_un *from;         /* sender's name (recv), NULL if not wanted */
    int fromlen;
    void *control;                    /* user control buffer */
    size_t controllen;
    unsigned flags;                   /* msg_flags out (recv) */
};

/* unix_io.c */
long unix_sendmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags);
long unix_recvmsg(struct unix_sock *s, struct unix_msg *m, unsigned flags);
void unix_skb_free(struct unix_skb *skb);
/* The receive queue: append (and wake readers), take the first (NULL when empty). */
void unix_queue_tail(struct unix_sock *s, struct unix_skb *skb);
struct unix_skb *unix_dequeue(struct unix_sock *s);
void unix_queue_purge(struct unix_sock *s);

/* scm.c */
int scm_send(struct unix_msg *m, struct unix_scm *scm);
void scm_destroy(struct unix_scm *scm);
/* Put credentials (when wanted) and the passed files into the user's control buffer. */
void scm_recv(struct unix_sock *s, struct unix_msg *m, struct unix_scm *scm, unsigned flags);
int scm_dup(struct unix_scm *dst, const struct unix_scm *src);

/* sockopt.c */
void sockopt_init(struct unix_sock *s);
long sockopt_set(struct unix_sock *s, int name, const void *uval, int len);
long sockopt_get(struct unix_sock *s, int name, void *uval, int *ulen);
/* A socket's timeout in jiffies as a deadline for ev_wait (0 = none). */
uint64_t sockopt_deadline(long jiffies);
/* Every blocking wait of a socket (send room, data, a listener's backlog, a connection): wait
 * on wq until ready(arg). -EAGAIN when MSG_DONTWAIT is in flags or the deadline passes (an
 * SO_SNDTIMEO/SO_RCVTIMEO timeout), and on a signal -ERESTARTSYS without a deadline, -EINTR
 * with one (Linux's sock_intr_errno). */
int sock_wait(struct waitqueue *wq, bool (*ready)(void *arg), void *arg, unsigned flags, uint64_t deadline);

#endif
