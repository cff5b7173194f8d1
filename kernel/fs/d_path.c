/*
 * d_path.c — the path of an inode, for getcwd and /proc's links. There is no dentry cache,
 * so a directory's path is found by going up its parent pointers and asking each parent
 * for the child's name; any other inode is first searched for in the tree (depth first,
 * from the process root, crossing mounts) to find its directory, which is slow but only
 * /proc needs it.
 */
#include "kernel/fs/vfs.h"

/* The directory whose entry names *inode (a mounted root is named by what it covers). */
static struct inode *named_by(struct inode **inode)
{
    while (*inode == (*inode)->sb->root && (*inode)->sb->mountpoint)
        *inode = (*inode)->sb->mountpoint;
    return (*inode)->parent;
}

/* Prepend "/name" for each directory from dir up to root; *pos moves left. */
static int dir_path(struct inode *root, struct inode *dir, char *buf, size_t *pos)
{
    while (dir != root) {
        struct inode *named = dir;
        struct inode *parent = named_by(&named);
        if (parent == named)
            break;   /* the top of the tree, outside the process root: shown from "/" */
        char name[FS_NAME_MAX + 1];
        int len = parent->iops->name_of(parent, named, name, sizeof(name));
        if (len < 0)
            return len;
        if ((size_t)len + 1 > *pos)
            return -ENAMETOOLONG;
        *pos -= (size_t)len;
        memcpy(buf + *pos, name, (size_t)len);
        buf[--*pos] = '/';
        dir = parent;
    }
    return 0;
}

struct search {
    struct inode *target;
    struct inode *found;     /* the directory holding target */
    int depth;
};

static bool search_dir(struct search *s, struct inode *dir);

static bool visit(void *arg, struct inode *child, const char *name, size_t len)
{
    (void)name, (void)len;
    struct search *s = arg;
    if (child == s->target) {
        s->found = NULL;   /* set by the caller, which knows the directory */
        return true;
    }
    while (child->mounted)
        child = child->mounted->root;
    return S_ISDIR(child->mode) && search_dir(s, child);
}

static bool search_dir(struct search *s, struct inode *dir)
{
    if (!dir->iops || !dir->iops->for_each_child || s->depth > 64)
        return false;
    s->depth++;
    bool hit = dir->iops->for_each_child(dir, visit, s);
    if (hit && !s->found)
        s->found = dir;   /* the hit was in dir itself, not deeper */
    s->depth--;
    return hit;
}

int vfs_d_path(struct inode *inode, char *buf, size_t size)
{
    struct inode *root = vfs_root();
    char *tmp = kmalloc(FS_PATH_MAX);
    if (!tmp)
        return -ENOMEM;
    size_t pos = FS_PATH_MAX - 1;
    int err = 0;
    tmp[pos] = 0;
    struct inode *dir = inode;
    if (!S_ISDIR(inode->mode)) {
        struct search s = { inode, NULL, 0 };
        if (inode->nlink == 0 || !search_dir(&s, root)) {
            err = -ENOENT;
            goto out;
        }
        dir = s.found;
        char name[FS_NAME_MAX + 1];
        int len = dir->iops->name_of(dir, inode, name, sizeof(name));
        if (len < 0) {
            err = len;
            goto out;
        }
        pos -= (size_t)len;
        memcpy(tmp + pos, name, (size_t)len);
        tmp[--pos] = '/';
    } else if (inode->nlink == 0) {
        err = -ENOENT;
        goto out;
    }
    err = dir_path(root, dir, tmp, &pos);
    if (err)
        goto out;
    if (pos == FS_PATH_MAX - 1)
        tmp[--pos] = '/';
    size_t len = FS_PATH_MAX - 1 - pos;
    if (len + 1 > size) {
        err = -ENAMETOOLONG;
        goto out;
    }
    memcpy(buf, tmp + pos, len + 1);
    err = (int)len;
out:
    kfree(tmp);
    return err;
}
