/* vforkkill — a vfork parent killed by a fatal signal while it waits for its child dies at
 * once (Linux's killable vfork wait; a process-wide SIGTERM counts, as complete_signal makes it
 * fatal); the child goes on in the memory the dead parent shared, sees the parent's pipe end
 * close, and reports. Not a contract: under ptrace Linux does not make SIGTERM fatal early, so
 * a recording would deadlock. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int dead[2], report[2];
    if (pipe(dead) || pipe(report))
        return 2;
    pid_t p = fork();
    if (p == 0) {
        close(report[0]);
        pid_t c = vfork();
        if (c == 0) {
            char ch;
            close(dead[1]);
            kill(getppid(), SIGTERM);
            ch = read(dead[0], &ch, 1) == 0 ? 'y' : 'n';
            write(report[1], &ch, 1);
            _exit(0);
        }
        _exit(9);   /* only if the kill did not end us */
    }
    close(dead[0]);
    close(dead[1]);
    close(report[1]);
    int status = 0;
    waitpid(p, &status, 0);
    printf("parent killed by SIGTERM: %s\n", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM ? "yes" : "no");
    char ch = 0;
    read(report[0], &ch, 1);
    printf("child saw it go: %s\n", ch == 'y' ? "yes" : "no");
    return 0;
}
