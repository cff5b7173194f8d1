/*
 * t_initramfs.c — host tests of the cpio unpacker: a well-formed archive (files, hard
 * links, directories, symlinks, nodes, modes and mtimes) and malformed ones, which must be
 * refused with an error. KFS_CPIO=<file> also unpacks that archive (a whole root, say).
 */
#ifdef KFS_HOST_TEST
#include "kernel/fs/tests/kfs_test.h"

char *getenv(const char *name);
int open(const char *path, int flags, ...);
long read(int fd, void *buf, unsigned long n);
int close(int fd);
int snprintf(char *buf, size_t n, const char *fmt, ...);

/* Append one newc entry to buf at *len. */
static void entry(char *buf, size_t *len, const char *name, unsigned mode, unsigned nlink, unsigned ino,
                  const char *data, size_t dlen)
{
    size_t nsz = strlen(name) + 1;
    *len += (size_t)snprintf(buf + *len, 200, "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
                             ino, mode, 0, 0, nlink, 1000000, dlen, 0, 0, 1, 3, nsz, 0);
    memcpy(buf + *len, name, nsz);
    *len += nsz;
    while (*len % 4)
        buf[(*len)++] = 0;
    memcpy(buf + *len, data, dlen);
    *len += dlen;
    while (*len % 4)
        buf[(*len)++] = 0;
}

static char arch[8192];

static size_t good_archive(void)
{
    size_t len = 0;
    entry(arch, &len, ".", S_IFDIR | 0755, 2, 1, "", 0);
    entry(arch, &len, "bin", S_IFDIR | 0750, 2, 2, "", 0);
    entry(arch, &len, "bin/prog", S_IFREG | 04755, 1, 3, "#!hello", 7);
    entry(arch, &len, "bin/h1", S_IFREG | 0644, 2, 9, "", 0);
    entry(arch, &len, "bin/h2", S_IFREG | 0644, 2, 9, "shared", 6);
    entry(arch, &len, "bin/sh", S_IFLNK | 0777, 1, 4, "prog", 4);
    entry(arch, &len, "dev", S_IFDIR | 0755, 2, 5, "", 0);
    entry(arch, &len, "dev/null", S_IFCHR | 0666, 1, 6, "", 0);
    entry(arch, &len, "TRAILER!!!", 0, 1, 0, "", 0);
    return len;
}

TEST(initramfs_good)
{
    size_t len = good_archive();
    kfs_fresh(arch, len);
    struct stat st;
    CHECK_EQ(sys_stat("/bin/prog", &st), 0);
    CHECK_EQ(st.st_mode, S_IFREG | 04755);
    CHECK_EQ(st.st_size, 7);
    CHECK_EQ(st.st_mtime, 1000000);
    CHECK_EQ(sys_stat("/bin", &st), 0);
    CHECK_EQ(st.st_mode, S_IFDIR | 0750);
    CHECK_EQ(st.st_mtime, 1000000);
    CHECK_EQ(sys_stat("/bin/sh", &st), 0);
    CHECK_EQ(st.st_size, 7);
    CHECK_EQ(sys_stat("/bin/h1", &st), 0);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_EQ(st.st_size, 6);
    char buf[8] = { 0 };
    int fd = (int)sys_open("/bin/sh", O_RDONLY, 0);
    CHECK_EQ(sys_read(fd, buf, 7), 7);
    CHECK(!memcmp(buf, "#!hello", 7));
    CHECK_EQ(sys_stat("/dev/null", &st), 0);   /* devfs mounted over the archive's /dev */
    CHECK_EQ(st.st_rdev, (1 << 8) | 3);
}

TEST(initramfs_malformed)
{
    size_t len = good_archive();
    CHECK_EQ(initramfs_unpack(vfs_root(), arch, len - 4), -EINVAL);      /* trailer cut */
    CHECK_EQ(initramfs_unpack(vfs_root(), arch, 100), -EINVAL);          /* header cut */
    char bad[8192];
    memcpy(bad, arch, len);
    bad[3] = 'x';
    CHECK_EQ(initramfs_unpack(vfs_root(), bad, len), -EINVAL);           /* bad magic */
    memcpy(bad, arch, len);
    memcpy(bad + 6 + 8 * 11, "fffffff0", 8);
    CHECK_EQ(initramfs_unpack(vfs_root(), bad, len), -EINVAL);           /* huge namesize */
    memcpy(bad, arch, len);
    memcpy(bad + 6 + 8 * 6, "7ffffff0", 8);
    CHECK_EQ(initramfs_unpack(vfs_root(), bad, len), -EINVAL);           /* huge filesize */
    memcpy(bad, arch, len);
    memcpy(bad + 6 + 8 * 6, "0000zz00", 8);
    CHECK_EQ(initramfs_unpack(vfs_root(), bad, len), -EINVAL);           /* not hex */
    size_t l2 = 0;
    entry(bad, &l2, "a/../../x", S_IFREG | 0644, 1, 3, "", 0);
    entry(bad, &l2, "TRAILER!!!", 0, 1, 0, "", 0);
    CHECK_EQ(initramfs_unpack(vfs_root(), bad, l2), -EINVAL);            /* climbing name */
    l2 = 0;
    entry(bad, &l2, "nodir/x", S_IFREG | 0644, 1, 3, "", 0);
    CHECK_EQ(initramfs_unpack(vfs_root(), bad, l2), -ENOENT);            /* missing parent */
    /* Every truncation of the good archive is refused without a crash. */
    for (size_t cut = 0; cut < len; cut += 7)
        CHECK(initramfs_unpack(vfs_root(), arch, cut) < 0 || cut == 0);
}

TEST(initramfs_from_env)
{
    const char *path = getenv("KFS_CPIO");
    if (!path)
        return;
    static char big[64 << 20];
    int fd = open(path, 0);
    CHECK(fd >= 0);
    long n, len = 0;
    while ((n = read(fd, big + len, sizeof(big) - (size_t)len)) > 0)
        len += n;
    close(fd);
    kfs_fresh(big, (size_t)len);
    struct stat st;
    CHECK_EQ(sys_stat("/bin/busybox", &st), 0);
}
#endif
