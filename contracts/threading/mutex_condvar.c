/*
 * mutex_condvar — pthread mutex types and condition variable timeouts, in the
 * cases whose syscalls do not depend on timing: error-checking mutexes (EDEADLK
 * on relock, EPERM on unlock by a non-owner or when unlocked), trylock EBUSY from
 * another thread, recursive counting, robust mutexes whose owner thread exited
 * (EOWNERDEAD, pthread_mutex_consistent, ENOTRECOVERABLE when not made
 * consistent), and pthread_cond_timedwait returning ETIMEDOUT with the mutex
 * held again (deadline already past) or EINVAL for a bad deadline.
 *
 * A condition variable woken by another thread is condvar_wake's subject: it
 * needs a time margin (whether the waiter is already in FUTEX_WAIT when the
 * signal comes shows in the syscall results), and this contract has none.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <pthread.h>
#include <time.h>

static pthread_mutex_t errcheck, normal, robust_a, robust_b;

struct job {
	struct exit_watch watch;
	int trylock_normal, unlock_errcheck, lock_robust_a, lock_robust_b;
};

static void *other_thread(void *p)
{
	struct job *j = p;
	j->trylock_normal = pthread_mutex_trylock(&normal);      /* held by main */
	j->unlock_errcheck = pthread_mutex_unlock(&errcheck);    /* held by main */
	j->lock_robust_a = pthread_mutex_lock(&robust_a);        /* exits holding it */
	j->lock_robust_b = pthread_mutex_lock(&robust_b);        /* exits holding it */
	exit_watch_thread_start(&j->watch);
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&errcheck, &a);
	CHECK("errorcheck lock", pthread_mutex_lock(&errcheck) == 0, "failed");
	CHECK("errorcheck relock is EDEADLK", pthread_mutex_lock(&errcheck) == EDEADLK, "not EDEADLK");
	CHECK("errorcheck trylock by owner is EBUSY", pthread_mutex_trylock(&errcheck) == EBUSY, "not EBUSY");

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_t rec;
	pthread_mutex_init(&rec, &a);
	int ok = 1;
	for (int i = 0; i < 3; i++)
		ok &= pthread_mutex_lock(&rec) == 0;
	for (int i = 0; i < 3; i++)
		ok &= pthread_mutex_unlock(&rec) == 0;
	CHECK("recursive lock and unlock three times", ok, "failed");
	CHECK("recursive extra unlock is EPERM", pthread_mutex_unlock(&rec) == EPERM, "not EPERM");

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_NORMAL);
	pthread_mutex_init(&normal, &a);
	pthread_mutex_lock(&normal);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust_a, &a);
	pthread_mutex_init(&robust_b, &a);

	struct job j;
	memset(&j, 0, sizeof j);
	exit_watch_open(&j.watch);
	pthread_t th;
	pthread_create(&th, NULL, other_thread, &j);
	exit_watch_started(&j.watch);
	exit_watch_wait(&j.watch);
	pthread_join(th, NULL);

	CHECK("trylock of a mutex held elsewhere is EBUSY", j.trylock_normal == EBUSY, "got %d", j.trylock_normal);
	CHECK("unlock by a non-owner is EPERM", j.unlock_errcheck == EPERM, "got %d", j.unlock_errcheck);
	CHECK("robust locks taken by the thread", j.lock_robust_a == 0 && j.lock_robust_b == 0, "failed");
	CHECK("errorcheck still ours", pthread_mutex_unlock(&errcheck) == 0, "unlock failed");
	CHECK("errorcheck unlock when unlocked is EPERM", pthread_mutex_unlock(&errcheck) == EPERM, "not EPERM");
	pthread_mutex_unlock(&normal);

	CHECK("robust mutex of a dead owner: EOWNERDEAD", pthread_mutex_lock(&robust_a) == EOWNERDEAD, "differs");
	CHECK("pthread_mutex_consistent", pthread_mutex_consistent(&robust_a) == 0, "failed");
	pthread_mutex_unlock(&robust_a);
	CHECK("consistent robust mutex locks normally", pthread_mutex_lock(&robust_a) == 0, "failed");
	pthread_mutex_unlock(&robust_a);
	CHECK("second robust mutex: EOWNERDEAD", pthread_mutex_lock(&robust_b) == EOWNERDEAD, "differs");
	pthread_mutex_unlock(&robust_b);
	CHECK("unlocked without consistent: ENOTRECOVERABLE", pthread_mutex_lock(&robust_b) == ENOTRECOVERABLE,
	      "differs");

	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_t cv;
	pthread_cond_init(&cv, &ca);
	pthread_mutex_lock(&errcheck);
	struct timespec past = { 0, 0 };
	CHECK("timedwait with a past deadline is ETIMEDOUT", pthread_cond_timedwait(&cv, &errcheck, &past) == ETIMEDOUT,
	      "differs");
	CHECK("mutex held again after the timeout", pthread_mutex_lock(&errcheck) == EDEADLK, "not held");
	struct timespec bad = { 0, 1000000000 };
	CHECK("timedwait with tv_nsec out of range is EINVAL", pthread_cond_timedwait(&cv, &errcheck, &bad) == EINVAL,
	      "differs");
	CHECK("signal with no waiters", pthread_cond_signal(&cv) == 0, "failed");
	CHECK("broadcast with no waiters", pthread_cond_broadcast(&cv) == 0, "failed");
	pthread_mutex_unlock(&errcheck);
	CHECK("destroy", pthread_cond_destroy(&cv) == 0 && pthread_mutex_destroy(&errcheck) == 0, "failed");
	return contract_end();
}
