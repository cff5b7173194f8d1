/*
 * memfd.c — memfd_create and file seals (F_ADD_SEALS, F_GET_SEALS). A memfd is a tmpfs file
 * with no name on an internal tmpfs instance; /proc shows it as "/memfd:NAME (deleted)", as
 * Linux does. Other tmpfs files answer F_GET_SEALS with F_SEAL_SEAL, as on Linux. Seals are
 * kept on the inode and enforced where the size or data would change
 * (memfd_check_write, memfd_check_size).
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/uaccess.h"
#include <linux/memfd.h>
#include <linux/magic.h>

#define MFD_NOEXEC_SEAL_K 0x0008U
#define MFD_EXEC_K 0x0010U
#define F_SEAL_EXEC_K 0x0020
#define MFD_NAME_MAX (FS_NAME_MAX - 6)   /* "memfd:" + name fits a file name */
#define SEALS_KNOWN (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC_K)

static struct super_block *memfd_sb;

long sys_memfd_create(const char *uname, unsigned flags)
{
    if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL_K | MFD_EXEC_K))
        return -EINVAL;
    if (flags & MFD_HUGETLB)
        return -EINVAL;   /* no hugetlbfs here */
    if ((flags & MFD_EXEC_K) && (flags & MFD_NOEXEC_SEAL_K))
        return -EINVAL;
    char name[MFD_NAME_MAX + 8];
    memcpy(name, "memfd:", 6);
    long n = strncpy_from_user(name + 6, uname, MFD_NAME_MAX + 1);
    if (n == -ENAMETOOLONG)
        return -EINVAL;
    if (n < 0)
        return n;
    if (!memfd_sb && !(memfd_sb = tmpfs_create("memfd")))
        return -ENOMEM;
    bool noexec = flags & MFD_NOEXEC_SEAL_K;
    struct inode *inode = tmpfs_new_file(memfd_sb, noexec ? 0666 : 0777);
    if (!inode)
        return -ENOMEM;
    inode->sealable = noexec || (flags & MFD_ALLOW_SEALING);
    inode->seals = inode->sealable ? (noexec ? F_SEAL_EXEC_K : 0) : F_SEAL_SEAL;
    inode->dead_path = kmalloc((size_t)n + 8);
    if (inode->dead_path) {
        inode->dead_path[0] = '/';
        memcpy(inode->dead_path + 1, name, (size_t)n + 7);
    }
    struct file *f;
    int err = vfs_open_inode(inode, O_RDWR | O_LARGEFILE, &f);
    if (err) {
        inode_maybe_free(inode);
        return err;
    }
    return fd_install_new(f, (flags & MFD_CLOEXEC) ? O_CLOEXEC : 0);
}

long memfd_fcntl(struct file *f, unsigned cmd, unsigned long arg)
{
    struct inode *inode = f->inode;
    if (!S_ISREG(inode->mode) || inode->sb->magic != TMPFS_MAGIC)
        return -EINVAL;   /* every tmpfs file answers (sealed with F_SEAL_SEAL unless a memfd) */
    if (cmd == F_GET_SEALS)
        return inode->seals;
    if (arg & ~(unsigned long)SEALS_KNOWN)
        return -EINVAL;
    if (!f->writable)
        return -EPERM;
    if (inode->seals & F_SEAL_SEAL)
        return -EPERM;
    inode->seals |= (unsigned)arg;
    return 0;
}

int memfd_check_write(struct inode *inode, uint64_t end)
{
    if (inode->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
        return -EPERM;
    if ((inode->seals & F_SEAL_GROW) && end > inode->size)
        return -EPERM;
    return 0;
}

int memfd_check_size(struct inode *inode, uint64_t size)
{
    if ((inode->seals & F_SEAL_SHRINK) && size < inode->size)
        return -EPERM;
    if ((inode->seals & F_SEAL_GROW) && size > inode->size)
        return -EPERM;
    return 0;
}
