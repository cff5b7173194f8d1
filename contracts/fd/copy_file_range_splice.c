/*
 * copy_file_range_splice — in-kernel copies: copy_file_range between two files with and
 * without offset pointers (pointers advance, file offsets do not, and vice versa), short
 * at end of file, 0 past it; splice from a file into a pipe and from a pipe into a file;
 * tee duplicates pipe data without consuming it; EINVAL for splice without a pipe and for
 * bad flags, EBADF for a write-only source.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	const char *src = "/tmp/c_cfr_src", *dst = "/tmp/c_cfr_dst";
	int in = open(src, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(in, "abcdefghijklmnopqrstuvwxyz", 26);
	int out = open(dst, O_RDWR | O_CREAT | O_TRUNC, 0644);
	loff_t ioff = 2, ooff = 0;
	CHECK_RET("cfr_with_offsets", copy_file_range(in, &ioff, out, &ooff, 5, 0), 5);
	CHECK("cfr_offsets_advanced", ioff == 7 && ooff == 5, "offsets %ld %ld", (long)ioff, (long)ooff);
	CHECK_RET("cfr_file_offsets_untouched_in", lseek(in, 0, SEEK_CUR), 26);
	CHECK_RET("cfr_file_offsets_untouched_out", lseek(out, 0, SEEK_CUR), 0);
	lseek(in, 20, SEEK_SET);
	lseek(out, 5, SEEK_SET);
	CHECK_RET("cfr_null_offsets_short_at_eof", copy_file_range(in, NULL, out, NULL, 100, 0), 6);
	CHECK_RET("cfr_moves_file_offset", lseek(in, 0, SEEK_CUR), 26);
	CHECK_RET("cfr_at_eof_zero", copy_file_range(in, NULL, out, NULL, 100, 0), 0);
	char buf[32] = { 0 };
	CHECK_RET("cfr_result_size", pread(out, buf, sizeof buf, 0), 11);
	CHECK("cfr_result_bytes", memcmp(buf, "cdefguvwxyz", 11) == 0, "got %.11s", buf);
	CHECK_ERR("cfr_bad_flags_einval", copy_file_range(in, &ioff, out, &ooff, 1, 1), EINVAL);
	int wo = open(src, O_WRONLY);
	CHECK_ERR("cfr_write_only_source_ebadf", copy_file_range(wo, NULL, out, NULL, 1, 0), EBADF);
	close(wo);

	int p[2], q[2];
	pipe(p);
	pipe(q);
	loff_t off = 0;
	CHECK_RET("splice_file_to_pipe", splice(in, &off, p[1], NULL, 4, 0), 4);
	CHECK_RET("splice_offset_advanced", off, 4);
	CHECK_RET("tee_pipe_to_pipe", tee(p[0], q[1], 4, 0), 4);
	memset(buf, 0, sizeof buf);
	CHECK_RET("tee_copy_readable", read(q[0], buf, sizeof buf), 4);
	CHECK("tee_copy_bytes", memcmp(buf, "abcd", 4) == 0, "got %.4s", buf);
	loff_t o2 = 100;
	CHECK_RET("splice_pipe_to_file", splice(p[0], NULL, out, &o2, 4, 0), 4);
	struct stat st;
	fstat(out, &st);
	CHECK_RET("splice_grew_file", st.st_size, 104);
	pread(out, buf, 4, 100);
	CHECK("splice_file_bytes", memcmp(buf, "abcd", 4) == 0, "got %.4s", buf);
	CHECK_ERR("splice_pipe_consumed_nonblock", splice(p[0], NULL, out, &o2, 4, SPLICE_F_NONBLOCK), EAGAIN);
	CHECK_ERR("splice_without_pipe_einval", splice(in, NULL, out, NULL, 4, 0), EINVAL);
	CHECK_ERR("tee_file_einval", tee(in, q[1], 4, 0), EINVAL);
	unlink(src);
	unlink(dst);
	return contract_end();
}
