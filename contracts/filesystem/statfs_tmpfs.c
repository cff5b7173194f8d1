/*
 * statfs_tmpfs — statfs and fstatfs on /tmp (a tmpfs in the sandbox and in the native
 * harness) report TMPFS_MAGIC, 4096-byte blocks, 255-byte names, free <= total, and agree
 * with each other; /proc reports PROC_SUPER_MAGIC; a file reports its filesystem's values;
 * ENOENT, ENOTDIR, EBADF. Sizes are compared, never printed.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#define TMPFS_MAGIC_ 0x01021994
#define PROC_SUPER_MAGIC_ 0x9fa0

int main(void)
{
	struct statfs a, b;
	CHECK_RET("statfs_tmp", statfs("/tmp", &a), 0);
	CHECK_RET("tmp_is_tmpfs", a.f_type, TMPFS_MAGIC_);
	CHECK_RET("tmp_bsize", a.f_bsize, 4096);
	CHECK_RET("tmp_frsize", a.f_frsize, 4096);
	CHECK_RET("tmp_namelen", a.f_namelen, 255);
	CHECK("tmp_free_le_total", a.f_bfree <= a.f_blocks && a.f_bavail <= a.f_bfree, "free exceeds total");
	CHECK("tmp_files_nonzero", a.f_files > 0 && a.f_ffree <= a.f_files, "file counts odd");
	int fd = open("/tmp/c_statfs", O_CREAT | O_RDWR, 0644);
	CHECK_RET("fstatfs", fstatfs(fd, &b), 0);
	CHECK("fstatfs_agrees", b.f_type == a.f_type && b.f_bsize == a.f_bsize && b.f_blocks == a.f_blocks &&
	      b.f_namelen == a.f_namelen, "fstatfs differs from statfs");
	CHECK_RET("statfs_file", statfs("/tmp/c_statfs", &b), 0);
	CHECK_RET("file_reports_its_fs", b.f_type, TMPFS_MAGIC_);
	CHECK_RET("statfs_proc", statfs("/proc", &b), 0);
	CHECK_RET("proc_magic", b.f_type, PROC_SUPER_MAGIC_);
	CHECK_ERR("missing_enoent", statfs("/tmp/c_statfs_none", &b), ENOENT);
	CHECK_ERR("through_file_enotdir", statfs("/tmp/c_statfs/x", &b), ENOTDIR);
	CHECK_ERR("bad_fd_ebadf", fstatfs(1000, &b), EBADF);
	close(fd);
	unlink("/tmp/c_statfs");
	return contract_end();
}
