/* kev_events_semantics — event-file details the contracts leave out, compared with Linux:
 * how deep epoll files nest before ELOOP, epoll on a listener and on a socket whose peer goes
 * away, a blocking semaphore read woken by a child, poll on full and shut sockets, select's
 * except set, eventfd limits, timerfd_gettime while armed, signalfd on a fd of another kind,
 * and epoll_pwait2's timeout. */
#include "kev_check.h"
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <time.h>

int main(void)
{
    /* Nesting: a chain of epoll files, each added into the next. */
    int ep[8];
    struct epoll_event ev = { .events = EPOLLIN };
    for (int i = 0; i < 8; i++)
        ep[i] = epoll_create1(0);
    char name[64];
    for (int i = 1; i < 8; i++) {
        snprintf(name, sizeof name, "nest_level_%d", i);
        long r = epoll_ctl(ep[i], EPOLL_CTL_ADD, ep[i - 1], &ev);
        printf("%s: %s\n", name, r == 0 ? "added" : strerror(errno));   /* compared with Linux's output */
    }
    CHECK_EQ("nest_cycle_eloop", epoll_ctl(ep[0], EPOLL_CTL_ADD, ep[7], &ev) == -1 ? errno : 0, ELOOP);
    CHECK_EQ("nest_self_loop_eloop", epoll_ctl(ep[1], EPOLL_CTL_ADD, ep[3], &ev) == -1 ? errno : 0, ELOOP);

    /* Listener: EPOLLIN once a connection waits. */
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    memcpy(a.sun_path + 1, "kev.events.l", 12);
    socklen_t alen = offsetof(struct sockaddr_un, sun_path) + 13;
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(srv, (struct sockaddr *)&a, alen);
    listen(srv, 4);
    int e = epoll_create1(0);
    ev.events = EPOLLIN;
    ev.data.u32 = 5;
    epoll_ctl(e, EPOLL_CTL_ADD, srv, &ev);
    struct epoll_event out[4];
    CHECK_EQ("listener_quiet", epoll_wait(e, out, 4, 0), 0);
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(cl, (struct sockaddr *)&a, alen);
    CHECK_EQ("listener_ready", epoll_wait(e, out, 4, 0), 1);
    CHECK_EQ("listener_bits", out[0].events, EPOLLIN);
    int acc = accept(srv, NULL, NULL);
    CHECK_EQ("listener_quiet_after_accept", epoll_wait(e, out, 4, 0), 0);

    /* A socket whose peer exits with the other end. */
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.u32 = 6;
    epoll_ctl(e, EPOLL_CTL_ADD, acc, &ev);
    pid_t c = fork();
    if (c == 0)
        _exit(0);
    int st;
    waitpid(c, &st, 0);
    close(cl);
    CHECK_EQ("peer_gone_count", epoll_wait(e, out, 4, -1), 1);
    CHECK_EQ("peer_gone_bits", out[0].events, EPOLLIN | EPOLLRDHUP | EPOLLHUP);

    /* Blocking semaphore read woken by a child. */
    int sem = eventfd(0, EFD_SEMAPHORE);
    c = fork();
    if (c == 0) {
        uint64_t three = 3;
        write(sem, &three, 8);
        _exit(0);
    }
    uint64_t v = 0;
    CHECK_EQ("semaphore_blocking_read", read(sem, &v, 8), 8);
    CHECK_EQ("semaphore_value", v, 1);
    waitpid(c, &st, 0);
    read(sem, &v, 8);
    read(sem, &v, 8);
    CHECK_EQ("semaphore_drained", ioctl(sem, 0x5421 /* FIONBIO */, &(int){ 1 }), 0);
    CHECK_EQ("semaphore_empty_eagain", read(sem, &v, 8) == -1 ? errno : 0, EAGAIN);

    /* eventfd limits. */
    int ef = eventfd(0, EFD_NONBLOCK);
    v = 0xfffffffffffffffeULL;
    CHECK_EQ("eventfd_write_max", write(ef, &v, 8), 8);
    CHECK_EQ("eventfd_full_revents", ({ struct pollfd p = { ef, POLLIN | POLLOUT, 0 }; poll(&p, 1, 0); p.revents; }), POLLIN);
    v = 1;
    CHECK_EQ("eventfd_overflow_eagain", write(ef, &v, 8) == -1 ? errno : 0, EAGAIN);
    CHECK_EQ("eventfd_big_buffer_read", read(ef, (char[16]){ 0 }, 16), 8);
    CHECK_EQ("eventfd_initval", ({ int x = eventfd(7, 0); uint64_t y = 0; read(x, &y, 8); (long)y; }), 7);

    /* select's except set on a socket and a pipe: nothing. */
    int sv[2], p[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pipe(p);
    fd_set x;
    FD_ZERO(&x);
    FD_SET(sv[0], &x);
    FD_SET(p[0], &x);
    struct timeval tv = { 0, 0 };
    CHECK_EQ("select_except_none", select(64, NULL, NULL, &x, &tv), 0);

    /* poll on a socket whose send buffer is full. */
    int one = 4096;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &one, sizeof one);
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    static char big[8192];
    long total = 0, r;
    while ((r = write(sv[0], big, sizeof big)) > 0)
        total += r;
    CHECK_EQ("full_socket_eagain", errno, EAGAIN);
    CHECK("full_socket_wrote_some", total > 0, "nothing written");
    CHECK_EQ("full_socket_not_writable", ({ struct pollfd q = { sv[0], POLLOUT, 0 }; poll(&q, 1, 0); q.revents; }), 0);

    /* timerfd_gettime while armed: value within what was set, interval exact. */
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = { { 3, 0 }, { 100, 0 } }, cur;
    timerfd_settime(tfd, 0, &its, NULL);
    timerfd_gettime(tfd, &cur);
    CHECK("timerfd_armed_value", cur.it_value.tv_sec >= 98 && cur.it_value.tv_sec <= 100, "value %ld",
          (long)cur.it_value.tv_sec);
    CHECK_EQ("timerfd_armed_interval", cur.it_interval.tv_sec, 3);
    struct itimerspec old;
    its.it_value.tv_sec = 0;
    timerfd_settime(tfd, 0, &its, &old);
    CHECK_EQ("timerfd_old_interval", old.it_interval.tv_sec, 3);
    CHECK_EQ("timerfd_disarmed_keeps_interval", ({ timerfd_gettime(tfd, &cur); (long)cur.it_interval.tv_sec; }), 3);
    CHECK_EQ("timerfd_disarmed_value_zero", cur.it_value.tv_sec | cur.it_value.tv_nsec, 0);

    /* Edge-triggered timerfd: an interval timer left unread does not fire again (Linux re-arms
     * it on read), so there is one edge per read. */
    int et = epoll_create1(0);
    int itfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct itimerspec iv = { { 0, 50 * 1000 * 1000 }, { 0, 50 * 1000 * 1000 } };
    timerfd_settime(itfd, 0, &iv, NULL);
    struct epoll_event tev = { .events = EPOLLIN | EPOLLET };
    epoll_ctl(et, EPOLL_CTL_ADD, itfd, &tev);
    CHECK_EQ("et_timerfd_first", epoll_wait(et, out, 4, -1), 1);
    CHECK_EQ("et_timerfd_unread_no_new_edge", epoll_wait(et, out, 4, 200), 0);
    CHECK_EQ("et_timerfd_read", read(itfd, &v, 8), 8);
    CHECK_EQ("et_timerfd_after_read", epoll_wait(et, out, 4, -1), 1);

    /* signalfd on an eventfd: EINVAL; a bad mask size: EINVAL. */
    sigset_t m;
    sigemptyset(&m);
    CHECK_EQ("signalfd_on_eventfd_einval", signalfd(ef, &m, 0) == -1 ? errno : 0, EINVAL);
    CHECK_EQ("signalfd_bad_size_einval", syscall(SYS_signalfd4, -1, &m, 4, 0) == -1 ? errno : 0, EINVAL);

    /* epoll_pwait2 with a zero timespec polls; a bad one is EINVAL. */
    struct timespec z = { 0, 0 }, bad = { 0, 2000000000L };
    CHECK_EQ("pwait2_zero", syscall(SYS_epoll_pwait2, e, out, 4, &z, NULL, 8), 1);
    CHECK_EQ("pwait2_bad_timeout", syscall(SYS_epoll_pwait2, e, out, 4, &bad, NULL, 8) == -1 ? errno : 0, EINVAL);
    return kev_end();
}
