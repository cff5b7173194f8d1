/*
 * fs_context.c — root, cwd and umask of a process (see fs_context.h). The root and cwd
 * hold inode references.
 */
#include "kernel/fs/fs_context.h"
#include "kernel/fs/vfs.h"

extern struct inode *vfs_root_inode;   /* the root of the initial tmpfs, set by vfs_init */

struct fs_context *fs_context_create(void)
{
    struct fs_context *fs = kzalloc(sizeof(*fs));
    if (!fs)
        return NULL;
    fs->refs = 1;
    fs->root = inode_get(vfs_root_inode);
    fs->cwd = inode_get(vfs_root_inode);
    fs->umask = 022;
    return fs;
}

struct fs_context *fs_context_clone(struct fs_context *old)
{
    struct fs_context *fs = kzalloc(sizeof(*fs));
    if (!fs)
        return NULL;
    fs->refs = 1;
    fs->root = inode_get(old->root);
    fs->cwd = inode_get(old->cwd);
    fs->umask = old->umask;
    return fs;
}

void fs_context_get(struct fs_context *fs)
{
    fs->refs++;
}

void fs_context_put(struct fs_context *fs)
{
    if (!fs || --fs->refs > 0)
        return;
    inode_put(fs->root);
    inode_put(fs->cwd);
    kfree(fs);
}
