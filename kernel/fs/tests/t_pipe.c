/*
 * t_pipe.c — host tests of pipes and FIFOs (capacity, merging of small writes, PIPE_BUF
 * atomicity, O_NONBLOCK, EOF, EPIPE, poll masks, F_GETPIPE_SZ/F_SETPIPE_SZ, FIONREAD),
 * and of the fd table (dup family, fcntl, close_range) and advisory locks.
 */
#ifdef KFS_HOST_TEST
#include "kernel/fs/tests/kfs_test.h"
#include <asm/poll.h>
#include <asm/ioctls.h>
#include <linux/close_range.h>

static char big[1 << 17];

TEST(pipe_basics)
{
    int p[2];
    CHECK_EQ(sys_pipe2(p, 0), 0);
    CHECK_EQ(p[0], 3);
    CHECK_EQ(p[1], 4);
    CHECK_EQ(sys_write(p[1], "abc", 3), 3);
    int n = -1;
    CHECK_EQ(sys_ioctl(p[0], FIONREAD, (unsigned long)&n), 0);
    CHECK_EQ(n, 3);
    char buf[8];
    CHECK_EQ(sys_read(p[0], buf, 8), 3);
    CHECK_EQ(sys_lseek(p[0], 0, SEEK_CUR), -ESPIPE);
    CHECK_EQ(sys_lseek(p[0], 0, 99), -EINVAL);
    CHECK_EQ(sys_write(p[0], "x", 1), -EBADF);
    CHECK_EQ(sys_read(p[1], buf, 1), -EBADF);
    CHECK_EQ(sys_pread64(p[0], buf, 1, 0), -ESPIPE);
    /* an empty pipe with a writer would block */
    CHECK_EQ(sys_read(p[0], buf, 1), -EINTR);
    CHECK_EQ(shim_would_block, 1);
    struct file *r = fd_get(p[0]), *w = fd_get(p[1]);
    CHECK_EQ(vfs_poll(r, NULL), 0);
    CHECK_EQ(vfs_poll(w, NULL), POLLOUT | POLLWRNORM);
    file_put(w);
    CHECK_EQ(sys_close(p[1]), 0);
    CHECK_EQ(vfs_poll(r, NULL), POLLHUP);
    CHECK_EQ(sys_read(p[0], buf, 1), 0);
    file_put(r);
    CHECK_EQ(sys_pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
    CHECK_EQ(sys_fcntl(p[0], F_GETFL, 0), O_RDONLY | O_NONBLOCK);
    CHECK_EQ(sys_fcntl(p[1], F_GETFL, 0), O_WRONLY | O_NONBLOCK);
    CHECK_EQ(sys_fcntl(p[1], F_GETFD, 0), FD_CLOEXEC);
    CHECK_EQ(sys_read(p[0], buf, 1), -EAGAIN);
    CHECK_EQ(sys_close(p[0]), 0);
    CHECK_EQ(sys_write(p[1], "x", 1), -EPIPE);
    CHECK_EQ(sys_pipe2(p, O_RDWR), -EINVAL);
    CHECK_EQ(sys_pipe2(SHIM_BAD, 0), -EFAULT);
    struct stat st;
    CHECK_EQ(sys_fstat(p[1], &st), 0);
    CHECK_EQ(st.st_mode, S_IFIFO | 0600);
    CHECK_EQ(st.st_nlink, 1);
}

TEST(pipe_capacity)
{
    int p[2];
    CHECK_EQ(sys_pipe2(p, O_NONBLOCK), 0);
    CHECK_EQ(sys_fcntl(p[1], F_GETPIPE_SZ, 0), 65536);
    long total = 0, r;
    while ((r = sys_write(p[1], big, 1)) == 1)
        total++;
    CHECK_EQ(r, -EAGAIN);
    CHECK_EQ(total, 65536);
    char buf[4096];
    CHECK_EQ(sys_read(p[0], buf, 100), 100);
    CHECK_EQ(sys_write(p[1], big, 1), -EAGAIN);   /* the first page is not free yet */
    CHECK_EQ(sys_read(p[0], buf, 4096), 4096);    /* the rest of page 0, then from page 1 */
    CHECK_EQ(sys_write(p[1], big, 5000), 4096);   /* one free page: a partial write */
    sys_close(p[0]);
    sys_close(p[1]);
    /* 100-byte writes fill 40 per page (Linux merges only whole writes into the last page) */
    CHECK_EQ(sys_pipe2(p, O_NONBLOCK), 0);
    total = 0;
    while ((r = sys_write(p[1], big, 100)) == 100)
        total += 100;
    CHECK_EQ(total, 16 * 4000);
    CHECK_EQ(sys_fcntl(p[1], F_SETPIPE_SZ, 4096), -EBUSY);
    sys_close(p[0]);
    sys_close(p[1]);
    CHECK_EQ(sys_pipe2(p, O_NONBLOCK), 0);
    CHECK_EQ(sys_fcntl(p[1], F_SETPIPE_SZ, 5000), 8192);
    CHECK_EQ(sys_fcntl(p[0], F_GETPIPE_SZ, 0), 8192);
    CHECK_EQ(sys_write(p[1], big, 10000), 8192);
    CHECK_EQ(sys_fcntl(p[1], F_SETPIPE_SZ, 0), -EBUSY);
    CHECK_EQ(sys_fcntl(p[1], F_SETPIPE_SZ, 1u << 31 | 1), -EINVAL);
    CHECK_EQ(sys_read(p[0], big, sizeof(big)), 8192);
    CHECK_EQ(sys_fcntl(0, F_GETPIPE_SZ, 0), -EBADF);
    CHECK_EQ(sys_fcntl(1, F_GETPIPE_SZ, 0), 65536);
}

TEST(fifo)
{
    CHECK_EQ(sys_mknod("/tmp/f", S_IFIFO | 0600, 0), 0);
    CHECK_EQ(sys_open("/tmp/f", O_WRONLY | O_NONBLOCK, 0), -ENXIO);
    int r = (int)sys_open("/tmp/f", O_RDONLY | O_NONBLOCK, 0);
    CHECK(r >= 0);
    struct file *rf = fd_get(r);
    CHECK_EQ(vfs_poll(rf, NULL), 0);   /* no POLLHUP before a writer came */
    int w = (int)sys_open("/tmp/f", O_WRONLY | O_NONBLOCK, 0);
    CHECK(w >= 0);
    CHECK_EQ(sys_write(w, "hi", 2), 2);
    char buf[4];
    CHECK_EQ(sys_read(r, buf, 4), 2);
    CHECK_EQ(sys_close(w), 0);
    CHECK_EQ(vfs_poll(rf, NULL), POLLHUP);
    CHECK_EQ(sys_read(r, buf, 4), 0);
    file_put(rf);
    CHECK_EQ(sys_close(r), 0);
    int rw = (int)sys_open("/tmp/f", O_RDWR, 0);
    CHECK(rw >= 0);
    CHECK_EQ(sys_open("/tmp/f", O_RDONLY, 0) >= 0, 1);   /* a writer exists: no wait */
    CHECK_EQ(shim_would_block, 0);
}

TEST(dup_fcntl)
{
    int fd = (int)sys_open("/dev/null", O_RDONLY | O_CLOEXEC, 0);
    CHECK_EQ(fd, 3);
    CHECK_EQ(sys_fcntl(fd, F_GETFD, 0), FD_CLOEXEC);
    CHECK_EQ(sys_dup(fd), 4);
    CHECK_EQ(sys_fcntl(4, F_GETFD, 0), 0);
    CHECK_EQ(sys_dup2(fd, fd), fd);
    CHECK_EQ(sys_dup2(99, 99), -EBADF);
    CHECK_EQ(sys_dup3(fd, fd, 0), -EINVAL);
    CHECK_EQ(sys_dup3(fd, 10, O_CLOEXEC), 10);
    CHECK_EQ(sys_fcntl(10, F_GETFD, 0), FD_CLOEXEC);
    CHECK_EQ(sys_dup3(fd, 11, O_NONBLOCK), -EINVAL);
    CHECK_EQ(sys_dup2(fd, 5000), -EBADF);
    CHECK_EQ(sys_fcntl(fd, F_DUPFD, 7), 7);
    CHECK_EQ(sys_fcntl(fd, F_DUPFD_CLOEXEC, 7), 8);
    CHECK_EQ(sys_fcntl(8, F_GETFD, 0), FD_CLOEXEC);
    CHECK_EQ(sys_fcntl(fd, F_DUPFD, 1024), -EINVAL);
    CHECK_EQ(sys_fcntl(fd, F_SETFD, 0), 0);
    CHECK_EQ(sys_fcntl(fd, F_GETFD, 0), 0);
    CHECK_EQ(sys_fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDWR), 0);
    CHECK_EQ(sys_fcntl(fd, F_GETFL, 0), O_RDONLY | O_LARGEFILE | O_APPEND | O_NONBLOCK);
    CHECK_EQ(sys_fcntl(fd, 12345, 0), -EINVAL);
    CHECK_EQ(sys_fcntl(99, F_GETFD, 0), -EBADF);
    fdtable_close_on_exec(fd_current());
    CHECK_EQ(sys_fcntl(10, F_GETFD, 0), -EBADF);
    CHECK_EQ(sys_fcntl(fd, F_GETFD, 0), 0);
    CHECK_EQ(sys_close_range(4, ~0u, CLOSE_RANGE_CLOEXEC), 0);
    CHECK_EQ(sys_fcntl(7, F_GETFD, 0), FD_CLOEXEC);
    CHECK_EQ(sys_close_range(4, ~0u, 0), 0);
    CHECK_EQ(sys_fcntl(7, F_GETFD, 0), -EBADF);
    CHECK_EQ(sys_close_range(5, 4, 0), -EINVAL);
    CHECK_EQ(sys_dup(fd), 4);
    int p = (int)sys_open("/tmp", O_PATH, 0);
    CHECK_EQ(sys_fcntl(p, F_GETFL, 0), O_PATH);
    CHECK_EQ(sys_fcntl(p, F_SETFL, 0), -EBADF);
    CHECK(sys_dup(p) >= 0);
    shim_task.rlim[RLIMIT_NOFILE].rlim_cur = 8;
    long last = 0;
    while ((last = sys_dup(0)) >= 0)
        ;
    CHECK_EQ(last, -EMFILE);
    CHECK_EQ(sys_open("/dev/null", O_RDONLY, 0), -EMFILE);
    CHECK_EQ(sys_open("/nonexistent", O_RDONLY, 0), -EMFILE);
}

TEST(locks)
{
    kfs_write_file("/tmp/l", "0123456789");
    int fd = (int)sys_open("/tmp/l", O_RDWR, 0);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5 };
    CHECK_EQ(sys_fcntl(fd, F_SETLK, (unsigned long)&fl), 0);
    fl.l_type = F_WRLCK;
    CHECK_EQ(sys_fcntl(fd, F_GETLK, (unsigned long)&fl), 0);
    CHECK_EQ(fl.l_type, F_UNLCK);   /* our own lock never conflicts */
    /* another open file description: OFD locks conflict with it */
    int fd2 = (int)sys_open("/tmp/l", O_RDWR, 0);
    struct flock o = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 1 };
    CHECK_EQ(sys_fcntl(fd2, F_OFD_SETLK, (unsigned long)&o), -EAGAIN);   /* OFD vs POSIX conflict */
    o.l_start = 7;
    CHECK_EQ(sys_fcntl(fd2, F_OFD_SETLK, (unsigned long)&o), 0);
    struct flock o2 = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    CHECK_EQ(sys_fcntl(fd, F_OFD_GETLK, (unsigned long)&o2), 0);
    CHECK_EQ(o2.l_type, F_WRLCK);
    CHECK_EQ(o2.l_start, 7);
    CHECK_EQ(o2.l_len, 1);
    CHECK_EQ(o2.l_pid, -1);
    CHECK_EQ(sys_fcntl(fd, F_OFD_SETLK, (unsigned long)&o2), -EINVAL);   /* l_pid must be 0 */
    o2 = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET };
    CHECK_EQ(sys_fcntl(fd, F_OFD_SETLK, (unsigned long)&o2), -EAGAIN);
    fl.l_whence = 7;
    CHECK_EQ(sys_fcntl(fd, F_SETLK, (unsigned long)&fl), -EINVAL);
    CHECK_EQ(sys_fcntl(fd, F_SETLK, (unsigned long)SHIM_BAD), -EFAULT);
    int ro = (int)sys_open("/tmp/l", O_RDONLY, 0);
    struct flock wl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    CHECK_EQ(sys_fcntl(ro, F_SETLK, (unsigned long)&wl), -EBADF);
    CHECK_EQ(sys_flock(fd, LOCK_EX | LOCK_NB), 0);
    CHECK_EQ(sys_flock(fd2, LOCK_SH | LOCK_NB), -EWOULDBLOCK);
    CHECK_EQ(sys_flock(fd, LOCK_SH | LOCK_NB), 0);
    CHECK_EQ(sys_flock(fd2, LOCK_SH | LOCK_NB), 0);
    CHECK_EQ(sys_flock(fd, 99), -EINVAL);
    CHECK_EQ(sys_close(fd2), 0);
    CHECK_EQ(sys_fcntl(fd, F_OFD_SETLK, (unsigned long)&o2), 0);   /* the OFD lock went with fd2 */
}
#endif
