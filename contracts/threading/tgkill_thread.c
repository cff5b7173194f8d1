/*
 * tgkill_thread — tgkill aims a signal at one thread: the handler runs in that
 * thread (si_code SI_TKILL, si_pid the sender), the signal is pending only for
 * that thread while blocked there, and other threads never see it; a
 * process-directed kill goes to the one thread that does not block it;
 * tgkill with the right tid but a wrong tgid is ESRCH.
 *
 * The target waits in sigsuspend with the signal otherwise blocked, so the
 * outcome is the same whenever the signal arrives; it looks at its pending set
 * and says so (a pipe) before anything is sent to it, so what it sees there does
 * not depend on scheduling either.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "thread_util.h"
#include <pthread.h>
#include <signal.h>

static volatile pid_t handler_tid[2];
static volatile int handler_code[2];
static volatile pid_t handler_sender[2];
static volatile int handled;

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	int i = sig == SIGUSR1 ? 0 : 1;
	handler_tid[i] = syscall(SYS_gettid);
	handler_code[i] = si->si_code;
	handler_sender[i] = si->si_pid;
	handled++;
}

struct target {
	struct exit_watch watch;
	int go, looked;
	pid_t tid;
	int pending_usr2; /* SIGUSR2 pending for this thread before sigsuspend? */
	int first_sigsuspend_errno;
};

static void *target_main(void *p)
{
	struct target *t = p;
	t->tid = syscall(SYS_gettid);
	exit_watch_thread_start(&t->watch);
	char c;
	read(t->go, &c, 1);
	sigset_t pend, allow;
	sigpending(&pend);
	t->pending_usr2 = sigismember(&pend, SIGUSR2);
	write(t->looked, "l", 1);
	sigfillset(&allow);
	sigdelset(&allow, SIGUSR1);
	sigsuspend(&allow); /* the tgkill'd SIGUSR1 */
	t->first_sigsuspend_errno = errno;
	sigsuspend(&allow); /* the process-directed SIGUSR1 */
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, NULL); /* inherited by the thread */

	struct target t;
	memset(&t, 0, sizeof t);
	int go[2], looked[2];
	pipe(go);
	pipe(looked);
	t.go = go[0];
	t.looked = looked[1];
	exit_watch_open(&t.watch);
	pthread_t th;
	pthread_create(&th, NULL, target_main, &t);
	exit_watch_started(&t.watch);
	pid_t me = getpid(), main_tid = syscall(SYS_gettid);

	/* A thread-directed signal to the main thread stays the main thread's. */
	CHECK_OK("tgkill main thread SIGUSR2", syscall(SYS_tgkill, me, main_tid, SIGUSR2));
	sigset_t pend;
	sigpending(&pend);
	CHECK("pending for the main thread", sigismember(&pend, SIGUSR2) == 1, "not pending");
	write(go[1], "g", 1);
	char c;
	read(looked[0], &c, 1);

	CHECK_ERR("tgkill with a wrong tgid", syscall(SYS_tgkill, 1, t.tid, SIGUSR1), ESRCH);
	CHECK_OK("tgkill the thread SIGUSR1", syscall(SYS_tgkill, me, t.tid, SIGUSR1));
	CHECK_OK("kill the process SIGUSR1", kill(me, SIGUSR1));
	exit_watch_wait(&t.watch);
	pthread_join(th, NULL);

	CHECK("main thread's pending signal not seen by the other thread", t.pending_usr2 == 0, "seen");
	CHECK("sigsuspend in the thread returned EINTR", t.first_sigsuspend_errno == EINTR, "errno %s",
	      strerrorname(t.first_sigsuspend_errno));
	CHECK("handler ran in the target thread", handler_tid[0] == t.tid, "ran elsewhere");
	CHECK("both SIGUSR1 went to the thread that allows it", handled == 2, "handled %d", handled);
	CHECK("si_code of the last is SI_USER (process kill)", handler_code[0] == SI_USER, "code %d",
	      handler_code[0]);
	CHECK("si_pid is the sender", handler_sender[0] == me, "differs");
	sigpending(&pend);
	CHECK("SIGUSR1 not left pending for the main thread", !sigismember(&pend, SIGUSR1), "pending");

	/* Collect our own SIGUSR2 through its handler. */
	sigset_t allow;
	sigfillset(&allow);
	sigdelset(&allow, SIGUSR2);
	sigsuspend(&allow);
	CHECK("main thread's SIGUSR2 handled by the main thread", handler_tid[1] == main_tid &&
	      handler_code[1] == SI_TKILL, "tid or code differs");
	return contract_end();
}
