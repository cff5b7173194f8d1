/*
 * thread_local_storage — each thread gets its own copy of __thread variables,
 * initialised from the TLS image (.tdata) or zeroed (.tbss), at its own address
 * and with the declared alignment; the FS base (arch_prctl ARCH_GET_FS) is the
 * thread pointer, which musl makes equal to pthread_self(); pthread keys hold
 * per-thread values and run their destructor at thread exit.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <pthread.h>
#include <stdint.h>

#define ARCH_GET_FS 0x1003

static __thread int counter = 5;
static __thread char zeroed[256];
static __thread char aligned_block[64] __attribute__((aligned(64)));

static pthread_key_t key;
static int destructor_calls;
static void *destructor_value;

static void destructor(void *v)
{
	destructor_calls++;
	destructor_value = v;
}

struct report {
	struct exit_watch watch;
	int counter_initial, zeroed_ok, aligned_ok, fs_is_self, key_initial_null, key_value_ok;
	void *counter_addr;
};

static void *worker(void *p)
{
	struct report *r = p;
	r->counter_initial = counter;
	r->counter_addr = &counter;
	counter = 20;
	r->zeroed_ok = 1;
	for (size_t i = 0; i < sizeof zeroed; i++)
		r->zeroed_ok &= zeroed[i] == 0;
	r->aligned_ok = ((uintptr_t)aligned_block % 64) == 0;
	unsigned long fs = 0;
	syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
	r->fs_is_self = fs == (unsigned long)pthread_self();
	r->key_initial_null = pthread_getspecific(key) == NULL;
	pthread_setspecific(key, (void *)0x1234);
	r->key_value_ok = pthread_getspecific(key) == (void *)0x1234;
	exit_watch_thread_start(&r->watch);
	return NULL;
}

int main(void)
{
	counter = 10;
	zeroed[0] = 'm';
	CHECK("pthread_key_create", pthread_key_create(&key, destructor) == 0, "failed");
	pthread_setspecific(key, (void *)0x99);

	struct report r;
	memset(&r, 0, sizeof r);
	exit_watch_open(&r.watch);
	pthread_t th;
	pthread_create(&th, NULL, worker, &r);
	exit_watch_started(&r.watch);
	exit_watch_wait(&r.watch);
	pthread_join(th, NULL);

	CHECK("thread sees the initial value, not main's", r.counter_initial == 5, "got %d", r.counter_initial);
	CHECK("thread's copy lives elsewhere", r.counter_addr != (void *)&counter, "same address");
	CHECK("main's value untouched by the thread", counter == 10, "got %d", counter);
	CHECK(".tbss zeroed in the thread", r.zeroed_ok, "not zero");
	CHECK("64-byte TLS alignment in the thread", r.aligned_ok, "misaligned");
	CHECK("64-byte TLS alignment in main", ((uintptr_t)aligned_block % 64) == 0, "misaligned");
	CHECK("thread FS base is pthread_self", r.fs_is_self, "differs");
	unsigned long fs = 0;
	CHECK_OK("ARCH_GET_FS in main", syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	CHECK("main FS base is pthread_self", fs == (unsigned long)pthread_self(), "differs");
	CHECK("key starts NULL in a new thread", r.key_initial_null, "not NULL");
	CHECK("key holds the thread's value", r.key_value_ok, "differs");
	CHECK("destructor ran once with the thread's value", destructor_calls == 1 &&
	      destructor_value == (void *)0x1234, "calls %d", destructor_calls);
	CHECK("main's key value kept", pthread_getspecific(key) == (void *)0x99, "differs");
	CHECK_ERR("ARCH_GET_FS bad pointer", syscall(SYS_arch_prctl, ARCH_GET_FS, (void *)8), EFAULT);
	CHECK_ERR("arch_prctl unknown code", syscall(SYS_arch_prctl, 0x9999, &fs), EINVAL);
	return contract_end();
}
