/* sse — floating point through SSE registers across many sched_yield()s, in two processes
 * (fork), so a context switch that lost FPU/SSE state would show; prints the sums. */
#include <stdio.h>
#include <sched.h>
#include <unistd.h>
#include <sys/wait.h>

static double work(double seed)
{
    volatile double acc = 0;
    for (int i = 1; i <= 2000; i++) {
        acc += seed / i;
        if (i % 100 == 0)
            sched_yield();
    }
    return acc;
}

int main(void)
{
    pid_t pid = fork();
    if (pid < 0)
        return 2;
    double r = work(pid == 0 ? 3.0 : 7.0);
    if (pid == 0) {
        printf("child %.6f\n", r);
        return 0;
    }
    int st;
    waitpid(pid, &st, 0);
    printf("parent %.6f child-status %d\n", r, st);
    return 0;
}
