/*
 * map_private_cow — MAP_PRIVATE memory is copy-on-write across fork: after fork
 * both processes see the old contents; a write by either stays its own, for
 * anonymous memory, a private file mapping (the file never changes) and
 * ordinary data; a page first touched after fork is private too. Turns are
 * taken over pipes.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define FILE_ "/tmp/map_private_cow.tmp"

static char data_var = 'D';

int main(void)
{
	sigchld_quiet();
	long page = sysconf(_SC_PAGESIZE);
	int up[2], down[2];
	pipe(up);
	pipe(down);

	char *anon = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	anon[0] = 'A'; /* page 1 is left untouched until after fork */
	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char content[4096];
	memset(content, 'F', sizeof content);
	write(fd, content, sizeof content);
	char *file = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	pid_t pid = fork();
	if (pid == 0) {
		int bad = 0;
		char c;
		if (anon[0] != 'A' || file[0] != 'F' || data_var != 'D')
			bad |= 1; /* old contents after fork */
		anon[0] = 'c';
		anon[page] = 'c';
		file[0] = 'c';
		data_var = 'c';
		write(up[1], "c", 1);
		read(down[0], &c, 1);
		if (anon[0] != 'c' || anon[page] != 'c' || file[0] != 'c' || data_var != 'c')
			bad |= 2; /* the parent's writes must not show here */
		_exit(bad);
	}
	char c;
	read(up[0], &c, 1);
	CHECK("child's anonymous write stays in the child", anon[0] == 'A', "got %c", anon[0]);
	CHECK("page first touched by the child stays zero here", anon[page] == 0, "got %#x", anon[page]);
	CHECK("child's private file write stays in the child", file[0] == 'F', "got %c", file[0]);
	CHECK("child's write to .data stays in the child", data_var == 'D', "got %c", data_var);
	anon[0] = 'p';
	anon[page] = 'p';
	file[0] = 'p';
	data_var = 'p';
	write(down[1], "p", 1);
	int status;
	waitpid(pid, &status, 0);
	CHECK("child saw old contents, then only its own writes", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child reported %#x", status);
	char b = 0;
	pread(fd, &b, 1, 0);
	CHECK("the file never changed", b == 'F', "got %c", b);
	munmap(anon, 2 * page);
	munmap(file, page);
	close(fd);
	unlink(FILE_);
	return contract_end();
}
