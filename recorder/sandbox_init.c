/* Inside the sandbox: the init process (pid 1) and the program's process (pid 2).
 *
 * Init makes the mount namespace private, mounts a fresh tmpfs over the root's path and
 * copies the root tree into it (so the tree on disk is never written, and directory
 * order and inode numbers are those of a freshly unpacked tree), mounts a tmpfs on /tmp,
 * a tmpfs with six device nodes on /dev and a new proc on /proc, chroots, and sets the
 * uts names, session, ids and umask. It then forks the program's process and reaps
 * every child until none is left (orphans of the program's tree come to it). */
#include "sandbox.h"
#include "sandbox_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

void sandbox_msg(int fd, const char *word, const char *text)
{
	char line[4600];
	int n = snprintf(line, sizeof line, "%s %s\n", word, text);
	if (n > (int)sizeof line - 1) {
		n = (int)sizeof line - 1;
		line[n - 1] = '\n';
	}
	if (write(fd, line, (size_t)n) < 0) {
		/* the recorder is gone; nothing to tell */
	}
}

static void __attribute__((noreturn)) die(const struct sandbox_init_args *a, const char *what)
{
	char msg[4200];
	snprintf(msg, sizeof msg, "%s", what);
	sandbox_msg(a->ctl_w, "error", msg);
	_exit(125);
}

static void __attribute__((noreturn)) die_errno(const struct sandbox_init_args *a, const char *what)
{
	char msg[4200];
	snprintf(msg, sizeof msg, "sandbox setup: %s: %s", what, strerror(errno));
	die(a, msg);
}

static const struct { const char *name; unsigned major, minor; } devices[] = {
	{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
	{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
};

/* /tmp, /dev and /proc are added to the copy when the root lacks them. */
static void mount_point(const struct sandbox_init_args *a, const char *path, mode_t mode)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return;
	if (mkdir(path, mode) || chmod(path, mode))
		die_errno(a, path);
}

static void build_root(const struct sandbox_init_args *a)
{
	struct roottree_result res;
	char path[4200], msg[4200];
	int src, dst;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		die_errno(a, "make mounts private");
	src = open(a->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (src < 0)
		die_errno(a, a->root);
	if (mount("lockstep-root", a->root, "tmpfs", 0, "mode=0755"))
		die_errno(a, "mount the root's tmpfs");
	dst = open(a->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dst < 0)
		die_errno(a, "open the root's tmpfs");
	if (roottree_walk(src, dst, &res)) {
		snprintf(msg, sizeof msg, "cannot copy the root %s: %s", a->root, res.error);
		sandbox_msg(a->ctl_w, "copyfail", msg);
		_exit(125);
	}
	close(src);
	close(dst);
	snprintf(msg, sizeof msg, "%s %lu %llu", res.hex, res.files, res.bytes);
	sandbox_msg(a->ctl_w, "hash", msg);

	if (chdir(a->root))
		die_errno(a, "chdir to the root");
	mount_point(a, "tmp", 01777);
	mount_point(a, "dev", 0755);
	mount_point(a, "proc", 0555);
	if (mount("tmpfs", "tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"))
		die_errno(a, "mount /tmp");
	if (mount("devtmp", "dev", "tmpfs", MS_NOSUID, "mode=0755"))
		die_errno(a, "mount /dev");
	for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++) {
		snprintf(path, sizeof path, "dev/%s", devices[i].name);
		if (mknod(path, S_IFCHR | 0666, makedev(devices[i].major, devices[i].minor)) ||
		    chmod(path, 0666))
			die_errno(a, path);
	}
	if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		die_errno(a, "mount /proc");
	if (chroot(".") || chdir("/"))
		die_errno(a, "chroot");
}

/* The program as execve will see it: argv[0], or the first match in the sandbox's PATH. */
static void resolve_program(const struct sandbox_init_args *a, char *out, size_t size)
{
	const char *prog = a->argv[0];
	struct stat st;
	char msg[4200];
	if (strchr(prog, '/')) {
		snprintf(out, size, "%s", prog);
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return;
	} else {
		const char *p = sandbox_env[0] + strlen("PATH=");
		while (*p) {
			size_t n = strcspn(p, ":");
			snprintf(out, size, "%.*s/%s", (int)n, p, prog);
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111))
				return;
			p += n + (p[n] == ':');
		}
	}
	snprintf(msg, sizeof msg, "program '%s' not found in the root %s", prog, a->root);
	sandbox_msg(a->ctl_w, "notfound", msg);
	_exit(127);
}

static void __attribute__((noreturn)) program_process(const struct sandbox_init_args *a, const char *path)
{
	char msg[4400], c;
	sigset_t none;
	int null = open("/dev/null", O_RDONLY);

	if (null < 0 || dup2(null, 0) < 0 || dup2(a->out_w[0], 1) < 0 || dup2(a->out_w[1], 2) < 0)
		die_errno(a, "set up fds 0, 1, 2");
	/* Everything else goes, but for the two pipes to the recorder (close-on-exec). */
	for (int fd = 3; fd < 1024; fd++)
		if (fd != a->ctl_w && fd != a->go_r)
			close(fd);
	/* Every disposition back to default, through the raw call: libc's signal() refuses the two
	 * real-time signals it keeps for itself (32 and 33), which a launcher may have ignored. */
	struct { void *handler; unsigned long flags; void *restorer; unsigned long mask; } dfl = { SIG_DFL, 0, 0, 0 };
	for (int sig = 1; sig < 65; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof dfl.mask);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int r = 0; r < SANDBOX_NRLIMITS; r++)
		if (setrlimit(r, &sandbox_rlimits[r]))
			die_errno(a, "setrlimit");
	if (personality(ADDR_NO_RANDOMIZE) < 0)
		die_errno(a, "personality");
	/* The recorder attaches now, then says go. */
	while (read(a->go_r, &c, 1) < 0 && errno == EINTR)
		;
	execve(path, a->argv, (char *const *)sandbox_env);
	snprintf(msg, sizeof msg, "cannot execute '%s' in the sandbox: %s", path, strerror(errno));
	sandbox_msg(a->ctl_w, "error", msg);
	_exit(127);
}

/* Exec lockstep-init with fds 0-2 on /dev/null and the control pipe on fd 3 (where it
 * says "ready"), no other fd. Returns only if that failed: then the control pipe is fd 3. */
static int become_lockstep_init(const struct sandbox_init_args *a)
{
	static char *const argv[] = { "lockstep-init", NULL };
	static char *const envp[] = { NULL };
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	int ctl = fcntl(a->ctl_w, F_DUPFD_CLOEXEC, 100), exe = fcntl(a->init_exe, F_DUPFD_CLOEXEC, 100);
	if (null < 0 || ctl < 0 || exe < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
	    dup2(null, 2) < 0 || dup2(ctl, 3) < 0)   /* dup2 leaves fd 3 open across exec */
		return ctl >= 0 ? ctl : a->ctl_w;
	for (int fd = 4; fd < 1024; fd++)
		if (fd != exe)
			close(fd);
	execveat(exe, "", argv, envp, AT_EMPTY_PATH);
	return 3;
}

void sandbox_init_main(const struct sandbox_init_args *a)
{
	char path[4096];
	int status, prog_status = 0;
	pid_t prog, p;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	build_root(a);
	if (sethostname(SANDBOX_HOSTNAME, strlen(SANDBOX_HOSTNAME)) ||
	    setdomainname(SANDBOX_DOMAINNAME, strlen(SANDBOX_DOMAINNAME)))
		die_errno(a, "set the hostname");
	if (setsid() < 0)
		die_errno(a, "setsid");
	if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0))
		die_errno(a, "set ids");
	umask(SANDBOX_UMASK);
	resolve_program(a, path, sizeof path);
	sandbox_msg(a->ctl_w, "prog", path);

	prog = fork();
	if (prog < 0)
		die_errno(a, "fork");
	if (prog == 0)
		program_process(a, path);
	int ctl = become_lockstep_init(a);
	/* lockstep-init could not be exec'd: do its job here. */
	sandbox_msg(ctl, "ready", "");
	close(ctl);
	for (;;) {
		p = wait(&status);
		if (p < 0 && errno == EINTR)
			continue;
		if (p < 0)
			break;
		if (p == prog)
			prog_status = status;
	}
	_exit(WIFEXITED(prog_status) ? WEXITSTATUS(prog_status) : 128 + WTERMSIG(prog_status));
}
