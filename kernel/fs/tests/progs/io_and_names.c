/*
 * io_and_names.c — a test program for kernel/fs/tests/test_kfs_traces: recorded on Linux, then
 * checked on the kernel (every call's result and every byte must match). It covers
 * files with holes and SEEK_DATA/HOLE, O_APPEND, a 40-entry directory read in pieces while
 * entries go, renames, links, symlinks, readv/writev, sendfile, copy_file_range, access,
 * chmod, utimensat, record locks and flock, pipes and poll, statfs, getcwd, rmdir cases.
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
#include <dirent.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <sys/sendfile.h>
#include <sys/file.h>
#include <sys/vfs.h>
#include <poll.h>
#include <time.h>
int main(void)
{
    char buf[8192]; struct stat st; int fd, r;
    mkdir("/tmp/t", 0755); chdir("/tmp/t");
    /* files with holes, SEEK_DATA/HOLE */
    fd = open("sparse", O_RDWR|O_CREAT, 0644);
    pwrite(fd, "x", 1, 10000); pwrite(fd, "y", 1, 50000);
    fstat(fd, &st);
    lseek(fd, 0, SEEK_DATA); lseek(fd, 0, SEEK_HOLE); lseek(fd, 9000, SEEK_DATA); lseek(fd, 12000, SEEK_HOLE);
    lseek(fd, 60000, SEEK_DATA); lseek(fd, -1, SEEK_SET); lseek(fd, 0, 7);
    ftruncate(fd, 20000); fstat(fd, &st); ftruncate(fd, 100000); fstat(fd, &st);
    pread(fd, buf, 100, 9990); pread(fd, buf, 100, 99990); pread(fd, buf, 100, 200000);
    /* append */
    int a = open("app", O_WRONLY|O_CREAT|O_APPEND, 0600);
    write(a, "abc", 3); lseek(a, 0, SEEK_SET); write(a, "def", 3); pwrite(a, "Z", 1, 0);
    fstat(a, &st); close(a);
    a = open("app", O_RDONLY); read(a, buf, 100); close(a);
    /* dir listing big */
    for (int i = 0; i < 40; i++) { char n[32]; sprintf(n, "file%02d_with_a_longer_name", i); close(open(n, O_CREAT|O_WRONLY, 0600)); }
    int d = open(".", O_RDONLY|O_DIRECTORY);
    while ((r = syscall(SYS_getdents64, d, buf, 500)) > 0) ;
    lseek(d, 0, SEEK_SET); syscall(SYS_getdents64, d, buf, 8192);
    for (int i = 0; i < 40; i += 3) { char n[32]; sprintf(n, "file%02d_with_a_longer_name", i); unlink(n); }
    lseek(d, 0, SEEK_SET); syscall(SYS_getdents64, d, buf, 8192);
    fstat(d, &st); close(d);
    /* rename semantics */
    mkdir("d1", 0700); mkdir("d1/sub", 0700); mkdir("d2", 0700);
    rename("d1/sub", "d2/sub"); stat("d1", &st); stat("d2", &st);
    rename("d2", "d1"); rename("d2/sub", "d1"); rename("d1", "d2/sub/x");
    rename("d2/", "d3/"); rename("sparse", "d2/"); rename("app", "app/"); rename(".", "x"); rename("d2", ".");
    syscall(SYS_renameat2, AT_FDCWD, "d2", AT_FDCWD, "app", 2 /*EXCHANGE*/);
    stat("app", &st); stat("d2", &st);
    /* link counts, symlinks */
    link("d2", "dlink"); link("sparse", "sparse2"); stat("sparse", &st);
    symlink("sparse", "sl"); symlink("/tmp/t/sl", "sl2"); readlink("sl2", buf, 100); readlink("sl2", buf, 3);
    lstat("sl2", &st); stat("sl2", &st); stat("sl2/", &st); open("sl2", O_RDONLY|O_NOFOLLOW);
    open("sl2", O_PATH|O_NOFOLLOW); symlink("dangle", "dl"); open("dl", O_RDONLY); open("dl", O_WRONLY|O_CREAT|O_EXCL, 0600);
    /* readv/writev */
    fd = open("v", O_RDWR|O_CREAT|O_TRUNC, 0644);
    struct iovec iov[3] = {{"ab", 2}, {"", 0}, {"cdef", 4}};
    writev(fd, iov, 3); lseek(fd, 0, SEEK_SET);
    char b1[3], b2[10]; struct iovec riov[2] = {{b1, 3}, {b2, 10}};
    readv(fd, riov, 2); preadv(fd, riov, 2, 1); pwritev(fd, iov, 3, 100); fstat(fd, &st);
    writev(fd, iov, 0); writev(fd, NULL, 1);
    /* sendfile / copy_file_range */
    int o = open("out", O_RDWR|O_CREAT|O_TRUNC, 0644); off_t off = 1;
    sendfile(o, fd, &off, 4); sendfile(o, fd, NULL, 100); syscall(SYS_copy_file_range, fd, NULL, o, NULL, 50, 0);
    loff_t oi = 0, oo = 0; syscall(SYS_copy_file_range, fd, &oi, o, &oo, 1000, 0); syscall(SYS_copy_file_range, fd, &oi, fd, &oo, 10, 0);
    fstat(o, &st);
    /* access, chmod, utimensat */
    access("v", R_OK|W_OK|X_OK); access("v", 8); faccessat(AT_FDCWD, "d2", X_OK, AT_EACCESS);
    chmod("v", 04755); fstat(fd, &st); fchmod(fd, 0600); fstat(fd, &st);
    struct timespec ts[2] = {{100, 5}, {200, UTIME_OMIT}}; utimensat(AT_FDCWD, "v", ts, 0); stat("v", &st);
    ts[0].tv_nsec = 2000000000; utimensat(AT_FDCWD, "v", ts, 0);
    /* fcntl / locks */
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 10};
    fcntl(fd, F_SETLK, &fl); fl.l_type = F_RDLCK; fcntl(fd, F_GETLK, &fl);
    flock(fd, LOCK_EX); flock(fd, LOCK_UN); flock(fd, 77);
    fcntl(fd, F_SETFL, O_NONBLOCK|O_APPEND); r = fcntl(fd, F_GETFL);
    /* pipes */
    int p[2]; pipe2(p, O_NONBLOCK);
    struct pollfd pf[2] = {{p[0], POLLIN|POLLOUT}, {p[1], POLLIN|POLLOUT}};
    poll(pf, 2, 0); write(p[1], "hello", 5); poll(pf, 2, 0); read(p[0], buf, 2); close(p[1]); poll(pf, 1, 0);
    read(p[0], buf, 100); read(p[0], buf, 100);
    fcntl(p[0], F_GETPIPE_SZ); fcntl(p[0], F_SETPIPE_SZ, 1); fcntl(p[0], F_GETPIPE_SZ);
    /* statfs, getcwd */
    struct statfs sf; statfs("/tmp", &sf); statfs("/", &sf); statfs("/dev/null", &sf);
    getcwd(buf, 5); getcwd(buf, 100);
    /* rmdir cases */
    rmdir("d2"); rmdir("d2/sub/."); rmdir("nonexist"); unlink("d2"); rmdir("v");
    mkdir("e", 0); mkdir("e/f", 0777);
    truncate("v", 3); truncate("d2", 3); truncate("nonexist", 1); truncate("v", -1);
    /* umask and creat modes */
    umask(077); close(creat("cr", 0777)); stat("cr", &st); mknod("fifo", S_IFIFO|0777, 0); stat("fifo", &st); mkdir("dm", 0777); stat("dm", &st);
    open("fifo", O_RDONLY|O_NONBLOCK); open("fifo", O_WRONLY|O_NONBLOCK);
    /* devices */
    int z = open("/dev/zero", O_RDONLY); read(z, buf, 10); lseek(z, 5, SEEK_SET);
    int f2 = open("/dev/full", O_RDWR); write(f2, "x", 1); read(f2, buf, 3);
    open("/dev/tty", O_RDWR); ioctl(0, 0x5401, buf); ioctl(z, 0x5401, buf);
    printf("done\n");
    return 0;
}
#endif
