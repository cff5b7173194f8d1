/*
 * o_append — with O_APPEND every write goes to the current end, whatever the offset says,
 * and leaves the offset at the new end; two O_APPEND descriptions never overwrite each
 * other; reads still use the offset; F_SETFL can clear O_APPEND.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	const char *path = "/tmp/c_o_append";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644);
	CHECK_RET("first_write", write(fd, "abc", 3), 3);
	CHECK_RET("seek_to_start", lseek(fd, 0, SEEK_SET), 0);
	char c = 0;
	CHECK_RET("read_uses_offset", read(fd, &c, 1), 1);
	CHECK("read_uses_offset_byte", c == 'a', "read %c", c);
	CHECK_RET("write_after_seek_appends", write(fd, "de", 2), 2);
	CHECK_RET("offset_at_new_end", lseek(fd, 0, SEEK_CUR), 5);

	int other = open(path, O_WRONLY | O_APPEND);
	CHECK_RET("second_description_appends", write(other, "XY", 2), 2);
	CHECK_RET("first_appends_after_second", write(fd, "f", 1), 1);
	CHECK_RET("first_offset_after_second", lseek(fd, 0, SEEK_CUR), 8);
	int plain = open(path, O_WRONLY);
	CHECK_RET("plain_write_at_zero", write(plain, "Q", 1), 1);
	char buf[16] = { 0 };
	CHECK_RET("content_length", pread(fd, buf, sizeof buf, 0), 8);
	CHECK("content", memcmp(buf, "QbcdeXYf", 8) == 0, "got %.8s", buf);

	CHECK_OK("clear_append", fcntl(fd, F_SETFL, 0));
	lseek(fd, 1, SEEK_SET);
	CHECK_RET("write_without_append", write(fd, "z", 1), 1);
	struct stat st;
	fstat(fd, &st);
	CHECK_RET("size_unchanged_without_append", st.st_size, 8);
	CHECK_OK("set_append_again", fcntl(fd, F_SETFL, O_APPEND));
	lseek(fd, 0, SEEK_SET);
	CHECK_RET("append_again", write(fd, "!", 1), 1);
	fstat(fd, &st);
	CHECK_RET("size_after_append_again", st.st_size, 9);
	CHECK_RET("final_content", pread(fd, buf, sizeof buf, 0), 9);
	CHECK("final_bytes", memcmp(buf, "QzcdeXYf!", 9) == 0, "got %.9s", buf);
	/* O_APPEND with O_TRUNC truncates first. */
	int t = open(path, O_WRONLY | O_APPEND | O_TRUNC);
	CHECK_RET("append_after_trunc", write(t, "n", 1), 1);
	fstat(t, &st);
	CHECK_RET("size_after_trunc_append", st.st_size, 1);
	unlink(path);
	return contract_end();
}
