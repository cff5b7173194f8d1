/*
 * fs_context.h — a process's place in the file tree: its root, its current directory
 * and its umask. Refcounted so that CLONE_FS can share one; fork clones it.
 */
#ifndef KERNEL_FS_FS_CONTEXT_H
#define KERNEL_FS_FS_CONTEXT_H

struct inode;

struct fs_context {
    int refs;
    struct inode *root;
    struct inode *cwd;
    unsigned umask;
};

struct fs_context *fs_context_create(void);
struct fs_context *fs_context_clone(struct fs_context *fs);
void fs_context_get(struct fs_context *fs);
void fs_context_put(struct fs_context *fs);

#endif
