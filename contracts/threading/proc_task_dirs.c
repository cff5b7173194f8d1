/*
 * proc_task_dirs — a thread's view of /proc: /proc/thread-self links to
 * "<pid>/task/<tid>" (the caller's thread), /proc/self/task/<tid>/ exists for
 * each live thread with stat starting "<tid> (<comm>) R <ppid> " for the reader
 * and comm equal to the process's, /proc/self/task's link count is 2 plus the
 * threads, and a thread directory is a directory with Linux's link count (the
 * checker compares it). Only the start of stat is read: later fields (times,
 * fault counts) change from run to run. The thread waits on a pipe until the
 * main thread has looked at it, so it is alive for every check (and main waits
 * until it has looked at itself). Naming it with
 * pthread_setname_np (musl writes its task/<tid>/comm) changes its comm only.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>

struct seen {
	struct exit_watch watch;
	int done[2];                /* the thread has looked at itself */
	int hold[2];                /* the thread stays until main is done looking at it */
	pid_t tid;
	char link[64], want_link[64];
	char stat[64], want_stat[64];
	char comm[32];
	int task_dir_ok;
};

static char comm[32];

/* Exactly len bytes from the start of path (so the trace does not depend on what follows). */
static void read_prefix(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, len) : -1;
	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

static void *worker(void *p)
{
	struct seen *s = p;
	s->tid = syscall(SYS_gettid);
	exit_watch_thread_start(&s->watch);
	ssize_t n = readlink("/proc/thread-self", s->link, sizeof s->link - 1);
	s->link[n > 0 ? n : 0] = '\0';
	snprintf(s->want_link, sizeof s->want_link, "%d/task/%d", getpid(), s->tid);
	snprintf(s->want_stat, sizeof s->want_stat, "%d (%s) R %d ", s->tid, comm, getppid());
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", s->tid);
	read_prefix(path, s->stat, strlen(s->want_stat));
	snprintf(path, sizeof path, "/proc/self/task/%d/comm", s->tid);
	read_prefix(path, s->comm, strlen(comm) + 1);
	struct stat st;
	s->task_dir_ok = stat("/proc/thread-self/", &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink > 2;
	char c;
	write(s->done[1], "d", 1);
	read(s->hold[0], &c, 1);
	return NULL;
}

int main(void)
{
	char link[64], want[64];
	read_prefix("/proc/self/comm", comm, 16);
	comm[strcspn(comm, "\n")] = '\0';

	ssize_t n = readlink("/proc/thread-self", link, sizeof link - 1);
	link[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof want, "%d/task/%d", getpid(), getpid());
	CHECK("main thread: thread-self is <pid>/task/<pid>", strcmp(link, want) == 0, "got %s", link);
	struct stat st;
	CHECK("task/ link count: 2 + one thread", stat("/proc/self/task", &st) == 0 && st.st_nlink == 3,
	      "nlink %ld", (long)st.st_nlink);

	struct seen s;
	memset(&s, 0, sizeof s);
	pthread_t th;
	exit_watch_open(&s.watch);
	pipe(s.done);
	pipe(s.hold);
	CHECK("pthread_create", pthread_create(&th, NULL, worker, &s) == 0, "failed");
	exit_watch_started(&s.watch);
	char c;
	read(s.done[0], &c, 1);
	CHECK("task/ link count: 2 + two threads", stat("/proc/self/task", &st) == 0 && st.st_nlink == 4,
	      "nlink %ld", (long)st.st_nlink);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/task/%d", s.tid);
	CHECK("task/<tid> is a directory", stat(path, &st) == 0 && S_ISDIR(st.st_mode), "not there");
	snprintf(path, sizeof path, "/proc/%d/task/%d/cmdline", getpid(), s.tid);
	CHECK("task/<tid>/cmdline exists", access(path, R_OK) == 0, "missing");
	/* musl names another thread by writing its /proc/self/task/<tid>/comm */
	CHECK("pthread_setname_np on the other thread", pthread_setname_np(th, "renamed") == 0, "failed");
	char name[32];
	snprintf(path, sizeof path, "/proc/self/task/%d/comm", s.tid);
	read_prefix(path, name, 9);
	CHECK("its comm is the new name", strcmp(name, "renamed\n") == 0, "got %s", name);
	read_prefix("/proc/self/comm", name, strlen(comm) + 1);
	CHECK("the process keeps its name", strncmp(name, comm, strlen(comm)) == 0, "got %s", name);
	write(s.hold[1], "x", 1);
	exit_watch_wait(&s.watch);
	pthread_join(th, NULL);

	CHECK("thread: thread-self is <pid>/task/<tid>", strcmp(s.link, s.want_link) == 0, "got %s", s.link);
	CHECK("thread: its stat starts with tid (comm) R ppid", strcmp(s.stat, s.want_stat) == 0, "got %s", s.stat);
	CHECK("thread: its comm is the process's", strncmp(s.comm, comm, strlen(comm)) == 0 &&
	      s.comm[strlen(comm)] == '\n', "got %s", s.comm);
	CHECK("thread: thread-self/ is a directory", s.task_dir_ok, "not");
	return contract_end();
}
