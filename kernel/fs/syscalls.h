/*
 * syscalls.h — the file system's syscall handlers (sys_*), as the dispatch table calls them:
 * integers and user pointers, negative errno on failure. Grouped by the file that defines them.
 */
#ifndef KERNEL_FS_SYSCALLS_H
#define KERNEL_FS_SYSCALLS_H
#include <stddef.h>
#include <stdint.h>

struct iovec;

/* open.c */
long sys_open(const char *path, int flags, unsigned mode);
long sys_openat(int dirfd, const char *path, int flags, unsigned mode);
long sys_openat2(int dirfd, const char *path, void *how, size_t size);
long sys_creat(const char *path, unsigned mode);
long sys_close(int fd);
long sys_truncate(const char *path, int64_t length);
long sys_ftruncate(int fd, int64_t length);
/* attr.c */
long sys_access(const char *path, int mode);
long sys_faccessat(int dirfd, const char *path, int mode);
long sys_faccessat2(int dirfd, const char *path, int mode, int flags);
long sys_chdir(const char *path);
long sys_fchdir(int fd);
long sys_chroot(const char *path);
long sys_chmod(const char *path, unsigned mode);
long sys_fchmod(int fd, unsigned mode);
long sys_fchmodat(int dirfd, const char *path, unsigned mode);
long sys_fchmodat2(int dirfd, const char *path, unsigned mode, int flags);
long sys_chown(const char *path, unsigned uid, unsigned gid);
long sys_lchown(const char *path, unsigned uid, unsigned gid);
long sys_fchown(int fd, unsigned uid, unsigned gid);
long sys_fchownat(int dirfd, const char *path, unsigned uid, unsigned gid, int flags);
long sys_umask(int mask);
long sys_utimensat(int dirfd, const char *path, const void *times, int flags);
long sys_utimes(const char *path, const void *times);
long sys_utime(const char *path, const void *times);
long sys_futimesat(int dirfd, const char *path, const void *times);
long sys_getcwd(char *buf, size_t size);
/* read_write.c */
long sys_read(int fd, void *buf, size_t count);
long sys_write(int fd, const void *buf, size_t count);
long sys_pread64(int fd, void *buf, size_t count, int64_t pos);
long sys_pwrite64(int fd, const void *buf, size_t count, int64_t pos);
long sys_readv(int fd, const struct iovec *iov, int nr);
long sys_writev(int fd, const struct iovec *iov, int nr);
long sys_preadv(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h);
long sys_pwritev(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h);
long sys_preadv2(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h,
                 int flags);
long sys_pwritev2(int fd, const struct iovec *iov, int nr, unsigned long pos_l, unsigned long pos_h,
                  int flags);
long sys_lseek(int fd, int64_t off, unsigned whence);
long sys_sendfile(int out_fd, int in_fd, int64_t *offset, size_t count);
long sys_copy_file_range(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len,
                         unsigned flags);
long sys_fallocate(int fd, int mode, int64_t offset, int64_t len);
long sys_fadvise64(int fd, int64_t offset, int64_t len, int advice);
/* stat.c */
long sys_stat(const char *path, void *st);
long sys_lstat(const char *path, void *st);
long sys_fstat(int fd, void *st);
long sys_newfstatat(int dirfd, const char *path, void *st, int flags);
long sys_statx(int dirfd, const char *path, int flags, unsigned mask, void *stx);
/* statfs.c */
long sys_statfs(const char *path, void *buf);
long sys_fstatfs(int fd, void *buf);
/* ioctl.c */
long sys_ioctl(int fd, unsigned cmd, unsigned long arg);
/* pipe.c */
long sys_pipe(int *fds);
long sys_pipe2(int *fds, int flags);
/* fcntl.c */
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, unsigned cmd, unsigned long arg);
long sys_close_range(unsigned first, unsigned last, unsigned flags);
long sys_flock(int fd, unsigned cmd);
/* readdir.c */
long sys_getdents64(int fd, void *dirent, unsigned count);
long sys_getdents(int fd, void *dirent, unsigned count);
/* namei.c */
long sys_mkdirat(int dirfd, const char *path, unsigned mode);
long sys_mkdir(const char *path, unsigned mode);
long sys_mknodat(int dirfd, const char *path, unsigned mode, unsigned dev);
long sys_mknod(const char *path, unsigned mode, unsigned dev);
long sys_rmdir(const char *path);
long sys_unlinkat(int dirfd, const char *path, int flags);
long sys_unlink(const char *path);
long sys_symlinkat(const char *target, int dirfd, const char *path);
long sys_symlink(const char *target, const char *path);
long sys_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
long sys_link(const char *oldpath, const char *newpath);
long sys_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags);
long sys_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
long sys_rename(const char *oldpath, const char *newpath);
long sys_readlinkat(int dirfd, const char *path, char *buf, int size);
long sys_readlink(const char *path, char *buf, int size);
/* xattr.c */
long sys_setxattr(const char *path, const char *name, const void *value, size_t size, int flags);
long sys_lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags);
long sys_fsetxattr(int fd, const char *name, const void *value, size_t size, int flags);
long sys_getxattr(const char *path, const char *name, void *value, size_t size);
long sys_lgetxattr(const char *path, const char *name, void *value, size_t size);
long sys_fgetxattr(int fd, const char *name, void *value, size_t size);
long sys_listxattr(const char *path, char *list, size_t size);
long sys_llistxattr(const char *path, char *list, size_t size);
long sys_flistxattr(int fd, char *list, size_t size);
long sys_removexattr(const char *path, const char *name);
long sys_lremovexattr(const char *path, const char *name);
long sys_fremovexattr(int fd, const char *name);
/* memfd.c */
long sys_memfd_create(const char *name, unsigned flags);
/* splice.c */
long sys_tee(int fd_in, int fd_out, size_t len, unsigned flags);
long sys_splice(int fd_in, int64_t *off_in, int fd_out, int64_t *off_out, size_t len, unsigned flags);
/* sync.c */
long sys_sync(void);
long sys_syncfs(int fd);
long sys_fsync(int fd);
long sys_fdatasync(int fd);

#endif
