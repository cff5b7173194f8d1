/*
 * t_basic.c — host tests of the first program's needs: stdio, open/read/write/close,
 * lseek, fstat and newfstatat, ioctl on non-ttys, the devices.
 */
#ifdef KFS_HOST_TEST
#include "kernel/fs/tests/kfs_test.h"
#include <asm/ioctls.h>
#include <linux/fs.h>
#include <asm/statfs.h>
#include <linux/falloc.h>

TEST(stdio_fds)
{
    struct stat st;
    CHECK_EQ(sys_fstat(1, &st), 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK_EQ(st.st_mode & 07777, 0600);
    CHECK_EQ(sys_fstat(0, &st), 0);
    CHECK(S_ISCHR(st.st_mode));
    CHECK_EQ(sys_fcntl(0, F_GETFL, 0), O_RDONLY | O_LARGEFILE);
    CHECK_EQ(sys_fcntl(1, F_GETFL, 0), O_WRONLY);
    char tio[64];
    CHECK_EQ(sys_ioctl(1, TCGETS, (unsigned long)tio), -ENOTTY);
    CHECK_EQ(sys_ioctl(0, TCGETS, (unsigned long)tio), -ENOTTY);
    CHECK_EQ(sys_ioctl(2, TIOCGWINSZ, (unsigned long)tio), -ENOTTY);
    CHECK_EQ(sys_write(1, "hello\n", 6), 6);
    CHECK_EQ(sys_write(2, "err", 3), 3);
    CHECK(!strcmp(shim_console[1], "hello\n"));
    CHECK(!strcmp(shim_console[2], "err"));
    CHECK_EQ(sys_lseek(1, 0, SEEK_CUR), -ESPIPE);
    CHECK_EQ(sys_read(1, tio, 1), -EBADF);
    CHECK_EQ(sys_read(0, tio, 10), 0);
    CHECK_EQ(sys_write(1, SHIM_BAD, 3), -EFAULT);
    CHECK_EQ(sys_write(7, "x", 1), -EBADF);
}

TEST(open_read_write)
{
    int fd = (int)sys_open("/tmp/a", O_RDWR | O_CREAT | O_EXCL, 0666);
    CHECK_EQ(fd, 3);
    CHECK_EQ(sys_write(fd, "hello world", 11), 11);
    CHECK_EQ(sys_lseek(fd, 0, SEEK_CUR), 11);
    CHECK_EQ(sys_lseek(fd, 6, SEEK_SET), 6);
    char buf[32] = { 0 };
    CHECK_EQ(sys_read(fd, buf, sizeof(buf)), 5);
    CHECK(!memcmp(buf, "world", 5));
    CHECK_EQ(sys_read(fd, buf, sizeof(buf)), 0);
    struct stat st;
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 11);
    CHECK_EQ(st.st_mode, S_IFREG | 0644);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_blocks, 8);
    CHECK_EQ(sys_close(fd), 0);
    CHECK_EQ(sys_close(fd), -EBADF);
    CHECK_EQ(sys_open("/tmp/a", O_RDWR | O_CREAT | O_EXCL, 0666), -EEXIST);
    CHECK_EQ(sys_open("/tmp/nope", O_RDONLY, 0), -ENOENT);
    CHECK_EQ(sys_open("/tmp/a/x", O_RDONLY, 0), -ENOTDIR);
    CHECK_EQ(sys_open("/tmp", O_WRONLY, 0), -EISDIR);
    CHECK_EQ(sys_open("/tmp/a", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
    CHECK_EQ(sys_open(SHIM_BAD, O_RDONLY, 0), -EFAULT);
    CHECK_EQ(sys_open("", O_RDONLY, 0), -ENOENT);
    fd = (int)sys_open("/tmp/a", O_RDONLY | O_TRUNC, 0);
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(sys_newfstatat(AT_FDCWD, "tmp/a", &st, 0), 0);
    CHECK_EQ(sys_newfstatat(fd, "", &st, AT_EMPTY_PATH), 0);
    CHECK_EQ(sys_newfstatat(fd, "", &st, 0), -ENOENT);
    CHECK_EQ(sys_newfstatat(AT_FDCWD, "/tmp/a", SHIM_BAD, 0), -EFAULT);
    CHECK_EQ(sys_newfstatat(AT_FDCWD, "/tmp/a", &st, 0x8000), -EINVAL);
}

TEST(devices)
{
    char buf[16];
    int fd = (int)sys_open("/dev/zero", O_RDWR, 0);
    memset(buf, 1, sizeof(buf));
    CHECK_EQ(sys_read(fd, buf, sizeof(buf)), 16);
    CHECK(buf[0] == 0 && buf[15] == 0);
    CHECK_EQ(sys_write(fd, buf, 16), 16);
    fd = (int)sys_open("/dev/full", O_WRONLY, 0);
    CHECK_EQ(sys_write(fd, buf, 16), -ENOSPC);
    fd = (int)sys_open("/dev/null", O_WRONLY, 0);
    CHECK_EQ(sys_write(fd, SHIM_BAD, 16), 16);
    CHECK_EQ(sys_lseek(fd, 100, SEEK_SET), 0);
    CHECK_EQ(sys_open("/dev/tty", O_RDWR, 0), -ENXIO);
    fd = (int)sys_open("/dev/urandom", O_RDONLY, 0);
    CHECK_EQ(sys_read(fd, buf, 16), 16);
    CHECK_EQ(sys_ioctl(fd, TCGETS, (unsigned long)buf), -EINVAL);
    struct stat st;
    CHECK_EQ(sys_stat("/dev/null", &st), 0);
    CHECK_EQ(st.st_rdev, (1 << 8) | 3);
    CHECK_EQ(st.st_mode, S_IFCHR | 0666);
}

TEST(kernel_open_read)
{
    kfs_write_file("/tmp/k", "0123456789");
    struct file *f;
    CHECK_EQ(kernel_open("/tmp/k", O_RDONLY, &f), 0);
    char buf[8];
    CHECK_EQ(kernel_read(f, buf, 4, 3), 4);
    CHECK(!memcmp(buf, "3456", 4));
    CHECK_EQ(kernel_read(f, buf, 8, 8), 2);
    struct stat st;
    CHECK_EQ(kernel_stat(f, &st), 0);
    CHECK_EQ(st.st_size, 10);
    file_put(f);
    CHECK_EQ(kernel_open("/nope", O_RDONLY, &f), -ENOENT);
}
TEST(tmpfile_and_statfs)
{
    int fd = (int)sys_open("/tmp", O_TMPFILE | O_RDWR, 0600);
    CHECK(fd >= 0);
    struct stat st;
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_nlink, 0);
    CHECK_EQ(st.st_mode, S_IFREG | 0600);
    CHECK_EQ(sys_write(fd, "x", 1), 1);
    CHECK_EQ(sys_open("/tmp", O_TMPFILE | O_RDONLY, 0600), -EINVAL);
    CHECK_EQ(sys_linkat(fd, "", AT_FDCWD, "/tmp/named", AT_EMPTY_PATH), 0);
    CHECK_EQ(sys_stat("/tmp/named", &st), 0);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_size, 1);
    struct statfs sf;
    CHECK_EQ(sys_statfs("/tmp", &sf), 0);
    CHECK_EQ(sf.f_type, 0x01021994);
    CHECK(sf.f_files > 0 && sf.f_ffree < sf.f_files && sf.f_bfree < sf.f_blocks);
    CHECK_EQ(sys_statfs("/proc", &sf), 0);
    CHECK_EQ(sf.f_type, 0x9fa0);
    CHECK_EQ(sys_fstatfs(1, &sf), 0);
    CHECK_EQ(sf.f_type, 0x50495045);
    CHECK_EQ(sys_fstatfs(99, &sf), -EBADF);
}
TEST(sparse_files)
{
    int fd = (int)sys_open("/tmp/sp", O_RDWR | O_CREAT, 0644);
    int64_t gib = 1ll << 30;
    CHECK_EQ(sys_pwrite64(fd, "x", 1, gib), 1);
    CHECK_EQ(sys_pwrite64(fd, "y", 1, 10000), 1);
    struct stat st;
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, gib + 1);
    CHECK_EQ(st.st_blocks, 16);
    CHECK_EQ(sys_lseek(fd, 0, SEEK_DATA), 8192);
    CHECK_EQ(sys_lseek(fd, 9000, SEEK_HOLE), 12288);
    CHECK_EQ(sys_lseek(fd, 12288, SEEK_DATA), gib);
    CHECK_EQ(sys_lseek(fd, gib, SEEK_HOLE), gib + 1);
    CHECK_EQ(sys_lseek(fd, gib + 1, SEEK_DATA), -ENXIO);
    char b[2] = { 1, 1 };
    CHECK_EQ(sys_pread64(fd, b, 2, gib - 1), 2);
    CHECK(b[0] == 0 && b[1] == 'x');
    CHECK_EQ(sys_fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, gib), 0);
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_blocks, 8);
    CHECK_EQ(sys_pread64(fd, b, 1, 10000), 1);
    CHECK_EQ(b[0], 0);
    CHECK_EQ(sys_ftruncate(fd, 5), 0);
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_blocks, 0);
    CHECK_EQ(sys_fallocate(fd, 0, 0, 10000), 0);
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 10000);
    CHECK_EQ(st.st_blocks, 24);
}
TEST(open_exec)
{
    struct file *f;
    kfs_write_file("/tmp/prog", "\x7f" "ELF");
    CHECK_EQ(kernel_open_exec("/tmp/prog", &f), -EACCES);   /* 0644: no x bit, even for root */
    CHECK_EQ(sys_chmod("/tmp/prog", 0755), 0);
    CHECK_EQ(kernel_open_exec("/tmp/prog", &f), 0);
    file_put(f);
    CHECK_EQ(kernel_open_exec("/tmp", &f), -EACCES);
    CHECK_EQ(kernel_open_exec("/dev/null", &f), -EACCES);
    CHECK_EQ(kernel_open_exec("/tmp/none", &f), -ENOENT);
    CHECK_EQ(kernel_open_exec("/tmp/prog/x", &f), -ENOTDIR);
}
TEST(reinit_frees_old_tree)
{
    static char page[4096];
    CHECK_EQ(sys_mkdir("/tmp/d", 0755), 0);
    int fd = (int)sys_open("/tmp/d/f", O_WRONLY | O_CREAT, 0644);
    for (int i = 0; i < 10; i++)
        CHECK_EQ(sys_write(fd, page, sizeof(page)), 4096);
    sys_close(fd);
    struct inode *tmp;
    CHECK_EQ(vfs_lookup_at(AT_FDCWD, "/tmp", LOOKUP_FOLLOW, &tmp), 0);
    struct super_block *sb = tmp->sb;
    inode_put(tmp);
    CHECK_EQ(sb->used_pages, 10);
    CHECK_EQ(sb->used_inodes, 3);
    CHECK_EQ(sys_chdir("/tmp/d"), 0);
    for (int i = 0; i < 2000; i++) {   /* deep nesting: the wipe must not recurse per level */
        CHECK_EQ(sys_mkdir("n", 0755), 0);
        CHECK_EQ(sys_chdir("n"), 0);
    }
    CHECK_EQ(sys_chdir("/"), 0);
    kfs_fresh(NULL, 0);   /* a new tree, as check mode makes for each trace */
    CHECK_EQ(sb->used_pages, 0);
    CHECK_EQ(sb->used_inodes, 1);   /* only the old root stays */
}
TEST(removed_cwd_dotdot)
{
    CHECK_EQ(sys_mkdir("/tmp/a", 0755), 0);
    CHECK_EQ(sys_mkdir("/tmp/a/b", 0755), 0);
    CHECK_EQ(sys_chdir("/tmp/a/b"), 0);
    CHECK_EQ(sys_rmdir("/tmp/a/b"), 0);
    CHECK_EQ(sys_rmdir("/tmp/a"), 0);
    struct stat st;
    CHECK_EQ(sys_stat("..", &st), 0);   /* the removed parent, still held by its child */
    CHECK_EQ(st.st_nlink, 0);
    CHECK_EQ(sys_open("x", O_CREAT | O_WRONLY, 0644), -ENOENT);
    CHECK_EQ(sys_chdir("/"), 0);
}
#endif
