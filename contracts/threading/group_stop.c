/*
 * group_stop — a stop signal stops the whole process, whichever thread takes it, and the
 * parent's wait reports the process (WUNTRACED, then WCONTINUED after SIGCONT) by its
 * pid. Here a second thread is the only one that does not block SIGTSTP and SIGCONT, so
 * it takes both (which thread would take them is otherwise up to timing); the main thread
 * has made its last call before the second thread sends the stop, and meanwhile runs user
 * code only (it spins on a flag the second thread sets once continued), so no call of its
 * meets the stop at a point that depends on timing. The child is in a group of its own
 * with its parent outside it, so SIGTSTP is not discarded as in an orphaned group.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include "thread_util.h"
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

static struct exit_watch watch;
static int go[2];
static volatile int resumed;

static void *taker(void *arg)
{
	(void)arg;
	exit_watch_thread_start(&watch);
	char c;
	read(go[0], &c, 1);        /* the main thread has made its last call before the stop */
	sigset_t jobctl;
	sigemptyset(&jobctl);
	sigaddset(&jobctl, SIGTSTP);
	sigaddset(&jobctl, SIGCONT);
	pthread_sigmask(SIG_UNBLOCK, &jobctl, NULL);
	kill(getpid(), SIGTSTP);   /* stops here until SIGCONT */
	resumed = 1;
	return NULL;
}

int main(void)
{
	sigchld_quiet();   /* SIGCHLD is not the subject (sigchld_quiet.h) */
	int fin[2];
	pipe(fin);
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		sigset_t jobctl;
		sigemptyset(&jobctl);
		sigaddset(&jobctl, SIGTSTP);
		sigaddset(&jobctl, SIGCONT);   /* SIGCONT resumes even blocked; the taker takes it */
		sigprocmask(SIG_BLOCK, &jobctl, NULL);
		exit_watch_open(&watch);
		pipe(go);
		pthread_t th;
		pthread_create(&th, NULL, taker, NULL);
		exit_watch_started(&watch);
		write(go[1], "g", 1);
		while (!resumed)
			;
		exit_watch_wait(&watch);
		pthread_join(th, NULL);
		char c;
		read(fin[0], &c, 1);
		_exit(5);
	}
	int st;
	CHECK("the process is reported stopped by SIGTSTP",
	      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, "status %#x", st);
	kill(pid, SIGCONT);
	CHECK("and continued", waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st), "status %#x", st);
	write(fin[1], "x", 1);
	CHECK("then it exits", waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "status %#x", st);
	return contract_end();
}
