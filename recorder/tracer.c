/* The ptrace loop (see tracer.h).
 *
 * The program's process is seized while it waits for the go byte, with options that
 * auto-attach every child (fork, vfork, clone, threads included) and report exec and
 * exit. Until its first exec it only runs (PTRACE_CONT); after it, every task runs
 * under PTRACE_SYSCALL. Per stop:
 *   syscall-entry    read number and arguments (PTRACE_GET_SYSCALL_INFO) and capture
 *                    the memory the kernel will read
 *   syscall-exit     capture the memory the kernel wrote; write the SYSCALL record
 *   fork/vfork/clone give the child the next task id; BIRTH in the parent's stream,
 *                    written before the record of the syscall that made it
 *   exec             SYSCALL (no return) then EXEC; a non-leader's exec takes over the
 *                    leader's tid, and the old leader's task ends there; the new image's
 *                    auxv loses its vDSO entry (auxv.c)
 *   signal-delivery  SIGNAL, then the signal is delivered as it would have been
 *   group-stop       PTRACE_LISTEN, so stop and continue behave as without a tracer
 *   death            an unfinished syscall is written with no result, then EXIT
 * A child's first stop can come before its parent's fork event: it waits, stopped,
 * until the event gives it its task id (or until its parent dies inside the call, which
 * skips the event: then it is born at the parent's death). */
#include "tracer.h"
#include "auxv.h"
#include "syscall_mem.h"
#include "sysdesc.h"
#include "emit.h"
#include "tasks.h"
#include "vmread.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sched.h>

#define OPTIONS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
		 PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL)

static struct sandbox *sb;
static char *const *prog_argv;
static struct tracer_result *result;
static bool keep_vdso;

/* New tasks stopped before their parent's fork event told us who they are, with the
 * process that made them (their tgid for a thread, their parent for a process). */
struct early_child {
	pid_t tid, creator;
};
static struct early_child *early;
static unsigned nearly, cap_early;

static void resume(struct task *t, int sig)
{
	long req = t->state == TASK_PRE_EXEC ? PTRACE_CONT : PTRACE_SYSCALL;
	ptrace(req, t->tid, NULL, (void *)(long)sig); /* ESRCH: it died; its death comes next */
}

static uint8_t row_flags(uint32_t nr)
{
	const struct sysdesc *d = sysdesc_get(nr);
	return d ? d->flags : 0;
}

static bool is_exec(uint32_t nr) { return row_flags(nr) & SDF_EXEC; }

/* The image an exec names: its first path argument. */
static uint64_t exec_path_arg(uint32_t nr, const uint64_t args[6])
{
	const struct sysdesc *d = sysdesc_get(nr);
	for (int i = 0; d && i < d->nargs; i++)
		if (d->arg[i].kind == SD_PATH)
			return args[i];
	return 0;
}

static void write_syscall(struct task *t, int64_t result_value, uint32_t flags)
{
	struct trace_event ev = { .kind = TRACE_SYSCALL, .task = t->id };
	struct trace_syscall *s = &ev.syscall;
	s->nr = t->nr;
	s->flags = flags | t->sc_flags | (t->cap.fault ? TRACE_SC_MEMFAULT : 0);
	s->entered_after = t->entered_after;
	memcpy(s->args, t->args, sizeof s->args);
	s->result = flags & TRACE_SC_NORETURN ? 0 : result_value;
	if (is_exec(t->nr) && t->image)
		s->image = trace_str_c(t->image);
	s->mem = capbuf_regions(&t->cap);
	emit_event(&ev);
	result->syscalls++;
	t->in_syscall = false;
	capbuf_reset(&t->cap);
}

static void on_syscall_stop(struct task *t)
{
	struct __ptrace_syscall_info si;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof si, &si) <= 0)
		return;
	if (si.op == PTRACE_SYSCALL_INFO_ENTRY) {
		if (t->in_syscall)   /* cannot happen without a lost exit; keep what we have */
			write_syscall(t, 0, TRACE_SC_NORETURN);
		t->in_syscall = true;
		t->nr = (uint32_t)si.entry.nr;
		t->entered_after = emit_events();   /* the tracer writes nothing more before it resumes t */
		for (int i = 0; i < 6; i++)
			t->args[i] = si.entry.args[i];
		syscall_mem_entry(t);
		if (is_exec(t->nr)) {
			char path[4096];
			size_t got;
			uint64_t p = exec_path_arg(t->nr, t->args);
			free(t->image);
			t->image = vm_read_str(t->tid, p, path, sizeof path, &got) >= 0 ? strdup(path) : NULL;
		}
	} else if (si.op == PTRACE_SYSCALL_INFO_EXIT && t->in_syscall) {
		/* (An exit without an entry is execve's, after the exec event wrote it.) */
		syscall_mem_exit(t, si.exit.rval);
		write_syscall(t, si.exit.rval, 0);
	}
}

static void write_exit(struct task *t, int status)
{
	struct trace_event ev = { .kind = TRACE_EXIT, .task = t->id };
	bool own_exit = t->in_syscall && (row_flags(t->nr) & SDF_NORETURN);
	if (t->in_syscall)
		write_syscall(t, 0, TRACE_SC_NORETURN);
	ev.exit.status = status;
	ev.exit.flags = WIFSIGNALED(status) || !own_exit ? TRACE_EXIT_KILLED : 0;
	emit_event(&ev);
}

static void adopt_early(struct task *t);

static void on_death(struct task *t, int status)
{
	adopt_early(t);
	if (t->state == TASK_RUNNING)
		write_exit(t, status);
	else
		result->exec_failed = true;
	if (t->tid == sb->prog_pid)
		result->status = status;
	task_free(t);
}

/* argv of the new image, as the kernel laid it out (/proc/PID/cmdline). */
static int read_cmdline(pid_t tid, char *buf, size_t size, struct trace_str *vec, uint32_t max)
{
	char path[64];
	uint32_t n = 0;
	snprintf(path, sizeof path, "/proc/%d/cmdline", tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t len = fd >= 0 ? read(fd, buf, size - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (len <= 0)
		return 0;
	buf[len] = 0;
	for (ssize_t i = 0; i < len && n < max; n++) {
		vec[n] = trace_str_c(buf + i);
		i += vec[n].len + 1;
	}
	return (int)n;
}

static void on_exec(struct task *t)
{
	unsigned long former = 0;
	struct trace_event ev = { .kind = TRACE_EXEC };
	static char cmdline[65536];
	static struct trace_str vec[4096];

	ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &former);
	if ((pid_t)former != t->tid) {
		/* A non-leader thread exec'd: it now has the leader's tid (t is the leader). */
		struct task *execer = task_find((pid_t)former);
		if (execer) {
			pid_t leader_tid = t->tid;
			write_exit(t, 0);
			task_free(t);
			task_rekey(execer, leader_tid);
			t = execer;
		}
	}
	ev.task = t->id;
	if (!keep_vdso)
		auxv_hide_vdso(t->tid);
	if (t->state == TASK_PRE_EXEC) {
		t->state = TASK_RUNNING;
		ev.exec.path = trace_str_c(sb->prog_path);
		uint32_t n = 0;
		while (prog_argv[n] && n < 4096) {
			vec[n] = trace_str_c(prog_argv[n]);
			n++;
		}
		ev.exec.argv = (struct trace_strv){ .count = n, .vec = vec };
	} else {
		if (t->in_syscall)
			write_syscall(t, 0, TRACE_SC_NORETURN);
		ev.exec.path = trace_str_c(t->image ? t->image : "");
		int n = read_cmdline(t->tid, cmdline, sizeof cmdline, vec, 4096);
		ev.exec.argv = (struct trace_strv){ .count = (uint32_t)n, .vec = vec };
	}
	emit_event(&ev);
}

/* Task `parent` made task child_tid (event: the ptrace event, or 0 when the parent died
 * before reporting it): give the child its id, write BIRTH, let it run if it waits. */
static void birth(struct task *parent, pid_t child_tid, int event)
{
	struct trace_event ev = { .kind = TRACE_BIRTH, .task = parent->id };
	struct task *child;
	uint64_t flags = SIGCHLD;
	uint32_t how = event == PTRACE_EVENT_VFORK ? TRACE_BIRTH_VFORK : TRACE_BIRTH_FORK;

	if (parent->in_syscall) {
		if (parent->nr == SYS_clone) {
			how = TRACE_BIRTH_CLONE;
			flags = parent->args[0];
		} else if (parent->nr == SYS_clone3) {
			how = TRACE_BIRTH_CLONE3;
			if (vm_read(parent->tid, parent->args[0], &flags, sizeof flags) != sizeof flags)
				flags = 0;
		} else if (parent->nr == SYS_vfork) {
			how = TRACE_BIRTH_VFORK;
			flags = CLONE_VM | CLONE_VFORK | SIGCHLD;
		}
	}
	if (!(child = task_new(child_tid))) {
		fprintf(stderr, "lockstep record: out of memory for a new task\n");
		exit(125);
	}
	child->state = parent->state;
	child->tgid = flags & CLONE_THREAD ? parent->tgid : child_tid;
	ev.birth = (struct trace_birth){ .child = child->id, .birth_index = parent->nchildren++,
					 .how = how, .clone_flags = flags };
	emit_event(&ev);
	result->tasks++;
	for (unsigned i = 0; i < nearly; i++)
		if (early[i].tid == child->tid) {
			early[i] = early[--nearly];
			resume(child, 0);
			break;
		}
}

static void on_birth(struct task *parent, int event)
{
	unsigned long child_tid = 0;
	ptrace(PTRACE_GETEVENTMSG, parent->tid, NULL, &child_tid);
	birth(parent, (pid_t)child_tid, event);
}

/* A new task's first stop, ahead of its parent's event: it waits, stopped, until then. */
static void park(pid_t tid)
{
	char path[64], line[128];
	pid_t tgid = 0, ppid = 0;
	snprintf(path, sizeof path, "/proc/%d/status", tid);
	FILE *f = fopen(path, "re");
	while (f && fgets(line, sizeof line, f)) {
		sscanf(line, "Tgid: %d", &tgid);
		sscanf(line, "PPid: %d", &ppid);
	}
	if (f)
		fclose(f);
	if (nearly == cap_early) {
		cap_early = cap_early ? 2 * cap_early : 64;
		if (!(early = realloc(early, cap_early * sizeof *early))) {
			fprintf(stderr, "lockstep record: out of memory\n");
			exit(125);
		}
	}
	early[nearly++] = (struct early_child){ tid, tgid && tgid != tid ? tgid : ppid };
}

/* A task died inside fork/clone before reporting the child (a fatal signal skips the
 * event): its waiting children are born now, so they neither wait forever nor go
 * unrecorded. */
static void adopt_early(struct task *t)
{
	if (!t->in_syscall || !(row_flags(t->nr) & SDF_NEWTASK))
		return;
	for (unsigned i = 0; i < nearly;) {
		if (early[i].creator == t->tgid)
			birth(t, early[i].tid, 0);   /* removes early[i] */
		else
			i++;
	}
}

static void on_signal(struct task *t, int sig)
{
	siginfo_t si;
	if (t->state == TASK_RUNNING && ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si) == 0) {
		struct trace_event ev = { .kind = TRACE_SIGNAL, .task = t->id };
		struct trace_signal *s = &ev.signal;
		s->signo = si.si_signo;
		s->code = si.si_code;
		s->si_errno = si.si_errno;
		if (si.si_code <= 0 || sig == SIGCHLD) {  /* sent by a process, or about a child */
			s->flags |= TRACE_SIG_HAS_PID;
			s->pid = si.si_pid;
			s->uid = si.si_uid;
		}
		if (sig == SIGCHLD) {
			s->flags |= TRACE_SIG_HAS_STATUS;
			s->status = si.si_status;
		}
		if (si.si_code > 0 && (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
				       sig == SIGFPE || sig == SIGTRAP)) {
			s->flags |= TRACE_SIG_HAS_ADDR;
			s->addr = (uint64_t)(uintptr_t)si.si_addr;
		}
		emit_event(&ev);
		result->signals++;
	}
	resume(t, sig);
}

static void on_stop(struct task *t, int status)
{
	int sig = WSTOPSIG(status), event = status >> 16;
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_stop(t);
		resume(t, 0);
		return;
	}
	switch (event) {
	case 0:
		on_signal(t, sig);
		return;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_birth(t, event);
		break;
	case PTRACE_EVENT_EXEC: {
		pid_t tid = t->tid;
		on_exec(t);
		t = task_find(tid);
		if (!t)
			return;
		break;
	}
	case PTRACE_EVENT_STOP:
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
			ptrace(PTRACE_LISTEN, t->tid, NULL, NULL);   /* a group-stop */
			return;
		}
		break;
	default:   /* PTRACE_EVENT_EXIT: the death comes next */
		break;
	}
	resume(t, 0);
}

int tracer_run(struct sandbox *sandbox, char *const argv[], bool vdso, struct tracer_result *res)
{
	struct task *first;
	int status;
	pid_t pid;
	bool init_gone = false;

	sb = sandbox;
	prog_argv = argv;
	keep_vdso = vdso;
	result = res;
	memset(res, 0, sizeof *res);
	if (ptrace(PTRACE_SEIZE, sb->prog_pid, NULL, (void *)(long)OPTIONS)) {
		snprintf(res->error, sizeof res->error, "cannot trace the program (PTRACE_SEIZE): %s",
			 strerror(errno));
		return -1;
	}
	if (!(first = task_new(sb->prog_pid)))
		return -1;
	first->state = TASK_PRE_EXEC;
	first->tgid = sb->prog_pid;
	res->tasks = 1;
	sandbox_go(sb);

	while (!init_gone || task_count() > 0) {
		pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;   /* ECHILD: nothing left */
		}
		if (pid == sb->init_pid) {
			if (WIFEXITED(status) || WIFSIGNALED(status))
				init_gone = true;
			continue;
		}
		struct task *t = task_find(pid);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (t)
				on_death(t, status);
			for (unsigned i = 0; i < nearly;)
				if (early[i].tid == pid)
					early[i] = early[--nearly];
				else
					i++;
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (!t) {
			if ((status >> 16) == PTRACE_EVENT_STOP)
				park(pid);   /* a new child ahead of its parent's event */
			else             /* a waiting child being killed: let it die */
				ptrace(PTRACE_CONT, pid, NULL, NULL);
			continue;
		}
		on_stop(t, status);
	}
	return 0;
}
