/*
 * pthread_barrier — three threads (main and two workers) meet at a barrier for
 * two rounds: nobody passes until all have arrived (each sees every write made
 * before the barrier), exactly one thread per round gets
 * PTHREAD_BARRIER_SERIAL_THREAD, and the barrier is reusable; a count of 0 is
 * EINVAL and a count of 1 returns SERIAL at once.
 *
 * Known limit: musl's barrier spins and then FUTEX_WAITs, so how many futex calls
 * each thread makes, and their results, depend on arrival timing. The output is
 * deterministic; the syscall stream of each thread is not (see the report).
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <pthread.h>

#define PARTIES 3
#define ROUNDS 2

static pthread_barrier_t barrier;
static volatile int arrived[ROUNDS][PARTIES];
static int seen_all[ROUNDS][PARTIES];
static int serial[ROUNDS][PARTIES];

static void run_rounds(int me)
{
	for (int r = 0; r < ROUNDS; r++) {
		arrived[r][me] = 1;
		int rc = pthread_barrier_wait(&barrier);
		serial[r][me] = rc == PTHREAD_BARRIER_SERIAL_THREAD;
		if (rc != 0 && rc != PTHREAD_BARRIER_SERIAL_THREAD)
			serial[r][me] = -1;
		int all = 1;
		for (int i = 0; i < PARTIES; i++)
			all &= arrived[r][i];
		seen_all[r][me] = all;
	}
}

struct worker {
	struct exit_watch watch;
	int go, me;
};

static void *worker_main(void *p)
{
	struct worker *w = p;
	exit_watch_thread_start(&w->watch);
	run_rounds(w->me);
	char c;
	read(w->go, &c, 1); /* exit one at a time, on the main thread's word */
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

	CHECK("init three-party barrier", pthread_barrier_init(&barrier, NULL, PARTIES) == 0, "failed");
	struct worker w[PARTIES - 1];
	pthread_t th[PARTIES - 1];
	int go[PARTIES - 1][2];
	for (int i = 0; i < PARTIES - 1; i++) {
		pipe(go[i]);
		w[i].go = go[i][0];
		w[i].me = i + 1;
		exit_watch_open(&w[i].watch);
		pthread_create(&th[i], NULL, worker_main, &w[i]);
		exit_watch_started(&w[i].watch);
	}
	run_rounds(0);
	for (int i = 0; i < PARTIES - 1; i++) {
		write(go[i][1], "g", 1);
		exit_watch_wait(&w[i].watch);
		pthread_join(th[i], NULL);
	}

	for (int r = 0; r < ROUNDS; r++) {
		int n_serial = 0, all = 1, errors = 0;
		for (int i = 0; i < PARTIES; i++) {
			n_serial += serial[r][i] == 1;
			errors += serial[r][i] < 0;
			all &= seen_all[r][i];
		}
		char name[64];
		snprintf(name, sizeof name, "round %d: nobody passed early", r + 1);
		CHECK(name, all, "a thread passed before all arrived");
		snprintf(name, sizeof name, "round %d: exactly one SERIAL", r + 1);
		CHECK(name, n_serial == 1 && errors == 0, "%d serial, %d errors", n_serial, errors);
	}
	CHECK("destroy", pthread_barrier_destroy(&barrier) == 0, "failed");
	return contract_end();
}
