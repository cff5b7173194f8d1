/*
 * openat_flags — open/openat flags: O_CREAT|O_EXCL (EEXIST, even for a dangling symlink),
 * O_TRUNC (Linux truncates even with O_RDONLY), O_DIRECTORY (ENOTDIR on a file, EINVAL with
 * O_CREAT), O_NOFOLLOW (ELOOP on a final symlink only), O_PATH (no I/O, fstat and fchdir
 * work, can name a symlink itself), O_TMPFILE (unnamed, nlink 0), O_CLOEXEC; directories
 * refuse writing (EISDIR); dirfd-relative paths, EBADF and ENOTDIR for a bad dirfd;
 * ENAMETOOLONG for a 256-byte name; trailing slashes.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/stat.h>

#define D "/tmp/c_openat"

static long size_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

int main(void)
{
	umask(022);
	mkdir(D, 0755);
	int fd = open(D "/f", O_WRONLY | O_CREAT | O_EXCL, 0666);
	CHECK("creat_excl_new", fd >= 0, "failed %s", strerrorname(errno));
	struct stat st;
	fstat(fd, &st);
	CHECK_RET("creat_mode_umasked", st.st_mode, S_IFREG | 0644);
	write(fd, "content", 7);
	close(fd);
	CHECK_ERR("creat_excl_existing_eexist", open(D "/f", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	symlink("nowhere", D "/dangle");
	CHECK_ERR("creat_excl_dangling_link_eexist", open(D "/dangle", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_ERR("nowhere_not_created", access(D "/nowhere", F_OK), ENOENT);
	fd = open(D "/f", O_RDWR | O_CREAT, 0600);
	CHECK("creat_existing_opens", fd >= 0, "failed %s", strerrorname(errno));
	fstat(fd, &st);
	CHECK_RET("creat_existing_keeps_mode", st.st_mode & 0777, 0644);
	CHECK_RET("creat_existing_keeps_data", st.st_size, 7);
	close(fd);

	fd = open(D "/f", O_RDONLY | O_TRUNC);
	CHECK_RET("rdonly_trunc_truncates", size_of(D "/f"), 0);
	close(fd);
	fd = open(D "/f", O_WRONLY);
	write(fd, "abc", 3);
	close(fd);
	CHECK_RET("wronly_no_trunc_keeps", size_of(D "/f"), 3);
	fd = open(D "/f", O_WRONLY | O_TRUNC);
	CHECK_RET("wronly_trunc", size_of(D "/f"), 0);
	close(fd);

	mkdir(D "/d", 0755);
	fd = open(D "/d", O_RDONLY | O_DIRECTORY);
	CHECK("directory_on_dir", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);
	CHECK_ERR("directory_on_file_enotdir", open(D "/f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR("directory_with_creat_einval", open(D "/new", O_RDONLY | O_DIRECTORY | O_CREAT, 0644), EINVAL);
	CHECK_ERR("dir_wronly_eisdir", open(D "/d", O_WRONLY), EISDIR);
	CHECK_ERR("dir_rdwr_eisdir", open(D "/d", O_RDWR), EISDIR);
	CHECK_ERR("dir_creat_eisdir", open(D "/d", O_RDONLY | O_CREAT, 0644), EISDIR);
	CHECK_ERR("file_trailing_slash_enotdir", open(D "/f/", O_RDONLY), ENOTDIR);
	CHECK_ERR("creat_trailing_slash_eisdir", open(D "/g/", O_WRONLY | O_CREAT, 0644), EISDIR);
	fd = open(D "/d/", O_RDONLY);
	CHECK("dir_trailing_slash_ok", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);

	symlink("f", D "/lf");
	symlink("d", D "/ld");
	CHECK_ERR("nofollow_final_link_eloop", open(D "/lf", O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = open(D "/ld/", O_RDONLY | O_NOFOLLOW);
	CHECK("nofollow_link_with_slash_followed", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);
	mkdir(D "/d/in", 0755);
	fd = open(D "/ld/in", O_RDONLY | O_NOFOLLOW);
	CHECK("nofollow_middle_link_followed", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);

	int p = open(D "/f", O_PATH);
	CHECK("opath_open", p >= 0, "failed %s", strerrorname(errno));
	char c;
	CHECK_ERR("opath_read_ebadf", read(p, &c, 1), EBADF);
	CHECK_RET("opath_fstat", fstat(p, &st), 0);
	/* O_PATH keeps only a few flags: no O_LARGEFILE, unlike a normal open. */
	CHECK_RET("opath_getfl", fcntl(p, F_GETFL), O_PATH);
	close(p);
	p = open(D "/lf", O_PATH | O_NOFOLLOW);
	fstat(p, &st);
	CHECK("opath_nofollow_is_link", S_ISLNK(st.st_mode), "mode %o", (unsigned)st.st_mode);
	close(p);
	p = open(D "/d", O_PATH | O_DIRECTORY);
	CHECK_RET("opath_fchdir", fchdir(p), 0);
	CHECK_RET("relative_after_fchdir", access("in", F_OK), 0);
	chdir("/");
	CHECK_RET("opath_as_dirfd", faccessat(p, "in", F_OK, 0), 0);
	close(p);

	fd = open(D, O_TMPFILE | O_RDWR, 0600);
	CHECK("tmpfile_open", fd >= 0, "failed %s", strerrorname(errno));
	fstat(fd, &st);
	CHECK_RET("tmpfile_nlink_0", st.st_nlink, 0);
	CHECK_RET("tmpfile_writable", write(fd, "t", 1), 1);
	close(fd);
	CHECK_ERR("tmpfile_rdonly_einval", open(D, O_TMPFILE | O_RDONLY, 0600), EINVAL);

	fd = open(D "/f", O_RDONLY | O_CLOEXEC);
	CHECK_RET("cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);

	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	fd = openat(dfd, "d/in", O_RDONLY | O_DIRECTORY);
	CHECK("openat_relative", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);
	int file = open(D "/f", O_RDONLY);
	CHECK_ERR("openat_file_dirfd_enotdir", openat(file, "x", O_RDONLY), ENOTDIR);
	CHECK_ERR("openat_bad_dirfd_ebadf", openat(1000, "x", O_RDONLY), EBADF);
	fd = openat(1000, D "/f", O_RDONLY);
	CHECK("openat_absolute_ignores_dirfd", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);
	char longname[sizeof D + 256 + 1]; /* D, '/', 256 name bytes, NUL */
	memset(longname, 'n', sizeof longname);
	memcpy(longname, D "/", sizeof D);
	longname[sizeof longname - 1] = 0;
	CHECK_ERR("name_256_enametoolong", open(longname, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
	longname[sizeof longname - 2] = 0;
	fd = open(longname, O_RDONLY | O_CREAT, 0644);
	CHECK("name_255_ok", fd >= 0, "failed %s", strerrorname(errno));
	close(fd);
	CHECK_ERR("missing_enoent", open(D "/none", O_RDONLY), ENOENT);
	CHECK_ERR("empty_path_enoent", open("", O_RDONLY), ENOENT);
	contract_rmtree(D);
	return contract_end();
}
