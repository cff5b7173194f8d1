/* kev_multiwait — blocking waits over several kinds of file at once (pipe, socket, eventfd,
 * timerfd) woken by a child, select on an fd above 64, a blocking accept woken by a child's
 * connect, SO_RCVTIMEO, the datagram queue limit and SIOCINQ, and edge-triggered epoll on an
 * eventfd. Nothing here depends on how long anything takes. */
#include "kev_check.h"
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>

static void reap(pid_t p)
{
    int st;
    waitpid(p, &st, 0);
}

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    memcpy(a->sun_path + 1, name, strlen(name));
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
}

int main(void)
{
    int p[2], sv[2];
    pipe(p);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int efd = eventfd(0, 0);

    /* poll over three queues, woken by the eventfd. */
    pid_t c = fork();
    if (c == 0) {
        uint64_t one = 1;
        write(efd, &one, 8);
        _exit(0);
    }
    struct pollfd pf[3] = { { p[0], POLLIN, 0 }, { sv[0], POLLIN, 0 }, { efd, POLLIN, 0 } };
    CHECK_EQ("poll_three_kinds", poll(pf, 3, -1), 1);
    CHECK_EQ("poll_eventfd_revents", pf[2].revents, POLLIN);
    CHECK_EQ("poll_others_quiet", pf[0].revents | pf[1].revents, 0);
    reap(c);
    uint64_t v;
    read(efd, &v, 8);

    /* epoll over the same three, woken by the socket. */
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN };
    ev.data.u32 = 1; epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    ev.data.u32 = 2; epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
    ev.data.u32 = 3; epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    c = fork();
    if (c == 0) {
        write(sv[1], "s", 1);
        _exit(0);
    }
    struct epoll_event out[4];
    CHECK_EQ("epoll_three_kinds", epoll_wait(ep, out, 4, -1), 1);
    CHECK_EQ("epoll_socket_data", out[0].data.u32, 2);
    reap(c);
    char ch;
    read(sv[0], &ch, 1);

    /* A timerfd among queue-driven files. */
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000 * 1000 } };
    timerfd_settime(tfd, 0, &its, NULL);
    struct pollfd tp[2] = { { p[0], POLLIN, 0 }, { tfd, POLLIN, 0 } };
    CHECK_EQ("poll_timerfd_and_pipe", poll(tp, 2, -1), 1);
    CHECK_EQ("poll_timerfd_revents", tp[1].revents, POLLIN);

    /* Edge-triggered eventfd. */
    int ep2 = epoll_create1(0);
    struct epoll_event eev = { .events = EPOLLIN | EPOLLET };
    epoll_ctl(ep2, EPOLL_CTL_ADD, efd, &eev);
    CHECK_EQ("et_eventfd_quiet", epoll_wait(ep2, out, 4, 0), 0);
    v = 1;
    write(efd, &v, 8);
    CHECK_EQ("et_eventfd_fires", epoll_wait(ep2, out, 4, 0), 1);
    CHECK_EQ("et_eventfd_once", epoll_wait(ep2, out, 4, 0), 0);
    write(efd, &v, 8);
    CHECK_EQ("et_eventfd_fires_again", epoll_wait(ep2, out, 4, 0), 1);

    /* select on an fd above 64. */
    CHECK_EQ("dup2_high", dup2(p[0], 100), 100);
    write(p[1], "x", 1);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(100, &r);
    struct timeval tv = { 0, 0 };
    CHECK_EQ("select_high_fd", select(101, &r, NULL, NULL, &tv), 1);
    CHECK("select_high_bit", FD_ISSET(100, &r), "bit cleared");
    read(p[0], &ch, 1);

    /* Blocking accept woken by a child's connect. */
    struct sockaddr_un a;
    socklen_t alen = abstract(&a, "kev.multiwait.accept");
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(srv, (struct sockaddr *)&a, alen);
    listen(srv, 1);
    c = fork();
    if (c == 0) {
        int cl = socket(AF_UNIX, SOCK_STREAM, 0);
        connect(cl, (struct sockaddr *)&a, alen);
        write(cl, "hi", 2);
        _exit(0);
    }
    int acc = accept(srv, NULL, NULL);
    CHECK("blocking_accept", acc >= 0, "failed errno %d", errno);
    char buf[4] = { 0 };
    CHECK_EQ("accepted_reads", read(acc, buf, sizeof buf), 2);
    reap(c);
    CHECK_EQ("read_after_child_exit_eof", read(acc, buf, sizeof buf), 0);

    /* SO_RCVTIMEO turns a blocking read into EAGAIN. */
    struct timeval to = { 0, 30000 };
    CHECK_EQ("set_rcvtimeo", setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &to, sizeof to), 0);
    errno = 0;
    CHECK_EQ("rcvtimeo_expires", recv(sv[0], buf, 1, 0), -1);
    CHECK_EQ("rcvtimeo_eagain", errno, EAGAIN);

    /* SIOCINQ on a stream (all unread bytes) and a datagram socket (the next datagram). */
    write(sv[1], "12345", 5);
    int n = -1;
    CHECK_EQ("siocinq_stream", ioctl(sv[0], FIONREAD, &n) == 0 ? n : -1, 5);

    /* The datagram receive queue holds max_dgram_qlen + 1 from an unrelated sender. */
    struct sockaddr_un d;
    socklen_t dlen = abstract(&d, "kev.multiwait.dgram");
    int rcv = socket(AF_UNIX, SOCK_DGRAM, 0);
    bind(rcv, (struct sockaddr *)&d, dlen);
    int snd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int sent = 0;
    while (sent < 100 && sendto(snd, "d", 1, 0, (struct sockaddr *)&d, dlen) == 1)
        sent++;
    CHECK_EQ("dgram_queue_limit_eagain", errno, EAGAIN);
    CHECK_EQ("dgram_queue_limit", sent, 11);
    CHECK_EQ("siocinq_dgram", ioctl(rcv, FIONREAD, &n) == 0 ? n : -1, 1);

    /* sendmmsg/recvmmsg keep datagram boundaries and report each length. */
    int dp[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dp);
    char m1[] = "one", m2[] = "three";
    struct iovec siov[2] = { { m1, 3 }, { m2, 5 } };
    struct mmsghdr smsg[2];
    memset(smsg, 0, sizeof smsg);
    smsg[0].msg_hdr.msg_iov = &siov[0];
    smsg[0].msg_hdr.msg_iovlen = 1;
    smsg[1].msg_hdr.msg_iov = &siov[1];
    smsg[1].msg_hdr.msg_iovlen = 1;
    CHECK_EQ("sendmmsg_two", sendmmsg(dp[0], smsg, 2, 0), 2);
    CHECK_EQ("sendmmsg_len1", smsg[1].msg_len, 5);
    char r1[8], r2[8];
    struct iovec riov[2] = { { r1, sizeof r1 }, { r2, sizeof r2 } };
    struct mmsghdr rmsg[3];
    memset(rmsg, 0, sizeof rmsg);
    for (int i = 0; i < 3; i++) {
        rmsg[i].msg_hdr.msg_iov = &riov[i % 2];
        rmsg[i].msg_hdr.msg_iovlen = 1;
    }
    CHECK_EQ("recvmmsg_waitforone", recvmmsg(dp[1], rmsg, 3, MSG_WAITFORONE, NULL), 2);
    CHECK_EQ("recvmmsg_len0", rmsg[0].msg_len, 3);
    CHECK_EQ("recvmmsg_len1", rmsg[1].msg_len, 5);
    /* With a timeout, the time left is written back once a datagram came. */
    CHECK_EQ("sendmmsg_one", sendmmsg(dp[0], smsg, 1, 0), 1);
    struct timespec left = { 5, 0 };
    CHECK_EQ("recvmmsg_timeout", recvmmsg(dp[1], rmsg, 3, MSG_WAITFORONE, &left), 1);
    CHECK_EQ("recvmmsg_time_left", left.tv_sec == 4 && left.tv_nsec > 0, 1);
    return kev_end();
}
