/*
 * t_namei.c — host tests of names: mkdir/rmdir/unlink/rename/link/symlink/readlink, the
 * path walk's errors, getcwd, and getdents64's Linux 6.x order and offsets.
 */
#ifdef KFS_HOST_TEST
#include "kernel/fs/tests/kfs_test.h"

int snprintf(char *buf, size_t n, const char *fmt, ...);

TEST(mkdir_rmdir_unlink)
{
    struct stat st;
    CHECK_EQ(sys_mkdir("/tmp/d", 0777), 0);
    CHECK_EQ(sys_stat("/tmp/d", &st), 0);
    CHECK_EQ(st.st_mode, S_IFDIR | 0755);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_EQ(st.st_size, 40);
    CHECK_EQ(sys_mkdir("/tmp/d", 0777), -EEXIST);
    CHECK_EQ(sys_mkdir("/tmp/d/", 0777), -EEXIST);
    CHECK_EQ(sys_mkdir("/tmp/x/y", 0777), -ENOENT);
    CHECK_EQ(sys_mkdir("/tmp/d/e/", 0777), 0);
    CHECK_EQ(sys_stat("/tmp/d", &st), 0);
    CHECK_EQ(st.st_nlink, 3);
    CHECK_EQ(sys_rmdir("/tmp/d"), -ENOTEMPTY);
    CHECK_EQ(sys_rmdir("/tmp/d/e/."), -EINVAL);
    CHECK_EQ(sys_rmdir("/tmp/d/e/.."), -ENOTEMPTY);
    CHECK_EQ(sys_unlink("/tmp/d/e"), -EISDIR);
    kfs_write_file("/tmp/d/f", "x");
    CHECK_EQ(sys_rmdir("/tmp/d/f"), -ENOTDIR);
    CHECK_EQ(sys_unlink("/tmp/d/f/"), -ENOTDIR);
    CHECK_EQ(sys_unlink("/tmp/d/e/"), -EISDIR);
    CHECK_EQ(sys_unlinkat(AT_FDCWD, "/tmp/d/e", AT_REMOVEDIR), 0);
    CHECK_EQ(sys_unlink("/tmp/d/f"), 0);
    CHECK_EQ(sys_unlink("/tmp/d/f"), -ENOENT);
    CHECK_EQ(sys_rmdir("/tmp/d"), 0);
    CHECK_EQ(sys_rmdir("/tmp"), -EBUSY);
    CHECK_EQ(sys_rmdir("/"), -EBUSY);
    CHECK_EQ(sys_unlinkat(AT_FDCWD, "/tmp/q", 0x4), -EINVAL);
    CHECK_EQ(sys_mknod("/tmp/fifo", S_IFIFO | 0666, 0), 0);
    CHECK_EQ(sys_lstat("/tmp/fifo", &st), 0);
    CHECK_EQ(st.st_mode, S_IFIFO | 0644);
    CHECK_EQ(sys_mknod("/tmp/dd", S_IFDIR | 0666, 0), -EPERM);
}

TEST(symlinks)
{
    kfs_write_file("/tmp/t", "data");
    CHECK_EQ(sys_symlink("t", "/tmp/l"), 0);
    CHECK_EQ(sys_symlink("", "/tmp/e"), -ENOENT);
    CHECK_EQ(sys_symlink("t", "/tmp/l"), -EEXIST);
    char buf[16];
    CHECK_EQ(sys_readlink("/tmp/l", buf, sizeof(buf)), 1);
    CHECK_EQ(buf[0], 't');
    CHECK_EQ(sys_readlink("/tmp/l", buf, 0), -EINVAL);
    CHECK_EQ(sys_readlink("/tmp/t", buf, 16), -EINVAL);
    struct stat st;
    CHECK_EQ(sys_stat("/tmp/l", &st), 0);
    CHECK_EQ(st.st_size, 4);
    CHECK_EQ(sys_lstat("/tmp/l", &st), 0);
    CHECK(S_ISLNK(st.st_mode));
    CHECK_EQ(st.st_size, 1);
    CHECK_EQ(sys_open("/tmp/l", O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
    int fd = (int)sys_open("/tmp/l", O_PATH | O_NOFOLLOW, 0);
    CHECK(fd >= 0);
    CHECK_EQ(sys_readlinkat(fd, "", buf, sizeof(buf)), 1);
    CHECK_EQ(sys_read(fd, buf, 1), -EBADF);
    CHECK_EQ(sys_fcntl(fd, F_GETFL, 0), O_PATH | O_NOFOLLOW);
    CHECK_EQ(sys_symlink("loop2", "/tmp/loop1"), 0);
    CHECK_EQ(sys_symlink("loop1", "/tmp/loop2"), 0);
    CHECK_EQ(sys_stat("/tmp/loop1", &st), -ELOOP);
    CHECK_EQ(sys_symlink("nowhere", "/tmp/dangling"), 0);
    fd = (int)sys_open("/tmp/dangling", O_WRONLY | O_CREAT, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(sys_stat("/tmp/nowhere", &st), 0);
    CHECK_EQ(sys_open("/tmp/dangling", O_WRONLY | O_CREAT | O_EXCL, 0600), -EEXIST);
    CHECK_EQ(sys_stat("/tmp/l/", &st), -ENOTDIR);
    CHECK_EQ(sys_symlink("/tmp", "/tmp/up"), 0);
    CHECK_EQ(sys_stat("/tmp/up/up/up/t", &st), 0);
    CHECK_EQ(st.st_size, 4);
}

TEST(links_and_rename)
{
    struct stat st;
    kfs_write_file("/tmp/a", "A");
    CHECK_EQ(sys_link("/tmp/a", "/tmp/b"), 0);
    CHECK_EQ(sys_stat("/tmp/a", &st), 0);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_EQ(sys_link("/tmp/a", "/tmp/b"), -EEXIST);
    CHECK_EQ(sys_link("/tmp", "/tmp/c"), -EPERM);
    CHECK_EQ(sys_link("/tmp/a", "/x"), -EXDEV);
    CHECK_EQ(sys_rename("/tmp/a", "/tmp/b"), 0);   /* same inode: nothing happens */
    CHECK_EQ(sys_stat("/tmp/a", &st), 0);
    kfs_write_file("/tmp/c", "C");
    CHECK_EQ(sys_rename("/tmp/c", "/tmp/a"), 0);
    CHECK_EQ(sys_stat("/tmp/b", &st), 0);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(sys_stat("/tmp/c", &st), -ENOENT);
    CHECK_EQ(sys_mkdir("/tmp/d", 0755), 0);
    CHECK_EQ(sys_mkdir("/tmp/d/e", 0755), 0);
    CHECK_EQ(sys_rename("/tmp/d", "/tmp/d/e/f"), -EINVAL);
    CHECK_EQ(sys_rename("/tmp/d/e", "/tmp/d/e"), 0);
    CHECK_EQ(sys_rename("/tmp/a", "/tmp/d"), -EISDIR);
    CHECK_EQ(sys_rename("/tmp/d", "/tmp/a"), -ENOTDIR);
    CHECK_EQ(sys_rename("/tmp/a", "/tmp/zz/"), -ENOTDIR);
    CHECK_EQ(sys_rename("/tmp/d/e", "/tmp"), -EXDEV);   /* /tmp is another mount */
    CHECK_EQ(sys_rename("/tmp/a", "/a"), -EXDEV);
    CHECK_EQ(sys_mkdir("/tmp/g", 0755), 0);
    CHECK_EQ(sys_rename("/tmp/g", "/tmp/d"), -ENOTEMPTY);
    CHECK_EQ(sys_rename("/tmp/d/e", "/tmp/g"), 0);
    CHECK_EQ(sys_stat("/tmp/d", &st), 0);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_EQ(sys_renameat2(AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/b", RENAME_NOREPLACE), -EEXIST);
    CHECK_EQ(sys_renameat2(AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/g", RENAME_EXCHANGE), 0);
    CHECK_EQ(sys_stat("/tmp/a", &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(sys_renameat2(AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/nope", RENAME_EXCHANGE), -ENOENT);
    CHECK_EQ(sys_renameat2(AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/b", 3), -EINVAL);
}

TEST(cwd)
{
    char buf[64];
    CHECK_EQ(sys_getcwd(buf, sizeof(buf)), 2);
    CHECK(!strcmp(buf, "/"));
    CHECK_EQ(sys_mkdir("/tmp/w", 0755), 0);
    CHECK_EQ(sys_chdir("/tmp/w"), 0);
    CHECK_EQ(sys_getcwd(buf, sizeof(buf)), 7);
    CHECK(!strcmp(buf, "/tmp/w"));
    CHECK_EQ(sys_getcwd(buf, 3), -ERANGE);
    kfs_write_file("f", "rel");
    struct stat st;
    CHECK_EQ(sys_stat("/tmp/w/f", &st), 0);
    CHECK_EQ(sys_stat("../w/./f", &st), 0);
    CHECK_EQ(sys_chdir("../../../.."), 0);
    CHECK_EQ(sys_getcwd(buf, sizeof(buf)), 2);
    CHECK_EQ(sys_chdir("/tmp/w/f"), -ENOTDIR);
    int fd = (int)sys_open("/tmp/w", O_RDONLY | O_DIRECTORY, 0);
    CHECK_EQ(sys_fchdir(fd), 0);
    CHECK_EQ(sys_newfstatat(fd, "f", &st, 0), 0);
    CHECK_EQ(sys_rmdir("/tmp/w/f"), -ENOTDIR);
    CHECK_EQ(sys_unlink("/tmp/w/f"), 0);
    CHECK_EQ(sys_rmdir("/tmp/w"), 0);
    CHECK_EQ(sys_getcwd(buf, sizeof(buf)), -ENOENT);
    CHECK_EQ(sys_open("x", O_CREAT | O_WRONLY, 0644), -ENOENT);
    CHECK_EQ(sys_umask(077), 022);
    CHECK_EQ(sys_umask(022), 077);
}

struct ent { char name[16]; long off; int type; };

static int list(int fd, struct ent *out, unsigned bufsize)
{
    char buf[1024];
    long n = sys_getdents64(fd, buf, bufsize);
    int k = 0;
    for (long p = 0; p < n;) {
        uint16_t reclen;
        memcpy(&reclen, buf + p + 16, 2);
        memcpy(&out[k].off, buf + p + 8, 8);
        out[k].type = buf[p + 18];
        memcpy(out[k].name, buf + p + 19, 16);
        k++;
        p += reclen;
    }
    return n < 0 ? (int)n : k;
}

/* The same sequence as recorded on Linux 6.18's tmpfs. */
TEST(getdents_linux_order)
{
    struct ent e[16];
    CHECK_EQ(sys_mkdir("/tmp/t", 0755), 0);
    CHECK_EQ(sys_chdir("/tmp/t"), 0);
    kfs_write_file("f0", "");
    kfs_write_file("f1", "");
    kfs_write_file("f2", "");
    kfs_write_file("f3", "");
    int fd = (int)sys_open(".", O_RDONLY | O_DIRECTORY, 0);
    CHECK_EQ(list(fd, e, 1024), 6);
    CHECK(!strcmp(e[0].name, ".") && e[0].off == 1 && e[0].type == 4);
    CHECK(!strcmp(e[1].name, "..") && e[1].off == 6);
    CHECK(!strcmp(e[2].name, "f3") && e[2].off == 5 && e[2].type == 8);
    CHECK(!strcmp(e[5].name, "f0") && e[5].off == 0x7fffffff);
    CHECK_EQ(list(fd, e, 1024), 0);
    CHECK_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(list(fd, e, 72), 3);
    CHECK_EQ(sys_unlink("f1"), 0);
    kfs_write_file("g", "");
    CHECK_EQ(list(fd, e, 1024), 2);
    CHECK(!strcmp(e[0].name, "f2") && e[0].off == 3);
    CHECK(!strcmp(e[1].name, "f0") && e[1].off == 0x7fffffff);
    CHECK_EQ(sys_lseek(fd, 3, SEEK_SET), 3);
    CHECK_EQ(list(fd, e, 1024), 1);
    CHECK(!strcmp(e[0].name, "f0"));
    CHECK_EQ(sys_rename("f0", "f0b"), 0);
    CHECK_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(list(fd, e, 1024), 6);
    CHECK(!strcmp(e[1].name, "..") && e[1].off == 8);
    CHECK(!strcmp(e[2].name, "f0b") && e[2].off == 7);
    CHECK(!strcmp(e[3].name, "g") && e[3].off == 6);
    CHECK(!strcmp(e[5].name, "f2") && e[5].off == 0x7fffffff);
    CHECK_EQ(sys_lseek(fd, -1, SEEK_SET), -EINVAL);
    CHECK_EQ(sys_lseek(fd, 0, SEEK_END), -EINVAL);
    CHECK_EQ(list(fd, e, 10), 0);   /* at the end */
    CHECK_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(list(fd, e, 10), -EINVAL);
    char b[4];
    CHECK_EQ(sys_read(fd, b, 4), -EISDIR);
    struct stat st;
    CHECK_EQ(sys_fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 40 + 4 * 20);
}

/* Rename over an entry and RENAME_EXCHANGE, as recorded on Linux 6.18. */
TEST(getdents_rename_cases)
{
    struct ent e[16];
    CHECK_EQ(sys_mkdir("/tmp/e", 0755), 0);
    int fd = (int)sys_open("/tmp/e", O_RDONLY | O_DIRECTORY, 0);
    CHECK_EQ(list(fd, e, 1024), 2);
    CHECK_EQ(e[1].off, 0x7fffffff);
    CHECK_EQ(sys_mkdir("/tmp/e/x", 0755), 0);
    CHECK_EQ(list(fd, e, 1024), 0);
    kfs_write_file("/tmp/e/a", "");
    kfs_write_file("/tmp/e/b", "");
    CHECK_EQ(sys_rename("/tmp/e/b", "/tmp/e/a"), 0);
    CHECK_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(list(fd, e, 1024), 4);
    CHECK(e[1].off == 4 && !strcmp(e[2].name, "a") && e[2].off == 3 && !strcmp(e[3].name, "x"));
    kfs_write_file("/tmp/e/c", "");
    CHECK_EQ(sys_renameat2(AT_FDCWD, "/tmp/e/c", AT_FDCWD, "/tmp/e/x", RENAME_EXCHANGE), 0);
    CHECK_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(list(fd, e, 1024), 5);
    CHECK(e[1].off == 3);
    CHECK(!strcmp(e[2].name, "x") && e[2].type == 8 && e[2].off == 6);
    CHECK(!strcmp(e[3].name, "c") && e[3].type == 4 && e[3].off == 4);
    CHECK(!strcmp(e[4].name, "a") && e[4].off == 0x7fffffff);
    CHECK_EQ(sys_lseek(fd, 100, SEEK_SET), 100);
    CHECK_EQ(list(fd, e, 1024), 3);   /* Linux starts over at the head */
}
TEST(procfs)
{
    char buf[256];
    CHECK_EQ(sys_readlink("/proc/self", buf, sizeof(buf)), 1);
    CHECK_EQ(buf[0], '2');
    CHECK_EQ(sys_chdir("/tmp"), 0);
    long n = sys_readlink("/proc/self/cwd", buf, sizeof(buf));
    CHECK_EQ(n, 4);
    CHECK(!memcmp(buf, "/tmp", 4));
    kfs_write_file("/tmp/x", "hello");
    int fd = (int)sys_open("/tmp/x", O_RDONLY, 0);
    char path[32];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    n = sys_readlink(path, buf, sizeof(buf));
    CHECK_EQ(n, 6);
    CHECK(!memcmp(buf, "/tmp/x", 6));
    struct stat a, b;
    CHECK_EQ(sys_stat(path, &a), 0);
    CHECK_EQ(sys_fstat(fd, &b), 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    CHECK_EQ(sys_unlink("/tmp/x"), 0);
    n = sys_readlink(path, buf, sizeof(buf));
    CHECK_EQ(n, 16);
    CHECK(!memcmp(buf, "/tmp/x (deleted)", 16));
    int p[2];
    CHECK_EQ(sys_pipe2(p, 0), 0);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
    n = sys_readlink(path, buf, sizeof(buf));
    CHECK(n > 6 && !memcmp(buf, "pipe:[", 6));
    int w = (int)sys_open(path, O_WRONLY, 0);   /* a magic link opens the pipe itself */
    CHECK(w >= 0);
    CHECK_EQ(sys_write(w, "z", 1), 1);
    CHECK_EQ(sys_read(p[0], buf, 1), 1);
    fd = (int)sys_open("/proc/self/comm", O_RDONLY, 0);
    CHECK(fd >= 0);
    memcpy(shim_task.comm, "kfs", 4);
    fd = (int)sys_open("/proc/self/status", O_RDONLY, 0);
    n = sys_read(fd, buf, sizeof(buf) - 1);
    CHECK(n > 20 && !memcmp(buf, "Name:\tkfs\n", 10));
    fd = (int)sys_open("/proc/2/stat", O_RDONLY, 0);
    n = sys_read(fd, buf, 12);
    CHECK(n == 12 && !memcmp(buf, "2 (kfs) R 0 ", 12));
    CHECK_EQ(sys_open("/proc/99/stat", O_RDONLY, 0), -ENOENT);
    CHECK_EQ(sys_mkdir("/proc/x", 0755), -EPERM);
    CHECK_EQ(sys_readlink("/proc/self/exe", buf, sizeof(buf)), -ENOENT);
    fd = (int)sys_open("/proc", O_RDONLY | O_DIRECTORY, 0);
    CHECK(sys_getdents64(fd, buf, sizeof(buf)) > 0);
    fd = (int)sys_open("/proc/self/fd", O_RDONLY | O_DIRECTORY, 0);
    CHECK(sys_getdents64(fd, buf, sizeof(buf)) > 0);
}
TEST(non_root_permissions)
{
    CHECK_EQ(sys_mkdir("/tmp/p", 0755), 0);
    kfs_write_file("/tmp/p/rootfile", "r");
    CHECK_EQ(sys_mkdir("/tmp/p/open", 0777), 0);
    CHECK_EQ(sys_chmod("/tmp/p/open", 0777), 0);   /* past the umask */
    CHECK_EQ(sys_mkdir("/tmp/p/sticky", 01777), 0);
    CHECK_EQ(sys_chmod("/tmp/p/sticky", 01777), 0);
    kfs_write_file("/tmp/p/sticky/rootowned", "r");
    CHECK_EQ(sys_chmod("/tmp/p/sticky/rootowned", 0666), 0);
    kfs_write_file("/tmp/p/secret", "s");
    CHECK_EQ(sys_chmod("/tmp/p/secret", 0600), 0);
    CHECK_EQ(sys_mkdir("/tmp/p/noexec", 0666), 0);
    shim_task.uid = shim_task.euid = 1000;
    shim_task.gid = shim_task.egid = 1000;
    CHECK_EQ(sys_open("/tmp/p/rootfile", O_WRONLY, 0), -EACCES);
    long fd = sys_open("/tmp/p/rootfile", O_RDONLY, 0);
    CHECK(fd >= 0);
    CHECK_EQ(sys_open("/tmp/p/secret", O_RDONLY, 0), -EACCES);
    CHECK_EQ(sys_open("/tmp/p/new", O_CREAT | O_WRONLY, 0644), -EACCES);
    fd = sys_open("/tmp/p/open/mine", O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0);
    struct stat st;
    CHECK_EQ(sys_fstat((int)fd, &st), 0);
    CHECK_EQ(st.st_uid, 1000);
    CHECK_EQ(sys_unlink("/tmp/p/rootfile"), -EACCES);
    CHECK_EQ(sys_unlink("/tmp/p/sticky/rootowned"), -EPERM);
    CHECK_EQ(sys_rename("/tmp/p/open/mine", "/tmp/p/sticky/rootowned"), -EPERM);
    CHECK_EQ(sys_rename("/tmp/p/open/mine", "/tmp/p/sticky/m2"), 0);
    CHECK_EQ(sys_stat("/tmp/p/noexec/x", &st), -EACCES);
    CHECK_EQ(sys_chmod("/tmp/p/rootfile", 0777), -EPERM);
    CHECK_EQ(sys_chown("/tmp/p/sticky/m2", 0, 0), -EPERM);
    CHECK_EQ(sys_chown("/tmp/p/sticky/m2", -1, 1000), 0);
    CHECK_EQ(sys_chmod("/tmp/p/sticky/m2", 02777), 0);
    CHECK_EQ(sys_access("/tmp/p/rootfile", 2), -EACCES);
    CHECK_EQ(sys_access("/tmp/p/rootfile", 4), 0);
    CHECK_EQ(sys_truncate("/tmp/p/rootfile", 0), -EACCES);
    CHECK_EQ(sys_utimensat(AT_FDCWD, "/tmp/p/rootfile", NULL, 0), -EACCES);
    CHECK_EQ(sys_mkdir("/tmp/p/x", 0755), -EACCES);
    CHECK_EQ(sys_link("/tmp/p/secret", "/tmp/p/open/hl"), 0);
    CHECK_EQ(sys_mknod("/tmp/p/open/chr", S_IFCHR | 0600, 0x103), -EPERM);
    CHECK_EQ(sys_setxattr("/tmp/p/rootfile", "user.a", "b", 1, 0), -EACCES);
    CHECK_EQ(sys_setxattr("/tmp/p/sticky/m2", "trusted.a", "b", 1, 0), -EPERM);
    CHECK_EQ(sys_chdir("/tmp/p/noexec"), -EACCES);
    CHECK_EQ(sys_chroot("/tmp"), -EPERM);
    shim_task.uid = shim_task.euid = 0;
    shim_task.gid = shim_task.egid = 0;
}
TEST(long_paths)
{
    static char name[300], longp[5000];
    memset(name, 'a', 256);
    CHECK_EQ(sys_open(name, O_CREAT | O_WRONLY, 0600), -ENAMETOOLONG);
    name[255] = 0;
    long fd = sys_open(name, O_CREAT | O_WRONLY, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(sys_unlink(name), 0);
    memset(longp, 'b', 4999);
    CHECK_EQ(sys_open(longp, O_RDONLY, 0), -ENAMETOOLONG);
    struct stat st;
    CHECK_EQ(sys_stat(longp, &st), -ENAMETOOLONG);
    for (int i = 0; i < 4094; i += 2) {
        longp[i] = '.';
        longp[i + 1] = '/';
    }
    longp[4094] = 'x';
    longp[4095] = 0;
    CHECK_EQ(sys_open(longp, O_RDONLY, 0), -ENOENT);
    CHECK_EQ(sys_symlink("l1", "/tmp/l0"), 0);
    char a[16], b[16];
    for (int i = 1; i < 45; i++) {
        snprintf(a, sizeof(a), "/tmp/l%d", i);
        snprintf(b, sizeof(b), "l%d", i + 1);
        CHECK_EQ(sys_symlink(b, a), 0);
    }
    kfs_write_file("/tmp/l45", "end");
    CHECK_EQ(sys_stat("/tmp/l0", &st), -ELOOP);
    CHECK_EQ(sys_stat("/tmp/l5", &st), 0);
    CHECK_EQ(sys_stat("/tmp/l4", &st), -ELOOP);
    CHECK_EQ(sys_symlink("self", "/tmp/self"), 0);
    CHECK_EQ(sys_open("/tmp/self", O_CREAT | O_WRONLY, 0600), -ELOOP);
}
#endif
