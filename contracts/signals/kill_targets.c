/*
 * kill_targets — whom kill and rt_sigqueueinfo reach, as Linux decides: the id of any
 * thread names its whole process (the signal pends for the process, so the main thread
 * sees it); kill(-1) from an unprivileged process whose every target refuses it (EPERM)
 * still returns 0, while kill of one such process is EPERM, except SIGCONT within the
 * session; a process group gets the signal and an empty group is ESRCH; a zombie can be
 * sent signal 0; rt_sigqueueinfo may
 * not pose as kill (si_code >= 0) or tkill (SI_TKILL) toward another process (EPERM), but
 * may toward itself, and the handler sees the si_code given.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include "../threading/thread_util.h"
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static volatile int got_code;

static void on_usr2(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)ctx;
	got_code = si->si_code;
}

struct peer {
	struct exit_watch watch;
	int go;
	pid_t tid;
};

static void *peer_main(void *p)
{
	struct peer *pe = p;
	pe->tid = syscall(SYS_gettid);
	exit_watch_thread_start(&pe->watch);
	char c;
	read(pe->go, &c, 1);
	return NULL;
}

static int queueinfo(pid_t pid, int sig, int code)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	si.si_signo = sig;
	si.si_code = code;
	si.si_pid = getpid();
	return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

int main(void)
{
	sigchld_quiet();   /* SIGCHLD is not the subject (sigchld_quiet.h) */
	sigset_t block, pend;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);   /* the thread inherits it */

	/* A thread's id names its process. */
	struct peer pe;
	memset(&pe, 0, sizeof pe);
	int go[2];
	pipe(go);
	pe.go = go[0];
	exit_watch_open(&pe.watch);
	pthread_t th;
	pthread_create(&th, NULL, peer_main, &pe);
	exit_watch_started(&pe.watch);   /* pe.tid is set */
	char c;
	CHECK_OK("kill with a thread's id", kill(pe.tid, SIGUSR1));
	sigpending(&pend);
	CHECK("it pends for the process (the main thread sees it)", sigismember(&pend, SIGUSR1), "not");
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	CHECK_RET("taken by the main thread", sigtimedwait(&block, &si, &zero), SIGUSR1);
	CHECK_OK("rt_sigqueueinfo with a thread's id", queueinfo(pe.tid, SIGUSR1, SI_QUEUE));
	CHECK_RET("that one too", sigtimedwait(&block, &si, &zero), SIGUSR1);
	CHECK_RET("with SI_QUEUE", si.si_code, SI_QUEUE);
	write(go[1], "g", 1);
	exit_watch_wait(&pe.watch);
	pthread_join(th, NULL);

	/* rt_sigqueueinfo may pose as kill or tkill only toward itself. */
	int hold[2];
	pipe(hold);
	pid_t child = fork();
	if (child == 0) {
		read(hold[0], &c, 1);
		_exit(0);
	}
	CHECK_ERR("rt_sigqueueinfo SI_USER to another process", queueinfo(child, SIGUSR1, SI_USER), EPERM);
	CHECK_ERR("rt_sigqueueinfo SI_TKILL to another process", queueinfo(child, SIGUSR1, SI_TKILL), EPERM);
	CHECK_ERR("rt_sigqueueinfo SI_KERNEL to another process", queueinfo(child, SIGUSR1, SI_KERNEL), EPERM);
	CHECK_OK("rt_sigqueueinfo SI_QUEUE to another process", queueinfo(child, 0, SI_QUEUE));
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr2;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	CHECK_OK("rt_sigqueueinfo SI_USER to itself", queueinfo(getpid(), SIGUSR2, SI_USER));
	CHECK_RET("the handler sees SI_USER", got_code, SI_USER);
	CHECK_OK("rt_sigqueueinfo SI_TKILL to itself", queueinfo(getpid(), SIGUSR2, SI_TKILL));
	CHECK_RET("the handler sees SI_TKILL", got_code, SI_TKILL);

	/* Process groups. */
	int pg_go[2];
	pipe(pg_go);
	pid_t member = fork();
	if (member == 0) {
		setpgid(0, 0);
		read(pg_go[0], &c, 1);
		_exit(0);
	}
	setpgid(member, member);
	CHECK_OK("kill to a process group", kill(-member, 0));
	CHECK_ERR("kill to an empty process group", kill(-(member + 1000), 0), ESRCH);
	write(pg_go[1], "g", 1);
	int status;
	siginfo_t wi;
	waitid(P_PID, member, &wi, WEXITED | WNOWAIT);
	CHECK_OK("signal 0 to a zombie", kill(member, 0));
	waitpid(member, &status, 0);
	CHECK_ERR("signal 0 once reaped", kill(member, 0), ESRCH);

	/* kill(-1) as nobody: every target refuses, still 0; one target is EPERM, but SIGCONT
	 * within the session is allowed. Its target is a zombie: under the recorder's
	 * PTRACE_SEIZE a SIGCONT interrupts a living target's blocking call even when blocked. */
	pid_t zombie = fork();
	if (zombie == 0)
		_exit(0);
	waitid(P_PID, zombie, &wi, WEXITED | WNOWAIT);
	int res[2];
	pipe(res);
	pid_t nobody = fork();
	if (nobody == 0) {
		if (setuid(65534))
			_exit(2);
		int all = kill(-1, 0) == 0 ? 1 : errno;
		int one = kill(getppid(), 0) == -1 ? errno : 0;
		int sigcont = kill(zombie, SIGCONT) == -1 ? errno : 0;
		int out[3] = { all, one, sigcont };
		write(res[1], out, sizeof out);
		_exit(0);
	}
	int out[3] = { 0, 0, 0 };
	read(res[0], out, sizeof out);
	waitpid(nobody, &status, 0);
	CHECK("kill(-1) unprivileged, all refused: 0", out[0] == 1, "errno %s", strerrorname(out[0]));
	CHECK("kill of one privileged process: EPERM", out[1] == EPERM, "errno %s", strerrorname(out[1]));
	CHECK("but SIGCONT in the same session: allowed", out[2] == 0, "errno %s", strerrorname(out[2]));
	waitpid(zombie, &status, 0);

	write(hold[1], "g", 1);
	waitpid(child, &status, 0);
	return contract_end();
}
