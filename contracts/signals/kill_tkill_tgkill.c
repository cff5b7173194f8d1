/*
 * kill_tkill_tgkill — the three ways to send a signal: kill to the process
 * (SI_USER), tkill and tgkill to a thread (SI_TKILL), signal 0 as an existence
 * probe, kill to a child (it dies with that signal) and to a process group; and
 * the errors: EINVAL for a bad signal number or a non-positive tid, ESRCH for a
 * missing process or a tid outside the thread group.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <limits.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static volatile int hits;
static volatile int code;
static volatile pid_t sender;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	hits++;
	code = si->si_code;
	sender = si->si_pid;
}

/*
 * A child that blocks SIGTERM, says it is ready, then waits in sigsuspend with
 * nothing blocked: whenever SIGTERM comes, it dies inside sigsuspend, so its
 * syscall sequence never depends on timing.
 */
static pid_t spawn_waiting_child(void)
{
	int ready[2];
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t set, none;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		write(ready[1], "r", 1);
		sigemptyset(&none);
		sigsuspend(&none);
		_exit(0);
	}
	char c;
	read(ready[0], &c, 1);
	close(ready[0]);
	close(ready[1]);
	return pid;
}

int main(void)
{
	sigchld_quiet();
	pid_t me = getpid();
	pid_t tid = syscall(SYS_gettid);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);

	hits = 0;
	CHECK_OK("kill self", kill(me, SIGUSR1));
	CHECK("kill: delivered, SI_USER", hits == 1 && code == SI_USER, "hits %d code %d", hits, code);
	hits = 0;
	CHECK_OK("tkill self", syscall(SYS_tkill, tid, SIGUSR1));
	CHECK("tkill: delivered, SI_TKILL", hits == 1 && code == SI_TKILL && sender == me,
	      "hits %d code %d", hits, code);
	hits = 0;
	CHECK_OK("tgkill self", syscall(SYS_tgkill, me, tid, SIGUSR1));
	CHECK("tgkill: delivered, SI_TKILL", hits == 1 && code == SI_TKILL && sender == me,
	      "hits %d code %d", hits, code);
	hits = 0;
	CHECK_OK("kill process group 0", kill(0, 0));
	CHECK_OK("kill signal 0 probes", kill(me, 0));
	CHECK_OK("tgkill signal 0 probes", syscall(SYS_tgkill, me, tid, 0));
	CHECK("signal 0 delivers nothing", hits == 0, "hits %d", hits);

	CHECK_ERR("kill bad signal", kill(me, 65), EINVAL);
	CHECK_ERR("kill negative signal", kill(me, -1), EINVAL);
	CHECK_ERR("kill missing pid", kill(INT_MAX, SIGUSR1), ESRCH);
	CHECK_ERR("kill INT_MIN", kill(INT_MIN, SIGUSR1), ESRCH);
	CHECK_ERR("tkill tid 0", syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
	CHECK_ERR("tkill missing tid", syscall(SYS_tkill, INT_MAX, SIGUSR1), ESRCH);
	CHECK_ERR("tgkill tgid 0", syscall(SYS_tgkill, 0, tid, SIGUSR1), EINVAL);
	CHECK_ERR("tgkill tid -1", syscall(SYS_tgkill, me, -1, SIGUSR1), EINVAL);
	CHECK_ERR("tgkill bad signal", syscall(SYS_tgkill, me, tid, 99), EINVAL);

	/* A child: tgkill with the wrong tgid fails, kill terminates it with the signal. */
	pid_t child = spawn_waiting_child();
	CHECK_ERR("tgkill child with our tgid", syscall(SYS_tgkill, me, child, SIGTERM), ESRCH);
	CHECK_OK("kill child signal 0", kill(child, 0));
	CHECK_OK("kill child SIGTERM", kill(child, SIGTERM));
	int status;
	waitpid(child, &status, 0);
	CHECK("child terminated by SIGTERM", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "status %#x", status);
	CHECK_ERR("kill reaped child", kill(child, 0), ESRCH);

	/* A process group of two children, killed with one kill(-pgid). */
	pid_t a = spawn_waiting_child();
	CHECK_OK("setpgid new group", setpgid(a, a));
	pid_t b = spawn_waiting_child();
	CHECK_OK("setpgid join group", setpgid(b, a));
	CHECK_OK("kill process group", kill(-a, SIGTERM));
	int sa_st, sb_st;
	waitpid(a, &sa_st, 0);
	waitpid(b, &sb_st, 0);
	CHECK("both group members killed", WIFSIGNALED(sa_st) && WTERMSIG(sa_st) == SIGTERM &&
	      WIFSIGNALED(sb_st) && WTERMSIG(sb_st) == SIGTERM, "statuses %#x %#x", sa_st, sb_st);
	CHECK_ERR("kill empty process group", kill(-a, SIGTERM), ESRCH);

	return contract_end();
}
