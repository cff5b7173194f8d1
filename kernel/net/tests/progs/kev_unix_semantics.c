/* kev_unix_semantics — AF_UNIX details the contracts leave out, each compared with Linux:
 * peeking across stream chunks, files dropped by a plain read, a socket passed through itself,
 * a listener's readiness, seqpacket connections, a reader in another process woken by
 * shutdown, peer credentials after connect, poll bits of fresh and shut sockets, SO_ERROR
 * after a reset, datagram connect/disconnect (AF_UNSPEC), MSG_WAITALL. */
#include "kev_check.h"
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    memcpy(a->sun_path + 1, name, strlen(name));
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
}

static int send_fd(int sock, int fd)
{
    char ctl[CMSG_SPACE(sizeof(int))];
    memset(ctl, 0, sizeof ctl);
    struct iovec iov = { "f", 1 };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    return (int)sendmsg(sock, &mh, 0);
}

static short revents(int fd, short events)
{
    struct pollfd p = { fd, events, 0 };
    poll(&p, 1, 0);
    return p.revents;
}

int main(void)
{
    int sv[2];
    char buf[32];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);

    /* Peek across chunks, then read them for real. */
    write(sv[0], "ab", 2);
    write(sv[0], "cd", 2);
    memset(buf, 0, sizeof buf);
    CHECK_EQ("peek_across_chunks", recv(sv[1], buf, sizeof buf, MSG_PEEK), 4);
    CHECK("peek_bytes", memcmp(buf, "abcd", 4) == 0, "got %.4s", buf);
    CHECK_EQ("peek_short", recv(sv[1], buf, 3, MSG_PEEK), 3);
    CHECK_EQ("read_after_peek", read(sv[1], buf, sizeof buf), 4);

    /* A plain read drops passed files; the data still arrives. */
    int p[2];
    pipe(p);
    CHECK_EQ("send_fd", send_fd(sv[0], p[0]), 1);
    int before = dup(0);
    close(before);
    CHECK_EQ("plain_read_of_fd_message", read(sv[1], buf, sizeof buf), 1);
    int after = dup(0);
    CHECK_EQ("no_fd_installed_by_read", after, before);
    close(after);

    /* A chunk carrying files ends a read: the next bytes come with the next read. */
    send_fd(sv[0], p[0]);
    write(sv[0], "zz", 2);
    CHECK_EQ("read_stops_after_fd_chunk", read(sv[1], buf, sizeof buf), 1);
    CHECK_EQ("next_read_gets_rest", read(sv[1], buf, sizeof buf), 2);

    /* A socket passed through itself arrives and works. */
    int sv2[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv2);
    send_fd(sv[0], sv2[0]);
    char ctl[CMSG_SPACE(sizeof(int))];
    struct iovec iov = { buf, sizeof buf };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
    CHECK_EQ("recv_socket_fd", recvmsg(sv[1], &mh, 0), 1);
    int got;
    memcpy(&got, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof got);
    CHECK_EQ("passed_socket_writes", write(got, "q", 1), 1);
    CHECK_EQ("passed_socket_peer_reads", read(sv2[1], buf, 1), 1);

    /* Listener readiness and connection queue. */
    struct sockaddr_un a;
    socklen_t alen = abstract(&a, "kev.semantics.listen");
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(srv, (struct sockaddr *)&a, alen);
    int small = 8192, on = 1;
    setsockopt(srv, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    setsockopt(srv, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    listen(srv, 5);
    CHECK_EQ("listener_idle_revents", revents(srv, POLLIN | POLLOUT), 0);
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ("fresh_stream_revents", revents(cl, POLLIN | POLLOUT), POLLOUT | POLLHUP);
    connect(cl, (struct sockaddr *)&a, alen);
    CHECK_EQ("listener_pending_revents", revents(srv, POLLIN | POLLOUT), POLLIN);
    CHECK_EQ("connected_client_revents", revents(cl, POLLIN | POLLOUT), POLLOUT);
    int n = -1;
    CHECK_EQ("siocinq_listener_einval", ioctl(srv, FIONREAD, &n), -1);
    int acc = accept(srv, NULL, NULL);
    int val = 0;
    socklen_t vl = sizeof val;
    getsockopt(acc, SOL_SOCKET, SO_SNDBUF, &val, &vl);
    printf("accepted_sndbuf: %d\n", val);   /* compared with Linux's output */
    getsockopt(acc, SOL_SOCKET, SO_PASSCRED, &val, &vl);
    printf("accepted_passcred: %d\n", val);
    struct ucred cr;
    socklen_t crl = sizeof cr;
    getsockopt(cl, SOL_SOCKET, SO_PEERCRED, &cr, &crl);
    CHECK("client_peercred_is_listener", cr.pid == getpid() && cr.uid == 0, "pid differs");
    getsockopt(acc, SOL_SOCKET, SO_PEERCRED, &cr, &crl);
    CHECK("accepted_peercred_is_client", cr.pid == getpid(), "pid differs");
    int fresh = socket(AF_UNIX, SOCK_STREAM, 0);
    getsockopt(fresh, SOL_SOCKET, SO_PEERCRED, &cr, &crl);
    CHECK("unconnected_peercred", cr.pid == 0 && cr.uid == (uid_t)-1 && cr.gid == (gid_t)-1, "got %d %u %u", cr.pid,
          cr.uid, cr.gid);

    /* Closing with unread data resets the peer: SO_ERROR then EOF. */
    write(cl, "unread", 6);
    close(acc);
    CHECK_EQ("reset_peer_revents", revents(cl, POLLIN | POLLOUT), POLLIN | POLLOUT | POLLHUP | POLLERR);
    int err = -1;
    socklen_t el = sizeof err;
    getsockopt(cl, SOL_SOCKET, SO_ERROR, &err, &el);
    CHECK_EQ("so_error_econnreset", err, ECONNRESET);
    CHECK_EQ("read_after_reset_eof", read(cl, buf, sizeof buf), 0);
    close(cl);

    /* Seqpacket over a listener keeps records. */
    struct sockaddr_un q;
    socklen_t qlen = abstract(&q, "kev.semantics.seqpacket");
    int qs = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    bind(qs, (struct sockaddr *)&q, qlen);
    listen(qs, 1);
    int qc = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    CHECK_EQ("seqpacket_connect", connect(qc, (struct sockaddr *)&q, qlen), 0);
    int qa = accept(qs, NULL, NULL);
    write(qc, "rec1", 4);
    write(qc, "record2", 7);
    CHECK_EQ("seqpacket_record1", read(qa, buf, sizeof buf), 4);
    CHECK_EQ("seqpacket_record2", read(qa, buf, sizeof buf), 7);
    int unconn = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    CHECK_EQ("seqpacket_unconnected_send_enotconn", send(unconn, "x", 1, 0) == -1 ? errno : 0, ENOTCONN);
    CHECK_EQ("seqpacket_unconnected_recv_enotconn", recv(unconn, buf, 1, MSG_DONTWAIT) == -1 ? errno : 0, ENOTCONN);

    /* A reader blocked in another process is woken by shutdown. */
    int w[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, w);
    pid_t c = fork();
    if (c == 0) {
        char b;
        _exit(read(w[1], &b, 1) == 0 ? 0 : 1);
    }
    shutdown(w[0], SHUT_WR);
    int st;
    waitpid(c, &st, 0);
    CHECK_EQ("shutdown_wakes_reader_with_eof", st, 0);
    CHECK_EQ("shut_wr_revents", revents(w[0], POLLIN | POLLOUT), POLLOUT);
    CHECK_EQ("peer_of_shut_wr_revents", revents(w[1], POLLIN | POLLOUT | POLLRDHUP), POLLIN | POLLOUT | POLLRDHUP);

    /* MSG_WAITALL gathers across writes from another process. */
    c = fork();
    if (c == 0) {
        write(w[1], "12", 2);
        write(w[1], "345", 3);
        _exit(0);
    }
    CHECK_EQ("waitall_gathers", recv(w[0], buf, 5, MSG_WAITALL), 5);
    waitpid(c, &st, 0);

    /* Datagram connect, then disconnect with AF_UNSPEC. */
    struct sockaddr_un d;
    socklen_t dlen = abstract(&d, "kev.semantics.dgram");
    int dr = socket(AF_UNIX, SOCK_DGRAM, 0);
    bind(dr, (struct sockaddr *)&d, dlen);
    int ds = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ("dgram_connect", connect(ds, (struct sockaddr *)&d, dlen), 0);
    CHECK_EQ("dgram_send_connected", send(ds, "m", 1, 0), 1);
    struct sockaddr unspec = { .sa_family = AF_UNSPEC };
    CHECK_EQ("dgram_disconnect", connect(ds, &unspec, sizeof unspec), 0);
    CHECK_EQ("dgram_send_after_disconnect", send(ds, "m", 1, 0) == -1 ? errno : 0, ENOTCONN);
    struct sockaddr_un peer;
    socklen_t pl = sizeof peer;
    CHECK_EQ("dgram_getpeername_after_disconnect", getpeername(ds, (struct sockaddr *)&peer, &pl) == -1 ? errno : 0,
             ENOTCONN);
    /* Another socket cannot send to one connected elsewhere. */
    int other = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un o;
    socklen_t olen = abstract(&o, "kev.semantics.other");
    bind(other, (struct sockaddr *)&o, olen);
    connect(dr, (struct sockaddr *)&o, olen);
    CHECK_EQ("dgram_to_socket_connected_elsewhere_eperm",
             sendto(ds, "x", 1, 0, (struct sockaddr *)&d, dlen) == -1 ? errno : 0, EPERM);

    /* MSG_OOB on a stream: the last byte is urgent; reads stop at the mark. */
    int ob[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, ob);
    CHECK_EQ("oob_send", send(ob[0], "abc", 3, MSG_OOB), 3);
    CHECK_EQ("oob_revents", revents(ob[1], POLLIN | POLLPRI), POLLIN | POLLPRI);
    int mark = -1;
    CHECK_EQ("oob_not_at_mark", ioctl(ob[1], SIOCATMARK, &mark) == 0 ? mark : -1, 0);
    memset(buf, 0, sizeof buf);
    CHECK_EQ("oob_read_stops_at_mark", read(ob[1], buf, sizeof buf), 2);
    CHECK_EQ("oob_at_mark", ioctl(ob[1], SIOCATMARK, &mark) == 0 ? mark : -1, 1);
    CHECK_EQ("oob_recv_urgent", recv(ob[1], buf, sizeof buf, MSG_OOB), 1);
    CHECK("oob_urgent_byte", buf[0] == 'c', "got %c", buf[0]);
    CHECK_EQ("oob_recv_again_einval", recv(ob[1], buf, 1, MSG_OOB) == -1 ? errno : 0, EINVAL);
    CHECK_EQ("oob_read_leaves_pollin", revents(ob[1], POLLIN | POLLPRI), POLLIN);
    send(ob[0], "xy", 2, MSG_OOB);
    send(ob[0], "z", 1, 0);
    CHECK_EQ("oob_unread_skipped_by_read", read(ob[1], buf, sizeof buf), 1);
    CHECK_EQ("oob_then_rest", read(ob[1], buf, sizeof buf), 1);
    CHECK("oob_rest_byte", buf[0] == 'z', "got %c", buf[0]);
    int inl = 1;
    setsockopt(ob[1], SOL_SOCKET, SO_OOBINLINE, &inl, sizeof inl);
    send(ob[0], "pq", 2, MSG_OOB);
    CHECK_EQ("oobinline_recv_oob_einval", recv(ob[1], buf, 1, MSG_OOB) == -1 ? errno : 0, EINVAL);
    CHECK_EQ("oobinline_read_to_mark", read(ob[1], buf, sizeof buf), 1);
    CHECK_EQ("oobinline_read_urgent_inline", read(ob[1], buf, sizeof buf), 1);
    CHECK("oobinline_byte", buf[0] == 'q', "got %c", buf[0]);
    CHECK_EQ("oob_empty_send_eopnotsupp", send(ob[0], "", 0, MSG_OOB) == -1 ? errno : 0, EOPNOTSUPP);
    CHECK_EQ("oob_dgram_eopnotsupp", send(ds, "x", 1, MSG_OOB) == -1 ? errno : 0, EOPNOTSUPP);
    return kev_end();
}
