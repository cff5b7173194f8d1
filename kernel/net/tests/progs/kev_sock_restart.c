/* kev_sock_restart — a signal caught while a socket call blocks (Linux's sock_intr_errno):
 * with SA_RESTART and no SO_RCVTIMEO a blocking recv is restarted and gets what the handler
 * sent; without SA_RESTART it fails with EINTR; with SA_RESTART but a receive timeout it fails
 * with EINTR too (only untimed socket waits restart). A 100 ms ITIMER_REAL timer interrupts. */
#include "kev_check.h"
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>

static int sv[2];

static void on_alarm(int sig)
{
    (void)sig;
    send(sv[0], "h", 1, 0);
}

static void arm(int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 100000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    char c;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        return 1;
    arm(1);
    CHECK_EQ("recv_restarted", recv(sv[1], &c, 1, 0), 1);
    arm(0);
    CHECK_EQ("recv_eintr", recv(sv[1], &c, 1, 0) == -1 && errno == EINTR, 1);
    CHECK_EQ("recv_eintr_byte_queued", recv(sv[1], &c, 1, MSG_DONTWAIT), 1);
    struct timeval tv = { 5, 0 };
    setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    arm(1);
    CHECK_EQ("recv_timeo_eintr", recv(sv[1], &c, 1, 0) == -1 && errno == EINTR, 1);
    return kev_end();
}
