/*
 * getdents64_dots — getdents64 lists "." and ".." (as DT_DIR) and every entry once with its
 * type (DT_REG, DT_DIR, DT_LNK, DT_FIFO), records 8-byte aligned and never past the
 * returned length, then 0 at the end; a buffer too small for one record is EINVAL; a file
 * is ENOTDIR; an emptied directory lists only the dots; lseek to 0 restarts the listing.
 * Names are sorted before printing: the order is the kernel's business.
 */
#include "contract.h"
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_getdents"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static char names[16][32];
static unsigned char types[16];
static int count, aligned, inodes;

static long list(int fd)
{
	static char buf[4096];
	long total = 0, n;
	count = 0;
	aligned = inodes = 1;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		total += n;
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			aligned &= d->d_reclen % 8 == 0 && off + d->d_reclen <= n;
			inodes &= d->d_ino != 0;
			if (count < 16) {
				snprintf(names[count], sizeof names[count], "%s", d->d_name);
				types[count] = d->d_type;
				count++;
			}
			off += d->d_reclen;
		}
	}
	return n < 0 ? -1 : total;
}

static int find(const char *name)
{
	for (int i = 0; i < count; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

static int type_of(const char *name)
{
	int i = find(name);
	return i < 0 ? -1 : types[i];
}

int main(void)
{
	mkdir(D, 0755);
	int f = open(D "/file", O_CREAT | O_WRONLY, 0644);
	close(f);
	mkdir(D "/dir", 0755);
	symlink("file", D "/link");
	mknod(D "/fifo", S_IFIFO | 0644, 0);

	int fd = open(D, O_RDONLY | O_DIRECTORY);
	CHECK("getdents_lists", list(fd) > 0, "getdents64 failed %s", strerrorname(errno));
	CHECK_RET("entry_count", count, 6);
	CHECK_RET("dot_is_dir", type_of("."), DT_DIR);
	CHECK_RET("dotdot_is_dir", type_of(".."), DT_DIR);
	CHECK_RET("file_is_reg", type_of("file"), DT_REG);
	CHECK_RET("dir_is_dir", type_of("dir"), DT_DIR);
	CHECK_RET("link_is_lnk", type_of("link"), DT_LNK);
	CHECK_RET("fifo_is_fifo", type_of("fifo"), DT_FIFO);
	CHECK("records_aligned_and_inside", aligned, "a record is misaligned or overruns");
	CHECK("inodes_nonzero", inodes, "a zero d_ino");
	char buf[64];
	CHECK_RET("at_end_zero", syscall(SYS_getdents64, fd, buf, sizeof buf), 0);
	CHECK_RET("rewind", lseek(fd, 0, SEEK_SET), 0);
	CHECK("relist_after_rewind", list(fd) > 0 && count == 6, "second listing has %d entries", count);

	lseek(fd, 0, SEEK_SET);
	CHECK_ERR("tiny_buffer_einval", syscall(SYS_getdents64, fd, buf, 8), EINVAL);
	int file = open(D "/file", O_RDONLY);
	CHECK_ERR("file_enotdir", syscall(SYS_getdents64, file, buf, sizeof buf), ENOTDIR);
	CHECK_ERR("bad_fd_ebadf", syscall(SYS_getdents64, 1000, buf, sizeof buf), EBADF);
	/* A 24-byte buffer holds exactly one record here (19-byte header + a name of 1-4
	 * bytes + NUL, rounded up to 8), whichever entry comes first. */
	CHECK_RET("one_record_fits", syscall(SYS_getdents64, fd, buf, 24), 24);
	CHECK_RET("one_record_reclen", ((struct linux_dirent64 *)buf)->d_reclen, 24);

	int sub = open(D "/dir", O_RDONLY | O_DIRECTORY);
	list(sub);
	CHECK("empty_dir_only_dots", count == 2 && find(".") >= 0 && find("..") >= 0, "%d entries", count);
	close(sub);

	unlink(D "/file");
	unlink(D "/link");
	unlink(D "/fifo");
	rmdir(D "/dir");
	lseek(fd, 0, SEEK_SET);
	list(fd);
	CHECK("emptied_only_dots", count == 2, "%d entries", count);
	close(fd);
	rmdir(D);
	return contract_end();
}
