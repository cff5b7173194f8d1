/* forkleak — 1000 fork/exit/wait cycles must give every frame back (sysinfo's freeram is
 * the kernel's free frame count), and 200 children alive at once all run and are reaped. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long free_ram(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.freeram * si.mem_unit;
}

static int cycles(int n)
{
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char *p = malloc(64 * 1024);   /* touch some memory of its own */
            for (int k = 0; k < 64 * 1024; k += 4096)
                p[k] = 1;
            _exit(i & 0x7f);
        }
        int st;
        if (pid < 0 || waitpid(pid, &st, 0) != pid || WEXITSTATUS(st) != (i & 0x7f))
            return 1;
    }
    return 0;
}

int main(void)
{
    if (cycles(20))                      /* warm up the kernel's own caches */
        return 2;
    unsigned long before = free_ram();
    if (cycles(1000))
        return 3;
    unsigned long after = free_ram();
    printf("leaked %ld bytes over 1000 cycles\n", (long)(before - after));

    int fds[2];
    if (pipe(fds))
        return 4;
    for (int i = 0; i < 200; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return 5;
        if (pid == 0) {
            char c;
            close(fds[1]);
            _exit(read(fds[0], &c, 1) == 0 ? 7 : 8);   /* EOF once the parent closes */
        }
    }
    close(fds[0]);
    close(fds[1]);
    int reaped = 0, good = 0, st;
    while (wait(&st) > 0) {
        reaped++;
        good += WIFEXITED(st) && WEXITSTATUS(st) == 7;
    }
    printf("200 children: reaped %d, all ran %d\n", reaped, good == 200);
    return 0;
}
