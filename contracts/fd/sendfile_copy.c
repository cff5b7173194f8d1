/*
 * sendfile_copy — sendfile from a file into a file and into a pipe: with an offset
 * pointer (updated; the input's file offset untouched) and without (the input's offset
 * is used and advanced); short at end of file, 0 at end of file; EBADF for an input not
 * open for reading or an output not open for writing; EINVAL for an O_APPEND output.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

int main(void)
{
	const char *src = "/tmp/c_sendfile_src", *dst = "/tmp/c_sendfile_dst";
	int in = open(src, O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(in, "abcdefghijklmnopqrstuvwxyz", 26);
	int out = open(dst, O_RDWR | O_CREAT | O_TRUNC, 0644);

	off_t off = 4;
	CHECK_RET("sendfile_with_offset", sendfile(out, in, &off, 6), 6);
	CHECK_RET("offset_pointer_advanced", off, 10);
	CHECK_RET("input_offset_untouched", lseek(in, 0, SEEK_CUR), 26);
	CHECK_RET("output_offset_advanced", lseek(out, 0, SEEK_CUR), 6);
	char buf[32] = { 0 };
	pread(out, buf, 6, 0);
	CHECK("copied_bytes", memcmp(buf, "efghij", 6) == 0, "got %.6s", buf);

	lseek(in, 20, SEEK_SET);
	CHECK_RET("sendfile_null_offset_short", sendfile(out, in, NULL, 100), 6);
	CHECK_RET("null_offset_advances_input", lseek(in, 0, SEEK_CUR), 26);
	CHECK_RET("sendfile_at_eof_zero", sendfile(out, in, NULL, 100), 0);
	off = 26;
	CHECK_RET("sendfile_offset_at_eof_zero", sendfile(out, in, &off, 5), 0);
	off = 100;
	CHECK_RET("sendfile_offset_past_eof_zero", sendfile(out, in, &off, 5), 0);
	struct stat st;
	fstat(out, &st);
	CHECK_RET("output_size", st.st_size, 12);
	pread(out, buf, 12, 0);
	CHECK("output_content", memcmp(buf, "efghijuvwxyz", 12) == 0, "got %.12s", buf);

	int p[2];
	pipe(p);
	off = 0;
	CHECK_RET("sendfile_into_pipe", sendfile(p[1], in, &off, 5), 5);
	memset(buf, 0, sizeof buf);
	CHECK_RET("read_from_pipe", read(p[0], buf, sizeof buf), 5);
	CHECK("pipe_content", memcmp(buf, "abcde", 5) == 0, "got %.5s", buf);
	CHECK_RET("sendfile_zero_count", sendfile(out, in, &off, 0), 0);

	int wo = open(src, O_WRONLY);
	CHECK_ERR("input_write_only_ebadf", sendfile(out, wo, NULL, 1), EBADF);
	int ro = open(dst, O_RDONLY);
	CHECK_ERR("output_read_only_ebadf", sendfile(ro, in, &off, 1), EBADF);
	CHECK_ERR("bad_input_fd_ebadf", sendfile(out, 1000, NULL, 1), EBADF);
	int ap = open(dst, O_WRONLY | O_APPEND);
	off = 0;
	CHECK_ERR("output_append_einval", sendfile(ap, in, &off, 1), EINVAL);
	off = -1;
	CHECK_ERR("negative_offset_einval", sendfile(out, in, &off, 1), EINVAL);
	/* A pipe cannot be the input (Linux splices from it): EINVAL, even with data waiting. */
	CHECK_RET("pipe_has_data", write(p[1], "xy", 2), 2);
	CHECK_ERR("input_pipe_einval", sendfile(out, p[0], NULL, 2), EINVAL);
	unlink(src);
	unlink(dst);
	return contract_end();
}
