/*
 * pthread_barrier — two threads meet at a barrier for two rounds: nobody passes
 * until both have arrived (each sees the other's write made before the
 * barrier), exactly one of them gets PTHREAD_BARRIER_SERIAL_THREAD per round,
 * and the barrier is reusable; a count of 0 is EINVAL and a count of 1 returns
 * SERIAL at once without waiting.
 *
 * musl's barrier spins and then FUTEX_WAITs, so the futex calls depend on who
 * arrives when. To make them the same on every run, the worker always arrives
 * first and the main thread arrives 200 ms after the worker said it was about
 * to: the worker is then asleep in FUTEX_WAIT (as the instance owner) and the
 * main thread's arrival wakes it. Like alarm_pause, this relies on that margin.
 * Two parties only: with three, the two released threads would race to be the
 * last one out, and that decides who makes the final FUTEX_WAKE.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <pthread.h>
#include <time.h>

#define ROUNDS 2

static pthread_barrier_t barrier;
static int about[2];
static volatile int arrived[ROUNDS][2];
static int saw_other[ROUNDS][2], result[ROUNDS][2];

static void arrive(int round, int me)
{
	arrived[round][me] = 1;
	result[round][me] = pthread_barrier_wait(&barrier);
	saw_other[round][me] = arrived[round][1 - me];
}

struct worker {
	struct exit_watch watch;
	int go;
};

static void *worker_main(void *p)
{
	struct worker *w = p;
	exit_watch_thread_start(&w->watch);
	for (int r = 0; r < ROUNDS; r++) {
		write(about[1], "a", 1);
		arrive(r, 1);
	}
	return NULL;
}

int main(void)
{
	pthread_barrier_t b;
	CHECK("count 0 is EINVAL", pthread_barrier_init(&b, NULL, 0) == EINVAL, "differs");
	CHECK("count 1 init", pthread_barrier_init(&b, NULL, 1) == 0, "failed");
	CHECK("count 1 returns SERIAL at once", pthread_barrier_wait(&b) == PTHREAD_BARRIER_SERIAL_THREAD,
	      "differs");
	pthread_barrier_destroy(&b);

	CHECK("init two-party barrier", pthread_barrier_init(&barrier, NULL, 2) == 0, "failed");
	pipe(about);
	struct worker w;
	exit_watch_open(&w.watch);
	pthread_t th;
	pthread_create(&th, NULL, worker_main, &w);
	exit_watch_started(&w.watch);
	for (int r = 0; r < ROUNDS; r++) {
		char c;
		read(about[0], &c, 1);
		struct timespec margin = { 0, 200000000 };
		nanosleep(&margin, NULL);
		arrive(r, 0);
	}
	exit_watch_wait(&w.watch);
	pthread_join(th, NULL);

	for (int r = 0; r < ROUNDS; r++) {
		char name[64];
		snprintf(name, sizeof name, "round %d: nobody passed early", r + 1);
		CHECK(name, saw_other[r][0] && saw_other[r][1], "a thread passed alone");
		int serial = (result[r][0] == PTHREAD_BARRIER_SERIAL_THREAD) + (result[r][1] == PTHREAD_BARRIER_SERIAL_THREAD);
		int zero = (result[r][0] == 0) + (result[r][1] == 0);
		snprintf(name, sizeof name, "round %d: exactly one SERIAL, the other 0", r + 1);
		CHECK(name, serial == 1 && zero == 1, "results %d and %d", result[r][0], result[r][1]);
	}
	CHECK("destroy", pthread_barrier_destroy(&barrier) == 0, "failed");
	return contract_end();
}
