/*
 * mprotect_none_keeps — mprotect(PROT_NONE) changes only the permissions: the page keeps its
 * bytes (private and shared), the kernel's own accesses to it fail with EFAULT (write from it,
 * read into it), and after fork each side's copy-on-write and sharing are as before: a private
 * page written by the child after mprotect back to read-write is the child's alone, a shared
 * page is seen by both. munmap of a PROT_NONE range just works.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "../process/sigchld_quiet.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	sigchld_quiet();
	long page = sysconf(_SC_PAGESIZE);
	char *priv = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shared = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap", priv != MAP_FAILED && shared != MAP_FAILED, "failed");
	memset(priv, 'p', 2 * page);
	memset(shared, 's', page);

	CHECK_OK("mprotect private PROT_NONE", mprotect(priv, 2 * page, PROT_NONE));
	CHECK_OK("mprotect shared PROT_NONE", mprotect(shared, page, PROT_NONE));
	int fds[2];
	CHECK_OK("pipe", pipe(fds));
	CHECK_ERR("write from a PROT_NONE page", write(fds[1], priv, 16), EFAULT);
	CHECK_RET("write 16 bytes", write(fds[1], "0123456789abcdef", 16), 16);
	CHECK_ERR("read into a PROT_NONE page", read(fds[0], shared, 16), EFAULT);
	char buf[16];
	CHECK_RET("the bytes are still in the pipe", read(fds[0], buf, 16), 16);

	CHECK_OK("mprotect private back to read", mprotect(priv, 2 * page, PROT_READ));
	CHECK("private bytes kept", priv[0] == 'p' && priv[2 * page - 1] == 'p', "lost");
	CHECK_OK("mprotect shared back to read-write", mprotect(shared, page, PROT_READ | PROT_WRITE));
	CHECK("shared bytes kept", shared[0] == 's' && shared[page - 1] == 's', "lost");

	/* PROT_NONE across fork: copy-on-write for the private page, sharing for the shared one. */
	CHECK_OK("mprotect both PROT_NONE again",
		 mprotect(priv, 2 * page, PROT_NONE) | mprotect(shared, page, PROT_NONE));
	pid_t pid = fork();
	if (pid == 0) {
		if (mprotect(priv, page, PROT_READ | PROT_WRITE) || mprotect(shared, page, PROT_READ | PROT_WRITE))
			_exit(2);
		int ok = priv[5] == 'p' && shared[5] == 's';
		priv[5] = 'c';
		shared[5] = 'c';
		_exit(ok ? 0 : 3);
	}
	int status;
	CHECK("child saw the bytes and wrote", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK_OK("mprotect read-write in the parent", mprotect(priv, 2 * page, PROT_READ | PROT_WRITE) |
		 mprotect(shared, page, PROT_READ | PROT_WRITE));
	CHECK("private page unchanged by the child", priv[5] == 'p', "value %c", priv[5]);
	CHECK("shared page changed by the child", shared[5] == 'c', "value %c", shared[5]);
	priv[6] = 'q';
	CHECK("parent writes its private page", priv[6] == 'q' && priv[page + 6] == 'p', "lost");

	CHECK_OK("mprotect PROT_NONE before munmap", mprotect(priv + page, page, PROT_NONE));
	CHECK_OK("munmap over a PROT_NONE page", munmap(priv, 2 * page));
	CHECK_OK("munmap shared", munmap(shared, page));
	return contract_end();
}
