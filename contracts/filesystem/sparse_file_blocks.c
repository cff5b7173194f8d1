/*
 * sparse_file_blocks — files with holes on tmpfs: a byte written at 1 GiB makes a file of
 * 1 GiB + 1 that uses one page (st_blocks 8, in 512-byte units); holes read as zeros;
 * SEEK_DATA and SEEK_HOLE find the data page and the holes, and are ENXIO past the end;
 * fallocate allocates pages (blocks grow, size too unless FALLOC_FL_KEEP_SIZE) and
 * FALLOC_FL_PUNCH_HOLE gives them back and reads as zeros; growing with ftruncate
 * allocates nothing.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define GIB (1L << 30)

static long blocks_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long)st.st_blocks : -1;
}

static long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long)st.st_size : -1;
}

int main(void)
{
	const char *path = "/tmp/c_sparse_file_blocks";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_RET("empty_file_no_blocks", blocks_of(fd), 0);
	CHECK_RET("write_at_1gib", pwrite(fd, "Z", 1, GIB), 1);
	CHECK_RET("size_1gib_plus_1", size_of(fd), GIB + 1);
	CHECK_RET("one_page_allocated", blocks_of(fd), 8);
	char buf[16];
	memset(buf, 'q', sizeof buf);
	CHECK_RET("read_in_hole", pread(fd, buf, sizeof buf, GIB / 2), (long)sizeof buf);
	int zeros = 1;
	for (size_t i = 0; i < sizeof buf; i++)
		zeros &= buf[i] == 0;
	CHECK("hole_is_zeros", zeros, "non-zero byte in the hole");
	CHECK_RET("seek_data_finds_page", lseek(fd, 0, SEEK_DATA), GIB);
	CHECK_RET("seek_hole_at_start", lseek(fd, 0, SEEK_HOLE), 0);
	CHECK_RET("seek_hole_after_data_is_eof", lseek(fd, GIB, SEEK_HOLE), GIB + 1);
	CHECK_ERR("seek_data_past_eof_enxio", lseek(fd, GIB + 1, SEEK_DATA), ENXIO);
	CHECK_ERR("seek_hole_past_eof_enxio", lseek(fd, GIB + 5, SEEK_HOLE), ENXIO);

	CHECK_RET("ftruncate_grow", ftruncate(fd, 2 * GIB), 0);
	CHECK_RET("grow_allocates_nothing", blocks_of(fd), 8);
	CHECK_RET("fallocate_two_pages", fallocate(fd, 0, 0, 8192), 0);
	CHECK_RET("fallocate_blocks", blocks_of(fd), 24);
	CHECK_RET("fallocate_inside_keeps_size", size_of(fd), 2 * GIB);
	CHECK_RET("fallocate_beyond_grows", fallocate(fd, 0, 2 * GIB, 4096), 0);
	CHECK_RET("size_after_fallocate_beyond", size_of(fd), 2 * GIB + 4096);
	CHECK_RET("fallocate_keep_size", fallocate(fd, FALLOC_FL_KEEP_SIZE, 3 * GIB, 4096), 0);
	CHECK_RET("keep_size_size_unchanged", size_of(fd), 2 * GIB + 4096);
	CHECK_RET("keep_size_blocks_grow", blocks_of(fd), 40);
	pwrite(fd, "abcd", 4, 4096);
	CHECK_RET("punch_hole", fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096), 0);
	CHECK_RET("punch_frees_page", blocks_of(fd), 32);
	memset(buf, 'q', 4);
	pread(fd, buf, 4, 4096);
	CHECK("punched_reads_zeros", buf[0] == 0 && buf[3] == 0, "data survived the punch");
	CHECK_ERR("punch_without_keep_size_eopnotsupp", fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 4096), EOPNOTSUPP);
	CHECK_ERR("fallocate_zero_len_einval", fallocate(fd, 0, 0, 0), EINVAL);
	CHECK_ERR("fallocate_negative_offset_einval", fallocate(fd, 0, -1, 4096), EINVAL);
	int ro = open(path, O_RDONLY);
	CHECK_ERR("fallocate_rdonly_ebadf", fallocate(ro, 0, 0, 4096), EBADF);
	close(ro);
	close(fd);
	unlink(path);
	return contract_end();
}
