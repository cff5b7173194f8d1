/*
 * vfs_init.c — building the file tree at boot and the starting fds of the first program.
 *
 * The tree matches the recording sandbox's (recorder/sandbox_init.c): a tmpfs root holding
 * the unpacked initramfs, a fresh tmpfs on /tmp, a tmpfs on /dev with the device nodes of
 * devfs.c, and an (empty, for now) instance on /proc. stdio_install gives fd 0 = /dev/null
 * read-only and fds 1 and 2 = host pipes (hostpipe.c), as docs/interfaces.md says.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/fs/fdtable.h"
#include <linux/magic.h>

extern struct inode *vfs_root_inode;

/* The directory name in root, made with mode if it is missing. */
static int ensure_dir(struct inode *root, const char *name, unsigned mode, struct inode **out)
{
    size_t len = strlen(name);
    if (root->iops->lookup(root, name, len, out) == 0)
        return S_ISDIR((*out)->mode) ? 0 : -ENOTDIR;
    return root->iops->mkdir(root, name, len, mode, out);
}

static int mount_new(struct inode *root, const char *dirname, const char *fsname, unsigned long magic,
                     unsigned mode, unsigned mnt_flags, struct super_block **out)
{
    struct inode *dir;
    int err = ensure_dir(root, dirname, 0755, &dir);
    if (err)
        return err;
    struct super_block *sb = tmpfs_create(fsname);
    if (!sb)
        return -ENOMEM;
    sb->magic = magic;
    sb->mnt_flags = mnt_flags;
    sb->root->mode = S_IFDIR | mode;
    err = vfs_mount(sb, dir);
    if (!err && out)
        *out = sb;
    return err;
}

int vfs_init(const void *cpio, size_t len)
{
    /* Check mode builds a fresh tree for every trace: the previous one goes first. */
    if (vfs_root_inode)
        tmpfs_wipe(vfs_root_inode);
    struct super_block *rootfs = tmpfs_create("rootfs");
    if (!rootfs)
        return -ENOMEM;
    rootfs->root->mode = S_IFDIR | 0755;
    vfs_root_inode = rootfs->root;
    int err = cpio ? initramfs_unpack(rootfs->root, cpio, len) : 0;
    if (err) {
        printk("vfs: the root archive is malformed (%d)\n", err);
        return err;
    }
    /* The mounts, their modes and options as the recording sandbox makes them. */
    struct super_block *dev = NULL;
    err = mount_new(rootfs->root, "tmp", "tmpfs", TMPFS_MAGIC, 01777, ST_NOSUID | ST_NODEV, NULL);
    if (!err)
        err = mount_new(rootfs->root, "dev", "devtmp", TMPFS_MAGIC, 0755, ST_NOSUID, &dev);
    if (!err)
        err = devfs_populate(dev->root);
    struct super_block *proc = NULL;
    if (!err)
        err = mount_new(rootfs->root, "proc", "proc", PROC_SUPER_MAGIC, 0555,
                        ST_NOSUID | ST_NODEV | ST_NOEXEC, &proc);
    if (!err)
        procfs_init(proc);
    if (err)
        printk("vfs: cannot set up /dev, /tmp or /proc (%d)\n", err);
    return err;
}

int stdio_install(struct fdtable *fdt)
{
    struct file *in;
    int err = kernel_open("/dev/null", O_RDONLY, &in);
    if (err)
        return err;
    struct file *out = hostpipe_open(1), *errf = hostpipe_open(2);
    if (!out || !errf) {
        file_put(in);
        file_put(out);
        file_put(errf);
        return -ENOMEM;
    }
    fd_install_at(fdt, 0, in, false);
    fd_install_at(fdt, 1, out, false);
    fd_install_at(fdt, 2, errf, false);
    return 0;
}
