/* forkbomb — fork until the kernel refuses (run in a small guest memory): fork must fail with
 * ENOMEM or EAGAIN, never panic; every child is then reaped (a child may die of SIGBUS when
 * no frame is left for its stack, as Linux's OOM killer may kill one), fork works again, and
 * a second bomb leaves free memory where the first left it, give or take a heap page (the
 * kernel heap keeps what it grew to, so the first one is the warm-up). */
#include <errno.h>
#include <stdio.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long free_ram(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.freeram * si.mem_unit;
}

static int one_fork(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    int st;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3;
}

/* Fork until refused; returns the errno, with *made and *reaped counted. */
static int bomb(int *made, int *reaped)
{
    int hold[2];
    if (pipe(hold))
        return -1;
    int err = 0;
    *made = *reaped = 0;
    for (;;) {
        pid_t pid = fork();
        if (pid == 0) {
            char c;
            close(hold[1]);
            _exit(read(hold[0], &c, 1) == 0 ? 0 : 1);
        }
        if (pid < 0) {
            err = errno;
            break;
        }
        (*made)++;
    }
    close(hold[0]);
    close(hold[1]);
    while (wait(NULL) > 0)
        (*reaped)++;
    return err;
}

int main(void)
{
    int made, reaped;
    int err = bomb(&made, &reaped);
    printf("fork refused with %s after some children: %s\n", err == ENOMEM ? "ENOMEM" : err == EAGAIN ? "EAGAIN" : "?",
           made > 10 ? "yes" : "no");
    printf("all reaped: %s\n", reaped == made ? "yes" : "no");
    printf("fork works again: %s\n", one_fork() ? "yes" : "no");
    unsigned long before = free_ram();
    bomb(&made, &reaped);
    printf("second bomb reaped all: %s\n", reaped == made ? "yes" : "no");
    /* A leak would be pages per child (hundreds of them); the heap may grow a page or two
     * when the second bomb gets a few children further than the first. */
    long lost = (long)(before - free_ram());
    printf("free memory back within 64 KiB: %s\n", lost < 65536 ? "yes" : "no");
    return 0;
}
