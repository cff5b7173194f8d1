/*
 * statx_fields — statx returns at least the asked mask (basic stats and STATX_MNT_ID) and
 * agrees with fstat on type, mode, nlink, uid, gid, size, blocks, inode, device and
 * blksize; stx_mnt_id is the same for two files of one mount and differs between / and
 * /tmp; AT_EMPTY_PATH works on an fd, AT_SYMLINK_NOFOLLOW sees the link; EINVAL for the
 * reserved mask bit and for bad or conflicting flags; ENOENT, ENOTDIR.
 * musl 1.2.3 has no statx wrapper: the structure and the call are spelled out here.
 */
#include "contract.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

struct kstatx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct kstatx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct kstatx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t mnt_id;
	uint32_t dio_mem_align, dio_offset_align;
	uint64_t spare3[12];
};

#define X_BASIC_STATS 0x7ffU
#define X_MNT_ID 0x1000U
#define X_RESERVED 0x80000000U
#define X_FORCE_SYNC 0x2000
#define X_DONT_SYNC 0x4000

static long sx(int dfd, const char *path, int flags, unsigned mask, struct kstatx *out)
{
	memset(out, 0xa5, sizeof *out);
	return syscall(SYS_statx, dfd, path, flags, mask, out);
}

int main(void)
{
	_Static_assert(sizeof(struct kstatx) == 256, "struct statx is 256 bytes");
	mkdir("/tmp/c_statx", 0755);
	int fd = open("/tmp/c_statx/f", O_RDWR | O_CREAT | O_TRUNC, 0640);
	write(fd, "0123456789", 10);
	struct kstatx x;
	struct stat st;
	CHECK_RET("statx_path", sx(AT_FDCWD, "/tmp/c_statx/f", 0, X_BASIC_STATS | X_MNT_ID, &x), 0);
	fstat(fd, &st);
	CHECK("mask_has_basic_and_mnt_id", (x.mask & (X_BASIC_STATS | X_MNT_ID)) == (X_BASIC_STATS | X_MNT_ID),
	      "mask %#x", x.mask);
	CHECK("mask_no_reserved_bit", !(x.mask & X_RESERVED), "mask %#x", x.mask);
	CHECK_RET("mode_matches", x.mode, st.st_mode);
	CHECK_RET("mode_value", x.mode, S_IFREG | 0640);
	CHECK_RET("nlink", x.nlink, 1);
	CHECK("uid_gid_root", x.uid == 0 && x.gid == 0, "uid %u gid %u", x.uid, x.gid);
	CHECK_RET("size", x.size, 10);
	CHECK("blocks_match_fstat", x.blocks == (uint64_t)st.st_blocks, "blocks differ");
	CHECK("ino_matches_fstat", x.ino == st.st_ino, "inode differs");
	CHECK("dev_matches_fstat", makedev(x.dev_major, x.dev_minor) == st.st_dev, "device differs");
	CHECK("blksize_matches_fstat", x.blksize == (uint32_t)st.st_blksize, "blksize differs");
	CHECK("mtime_matches_fstat", x.mtime.tv_sec == st.st_mtim.tv_sec && x.mtime.tv_nsec == st.st_mtim.tv_nsec,
	      "mtime differs");
	CHECK("rdev_zero_for_file", x.rdev_major == 0 && x.rdev_minor == 0, "rdev %u:%u", x.rdev_major, x.rdev_minor);
	CHECK("mnt_id_nonzero", x.mnt_id != 0, "zero mount id");
	uint64_t tmp_mnt = x.mnt_id;

	struct kstatx y;
	CHECK_RET("statx_empty_path_fd", sx(fd, "", AT_EMPTY_PATH, X_BASIC_STATS | X_MNT_ID, &y), 0);
	CHECK("empty_path_same_file", y.ino == x.ino && y.mnt_id == x.mnt_id && y.size == 10, "differs");
	CHECK_RET("statx_dir", sx(AT_FDCWD, "/tmp/c_statx", 0, X_MNT_ID | X_BASIC_STATS, &y), 0);
	CHECK("same_mount_same_id", y.mnt_id == tmp_mnt, "mount ids differ");
	CHECK("dir_type_and_nlink", S_ISDIR(y.mode) && y.nlink == 2, "mode %o nlink %u", y.mode, y.nlink);
	CHECK_RET("statx_root", sx(AT_FDCWD, "/", 0, X_MNT_ID, &y), 0);
	CHECK("root_other_mount_id", (y.mask & X_MNT_ID) && y.mnt_id != tmp_mnt, "same mount id as /tmp");
	CHECK_RET("statx_dev_null", sx(AT_FDCWD, "/dev/null", 0, X_BASIC_STATS, &y), 0);
	CHECK("dev_null_rdev", y.rdev_major == 1 && y.rdev_minor == 3 && S_ISCHR(y.mode), "rdev %u:%u",
	      y.rdev_major, y.rdev_minor);

	symlink("f", "/tmp/c_statx/l");
	CHECK_RET("statx_nofollow", sx(AT_FDCWD, "/tmp/c_statx/l", AT_SYMLINK_NOFOLLOW, X_BASIC_STATS, &y), 0);
	CHECK("nofollow_is_link", S_ISLNK(y.mode) && y.size == 1, "mode %o size %lu", y.mode, (unsigned long)y.size);
	CHECK_RET("statx_follow", sx(AT_FDCWD, "/tmp/c_statx/l", 0, X_BASIC_STATS, &y), 0);
	CHECK("follow_is_file", y.ino == x.ino, "not the target");
	CHECK_RET("statx_zero_mask_ok", sx(AT_FDCWD, "/tmp/c_statx/f", 0, 0, &y), 0);
	CHECK_RET("statx_dont_sync", sx(AT_FDCWD, "/tmp/c_statx/f", X_DONT_SYNC, X_BASIC_STATS, &y), 0);

	CHECK_ERR("reserved_mask_einval", sx(AT_FDCWD, "/tmp/c_statx/f", 0, X_RESERVED, &y), EINVAL);
	CHECK_ERR("bad_flags_einval", sx(AT_FDCWD, "/tmp/c_statx/f", 0x1, X_BASIC_STATS, &y), EINVAL);
	CHECK_ERR("both_sync_flags_einval", sx(AT_FDCWD, "/tmp/c_statx/f", X_FORCE_SYNC | X_DONT_SYNC, X_BASIC_STATS, &y), EINVAL);
	CHECK_ERR("missing_enoent", sx(AT_FDCWD, "/tmp/c_statx/none", 0, X_BASIC_STATS, &y), ENOENT);
	CHECK_ERR("through_file_enotdir", sx(AT_FDCWD, "/tmp/c_statx/f/x", 0, X_BASIC_STATS, &y), ENOTDIR);
	CHECK_ERR("empty_path_without_flag_enoent", sx(fd, "", 0, X_BASIC_STATS, &y), ENOENT);
	CHECK_ERR("bad_buffer_efault", syscall(SYS_statx, AT_FDCWD, "/tmp/c_statx/f", 0, X_BASIC_STATS, (void *)8), EFAULT);
	close(fd);
	contract_rmtree("/tmp/c_statx");
	return contract_end();
}
