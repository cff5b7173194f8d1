/*
 * file.c — open file descriptions: creation from an inode and reference counting. The
 * last file_put() calls the file's release op and drops the inode reference.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/locks.h"

struct file *file_alloc(struct inode *inode, unsigned flags)
{
    struct file *f = kzalloc(sizeof(*f));
    if (!f)
        return NULL;
    f->refs = 1;
    f->inode = inode_get(inode);
    f->flags = flags;
    if (!(flags & O_PATH)) {
        unsigned acc = flags & O_ACCMODE;
        f->readable = acc == O_RDONLY || acc == O_RDWR;
        f->writable = acc == O_WRONLY || acc == O_RDWR;
    }
    return f;
}

struct file *file_get(struct file *f)
{
    if (f)
        f->refs++;
    return f;
}

void file_put(struct file *f)
{
    if (!f || --f->refs > 0)
        return;
    locks_remove_file(f);
    if (f->ops && f->ops->release)
        f->ops->release(f);
    inode_put(f->inode);
    kfree(f);
}
