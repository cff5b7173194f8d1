/*
 * sigaction_shared — threads share one table of signal handlers (CLONE_SIGHAND): a
 * handler a thread installs is the main thread's too; an SA_RESETHAND handler that runs
 * in one thread is back to SIG_DFL for every thread (its flags stay); setting SIG_IGN in
 * one thread discards that signal where it pends for another thread and for the process;
 * a fault the process blocks kills it despite its handler (force_sig).
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include "thread_util.h"
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

static volatile int ran;

static void on_usr1(int sig)
{
	(void)sig;
	ran++;
}

struct job {
	struct exit_watch watch;
	int step[2], done[2];
};

static void *worker(void *p)
{
	struct job *j = p;
	exit_watch_thread_start(&j->watch);
	char c;
	/* 1: install a one-shot handler, and take it once. */
	read(j->step[0], &c, 1);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &one, NULL);
	write(j->done[1], "1", 1);
	/* 2: ignore SIGUSR2, pending for the main thread and for the process. */
	read(j->step[0], &c, 1);
	signal(SIGUSR2, SIG_IGN);
	write(j->done[1], "2", 1);
	return NULL;
}

int main(void)
{
	sigchld_quiet();   /* SIGCHLD is not the subject (sigchld_quiet.h) */
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, NULL);

	struct job j;
	memset(&j, 0, sizeof j);
	pipe(j.step);
	pipe(j.done);
	exit_watch_open(&j.watch);
	pthread_t th;
	pthread_create(&th, NULL, worker, &j);
	exit_watch_started(&j.watch);
	char c;

	write(j.step[1], "1", 1);
	read(j.done[0], &c, 1);
	struct sigaction old;
	sigaction(SIGUSR1, NULL, &old);
	CHECK_RET("the thread's one-shot handler ran once", ran, 1);
	CHECK("and is SIG_DFL for the main thread too", old.sa_handler == SIG_DFL, "still set");
	CHECK("its flags stay", (old.sa_flags & SA_RESETHAND) != 0, "flags %#x", (unsigned)old.sa_flags);

	raise(SIGUSR2);
	kill(getpid(), SIGUSR2);
	sigset_t pend;
	sigpending(&pend);
	CHECK("SIGUSR2 pending (thread and process)", sigismember(&pend, SIGUSR2), "not pending");
	write(j.step[1], "2", 1);
	read(j.done[0], &c, 1);
	sigpending(&pend);
	CHECK("SIG_IGN in another thread discards it", !sigismember(&pend, SIGUSR2), "still pending");
	exit_watch_wait(&j.watch);
	pthread_join(th, NULL);

	/* A blocked fault is fatal: the handler is reset for the process (seen by a child). */
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_usr1;
		sigaction(SIGSEGV, &sa, NULL);
		sigset_t segv;
		sigemptyset(&segv);
		sigaddset(&segv, SIGSEGV);
		sigprocmask(SIG_BLOCK, &segv, NULL);
		*(volatile int *)8 = 1;
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK("a blocked SIGSEGV kills despite its handler", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "status %#x", status);
	return contract_end();
}
