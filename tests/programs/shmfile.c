/* shmfile — processes sharing memory the ways databases and compositors do: a file mapped
 * MAP_SHARED by a parent and a forked child (the child's stores show in the parent's mapping
 * and in read()), a MAP_PRIVATE copy that keeps its own bytes, MADV_DONTNEED on a shared
 * mapping reading the file again, a memfd whose size is sealed (F_ADD_SEALS) before it is
 * shared, and a mapping grown with mremap. Every step is ordered with a pipe handshake. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PATH "/tmp/shared.db"
#define SIZE 16384

static void wait_byte(int fd)
{
	char c;
	if (read(fd, &c, 1) != 1)
		_exit(9);
}

int main(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, SIZE);
	/* The private mapping first: the shared one then has a neighbour above it on any kernel,
	 * so growing it below moves it (what lies above the first mapping differs: Linux keeps
	 * its vDSO there). */
	char *priv = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *shared = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	strcpy(priv, "private copy");

	int mfd = memfd_create("frames", MFD_ALLOW_SEALING | MFD_CLOEXEC);
	ftruncate(mfd, 8192);
	printf("seal grow+shrink: %d\n", fcntl(mfd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK));
	printf("seals now: %#x\n", fcntl(mfd, F_GET_SEALS));
	printf("grow a sealed memfd: %s\n", ftruncate(mfd, 16384) < 0 ? strerror(errno) : "allowed?");
	char *frame = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);

	int to_child[2], to_parent[2];
	pipe(to_child);
	pipe(to_parent);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 64; i++)
			snprintf(shared + i * 64, 64, "record %02d from child", i);
		strcpy(frame + 4096, "frame written by child");
		write(to_parent[1], "1", 1);
		wait_byte(to_child[0]);
		/* The parent cleared page 0 through its mapping: we see it. */
		write(to_parent[1], shared[0] == 0 ? "z" : "n", 1);
		_exit(0);
	}
	wait_byte(to_parent[0]);
	printf("parent sees: %s / %s\n", shared + 63 * 64, frame + 4096);
	char buf[64];
	pread(fd, buf, sizeof buf, 5 * 64);
	printf("read() sees: %s\n", buf);
	printf("private mapping kept: %s\n", priv);
	printf("private mapping past our store: '%.20s'\n", priv + 64);

	memset(shared, 0, 4096);
	msync(shared, SIZE, MS_SYNC);
	write(to_child[1], "2", 1);
	char r;
	read(to_parent[0], &r, 1);
	printf("child saw the cleared page: %s\n", r == 'z' ? "yes" : "no");
	int status;
	waitpid(pid, &status, 0);
	printf("child exit %d\n", WEXITSTATUS(status));

	/* MADV_DONTNEED on a shared file mapping: the pages come back from the file. */
	pwrite(fd, "rewritten by pwrite", 20, 8192);
	madvise(shared + 8192, 4096, MADV_DONTNEED);
	printf("after DONTNEED: %s\n", shared + 8192);
	madvise(priv, 4096, MADV_DONTNEED);
	printf("private after DONTNEED: '%.12s'\n", priv);

	/* Grow: the file first, then the mapping. */
	ftruncate(fd, 2 * SIZE);
	char *bigger = mremap(shared, SIZE, 2 * SIZE, MREMAP_MAYMOVE);
	strcpy(bigger + SIZE + 100, "in the new half");
	pread(fd, buf, sizeof buf, SIZE + 100);
	printf("mremap'd store reached the file: %s\n", buf);
	printf("old contents kept: %s\n", bigger + 8192);
	munmap(bigger, 2 * SIZE);
	munmap(priv, SIZE);
	munmap(frame, 8192);
	close(mfd);
	close(fd);
	unlink(PATH);
	return 0;
}
