/* preempt — the parent spins (no syscalls) on a flag in a MAP_SHARED anonymous page until its
 * child sets it: only timer preemption lets the child run. Also checks copy-on-write: the
 * child's write to a private global is not seen by the parent. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int private_value = 1;

int main(void)
{
    volatile int *flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (flag == MAP_FAILED)
        return 2;
    *flag = 0;
    pid_t pid = fork();
    if (pid == 0) {
        private_value = 2;
        *flag = 1;
        _exit(private_value == 2 ? 0 : 3);
    }
    while (*flag == 0)
        ;
    int st;
    waitpid(pid, &st, 0);
    printf("flag %d private %d child %d\n", *flag, private_value, WEXITSTATUS(st));
    return 0;
}
