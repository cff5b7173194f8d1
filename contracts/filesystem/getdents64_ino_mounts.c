/*
 * getdents64_ino_mounts — a directory entry's d_ino is the inode number stat gives for that
 * name, on the root tree (/etc) and on the tmpfs mounted on /tmp alike; ".." of a
 * directory names its parent's inode, and ".." of a mount's root names that root itself
 * (dcache_readdir reports the parent within the same file system). Entries on another
 * device than their directory are mount points (or bind mounts, on a host's /etc): their
 * d_ino is the covered inode, not stat's, and they are skipped. Inode numbers are never
 * printed, only whether they agree. The entries are read with one getdents64 each, so the
 * checker sees the d_ino of a root-tree directory and of tmpfs files in the same program.
 */
#include "contract.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/c_getdents_ino"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Every entry of dir: d_ino equal to fstatat's st_ino (".." checked against parent_ino). */
static void entries_match_stat(const char *name, const char *dir, ino_t parent_ino)
{
	static char buf[8192];
	struct stat dst;
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	long n = fd < 0 || fstat(fd, &dst) ? -1 : syscall(SYS_getdents64, fd, buf, sizeof buf);
	int entries = 0, agree = 1;
	for (long off = 0; n > 0 && off < n;) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
		struct stat st;
		ino_t want = 0;
		if (!strcmp(d->d_name, ".."))
			want = parent_ino;
		else if (fstatat(fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			want = st.st_dev == dst.st_dev ? st.st_ino : d->d_ino;
		agree &= d->d_ino == want;
		entries++;
		off += d->d_reclen;
	}
	CHECK(name, n > 0 && entries >= 3 && agree, "getdents64 returned %ld, %d entries, inodes %s", n,
	      entries, agree ? "agree" : "differ from stat");
	if (fd >= 0)
		close(fd);
}

static ino_t ino_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

int main(void)
{
	mkdir(D, 0755);
	mkdir(D "/sub", 0755);
	static const char *files[] = { D "/b", D "/a", D "/c", D "/.d", D "/sub/x" };
	for (unsigned i = 0; i < sizeof files / sizeof *files; i++)
		close(open(files[i], O_WRONLY | O_CREAT, 0644));

	entries_match_stat("scratch_dir_entries", D, ino_of("/tmp"));
	entries_match_stat("root_tree_etc_entries", "/etc", ino_of("/"));
	entries_match_stat("scratch_subdir_entries", D "/sub", ino_of(D));
	/* /tmp is a mount's root: its ".." entry is itself, not the root tree's "/". */
	entries_match_stat("mount_root_dotdot", "/tmp", ino_of("/tmp"));

	contract_rmtree(D);
	return contract_end();
}
