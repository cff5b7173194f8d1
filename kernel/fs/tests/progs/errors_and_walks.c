/*
 * errors_and_walks.c — a test program for kernel/fs/tests/test_kfs_traces: recorded on Linux, then
 * checked on the kernel (every call's result and every byte must match). It covers
 * long names and paths, symlink chains (ELOOP at 40), trailing slashes with O_CREAT,
 * dirfd and AT_EMPTY_PATH variants, openat2 basics, removed directories, RENAME_EXCHANGE and
 * WHITEOUT, access/fchmodat/chown, readlinkat, mknod types (and nodev /tmp).
 * Built with musl-gcc; the kernel build (freestanding) sees an empty file.
 */
#if __STDC_HOSTED__
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/syscall.h>
struct open_how { unsigned long long flags, mode, resolve; };
int main(void)
{
    char buf[300], name[300]; struct stat st; int fd;
    mkdir("/tmp/u", 0755); chdir("/tmp/u");
    memset(name, 'a', 256); name[256] = 0;
    open(name, O_CREAT|O_WRONLY, 0600); name[255] = 0; close(open(name, O_CREAT|O_WRONLY, 0600)); unlink(name);
    char *longp = malloc(5000); memset(longp, 'b', 4999); longp[4999] = 0; open(longp, O_RDONLY); stat(longp, &st);
    for (int i = 0; i < 4094; i += 2) { longp[i] = '.'; longp[i+1] = '/'; } longp[4094] = 'x'; longp[4095] = 0; open(longp, O_RDONLY);
    /* symlink chains */
    symlink("l1", "l0");
    for (int i = 1; i < 45; i++) { char a[8], b[8]; sprintf(a, "l%d", i); sprintf(b, "l%d", i + 1); symlink(b, a); }
    close(open("l45", O_CREAT|O_WRONLY, 0600));
    stat("l0", &st); stat("l10", &st); stat("l6", &st); stat("l5", &st);
    symlink("self", "self"); stat("self", &st); open("self", O_CREAT|O_WRONLY, 0600);
    /* trailing slashes and O_CREAT */
    open("newf/", O_CREAT|O_WRONLY, 0600); open("newd/", O_RDONLY); mkdir("nd/", 0755); stat("nd", &st);
    open("nd", O_CREAT|O_WRONLY, 0600); open("nd", O_CREAT|O_RDONLY, 0600); open("nd/", O_CREAT|O_RDONLY, 0600);
    open(".", O_CREAT|O_RDONLY, 0600); open("..", O_WRONLY); open("/", O_RDWR);
    close(open("file", O_CREAT|O_WRONLY, 0600));
    open("file/", O_RDONLY); open("file/", O_CREAT|O_RDONLY, 0600); open("file/x", O_CREAT|O_RDONLY, 0600);
    open("nodir/x", O_CREAT|O_RDONLY, 0600); mkdir("file/x", 0755); mkdir("nodir/x", 0755);
    symlink("x", "file/y"); symlink("", "emptyl"); link("file", "file/z"); link("nodir", "q"); link("file", "nd/");
    /* dirfd variants */
    fd = open("file", O_RDONLY); openat(fd, "x", O_RDONLY); openat(fd, "/tmp", O_RDONLY); openat(99, "x", O_RDONLY); openat(99, "/tmp", O_RDONLY);
    fstatat(fd, "", &st, AT_EMPTY_PATH); fstatat(fd, "", &st, 0); fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH); fstatat(99, "", &st, AT_EMPTY_PATH);
    fstatat(AT_FDCWD, "l0", &st, AT_SYMLINK_NOFOLLOW); fstatat(AT_FDCWD, "file", &st, 0x4000);
    int dfd = open("nd", O_RDONLY|O_DIRECTORY); mkdirat(dfd, "in", 0700); unlinkat(dfd, "in", 0); unlinkat(dfd, "in", AT_REMOVEDIR); unlinkat(dfd, "in", 0x1);
    int pfd = open("nd", O_PATH); mkdirat(pfd, "in2", 0700); fchdir(pfd); getcwd(buf, 300); chdir("..");
    read(pfd, buf, 1); fstat(pfd, &st); close(pfd);
    /* openat2 */
    struct open_how how = { .flags = O_RDONLY }; syscall(SYS_openat2, AT_FDCWD, "file", &how, sizeof how);
    how.flags = O_RDONLY | 0x40000000; syscall(SYS_openat2, AT_FDCWD, "file", &how, sizeof how);
    how.flags = O_RDONLY; how.mode = 0600; syscall(SYS_openat2, AT_FDCWD, "file", &how, sizeof how);
    syscall(SYS_openat2, AT_FDCWD, "file", &how, 8);
    /* removing directories in use */
    mkdir("rm", 0755); chdir("rm"); rmdir("../rm"); getcwd(buf, 300); mkdir("x", 0755); close(open("y", O_CREAT|O_WRONLY, 0644));
    stat(".", &st); int dd = open(".", O_RDONLY); syscall(SYS_getdents64, dd, buf, 300); chdir("/tmp/u");
    /* rename exchange dirs across */
    mkdir("A", 0755); mkdir("A/a", 0755); mkdir("B", 0755); close(open("B/b", O_CREAT|O_WRONLY, 0644));
    syscall(SYS_renameat2, AT_FDCWD, "A/a", AT_FDCWD, "B/b", 2); stat("A", &st); stat("B", &st); stat("A/b", &st);
    syscall(SYS_renameat2, AT_FDCWD, "A", AT_FDCWD, "A/b", 2); syscall(SYS_renameat2, AT_FDCWD, "B/b", AT_FDCWD, "B", 2);
    syscall(SYS_renameat2, AT_FDCWD, "A/b", AT_FDCWD, "B/c", 1); syscall(SYS_renameat2, AT_FDCWD, "A/b", AT_FDCWD, "B/c", 4);
    rename("A/b", "A/b/c"); rename("A", "A/b/c"); rename("B/a", "A"); rename("A/", "B/a/");
    /* access family */
    faccessat(AT_FDCWD, "file", R_OK, AT_SYMLINK_NOFOLLOW); syscall(SYS_faccessat2, AT_FDCWD, "file", R_OK, 0x8000);
    syscall(SYS_faccessat2, AT_FDCWD, "l0", F_OK, AT_SYMLINK_NOFOLLOW); syscall(SYS_faccessat2, AT_FDCWD, "", F_OK, AT_EMPTY_PATH);
    chmod("file", 0); access("file", R_OK); access("file", X_OK); chmod("file", 0100); access("file", X_OK); access("nd", X_OK);
    fchmodat(AT_FDCWD, "l0", 0644, AT_SYMLINK_NOFOLLOW);
    chown("file", 1000, 1000); stat("file", &st); lchown("l0", 5, 5); lstat("l0", &st); fchownat(AT_FDCWD, "file", -1, -1, 0x2);
    readlinkat(AT_FDCWD, "file", buf, 10); readlinkat(AT_FDCWD, "", buf, 10); readlink("l0", buf, -1);
    /* mknod types */
    mknod("sock", S_IFSOCK|0644, 0); mknod("chr", S_IFCHR|0644, 0x103); mknod("bad", 0170000|0644, 0); mknod("reg", 0644, 0);
    stat("chr", &st); open("sock", O_RDONLY); open("chr", O_RDONLY); stat("reg", &st);
    mknod("blk", S_IFBLK|0600, 0x801); open("blk", O_RDONLY);
    printf("done\n");
    return 0;
}
#endif
