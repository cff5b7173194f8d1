/*
 * tmpfs.h — what tmpfs's two files share: its directory (tmpfs.c) and regular file
 * (tmpfs_file.c) halves, and the ops tables other parts of fs/ reuse (devfs and procfs
 * are tmpfs instances with device nodes or nothing in them).
 */
#ifndef KERNEL_FS_TMPFS_H
#define KERNEL_FS_TMPFS_H
#include "kernel/fs/vfs.h"

/* Directory entry sizes as tmpfs reports them in a directory's st_size. */
#define TMPFS_BOGO_DIRENT 20

extern const struct inode_ops tmpfs_file_iops;
extern const struct file_ops tmpfs_file_fops;
extern const struct inode_ops tmpfs_dir_iops;
extern const struct file_ops tmpfs_dir_fops;
extern const struct inode_ops tmpfs_symlink_iops;

/* A new regular file inode (no name yet) with its page store. */
struct inode *tmpfs_new_file(struct super_block *sb, unsigned mode);
/* A new directory inode whose parent is parent (itself for a root). */
struct inode *tmpfs_new_dir(struct super_block *sb, unsigned mode, struct inode *parent);
/* Remove everything below dir, mounted file systems included (a new tree replaces the old
   one in check mode: vfs_init). Inodes still referenced live on until their last put. */
void tmpfs_wipe(struct inode *dir);
/* Give a new non-directory, non-regular inode (FIFO, device, socket) its ops. */
void tmpfs_init_special(struct inode *inode, unsigned mode, uint32_t rdev);

/* statfs for every tmpfs-like super block, and the size-less answer (statfs.c). */
void tmpfs_statfs(struct super_block *sb, struct statfs *st);
void generic_statfs(struct super_block *sb, struct statfs *st);

#endif
