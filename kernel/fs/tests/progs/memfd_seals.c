/*
 * memfd_seals.c — a test program for kernel/fs/tests/test_kfs_traces: recorded on Linux, then
 * checked on the kernel (every call's result and every byte must match). It covers
 * memfd_create and seals, and F_GET_SEALS on an ordinary tmpfs file.
 * Built with musl-gcc; the kernel build (freestanding) sees an empty file.
 */
#if __STDC_HOSTED__
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
int main(void){ char buf[256]; struct stat st;
 int fd = syscall(SYS_memfd_create, "hello", 0x3);
 fstat(fd, &st); fcntl(fd, F_GETFL); fcntl(fd, F_GETFD); fcntl(fd, F_GET_SEALS);
 write(fd, "abcdef", 6); fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW); ftruncate(fd, 3); ftruncate(fd, 10); write(fd, "x", 1); pwrite(fd, "xy", 2, 0);
 fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE); pwrite(fd, "q", 1, 0); fcntl(fd, F_GET_SEALS); fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL); fcntl(fd, F_ADD_SEALS, F_SEAL_GROW); fcntl(fd, F_ADD_SEALS, 0x1000);
 char p[64]; sprintf(p, "/proc/self/fd/%d", fd); readlink(p, buf, sizeof buf);
 int f2 = syscall(SYS_memfd_create, "nos", 0); fcntl(f2, F_GET_SEALS); fcntl(f2, F_ADD_SEALS, F_SEAL_WRITE); fstat(f2, &st);
 syscall(SYS_memfd_create, "bad", 0x100); char longn[300]; memset(longn, 'n', 299); longn[299] = 0; syscall(SYS_memfd_create, longn, 0);
 int t = open("/tmp/reg", O_CREAT|O_RDWR, 0600); fcntl(t, F_GET_SEALS);
 int f3 = syscall(SYS_memfd_create, "nx", 0x8); fstat(f3, &st); fcntl(f3, F_GET_SEALS);
 printf("done\n"); return 0; }
#endif
