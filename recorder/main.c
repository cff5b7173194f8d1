/* lockstep-record: run a program in the hermetic sandbox under the ptrace recorder and
 * write its trace (`./lockstep record`). Also the strace oracle mode the tests use.
 *
 * Exit status: the program's (128+N when it was killed by signal N), or 125 when the
 * recorder itself fails, 126 when the program cannot be executed, 127 when it is not
 * in the root, 2 for a usage error. */
#include "emit.h"
#include "output.h"
#include "sandbox.h"
#include "tracer.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define RECORDER_VERSION "lockstep-record 1"

static const char usage[] =
	"usage: lockstep record [--root DIR] [-o FILE] [-q] -- PROG [ARGS...]\n"
	"Run PROG in a hermetic sandbox (see recorder/README.md) under the recorder and\n"
	"write its trace.\n"
	"  --root DIR      the root tree PROG runs in (default: build/root)\n"
	"  -o FILE         the trace (default: <basename of PROG>.trace in the current dir)\n"
	"  -q, --quiet     do not pass the program's stdout/stderr through\n"
	"  --stats         print counts (syscalls, signals, tasks, trace bytes) to stderr\n"
	"  --keep-vdso     leave the vDSO visible (by default it is hidden, so time is read\n"
	"                  with syscalls, which the trace records)\n"
	"For tests and benchmarks, instead of recording:\n"
	"  --no-trace      run PROG in the same sandbox, untraced\n"
	"  --strace FILE   run PROG in the same sandbox under `strace -f -qq -o FILE`\n"
	"  --strace-raw    with --strace: add `-X raw -e raw=all` (the oracle tests' form)\n"
	"PROG without a '/' is looked up in the sandbox's PATH. Exit status: PROG's, or\n"
	"128+N if a signal N killed it; 125 recorder error, 126 cannot execute, 127 not found.\n";

static void default_root(char *out, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		snprintf(out, size, "build/root");
		return;
	}
	exe[n] = 0;
	/* build/recorder/lockstep-record -> build/root */
	snprintf(out, size, "%s/../root", dirname(exe));
}

static pid_t sandbox_init_pid = -1;

/* Interrupted (^C, kill): end the program's tree, so the trace still ends with its death. */
static void on_interrupt(int sig)
{
	(void)sig;
	if (sandbox_init_pid > 0)
		kill(sandbox_init_pid, SIGKILL);
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 125;
}

static void fill_header(struct trace_header *h, const struct sandbox *sb, char *const argv[],
			struct utsname *u, uint8_t hash[32])
{
	static struct trace_str args[4096], env[64];
	uint32_t n = 0;
	memset(h, 0, sizeof *h);
	uname(u);
	h->recorder_version = trace_str_c(RECORDER_VERSION);
	h->sysname = trace_str_c(u->sysname);
	h->nodename = trace_str_c(u->nodename);
	h->release = trace_str_c(u->release);
	h->version = trace_str_c(u->version);
	h->machine = trace_str_c(u->machine);
	h->domainname = trace_str_c(u->domainname);
	for (; argv[n] && n < 4096; n++)
		args[n] = trace_str_c(argv[n]);
	h->argv = (struct trace_strv){ .count = n, .vec = args };
	for (n = 0; sandbox_env[n]; n++)
		env[n] = trace_str_c(sandbox_env[n]);
	h->envp = (struct trace_strv){ .count = n, .vec = env };
	h->cwd = trace_str_c(SANDBOX_CWD);
	h->umask = SANDBOX_UMASK;
	for (int r = 0; r < SANDBOX_NRLIMITS; r++) {
		h->rlimits[r].cur = sandbox_rlimits[r].rlim_cur;
		h->rlimits[r].max = sandbox_rlimits[r].rlim_max;
	}
	h->fd_kind[0] = TRACE_FD_DEVNULL;
	h->fd_kind[1] = TRACE_FD_PIPE;
	h->fd_kind[2] = TRACE_FD_PIPE;
	h->sandbox_flags = TRACE_SANDBOX_NEWPID | TRACE_SANDBOX_NEWNS | TRACE_SANDBOX_NEWUTS |
			   TRACE_SANDBOX_NEWIPC | TRACE_SANDBOX_CHROOT | TRACE_SANDBOX_TMPFS |
			   TRACE_SANDBOX_NOASLR | TRACE_SANDBOX_CAPTURE;
	h->sandbox_hostname = trace_str_c(SANDBOX_HOSTNAME);
	h->sandbox_domainname = trace_str_c(SANDBOX_DOMAINNAME);
	for (int i = 0; i < 32; i++)
		sscanf(sb->root_hash + 2 * i, "%2hhx", &hash[i]);
	memcpy(h->root_hash, hash, 32);
	h->program = trace_str_c(sb->prog_path);
}

/* Untraced, or traced by strace instead of us: strace attaches to the waiting program. */
static int run_other(struct sandbox *sb, const char *out, bool raw, bool quiet)
{
	char pid[32], path[64], line[256];
	int status = 0;
	pid_t st = -1;
	if (!out) {
		output_start(sb->out_fd, quiet);
		sandbox_go(sb);
		waitpid(sb->init_pid, &status, 0);
		output_finish();
		return exit_code(status);
	}
	snprintf(pid, sizeof pid, "%d", sb->prog_pid);
	st = fork();
	if (st == 0) {
		if (raw)
			execlp("strace", "strace", "-f", "-qq", "-X", "raw", "-e", "raw=all", "-o", out,
			       "-p", pid, (char *)NULL);
		else
			execlp("strace", "strace", "-f", "-qq", "-o", out, "-p", pid, (char *)NULL);
		fprintf(stderr, "lockstep record: cannot run strace: %s\n", strerror(errno));
		_exit(125);
	}
	/* Let the program go once strace is its tracer. */
	snprintf(path, sizeof path, "/proc/%d/status", sb->prog_pid);
	for (bool traced = false; !traced;) {
		FILE *f = fopen(path, "re");
		while (f && fgets(line, sizeof line, f))
			if (!strncmp(line, "TracerPid:", 10) && atoi(line + 10) != 0)
				traced = true;
		if (f)
			fclose(f);
		if (!traced && waitpid(st, &status, WNOHANG) == st) {
			fprintf(stderr, "lockstep record: strace exited before attaching\n");
			kill(sb->init_pid, SIGKILL);
			return 125;
		}
		if (!traced)
			usleep(1000);
	}
	output_start(sb->out_fd, quiet);
	sandbox_go(sb);
	waitpid(st, NULL, 0);
	waitpid(sb->init_pid, &status, 0);
	output_finish();
	return exit_code(status);
}

int main(int argc, char **argv)
{
	const char *root = NULL, *out = NULL, *strace_out = NULL;
	char root_buf[PATH_MAX], out_buf[PATH_MAX], err[4400];
	bool quiet = false, stats = false, no_trace = false, strace_raw = false, keep_vdso = false;
	struct sandbox sb;
	struct tracer_result res;
	struct trace_header h;
	struct utsname u;
	uint8_t hash[32];
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = true;
		} else if (!strcmp(a, "--stats")) {
			stats = true;
		} else if (!strcmp(a, "--keep-vdso")) {
			keep_vdso = true;
		} else if (!strcmp(a, "--no-trace")) {
			no_trace = true;
		} else if (!strcmp(a, "--strace-raw")) {
			strace_raw = true;
		} else if ((!strcmp(a, "--root") || !strcmp(a, "-o") || !strcmp(a, "--strace")) && i + 1 < argc) {
			if (a[1] == 'o')
				out = argv[++i];
			else if (a[2] == 'r')
				root = argv[++i];
			else
				strace_out = argv[++i];
		} else if (a[0] == '-') {
			fprintf(stderr, "lockstep record: unknown option '%s'\n%s", a, usage);
			return 2;
		} else {
			break;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "lockstep record: no program given\n%s", usage);
		return 2;
	}
	char **prog_argv = argv + i;
	if (!root) {
		default_root(root_buf, sizeof root_buf);
		root = root_buf;
	}
	if (!out) {
		char tmp[PATH_MAX];
		snprintf(tmp, sizeof tmp, "%s", prog_argv[0]);
		snprintf(out_buf, sizeof out_buf, "%s.trace", basename(tmp));
		out = out_buf;
	}

	/* Nothing the launcher left open reaches the sandbox: its fd table (sized by the highest fd
	 * open when it is copied) would differ from run to run, and /proc/self/status's FDSize with it. */
	syscall(SYS_close_range, 3, ~0U, 0);
	/* Our fds 0-2 must be taken, or the sandbox's pipes could land on them. */
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) < 0)
			return 125;
	signal(SIGPIPE, SIG_IGN);
	/* `make root` replaces the root non-atomically (rm -rf, then mv): a copy that
	 * raced it fails, and is tried again a few times. */
	for (int tries = 0; (rc = sandbox_start(&sb, root, prog_argv, err, sizeof err)) == -3 && tries < 10; tries++)
		usleep(200 * 1000);
	if (rc) {
		fprintf(stderr, "lockstep record: %s\n", err);
		return rc == -2 ? 127 : 125;
	}
	sandbox_init_pid = sb.init_pid;
	struct sigaction sa = { .sa_handler = on_interrupt };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (strace_out || no_trace)
		return run_other(&sb, strace_out, strace_raw, quiet);

	fill_header(&h, &sb, prog_argv, &u, hash);
	if (emit_open(out, &h, err, sizeof err)) {
		fprintf(stderr, "lockstep record: %s\n", err);
		kill(sb.init_pid, SIGKILL);
		return 125;
	}
	if (output_start(sb.out_fd, quiet)) {
		fprintf(stderr, "lockstep record: cannot start the output thread\n");
		kill(sb.init_pid, SIGKILL);
		return 125;
	}
	if (tracer_run(&sb, prog_argv, keep_vdso, &res)) {
		fprintf(stderr, "lockstep record: %s\n", res.error);
		kill(sb.init_pid, SIGKILL);
		unlink(out);   /* nothing was recorded */
		return 125;
	}
	output_finish();
	rc = emit_close();
	if (res.exec_failed) {
		sandbox_exec_error(&sb, err, sizeof err);
		fprintf(stderr, "lockstep record: %s\n", err[0] ? err : "the program could not be started");
		unlink(out);
		return 126;
	}
	sandbox_release(&sb);
	if (rc) {
		fprintf(stderr, "lockstep record: writing %s failed: %s\n", out, strerror(-rc));
		return 125;
	}
	if (stats)
		fprintf(stderr, "lockstep record: %s: %llu syscalls, %llu signals, %llu tasks, %llu bytes\n",
			out, res.syscalls, res.signals, res.tasks, emit_bytes());
	return exit_code(res.status);
}
