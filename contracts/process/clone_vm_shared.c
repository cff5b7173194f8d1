/*
 * clone_vm_shared — clone(CLONE_VM) without CLONE_THREAD makes a process that shares the
 * parent's memory: its stores and its new mappings are the parent's too, its exit leaves the
 * memory to the parent, and its execve gives it a new address space while the parent's stays
 * as it was. A vfork parent stays suspended even when the child sends it a handled signal:
 * the handler runs only once the child has exited (Linux waits killably, not interruptibly).
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

static volatile int shared_value;
static char *volatile child_map;
static int go[2];
static volatile int handled, value_at_handler;

static int vm_child(void *arg)
{
	(void)arg;
	shared_value = 5;
	child_map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (child_map != MAP_FAILED)
		child_map[0] = 'c';
	return 3;
}

static int exec_child(void *arg)
{
	char c;
	read(go[0], &c, 1);    /* the parent has looked at shared_value first */
	char *args[] = { (char *)arg, "after-exec", NULL };
	char *envp[] = { NULL };
	execve("/proc/self/exe", args, envp);
	return 127;
}

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
	value_at_handler = shared_value;
}

int main(int argc, char **argv)
{
	sigchld_quiet();
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0)
		return 42;
	static char stack1[65536] __attribute__((aligned(16)));
	static char stack2[65536] __attribute__((aligned(16)));

	pid_t pid = clone(vm_child, stack1 + sizeof stack1, CLONE_VM | SIGCHLD, NULL);
	CHECK("clone(CLONE_VM) makes a process", pid > 0, "failed (%s)", strerrorname(errno));
	int status;
	CHECK("it is waitable", waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "status %#x", status);
	CHECK("its store is ours", shared_value == 5, "value %d", shared_value);
	CHECK("its mapping is ours", child_map != MAP_FAILED && child_map[0] == 'c', "not there");
	child_map[1] = 'p';
	CHECK("and stays after its exit", child_map[1] == 'p', "gone");

	pipe(go);
	shared_value = 6;
	pid = clone(exec_child, stack2 + sizeof stack2, CLONE_VM | SIGCHLD, argv[0]);
	CHECK("clone(CLONE_VM) for execve", pid > 0, "failed (%s)", strerrorname(errno));
	CHECK("before its exec our memory is as we left it", shared_value == 6, "value %d", shared_value);
	write(go[1], "g", 1);
	CHECK("the exec'd child ran its new image", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 42, "status %#x", status);
	shared_value = 7;
	CHECK("our memory is intact after its exec", shared_value == 7 && child_map[0] == 'c', "changed");

	/* vfork: a handled signal from the child does not wake the parent early. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	pid_t parent = getpid();
	shared_value = 0;
	pid = vfork();
	if (pid == 0) {
		kill(parent, SIGUSR1);
		shared_value = 8;
		_exit(0);
	}
	CHECK("handler ran once", handled == 1, "ran %d times", handled);
	CHECK("and only after the child was done", value_at_handler == 8, "saw %d", value_at_handler);
	waitpid(pid, &status, 0);
	return contract_end();
}
