/*
 * openat2_resolve.c — a test program for kernel/fs/tests/test_kfs_traces: recorded on Linux, then
 * checked on the kernel (every call's result and every byte must match). It covers
 * openat2's RESOLVE_* flags over a matrix of paths (symlinks, .., mounts, /proc).
 * Built with musl-gcc; the kernel build (freestanding) sees an empty file.
 */
#if __STDC_HOSTED__
#define _GNU_SOURCE
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
struct open_how { unsigned long long flags, mode, resolve; };
static long o2(int d, const char *p, unsigned long long fl, unsigned long long r) { struct open_how h = {fl, 0, r}; return syscall(SYS_openat2, d, p, &h, sizeof h); }
int main(void){
 mkdir("/tmp/r", 0755); mkdir("/tmp/r/sub", 0755); close(open("/tmp/r/sub/f", O_CREAT|O_WRONLY, 0644));
 symlink("f", "/tmp/r/sub/rel"); symlink("/tmp/r/sub/f", "/tmp/r/sub/abs"); symlink("../..", "/tmp/r/sub/up"); symlink("/etc", "/tmp/r/sub/etc");
 int d = open("/tmp/r/sub", O_RDONLY|O_DIRECTORY);
 for (int r = 0; r < 0x40; r++) {
   if ((r & 0x08) && (r & 0x10)) continue;
   o2(d, "f", O_RDONLY, r); o2(d, "rel", O_RDONLY, r); o2(d, "abs", O_RDONLY, r); o2(d, "../sub/f", O_RDONLY, r); o2(d, "up/r/sub/f", O_RDONLY, r);
   o2(d, "/tmp/r/sub/f", O_RDONLY, r); o2(d, "/etc/passwd", O_RDONLY, r); o2(d, "etc/passwd", O_RDONLY, r); o2(d, "/proc/self/fd/0", O_RDONLY, r);
   o2(d, "..", O_RDONLY, r); o2(d, "/", O_RDONLY, r); o2(d, "new", O_CREAT|O_WRONLY, r); o2(AT_FDCWD, "tmp", O_RDONLY, r);
 }
 o2(d, "f", O_RDONLY, 0x18); o2(d, "f", O_RDONLY, 0x40);
 printf("done\n"); return 0; }
#endif
