/* sighandler — signal delivery to handlers, printed so the test can compare with Linux:
 * siginfo from kill, the handler's stack alignment and mask, registers and SSE state kept
 * across the handler, SA_RESETHAND, a SIGSEGV handler that escapes with siglongjmp,
 * sigsuspend's temporary mask, and a blocked signal delivered when unblocked. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int got, code, pid_ok, aligned, masked_self;
static sigjmp_buf escape;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got = sig;
    code = si->si_code;
    pid_ok = si->si_pid == getpid();
    aligned = ((uintptr_t)__builtin_frame_address(0) % 16) == 0;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    masked_self = sigismember(&cur, SIGUSR1);
    volatile double x = 1.5;
    for (int i = 0; i < 10; i++)
        x = x * 3.25 + 1;      /* clobber SSE registers */
}

static void on_segv(int sig)
{
    (void)sig;
    siglongjmp(escape, 1);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    volatile double keep = 2.75;
    kill(getpid(), SIGUSR1);
    printf("handler sig %d code %d pid %d aligned %d masked %d sse %g\n", got, code, pid_ok, aligned,
           masked_self, keep * 2);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("mask restored %d\n", !sigismember(&cur, SIGUSR1));

    sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    got = 0;
    raise(SIGUSR1);
    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    printf("resethand ran %d now default %d\n", got, old.sa_handler == SIG_DFL);

    signal(SIGSEGV, on_segv);
    int escaped = 0;
    if (sigsetjmp(escape, 1) == 0)
        *(volatile int *)8 = 1;
    else
        escaped = 1;
    printf("segv escaped %d\n", escaped);

    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t block, none;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, NULL);
    got = 0;
    kill(getpid(), SIGUSR2);
    printf("blocked not run %d\n", got == 0);
    sigemptyset(&none);
    int r = sigsuspend(&none);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("sigsuspend %d ran %d mask back %d\n", r, got, sigismember(&cur, SIGUSR2));
    return 0;
}
