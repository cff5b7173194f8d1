/*
 * anon_inode.c — files that are not in any directory (eventfd, timerfd, signalfd, epoll) share
 * one inode, as on Linux's anon_inodefs: fstat shows mode 0600 with no file type, one st_ino
 * for all of them, and lseek gives ESPIPE (no llseek op).
 */
#include "kernel/events/evwait.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include <linux/magic.h>

static struct inode *anon_inode(void)
{
    static struct inode *inode;
    if (!inode) {
        struct super_block *sb = sb_create("anon_inodefs", ANON_INODE_FS_MAGIC);
        if (!sb)
            return NULL;
        inode = inode_alloc(sb, S_IRUSR | S_IWUSR);
        if (!inode)
            return NULL;
        inode->nlink = 1;
        inode->anon = true;   /* in no directory (/proc shows anon_inode:) */
        inode_get(inode);     /* never freed */
    }
    return inode;
}

int anon_fd_create(const struct file_ops *ops, void *priv, unsigned flags, bool cloexec)
{
    struct inode *inode = anon_inode();
    struct file *f = inode ? file_alloc(inode, flags) : NULL;
    if (!f) {
        if (ops->release) {
            struct file tmp = { .priv = priv };
            ops->release(&tmp);
        }
        return -ENFILE;
    }
    f->ops = ops;
    f->priv = priv;
    return fd_install_new(f, cloexec ? O_CLOEXEC : 0);
}
