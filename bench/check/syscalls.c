/* syscalls.c — a syscall-heavy program for the check-mode benchmark: many cheap calls of a few
 * kinds (getppid, write to /dev/null, fstat), so that the checker's per-call cost shows. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    int fd = open("/dev/null", O_WRONLY);
    struct stat st;
    long sum = 0;
    for (int i = 0; i < n; i++) {
        sum += getppid();
        if (write(fd, "0123456789abcdef", 16) != 16)
            return 1;
        if (i % 10 == 0 && fstat(fd, &st) == 0)
            sum += st.st_nlink;
    }
    printf("%d iterations, %ld\n", n, sum);
    return 0;
}
