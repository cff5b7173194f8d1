/*
 * super.c — super blocks (one per mounted file system instance) and mounting one over a
 * directory. Each instance gets a fixed anonymous device number (st_dev) and a mount id
 * (statx's stx_mnt_id), both in creation order.
 */
#include "kernel/fs/vfs.h"

static uint32_t next_anon_minor = 16;
static int next_mnt_id = 20;

struct super_block *sb_create(const char *name, unsigned long magic)
{
    struct super_block *sb = kzalloc(sizeof(*sb));
    if (!sb)
        return NULL;
    uint32_t minor = next_anon_minor++;
    sb->dev = (minor & 0xff) | ((minor & ~0xffu) << 12);   /* major 0, Linux's new_encode_dev */
    sb->magic = magic;
    sb->mnt_id = next_mnt_id++;
    sb->next_ino = 1;
    sb->name = name;
    return sb;
}

int vfs_mount(struct super_block *sb, struct inode *dir)
{
    if (!S_ISDIR(dir->mode))
        return -ENOTDIR;
    if (dir->mounted)
        return -EBUSY;
    dir->mounted = sb;
    sb->mountpoint = inode_get(dir);
    sb->root->parent = inode_get(dir->parent);   /* ".." from the mounted root */
    return 0;
}
