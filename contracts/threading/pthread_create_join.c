/*
 * pthread_create_join — threads share the process (same pid, own tid, shared
 * memory), pthread_self differs per thread, the join result is the start
 * routine's return value or pthread_exit's argument, and /proc/self/task
 * lists the live threads.
 *
 * Each thread is joined only after thread_util.h's exit watch has seen it gone,
 * so pthread_join never races the exiting thread. Not tested: the thread count
 * after the exits (Linux drops a thread from it only after the fd table, so it
 * would race the exit watch) and joining oneself (musl deadlocks, no EDEADLK).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include "contract.h"
#include "thread_util.h"
#include <fcntl.h>
#include <pthread.h>

struct worker_arg {
	struct exit_watch watch;
	int go;
	int in;
	pid_t tid, pid;
	pthread_t self;
};

static int shared_counter;

static void *worker(void *p)
{
	struct worker_arg *a = p;
	a->tid = syscall(SYS_gettid);
	a->pid = getpid();
	a->self = pthread_self();
	exit_watch_thread_start(&a->watch); /* publishes the fields above */
	char c;
	read(a->go, &c, 1);
	shared_counter += a->in;
	if (a->in == 3)
		pthread_exit((void *)(long)(a->in * 100));
	return (void *)(long)(a->in * 2);
}

/* The live threads, as /proc/self/task lists them (not /proc/self/status, whose other lines
 * carry counters that change from run to run, and with them the length of every read). */
static int task_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	if (!d)
		return -1;
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

int main(void)
{
	struct worker_arg args[3];
	pthread_t th[3];
	int go[3][2];
	pid_t main_tid = syscall(SYS_gettid);

	for (int i = 0; i < 3; i++) {
		memset(&args[i], 0, sizeof args[i]);
		pipe(go[i]);
		args[i].go = go[i][0];
		args[i].in = i + 1;
		exit_watch_open(&args[i].watch);
		char name[32];
		snprintf(name, sizeof name, "pthread_create #%d", i + 1);
		CHECK(name, pthread_create(&th[i], NULL, worker, &args[i]) == 0, "failed");
		exit_watch_started(&args[i].watch);
	}
	CHECK("four threads alive", task_threads() == 4, "%d in /proc/self/task", task_threads());

	int same_pid = 1, distinct = 1;
	for (int i = 0; i < 3; i++) {
		same_pid &= args[i].pid == getpid();
		distinct &= args[i].tid != main_tid && args[i].tid > 0;
		distinct &= !pthread_equal(args[i].self, pthread_self());
		distinct &= pthread_equal(args[i].self, th[i]) != 0;
		for (int j = 0; j < i; j++)
			distinct &= args[i].tid != args[j].tid;
	}
	CHECK("threads share the pid", same_pid, "pid differs");
	CHECK("each thread has its own tid and pthread_t", distinct, "not distinct");

	/* One at a time: exiting threads would contend for musl's thread-list lock. */
	void *ret[3];
	for (int i = 0; i < 3; i++) {
		write(go[i][1], "x", 1);
		exit_watch_wait(&args[i].watch);
		char name[32];
		snprintf(name, sizeof name, "pthread_join #%d", i + 1);
		CHECK(name, pthread_join(th[i], &ret[i]) == 0, "failed");
	}
	CHECK("join returns the start routine's value", ret[0] == (void *)2L && ret[1] == (void *)4L,
	      "values differ");
	CHECK("join returns pthread_exit's value", ret[2] == (void *)300L, "value differs");
	CHECK("threads wrote shared memory", shared_counter == 6, "counter %d", shared_counter);
	return contract_end();
}
