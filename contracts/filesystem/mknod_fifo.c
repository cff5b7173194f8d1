/*
 * mknod_fifo — mknod(S_IFIFO) and mkfifo make a named pipe (S_ISFIFO, mode masked by the
 * umask, size 0); a non-blocking reader opens alone and reads EOF; a non-blocking writer
 * without a reader is ENXIO; a blocking open waits for the other side (a child); data
 * flows through; mknod also makes regular files (type 0 or S_IFREG) and, as root,
 * character devices; EEXIST, EPERM for S_IFDIR, EINVAL for a bad type.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#define D "/tmp/c_mknod_fifo"

int main(void)
{
	umask(022);
	mkdir(D, 0755);
	CHECK_RET("mknod_fifo", mknod(D "/p", S_IFIFO | 0666, 0), 0);
	struct stat st;
	stat(D "/p", &st);
	CHECK_RET("fifo_mode", st.st_mode, S_IFIFO | 0644);
	CHECK_RET("fifo_size_zero", st.st_size, 0);
	CHECK_ERR("mknod_existing_eexist", mknod(D "/p", S_IFIFO | 0644, 0), EEXIST);
	CHECK_ERR("mkfifo_existing_eexist", mkfifo(D "/p", 0644), EEXIST);

	CHECK_ERR("nonblock_writer_without_reader_enxio", open(D "/p", O_WRONLY | O_NONBLOCK), ENXIO);
	int r = open(D "/p", O_RDONLY | O_NONBLOCK);
	CHECK("nonblock_reader_alone", r >= 0, "failed %s", strerrorname(errno));
	char buf[16];
	CHECK_RET("read_no_writer_eof", read(r, buf, sizeof buf), 0);
	int w = open(D "/p", O_WRONLY | O_NONBLOCK);
	CHECK("nonblock_writer_with_reader", w >= 0, "failed %s", strerrorname(errno));
	CHECK_ERR("read_empty_with_writer_eagain", read(r, buf, sizeof buf), EAGAIN);
	CHECK_RET("write_through_fifo", write(w, "fifo", 4), 4);
	CHECK_RET("read_through_fifo", read(r, buf, sizeof buf), 4);
	fstat(r, &st);
	CHECK("fstat_open_fifo", S_ISFIFO(st.st_mode), "mode %o", (unsigned)st.st_mode);
	close(w);
	close(r);

	/* Blocking opens meet: the child opens for writing, the parent for reading. */
	pid_t child = fork();
	if (child == 0) {
		int cw = open(D "/p", O_WRONLY);
		write(cw, "hi", 2);
		_exit(cw >= 0 ? 0 : 1);
	}
	r = open(D "/p", O_RDONLY);
	CHECK("blocking_open_meets_writer", r >= 0, "failed %s", strerrorname(errno));
	memset(buf, 0, sizeof buf);
	CHECK_RET("read_from_child", read(r, buf, sizeof buf), 2);
	CHECK("child_bytes", memcmp(buf, "hi", 2) == 0, "got %.2s", buf);
	CHECK_RET("eof_after_child_exit", read(r, buf, sizeof buf), 0);
	int status;
	waitpid(child, &status, 0);
	CHECK("child_ok", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	close(r);

	CHECK_RET("mkfifo", mkfifo(D "/q", 0600), 0);
	stat(D "/q", &st);
	CHECK_RET("mkfifo_mode", st.st_mode, S_IFIFO | 0600);
	CHECK_RET("mknod_regular_type0", mknod(D "/r0", 0644, 0), 0);
	stat(D "/r0", &st);
	CHECK_RET("type0_is_regular", st.st_mode, S_IFREG | 0644);
	CHECK_RET("mknod_regular", mknod(D "/r1", S_IFREG | 0600, 0), 0);
	stat(D "/r1", &st);
	CHECK_RET("regular_mode", st.st_mode, S_IFREG | 0600);
	CHECK_RET("mknod_char_device", mknod(D "/null", S_IFCHR | 0666, makedev(1, 3)), 0);
	stat(D "/null", &st);
	CHECK("char_device_type_and_rdev", S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3,
	      "mode %o rdev %u:%u", (unsigned)st.st_mode, major(st.st_rdev), minor(st.st_rdev));
	CHECK_ERR("mknod_dir_eperm", mknod(D "/dir", S_IFDIR | 0755, 0), EPERM);
	CHECK_ERR("mknod_bad_type_einval", mknod(D "/bad", 0110000 | 0644, 0), EINVAL);
	CHECK_ERR("mknod_missing_dir_enoent", mknod(D "/no/p", S_IFIFO | 0644, 0), ENOENT);
	CHECK_RET("mknodat", mknodat(AT_FDCWD, D "/at", S_IFIFO | 0644, 0), 0);
	contract_rmtree(D);
	return contract_end();
}
