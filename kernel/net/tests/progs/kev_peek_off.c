/* kev_peek_off — SO_PEEK_OFF on stream and datagram sockets: peeks start at the offset and
 * move it on, reads move it back, a negative value turns it off. The values printed are
 * compared with Linux's output by test_kev. */
#include "kev_check.h"
#include <sys/socket.h>

static int off_of(int fd)
{
    int off = -100;
    socklen_t l = sizeof off;
    getsockopt(fd, SOL_SOCKET, SO_PEEK_OFF, &off, &l);
    return off;
}

static void show(const char *what, long r, const char *b, int fd)
{
    printf("%s: %ld '%s' off %d\n", what, r, r > 0 ? b : "", off_of(fd));
}

int main(void)
{
    char b[16];
    int sv[2], off = 0;
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    CHECK_EQ("default_off", off_of(sv[1]), -1);
    CHECK_EQ("set_stream", setsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof off), 0);
    write(sv[0], "abcdef", 6);
    memset(b, 0, sizeof b); show("stream_peek1", recv(sv[1], b, 2, MSG_PEEK), b, sv[1]);
    memset(b, 0, sizeof b); show("stream_peek2", recv(sv[1], b, 2, MSG_PEEK), b, sv[1]);
    memset(b, 0, sizeof b); show("stream_read", recv(sv[1], b, 3, 0), b, sv[1]);
    memset(b, 0, sizeof b); show("stream_peek3", recv(sv[1], b, 8, MSG_PEEK), b, sv[1]);
    memset(b, 0, sizeof b); show("stream_peek_past_end", recv(sv[1], b, 8, MSG_PEEK | MSG_DONTWAIT), b, sv[1]);
    write(sv[0], "gh", 2);
    memset(b, 0, sizeof b); show("stream_peek_new_data", recv(sv[1], b, 8, MSG_PEEK), b, sv[1]);
    off = -5;
    setsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof off);
    memset(b, 0, sizeof b); show("stream_peek_off_disabled", recv(sv[1], b, 8, MSG_PEEK), b, sv[1]);

    int d[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, d);
    off = 0;
    CHECK_EQ("set_dgram", setsockopt(d[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof off), 0);
    write(d[0], "12345", 5);
    write(d[0], "678", 3);
    memset(b, 0, sizeof b); show("dgram_peek1", recv(d[1], b, 2, MSG_PEEK), b, d[1]);
    memset(b, 0, sizeof b); show("dgram_peek2", recv(d[1], b, 2, MSG_PEEK), b, d[1]);
    memset(b, 0, sizeof b); show("dgram_peek_rest", recv(d[1], b, 8, MSG_PEEK), b, d[1]);
    memset(b, 0, sizeof b); show("dgram_peek_next", recv(d[1], b, 8, MSG_PEEK | MSG_DONTWAIT), b, d[1]);
    memset(b, 0, sizeof b); show("dgram_read", recv(d[1], b, 8, 0), b, d[1]);
    memset(b, 0, sizeof b); show("dgram_peek_past_end", recv(d[1], b, 8, MSG_PEEK | MSG_DONTWAIT), b, d[1]);
    off = 1;
    setsockopt(d[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof off);
    memset(b, 0, sizeof b); show("dgram_peek_trunc", recv(d[1], b, 1, MSG_PEEK | MSG_TRUNC), b, d[1]);
    int q[2];
    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, q);
    CHECK_EQ("set_seqpacket", setsockopt(q[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof off), 0);
    return kev_end();
}
