/*
 * pipe.h — the pipe object shared by pipe(2) ends and FIFO opens (pipe.c), and the
 * helpers fcntl and ioctl use on it.
 */
#ifndef KERNEL_FS_PIPE_H
#define KERNEL_FS_PIPE_H
#include "kernel/fs/vfs.h"
#include "kernel/proc/wait.h"

#define PIPE_DEF_BUFFERS 16
#define PIPE_MAX_SIZE (1024 * 1024)   /* /proc/sys/fs/pipe-max-size */

struct pipe_buf {
    char *page;
    unsigned offset, len;
};

struct pipe {
    struct pipe_buf *bufs;       /* ring of max_usage slots */
    unsigned max_usage;          /* slots: a power of two */
    unsigned head, tail;         /* producer and consumer counters (slot = counter % max_usage) */
    int readers, writers;
    unsigned r_counter, w_counter;  /* opens so far, for FIFO open wakeups and POLLHUP */
    struct waitqueue wq;         /* readers, writers and FIFO openers all wait here */
};

long pipe_fcntl(struct file *f, unsigned cmd, unsigned long arg);

#endif
