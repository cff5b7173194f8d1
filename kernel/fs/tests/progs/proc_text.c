/*
 * proc_text.c — a test program for kernel/fs/tests/test_kfs_traces: recorded on Linux, then
 * checked on the kernel (every call's result and every byte must match). It covers
 * /proc files whose text is deterministic: limits, mounts, cmdline, comm, filesystems.
 * Built with musl-gcc; the kernel build (freestanding) sees an empty file.
 */
#if __STDC_HOSTED__
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
int main(void){ char buf[4096]; const char *f[] = {"/proc/self/limits", "/proc/mounts", "/proc/self/mounts", "/proc/self/cmdline", "/proc/self/comm", "/proc/filesystems"};
 for (int i = 0; i < 6; i++) { int fd = open(f[i], O_RDONLY); read(fd, buf, sizeof buf); close(fd); }
 printf("done\n"); return 0; }
#endif
