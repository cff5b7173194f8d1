/* forkpipe.c — a child writes into a pipe, the parent reads it and waits: births, a second
 * task's stream, pipe fds and wait statuses for the end-to-end checks. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    pid_t child = fork();
    if (child < 0)
        return 2;
    if (child == 0) {
        close(fds[0]);
        const char msg[] = "from the child\n";
        if (write(fds[1], msg, strlen(msg)) != (ssize_t)strlen(msg))
            _exit(3);
        _exit(7);
    }
    close(fds[1]);
    char buf[64];
    ssize_t n = read(fds[0], buf, sizeof buf);
    int status = 0;
    if (waitpid(child, &status, 0) != child)
        return 4;
    printf("parent read %zd bytes: %.*s", n, (int)(n > 0 ? n : 0), buf);
    printf("child exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
