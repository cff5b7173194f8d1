/* kev_churn — 3000 rounds of sockets, epoll and eventfd files made, filled and closed, with
 * 200 KiB left unread, files in flight (SCM_RIGHTS) and unaccepted connections: 600 MiB in
 * all, more than the test kernel's 512 MiB, so anything a close forgets to free runs it out
 * of memory. */
#include "kev_check.h"
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>

static char big[200 * 1024];

static int send_fd(int s, int fd)
{
    char ctl[CMSG_SPACE(sizeof(int))];
    memset(ctl, 0, sizeof ctl);
    struct iovec iov = { big, 1000 };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    return (int)sendmsg(s, &mh, 0);
}

int main(void)
{
    int ok = 1;
    for (int i = 0; i < 3000 && ok; i++) {
        int sv[2], dg[2], p[2];
        ok &= socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && socketpair(AF_UNIX, SOCK_DGRAM, 0, dg) == 0;
        int sndbuf = 212992;   /* doubled: room for the whole write without a reader */
        setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
        ok &= write(sv[0], big, sizeof big) == sizeof big;
        ok &= write(dg[0], big, 1000) == 1000;
        int ep = epoll_create1(0), e = eventfd(0, 0);
        struct epoll_event ev = { .events = EPOLLIN | EPOLLET };
        ok &= epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev) == 0 && epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev) == 0 &&
              epoll_ctl(ep, EPOLL_CTL_ADD, dg[1], &ev) == 0;
        ok &= epoll_wait(ep, &ev, 1, 0) == 1;
        pipe(p);
        ok &= send_fd(sv[0], p[0]) > 0;
        close(p[0]);
        close(p[1]);
        close(sv[0]);
        close(sv[1]);
        close(ep);
        close(e);
        close(dg[0]);
        close(dg[1]);
        int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
        struct sockaddr_un a = { .sun_family = AF_UNIX };
        socklen_t alen = sizeof a;
        bind(l, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path));   /* autobind */
        listen(l, 1);
        getsockname(l, (struct sockaddr *)&a, &alen);
        ok &= connect(c, (struct sockaddr *)&a, alen) == 0;
        ok &= write(c, big, 100) == 100;
        close(l);
        close(c);
        if (!ok)
            printf("failed in round %d (errno %d)\n", i, errno);
    }
    CHECK("churn_3000_rounds", ok, "a call failed");
    return kev_end();
}
