/*
 * madvise_dontneed — MADV_DONTNEED drops pages: private anonymous pages read
 * back as zero (only in the range given), a private file mapping reverts to the
 * file's contents, a shared file mapping keeps its data (it is in the file);
 * harmless advice (MADV_NORMAL, MADV_WILLNEED) changes nothing; EINVAL for an
 * unaligned start or unknown advice, ENOMEM for an unmapped range.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define FILE_ "/tmp/madvise_dontneed.tmp"

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);

	char *a = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(a, 'x', 4 * page);
	CHECK_OK("MADV_DONTNEED on pages 1-2", madvise(a + page, 2 * page, MADV_DONTNEED));
	CHECK("anonymous pages read back zero", a[page] == 0 && a[3 * page - 1] == 0, "not zero");
	CHECK("pages outside the range kept", a[0] == 'x' && a[page - 1] == 'x' && a[3 * page] == 'x', "changed");
	a[page] = 'y';
	CHECK("dropped pages are usable again", a[page] == 'y', "lost write");
	CHECK_OK("MADV_NORMAL", madvise(a, 4 * page, MADV_NORMAL));
	CHECK_OK("MADV_WILLNEED", madvise(a, 4 * page, MADV_WILLNEED));
	CHECK("harmless advice keeps data", a[0] == 'x' && a[page] == 'y', "changed");

	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char content[8192];
	memset(content, 'f', sizeof content);
	write(fd, content, 2 * page);

	char *priv = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	priv[0] = 'P';
	priv[page] = 'Q';
	CHECK_OK("MADV_DONTNEED on a private file mapping", madvise(priv, page, MADV_DONTNEED));
	CHECK("private file page reverts to the file", priv[0] == 'f', "got %c", priv[0]);
	CHECK("private page outside the range keeps its copy", priv[page] == 'Q', "lost");
	munmap(priv, 2 * page);

	char *shared = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	shared[0] = 'S';
	CHECK_OK("MADV_DONTNEED on a shared file mapping", madvise(shared, 2 * page, MADV_DONTNEED));
	CHECK("shared file page keeps its data", shared[0] == 'S', "got %c", shared[0]);
	char b = 0;
	pread(fd, &b, 1, 0);
	CHECK("and the file has it", b == 'S', "got %c", b);
	munmap(shared, 2 * page);
	close(fd);
	unlink(FILE_);

	CHECK_ERR("unaligned start", syscall(SYS_madvise, a + 1, page, MADV_DONTNEED), EINVAL);
	CHECK_ERR("unknown advice", syscall(SYS_madvise, a, page, 9999), EINVAL);
	munmap(a, 4 * page);
	CHECK_ERR("unmapped range", syscall(SYS_madvise, a, page, MADV_DONTNEED), ENOMEM);
	return contract_end();
}
