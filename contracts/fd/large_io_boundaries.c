/*
 * large_io_boundaries — file I/O across page boundaries: a patterned 3-page-plus file
 * written in odd-sized chunks reads back exactly, in one large read and in unaligned preads
 * that straddle page edges; a 128 KiB write and read are done in one call each; overwriting
 * the middle of a page leaves its neighbours intact; a write several pages past the end
 * leaves zeros in between. Bugs in page-crossing copies show up here.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define SIZE (3 * 4096 + 100)
#define BIG (1 << 17)

static unsigned char pattern(long i)
{
	return (unsigned char)((i * 7 + i / 4096) % 251);
}

static unsigned char buf[BIG], back[BIG];

static int matches(const unsigned char *p, long off, long len)
{
	for (long i = 0; i < len; i++)
		if (p[i] != pattern(off + i))
			return 0;
	return 1;
}

int main(void)
{
	const char *path = "/tmp/c_large_io_boundaries";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	for (long i = 0; i < SIZE; i++)
		buf[i] = pattern(i);
	int ok = 1;
	for (long off = 0; off < SIZE; off += 1000) {
		long n = SIZE - off < 1000 ? SIZE - off : 1000;
		ok &= write(fd, buf + off, n) == n;
	}
	CHECK("chunked_writes", ok, "a chunk was short");
	struct stat st;
	fstat(fd, &st);
	CHECK_RET("size", st.st_size, SIZE);
	memset(back, 0, sizeof back);
	CHECK_RET("one_large_read", pread(fd, back, sizeof back, 0), SIZE);
	CHECK("large_read_content", matches(back, 0, SIZE), "content differs");
	static const long offs[] = { 4090, 4095, 4096, 8191, 8000, 12287, 12200 };
	ok = 1;
	for (size_t k = 0; k < sizeof offs / sizeof offs[0]; k++) {
		long want = SIZE - offs[k] < 300 ? SIZE - offs[k] : 300;
		memset(back, 0, 300);
		ok &= pread(fd, back, 300, offs[k]) == want && matches(back, offs[k], want);
	}
	CHECK("straddling_preads", ok, "a read across a page edge differs");

	/* Overwrite 10 bytes in the middle of page 1 and check both neighbours. */
	CHECK_RET("overwrite_middle", pwrite(fd, "XXXXXXXXXX", 10, 4096 + 2000), 10);
	pread(fd, back, 30, 4096 + 1990);
	CHECK("overwrite_neighbours", matches(back, 4096 + 1990, 10) && !memcmp(back + 10, "XXXXXXXXXX", 10) &&
	      matches(back + 20, 4096 + 2010, 10), "neighbours changed");

	/* A write 5 pages past the end. */
	CHECK_RET("write_far_past_end", pwrite(fd, "E", 1, SIZE + 5 * 4096), 1);
	memset(back, 'q', 5 * 4096);
	CHECK_RET("read_gap", pread(fd, back, 5 * 4096, SIZE), 5 * 4096);
	ok = 1;
	for (long i = 0; i < 5 * 4096; i++)
		ok &= back[i] == 0;
	CHECK("gap_is_zeros", ok, "non-zero byte in the gap");
	close(fd);

	fd = open(path, O_RDWR | O_TRUNC);
	for (long i = 0; i < BIG; i++)
		buf[i] = pattern(i);
	CHECK_RET("big_write", write(fd, buf, BIG), BIG);
	memset(back, 0, sizeof back);
	CHECK_RET("big_read", pread(fd, back, BIG, 0), BIG);
	CHECK("big_content", matches(back, 0, BIG), "content differs");
	close(fd);
	unlink(path);
	return contract_end();
}
