/*
 * map_shared_fork — MAP_SHARED memory stays shared across fork: the child's
 * writes reach the parent and the parent's later writes reach the child, for an
 * anonymous shared mapping and for a shared file mapping (which also reaches
 * the file). Turns are taken over pipes, never by timing.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define FILE_ "/tmp/map_shared_fork.tmp"

/* Child: check the parent's first value, write its own, wait, check the parent's second. */
static int child_turns(volatile char *m, int to_parent, int from_parent)
{
	char c;
	int bad = 0;
	if (m[0] != 'P')
		bad |= 1;
	m[1] = 'C';
	write(to_parent, "c", 1);
	read(from_parent, &c, 1);
	if (m[2] != 'Q')
		bad |= 2;
	return bad;
}

static void run(const char *what, volatile char *m)
{
	int up[2], down[2];
	pipe(up);
	pipe(down);
	m[0] = 'P';
	pid_t pid = fork();
	if (pid == 0)
		_exit(child_turns(m, up[1], down[0]));
	char c, name[96];
	read(up[0], &c, 1);
	snprintf(name, sizeof name, "%s: child's write seen by the parent", what);
	CHECK(name, m[1] == 'C', "got %#x", m[1]);
	m[2] = 'Q';
	write(down[1], "p", 1);
	int status;
	waitpid(pid, &status, 0);
	snprintf(name, sizeof name, "%s: parent's writes seen by the child", what);
	CHECK(name, WIFEXITED(status) && WEXITSTATUS(status) == 0, "child reported %#x", status);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
}

int main(void)
{
	sigchld_quiet();
	long page = sysconf(_SC_PAGESIZE);

	char *anon = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK("shared anonymous mapping", anon != MAP_FAILED, "failed");
	run("anonymous", anon);
	munmap(anon, page);

	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, page);
	char *file = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("shared file mapping", file != MAP_FAILED, "failed");
	run("file", file);
	char buf[3] = { 0 };
	pread(fd, buf, 3, 0);
	CHECK("file holds both processes' writes", memcmp(buf, "PCQ", 3) == 0, "differs");
	munmap(file, page);
	close(fd);
	unlink(FILE_);
	return contract_end();
}
