/*
 * xattrs.c — a test program for kernel/fs/tests/test_kfs_traces: recorded on Linux, then
 * checked on the kernel (every call's result and every byte must match). It covers
 * extended attributes: namespaces, create/replace flags, sizes, list order.
 * Built with musl-gcc; the kernel build (freestanding) sees an empty file.
 */
#if __STDC_HOSTED__
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/xattr.h>
int main(void){ char buf[256]; int fd = open("/tmp/xa", O_CREAT|O_RDWR, 0644);
 setxattr("/tmp/xa", "user.a", "hello", 5, 0); setxattr("/tmp/xa", "user.a", "x", 1, XATTR_CREATE); setxattr("/tmp/xa", "user.b", "x", 1, XATTR_REPLACE);
 getxattr("/tmp/xa", "user.a", buf, 0); getxattr("/tmp/xa", "user.a", buf, 2); getxattr("/tmp/xa", "user.a", buf, 100); getxattr("/tmp/xa", "user.zz", buf, 100);
 setxattr("/tmp/xa", "user.b", "", 0, 0); fsetxattr(fd, "trusted.t", "tt", 2, 0); setxattr("/tmp/xa", "bogus.x", "v", 1, 0); setxattr("/tmp/xa", "", "v", 1, 0);
 setxattr("/tmp/xa", "user.a", "v", 1, 4);
 listxattr("/tmp/xa", buf, 0); listxattr("/tmp/xa", buf, 3); listxattr("/tmp/xa", buf, sizeof buf);
 removexattr("/tmp/xa", "user.b"); removexattr("/tmp/xa", "user.b"); flistxattr(fd, buf, sizeof buf);
 symlink("/tmp/xa", "/tmp/xl"); lsetxattr("/tmp/xl", "user.q", "v", 1, 0); lgetxattr("/tmp/xl", "user.q", buf, 10); getxattr("/tmp/xl", "user.a", buf, 10);
 llistxattr("/tmp/xl", buf, sizeof buf); listxattr("/", buf, sizeof buf); listxattr("/tmp", buf, sizeof buf); getxattr("/tmp/xa", "system.posix_acl_access", buf, 100);
 getxattr("/tmp/xa", "security.selinux", buf, 100); listxattr("/dev/null", buf, sizeof buf); getxattr("/nonexist", "user.a", buf, 1);
 mkdir("/tmp/xd", 0755); setxattr("/tmp/xd", "user.d", "dd", 2, 0); listxattr("/tmp/xd", buf, sizeof buf);
 printf("done\n"); return 0; }
#endif
