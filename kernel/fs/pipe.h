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
    bool can_merge;              /* small writes may top it up (not spliced or tee'd ones) */
};

struct pipe {
    struct pipe_buf *bufs;       /* ring of max_usage slots */
    unsigned max_usage;          /* slots: a power of two */
    unsigned head, tail;         /* producer and consumer counters (slot = counter % max_usage) */
    int readers, writers;
    unsigned r_counter, w_counter;  /* opens so far, for FIFO open wakeups and POLLHUP */
    struct waitqueue wq;         /* readers, writers and FIFO openers all wait here */
    char *tmp_page;              /* the last page a read emptied, kept for the next write */
};

long pipe_fcntl(struct file *f, unsigned cmd, unsigned long arg);
/* The pipe behind a pipe or FIFO file, or NULL (splice.c tells pipes from files with it). */
struct pipe *pipe_of(struct file *f);
/* Wait until the pipe has room (or fail: -EAGAIN when nonblock, -EPIPE without readers) and
   return how many bytes fit in its free slots. */
long pipe_wait_space(struct pipe *p, bool nonblock);
long pipe_tee(struct pipe *in, struct pipe *out, size_t len, bool nonblock);
/* splice between two pipes: move up to len bytes, buffer by buffer. */
long pipe_move(struct pipe *in, struct pipe *out, size_t len, bool nonblock);
/* Append n bytes as a buffer of their own (splice from a file: one per file page); the
   caller made sure a slot is free. */
int pipe_add_buf(struct pipe *p, const char *data, size_t n);

#endif
