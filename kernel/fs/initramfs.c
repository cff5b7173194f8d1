/*
 * initramfs.c — unpacks the root archive (cpio "newc", magic 070701 or 070702) into the
 * root tmpfs: regular files (with hard links), directories, symlinks and special nodes,
 * with their modes, owners and mtimes (atime = mtime, as Linux's initramfs sets them;
 * directory times are set last, once their contents are in).
 *
 * The archive is untrusted: every field and length is checked against the buffer, and a
 * malformed archive is an error (-EINVAL), never a crash.
 */
#include "kernel/fs/vfs.h"

#define NEWC_HDR 110

struct newc {
    uint32_t ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
        namesize, check;
};

static int parse_hex8(const char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        char c = p[i];
        uint32_t d;
        if (c >= '0' && c <= '9') d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = (uint32_t)(c - 'A' + 10);
        else return -EINVAL;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

static int parse_header(const char *p, struct newc *h)
{
    if (memcmp(p, "070701", 6) && memcmp(p, "070702", 6))
        return -EINVAL;
    uint32_t *f = &h->ino;
    for (int i = 0; i < 13; i++)
        if (parse_hex8(p + 6 + 8 * i, &f[i]))
            return -EINVAL;
    return 0;
}

struct hardlink {
    uint32_t ino, devmajor, devminor;
    struct inode *inode;
};

struct unpack {
    struct inode *root;
    struct hardlink *links;
    size_t nlinks, caplinks;
    struct inode **dirs;     /* directories whose mtime is set at the end */
    uint32_t *dir_mtimes;
    size_t ndirs, capdirs;
};

static int remember_dir(struct unpack *u, struct inode *dir, uint32_t mtime)
{
    if (u->ndirs == u->capdirs) {
        size_t cap = u->capdirs ? u->capdirs * 2 : 64;
        struct inode **d = kmalloc(cap * sizeof(*d));
        uint32_t *m = kmalloc(cap * sizeof(*m));
        if (!d || !m) {
            kfree(d);
            kfree(m);
            return -ENOMEM;
        }
        if (u->ndirs) {
            memcpy(d, u->dirs, u->ndirs * sizeof(*d));
            memcpy(m, u->dir_mtimes, u->ndirs * sizeof(*m));
        }
        kfree(u->dirs);
        kfree(u->dir_mtimes);
        u->dirs = d;
        u->dir_mtimes = m;
        u->capdirs = cap;
    }
    u->dirs[u->ndirs] = inode_get(dir);
    u->dir_mtimes[u->ndirs++] = mtime;
    return 0;
}

static struct hardlink *find_link(struct unpack *u, const struct newc *h)
{
    for (size_t i = 0; i < u->nlinks; i++)
        if (u->links[i].ino == h->ino && u->links[i].devmajor == h->devmajor &&
            u->links[i].devminor == h->devminor)
            return &u->links[i];
    return NULL;
}

static int add_link(struct unpack *u, const struct newc *h, struct inode *inode)
{
    if (u->nlinks == u->caplinks) {
        size_t cap = u->caplinks ? u->caplinks * 2 : 16;
        struct hardlink *l = kmalloc(cap * sizeof(*l));
        if (!l)
            return -ENOMEM;
        if (u->nlinks)
            memcpy(l, u->links, u->nlinks * sizeof(*l));
        kfree(u->links);
        u->links = l;
        u->caplinks = cap;
    }
    u->links[u->nlinks++] = (struct hardlink){ h->ino, h->devmajor, h->devminor, inode_get(inode) };
    return 0;
}

static int write_data(struct inode *inode, const char *data, size_t len)
{
    struct file *f;
    int err = vfs_open_inode(inode, O_WRONLY, &f);
    if (err)
        return err;
    struct kvec v = { (void *)data, len };
    struct iov_iter it;
    iov_iter_init(&it, &v, 1, len, true);
    int64_t pos = 0;
    long n = len ? vfs_write(f, &it, &pos) : 0;
    file_put(f);
    return n < 0 ? (int)n : (size_t)n == len ? 0 : -ENOSPC;
}

static void set_attrs(struct inode *inode, const struct newc *h)
{
    inode->mode = (inode->mode & S_IFMT) | (h->mode & 07777);
    inode->uid = h->uid;
    inode->gid = h->gid;
    inode->mtime.sec = inode->atime.sec = h->mtime;
    inode->mtime.nsec = inode->atime.nsec = 0;
}

static bool has_nul(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!p[i])
            return true;
    return false;
}

/* Reject names that climb ("..") so that the archive stays inside the root. */
static bool name_ok(const char *name)
{
    for (const char *p = name; *p;) {
        const char *e = p;
        while (*e && *e != '/')
            e++;
        if (e - p == 2 && p[0] == '.' && p[1] == '.')
            return false;
        p = *e ? e + 1 : e;
    }
    return true;
}

static int unpack_entry(struct unpack *u, const struct newc *h, const char *name, const char *data)
{
    while (name[0] == '.' && name[1] == '/')
        name += 2;
    while (*name == '/')
        name++;
    if (!name_ok(name))
        return -EINVAL;
    if (!*name || !strcmp(name, ".")) {
        if (!S_ISDIR(h->mode))
            return -EINVAL;
        set_attrs(u->root, h);
        return remember_dir(u, u->root, h->mtime);
    }
    struct inode *dir, *inode = NULL, *old;
    const char *last;
    size_t len;
    bool slash;
    int err = vfs_lookup_parent_from(u->root, name, 0, &dir, &last, &len, &slash);
    if (err)
        return err;
    if (len == 0 || (len == 1 && last[0] == '.')) {
        err = -EINVAL;
        goto out;
    }
    if (dir->iops->lookup(dir, last, len, &old) == 0) {
        if (S_ISDIR(old->mode) && S_ISDIR(h->mode)) {
            set_attrs(old, h);
            err = remember_dir(u, old, h->mtime);
            goto out;
        }
        if (S_ISDIR(old->mode)) {
            err = -EEXIST;
            goto out;
        }
        dir->iops->unlink(dir, last, len);
    }
    unsigned type = h->mode & S_IFMT;
    struct hardlink *hl;
    switch (type) {
    case S_IFREG:
        if (h->nlink >= 2 && (hl = find_link(u, h))) {
            err = dir->iops->link(hl->inode, dir, last, len);
            inode = hl->inode;
        } else {
            err = dir->iops->mknod(dir, last, len, S_IFREG | (h->mode & 07777), 0, &inode);
            if (!err && h->nlink >= 2)
                err = add_link(u, h, inode);
        }
        if (!err && h->filesize)
            err = write_data(inode, data, h->filesize);
        break;
    case S_IFDIR:
        err = dir->iops->mkdir(dir, last, len, h->mode & 07777, &inode);
        if (!err)
            err = remember_dir(u, inode, h->mtime);
        break;
    case S_IFLNK: {
        if (h->filesize == 0 || h->filesize >= FS_PATH_MAX || has_nul(data, h->filesize)) {
            err = -EINVAL;
            break;
        }
        char *target = kmalloc(h->filesize + 1);
        if (!target) {
            err = -ENOMEM;
            break;
        }
        memcpy(target, data, h->filesize);
        target[h->filesize] = 0;
        err = dir->iops->symlink(dir, last, len, target, &inode);
        kfree(target);
        break;
    }
    case S_IFCHR:
    case S_IFBLK:
    case S_IFIFO:
    case S_IFSOCK: {
        uint32_t ma = h->rdevmajor, mi = h->rdevminor;
        uint32_t rdev = (mi & 0xff) | ((ma & 0xfff) << 8) | ((mi & ~0xffu) << 12);
        err = dir->iops->mknod(dir, last, len, type | (h->mode & 07777), rdev, &inode);
        break;
    }
    default:
        err = -EINVAL;
    }
    if (!err && inode)
        set_attrs(inode, h);
out:
    inode_put(dir);
    return err;
}

int initramfs_unpack(struct inode *root, const void *cpio, size_t len)
{
    const char *buf = cpio;
    struct unpack u = { .root = root };
    size_t off = 0;
    int err = -EINVAL;   /* an archive without a trailer is malformed */
    while (off < len) {
        /* Padding between archives (zeros) is allowed, as Linux allows it. */
        if (buf[off] == 0) {
            off++;
            continue;
        }
        struct newc h;
        if (len - off < NEWC_HDR || parse_header(buf + off, &h)) {
            err = -EINVAL;
            break;
        }
        size_t name_off = off + NEWC_HDR;
        if (h.namesize == 0 || h.namesize > FS_PATH_MAX || h.namesize > len - name_off) {
            err = -EINVAL;
            break;
        }
        const char *name = buf + name_off;
        if (name[h.namesize - 1] != 0 || strlen(name) != h.namesize - 1) {
            err = -EINVAL;
            break;
        }
        size_t data_off = ALIGN_UP(name_off + h.namesize, (size_t)4);
        if (data_off > len || h.filesize > len - data_off) {
            err = -EINVAL;
            break;
        }
        if (!strcmp(name, "TRAILER!!!")) {
            err = 0;
            off = ALIGN_UP(data_off + h.filesize, (size_t)4);
            continue;   /* another archive may follow */
        }
        err = unpack_entry(&u, &h, name, buf + data_off);
        if (err)
            break;
        err = -EINVAL;
        off = ALIGN_UP(data_off + h.filesize, (size_t)4);
    }
    for (size_t i = 0; i < u.ndirs; i++) {
        u.dirs[i]->mtime.sec = u.dirs[i]->atime.sec = u.dir_mtimes[i];
        u.dirs[i]->mtime.nsec = u.dirs[i]->atime.nsec = 0;
        inode_put(u.dirs[i]);
    }
    for (size_t i = 0; i < u.nlinks; i++)
        inode_put(u.links[i].inode);
    kfree(u.dirs);
    kfree(u.dir_mtimes);
    kfree(u.links);
    return err;
}
