/*
 * chmod_umask — umask returns the old mask, keeps only 0777, and masks the mode of new
 * files, directories, FIFOs and sockets' files; chmod/fchmod/fchmodat set the permission
 * bits including setuid, setgid and sticky (as root), keep the file type, follow a
 * symlink; ENOENT for a missing file; fchmod on an O_PATH fd is EBADF.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_chmod_umask"

static long mode_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long)st.st_mode : -1;
}

int main(void)
{
	umask(022);
	CHECK_RET("umask_returns_old", umask(077), 022);
	mkdir(D, 0777);
	CHECK_RET("mkdir_masked_077", mode_of(D), S_IFDIR | 0700);
	int fd = open(D "/f", O_CREAT | O_WRONLY, 0666);
	close(fd);
	CHECK_RET("file_masked_077", mode_of(D "/f"), S_IFREG | 0600);
	CHECK_RET("umask_zero_returns_077", umask(0), 077);
	fd = open(D "/g", O_CREAT | O_WRONLY, 0666);
	close(fd);
	CHECK_RET("file_unmasked", mode_of(D "/g"), S_IFREG | 0666);
	mkfifo(D "/fifo", 0666);
	CHECK_RET("fifo_unmasked", mode_of(D "/fifo"), S_IFIFO | 0666);
	CHECK_RET("umask_set_high_bits", umask(07777), 0);
	CHECK_RET("umask_keeps_only_0777", umask(022), 0777);
	fd = open(D "/h", O_CREAT | O_WRONLY, 07777);
	close(fd);
	CHECK_RET("create_with_special_bits", mode_of(D "/h"), S_IFREG | 07755);

	CHECK_RET("chmod_setuid", chmod(D "/f", 04755), 0);
	CHECK_RET("chmod_setuid_reads_back", mode_of(D "/f"), S_IFREG | 04755);
	CHECK_RET("chmod_setgid_sticky", chmod(D "/f", 03711), 0);
	CHECK_RET("chmod_setgid_sticky_reads_back", mode_of(D "/f"), S_IFREG | 03711);
	CHECK_RET("chmod_zero", chmod(D "/f", 0), 0);
	CHECK_RET("chmod_zero_reads_back", mode_of(D "/f"), S_IFREG);
	CHECK_RET("chmod_type_bits_ignored", chmod(D "/f", S_IFDIR | 0644), 0);
	CHECK_RET("type_kept", mode_of(D "/f"), S_IFREG | 0644);
	CHECK_RET("chmod_dir_sticky", chmod(D, 01777), 0);
	CHECK_RET("dir_sticky_reads_back", mode_of(D), S_IFDIR | 01777);

	fd = open(D "/g", O_RDONLY);
	CHECK_RET("fchmod_on_rdonly_fd", fchmod(fd, 0400), 0);
	CHECK_RET("fchmod_reads_back", mode_of(D "/g"), S_IFREG | 0400);
	close(fd);
	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK_RET("fchmodat", fchmodat(dfd, "g", 0640, 0), 0);
	CHECK_RET("fchmodat_reads_back", mode_of(D "/g"), S_IFREG | 0640);
	symlink("g", D "/lg");
	CHECK_RET("chmod_follows_link", chmod(D "/lg", 0604), 0);
	CHECK_RET("target_changed", mode_of(D "/g"), S_IFREG | 0604);
	struct stat st;
	lstat(D "/lg", &st);
	CHECK_RET("link_itself_unchanged", st.st_mode, S_IFLNK | 0777);
	CHECK_ERR("chmod_missing_enoent", chmod(D "/none", 0644), ENOENT);
	int p = open(D "/g", O_PATH);
	/* Raw syscall: musl retries fchmod on an O_PATH fd through /proc/self/fd. */
	CHECK_ERR("fchmod_opath_ebadf", syscall(SYS_fchmod, p, 0644), EBADF);
	CHECK_ERR("fchmod_bad_fd_ebadf", fchmod(1000, 0644), EBADF);
	contract_rmtree(D);
	return contract_end();
}
