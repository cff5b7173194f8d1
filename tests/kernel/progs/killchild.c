/* killchild — default signal actions: children blocked in nanosleep and in a pipe read are
 * ended by SIGKILL and SIGTERM, a busy one by SIGINT, and SIGCHLD (ignored by default) is
 * dropped; prints each wait status. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int status_after(int how, int sig)
{
    int fds[2];
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        struct timespec ts = { 30, 0 };
        if (how == 0)
            nanosleep(&ts, NULL);
        else if (how == 1)
            read(fds[0], &c, 1);
        else
            for (volatile int i = 0;; i++)
                ;
        _exit(99);
    }
    struct timespec short_wait = { 0, 20 * 1000 * 1000 };
    nanosleep(&short_wait, NULL);            /* let the child block first */
    kill(pid, sig);
    int st = -1;
    waitpid(pid, &st, 0);
    close(fds[0]);
    close(fds[1]);
    return st;
}

int main(void)
{
    printf("sleep+KILL %d\n", status_after(0, SIGKILL));
    printf("read+TERM %d\n", status_after(1, SIGTERM));
    printf("busy+INT %d\n", status_after(2, SIGINT));
    printf("self SIGCHLD %d\n", kill(getpid(), SIGCHLD));
    printf("no such pid %d\n", kill(99999, 0));
    return 0;
}
