/*
 * condvar_wake — condition variables waking sleeping waiters: pthread_cond_signal
 * wakes the one waiter, which returns 0 holding the mutex and sees the
 * predicate; pthread_cond_broadcast wakes both of two waiters (musl wakes the
 * oldest and requeues the other onto the mutex, which the first hands over on
 * unlock). The signaller changes the predicate under the mutex, then signals
 * after unlocking.
 *
 * A waiter cannot be observed going to sleep, so the main thread signals only
 * 200 ms after each waiter said it was about to wait (inside the mutex, so the
 * wait itself is next): like alarm_pause, this relies on that margin. Waiters
 * exit one at a time, on the main thread's word.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <pthread.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int predicate;
static int about[2];

struct waiter {
	struct exit_watch watch;
	int go;
	int rc, waits, saw_predicate, held_mutex;
	pthread_t th;
};

static void *waiter_main(void *p)
{
	struct waiter *w = p;
	exit_watch_thread_start(&w->watch);
	pthread_mutex_lock(&m);
	write(about[1], "w", 1);
	while (!predicate) {
		w->rc = pthread_cond_wait(&cv, &m);
		w->waits++;
	}
	w->saw_predicate = predicate;
	w->held_mutex = pthread_mutex_trylock(&m) == EBUSY;
	pthread_mutex_unlock(&m);
	char c;
	read(w->go, &c, 1);
	return NULL;
}

static void margin(void)
{
	struct timespec ts = { 0, 200000000 };
	nanosleep(&ts, NULL);
}

static void start_waiter(struct waiter *w, int go_fd)
{
	memset(w, 0, sizeof *w);
	w->go = go_fd;
	exit_watch_open(&w->watch);
	pthread_create(&w->th, NULL, waiter_main, w);
	exit_watch_started(&w->watch);
	char c;
	read(about[0], &c, 1);
	margin();
}

static void finish_waiter(struct waiter *w, int go_write)
{
	write(go_write, "g", 1);
	exit_watch_wait(&w->watch);
	pthread_join(w->th, NULL);
}

static void set_predicate(int v)
{
	pthread_mutex_lock(&m);
	predicate = v;
	pthread_mutex_unlock(&m);
}

int main(void)
{
	int go[3][2];
	for (int i = 0; i < 3; i++)
		pipe(go[i]);
	pipe(about);

	struct waiter a;
	start_waiter(&a, go[0][0]);
	set_predicate(1);
	CHECK("pthread_cond_signal", pthread_cond_signal(&cv) == 0, "failed");
	finish_waiter(&a, go[0][1]);
	CHECK("signalled waiter returned 0 after one wait", a.rc == 0 && a.waits == 1, "rc %d waits %d", a.rc,
	      a.waits);
	CHECK("it saw the predicate and held the mutex", a.saw_predicate == 1 && a.held_mutex, "differs");

	set_predicate(0);
	struct waiter b, c;
	start_waiter(&b, go[1][0]);
	start_waiter(&c, go[2][0]);
	set_predicate(1);
	CHECK("pthread_cond_broadcast", pthread_cond_broadcast(&cv) == 0, "failed");
	finish_waiter(&b, go[1][1]);
	finish_waiter(&c, go[2][1]);
	CHECK("first waiter woken by the broadcast", b.rc == 0 && b.waits == 1 && b.saw_predicate && b.held_mutex,
	      "rc %d waits %d", b.rc, b.waits);
	CHECK("second waiter woken by the broadcast", c.rc == 0 && c.waits == 1 && c.saw_predicate && c.held_mutex,
	      "rc %d waits %d", c.rc, c.waits);
	CHECK("mutex free at the end", pthread_mutex_trylock(&m) == 0, "still held");
	pthread_mutex_unlock(&m);
	return contract_end();
}
