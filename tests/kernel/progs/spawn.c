/* spawn — fork+execve, vfork+execve and posix_spawn of /t/exit42, each reaped with
 * waitpid; prints the three wait statuses, and getpid/getppid of the process itself. */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int reap(pid_t pid)
{
    int st = -1;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return st;
}

int main(void)
{
    char *argv[] = { "/t/exit42", NULL };
    pid_t a = fork();
    if (a == 0) {
        execve(argv[0], argv, environ);
        _exit(99);
    }
    int sa = reap(a);
    pid_t b = vfork();
    if (b == 0) {
        execve(argv[0], argv, environ);
        _exit(98);
    }
    int sb = reap(b);
    pid_t c;
    int sc = posix_spawn(&c, argv[0], NULL, NULL, argv, environ) == 0 ? reap(c) : -2;
    printf("pid %d ppid %d fork %d vfork %d posix_spawn %d\n", getpid(), getppid(),
           WEXITSTATUS(sa), WEXITSTATUS(sb), WEXITSTATUS(sc));
    return 0;
}
