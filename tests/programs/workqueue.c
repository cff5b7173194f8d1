/* workqueue — a thread pool as people write it: a bounded job queue guarded by a mutex, two
 * condition variables (not empty, not full), four worker threads that count primes in ranges,
 * a producer that blocks when the queue is full, and a shutdown flag broadcast at the end.
 * Results are summed under the mutex; the output does not depend on which worker ran what. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define WORKERS 4
#define QSIZE 4
#define JOBS 24
#define SPAN 2000

struct job { int lo, hi; };

static struct job queue[QSIZE];
static int head, count, done_jobs, shutting_down;
static long total_primes;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static int per_job[JOBS];

static int is_prime(int n)
{
	if (n < 2)
		return 0;
	for (int d = 2; d * d <= n; d++)
		if (n % d == 0)
			return 0;
	return 1;
}

static void *worker(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (count == 0 && !shutting_down)
			pthread_cond_wait(&not_empty, &lock);
		if (count == 0 && shutting_down) {
			pthread_mutex_unlock(&lock);
			return NULL;
		}
		struct job j = queue[head];
		head = (head + 1) % QSIZE;
		count--;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&lock);

		int n = 0;
		for (int i = j.lo; i < j.hi; i++)
			n += is_prime(i);

		pthread_mutex_lock(&lock);
		total_primes += n;
		per_job[j.lo / SPAN] = n;
		done_jobs++;
		pthread_mutex_unlock(&lock);
	}
}

int main(void)
{
	pthread_t t[WORKERS];
	for (int i = 0; i < WORKERS; i++)
		if (pthread_create(&t[i], NULL, worker, NULL)) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	for (int k = 0; k < JOBS; k++) {
		pthread_mutex_lock(&lock);
		while (count == QSIZE)
			pthread_cond_wait(&not_full, &lock);
		queue[(head + count) % QSIZE] = (struct job){ k * SPAN, (k + 1) * SPAN };
		count++;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	shutting_down = 1;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);

	printf("jobs done: %d\n", done_jobs);
	printf("primes below %d: %ld\n", JOBS * SPAN, total_primes);
	for (int k = 0; k < JOBS; k += 6)
		printf("  [%5d, %5d): %d\n", k * SPAN, (k + 1) * SPAN, per_job[k]);
	return 0;
}
