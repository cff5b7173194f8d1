/*
 * threads — a static glibc program as people write them: four pthreads (made with clone3) do a
 * little work and a write each while main makes 300 quick syscalls, then main joins them in order.
 * On Linux the threads run on other CPUs and have long finished, so the joins find them gone
 * without a futex wait; on the kernel's one CPU main would run on until a timer tick and join
 * threads that have not run, unless check mode starts main's calls (and its user code after
 * them) only once the events Linux had completed by then are done here too (RULE_ENTRY_ORDER,
 * replayer/kernel/order.c). A join that races a thread's exit on Linux is avoided: which side
 * won such a race is not in the recording.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *work(void *arg)
{
    long n = (long)arg, sum = 0;
    for (long i = 0; i < n * 1000; i++)
        sum += i % 7;
    char line[64];
    int len = snprintf(line, sizeof line, "thread %ld done\n", n);
    (void)!write(2, line, (size_t)len);
    return (void *)sum;
}

int main(void)
{
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        if (pthread_create(&t[i], NULL, work, (void *)(i + 1)) != 0)
            return 1;
    for (int i = 0; i < 300; i++)
        getppid();
    long total = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        total += (long)r;
    }
    char *p = malloc(1 << 20);
    memset(p, 1, 1 << 20);
    printf("total %ld %d\n", total, p[12345]);
    free(p);
    return 0;
}
