/* kev_stream_flow — flow control on an AF_UNIX stream: 1 MiB written in blocking 64 KiB writes
 * through a socketpair while a child reads it (each write returns its whole length, so the
 * writer must sleep until the reader drains), then EOF after shutdown, and the child's count
 * and checksum come back over the same socket. */
#include "kev_check.h"
#include <stdint.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define TOTAL (1 << 20)
#define CHUNK 65536

int main(void)
{
    int sv[2];
    CHECK_EQ("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    pid_t child = fork();
    if (child == 0) {
        close(sv[0]);
        static char buf[4096];
        uint64_t n = 0, sum = 0;
        for (;;) {
            ssize_t r = read(sv[1], buf, sizeof buf);
            if (r <= 0)
                break;
            for (ssize_t i = 0; i < r; i++)
                sum += (unsigned char)buf[i];
            n += (uint64_t)r;
        }
        uint64_t out[2] = { n, sum };
        write(sv[1], out, sizeof out);
        _exit(0);
    }
    close(sv[1]);
    static char chunk[CHUNK];
    uint64_t sum = 0;
    for (int i = 0; i < CHUNK; i++) {
        chunk[i] = (char)(i * 7 + 3);
        sum += (unsigned char)chunk[i];
    }
    int whole = 1;
    for (int i = 0; i < TOTAL / CHUNK; i++)
        if (write(sv[0], chunk, CHUNK) != CHUNK)
            whole = 0;
    CHECK("blocking_writes_whole", whole, "a write was short");
    CHECK_EQ("shutdown_wr", shutdown(sv[0], SHUT_WR), 0);
    uint64_t got[2] = { 0, 0 };
    CHECK_EQ("read_result", read(sv[0], got, sizeof got), sizeof got);
    CHECK_EQ("child_count", got[0], TOTAL);
    CHECK("child_checksum", got[1] == sum * (TOTAL / CHUNK), "checksum differs");
    int st;
    waitpid(child, &st, 0);
    CHECK_EQ("child_exit", st, 0);
    return kev_end();
}
