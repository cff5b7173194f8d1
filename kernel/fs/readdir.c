/*
 * readdir.c — getdents64 (and the old getdents): the file system's iterate op emits entries
 * through a dir_context; filldir64 packs them as struct linux_dirent64 records into the
 * user's buffer. Each record's d_off is the position to resume after it, which is the
 * position in effect when the next entry is emitted (or when the walk ends).
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"

struct getdents_ctx {
    struct dir_context ctx;
    char *ubuf;
    size_t count;       /* bytes left */
    size_t used;
    int64_t prev_off;   /* where the previous record's d_off is, -1 if none */
    int error;
    bool old;           /* struct linux_dirent (getdents) rather than linux_dirent64 */
};

/* The record layouts (Linux keeps them outside its uapi headers). */
#define DIRENT64_NAME_OFF 19    /* u64 ino, s64 off, u16 reclen, u8 type */
#define DIRENT_NAME_OFF 18      /* ulong ino, ulong off, u16 reclen; type in the last byte */

static bool put_off(struct getdents_ctx *g, int64_t pos)
{
    if (g->prev_off < 0)
        return true;
    if (copy_to_user(g->ubuf + g->prev_off, &pos, sizeof(pos))) {
        g->error = -EFAULT;
        return false;
    }
    return true;
}

static bool filldir(struct dir_context *ctx, const char *name, size_t len, uint64_t ino, unsigned dtype)
{
    struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
    size_t name_off = g->old ? DIRENT_NAME_OFF : DIRENT64_NAME_OFF;
    size_t reclen = ALIGN_UP(name_off + len + (g->old ? 2 : 1), (size_t)8);
    if (reclen > g->count) {
        if (!g->used)
            g->error = -EINVAL;
        return false;
    }
    if (!put_off(g, ctx->pos))
        return false;
    /* Only the fields and the name's NUL are written: the padding keeps whatever the
       buffer held, as on Linux (the checker compares every byte). */
    char rec[DIRENT64_NAME_OFF + 2 + 256 + 8];
    memset(rec, 0, sizeof(rec));
    memcpy(rec, &ino, 8);
    uint16_t rl = (uint16_t)reclen;
    memcpy(rec + 16, &rl, 2);
    if (!g->old)
        rec[18] = (char)dtype;
    memcpy(rec + name_off, name, len);
    char type = (char)dtype;
    if (copy_to_user(g->ubuf + g->used, rec, name_off + len + 1) ||
        (g->old && copy_to_user(g->ubuf + g->used + reclen - 1, &type, 1))) {
        g->error = -EFAULT;
        return false;
    }
    g->prev_off = (int64_t)g->used + 8;
    g->used += reclen;
    g->count -= reclen;
    return true;
}

static long do_getdents(int fd, void *ubuf, unsigned count, bool old)
{
    struct file *f = fd_get(fd);
    if (!f)
        return -EBADF;
    long ret;
    if (!f->ops || !f->ops->iterate) {
        ret = -ENOTDIR;
        goto out;
    }
    if (f->inode->nlink == 0) {
        ret = -ENOENT;   /* a removed directory lists nothing: Linux's IS_DEADDIR */
        goto out;
    }
    struct getdents_ctx g = {
        .ctx = { .emit = filldir, .pos = f->pos },
        .ubuf = ubuf, .count = count, .prev_off = -1, .old = old,
    };
    ret = f->ops->iterate(f, &g.ctx);
    if (!ret)
        ret = g.error;
    if (g.used) {
        /* The last record's d_off is where the walk stopped. */
        if (put_off(&g, g.ctx.pos))
            f->pos = g.ctx.pos;
        ret = g.error ? g.error : (long)g.used;
    } else if (!ret) {
        f->pos = g.ctx.pos;
    }
    inode_touch_a(f->inode);
out:
    file_put(f);
    return ret;
}

long sys_getdents64(int fd, void *ubuf, unsigned count)
{
    return do_getdents(fd, ubuf, count, false);
}

long sys_getdents(int fd, void *ubuf, unsigned count)
{
    return do_getdents(fd, ubuf, count, true);
}
