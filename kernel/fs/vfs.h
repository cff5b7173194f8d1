/*
 * vfs.h — the virtual file system's objects and the interface the rest of the kernel uses.
 *
 * Three kinds of object, each carrying a constant ops table (generic code never switches on a
 * type; a missing op gets the errno Linux gives, decided once in the generic caller):
 *   struct super_block  one mounted file system instance (tmpfs root, /dev, /tmp, /proc, pipefs);
 *   struct inode        a file system object (regular file, directory, symlink, FIFO, device);
 *   struct file         an open file description, shared by dup'ed fds and across fork.
 * There is no dentry cache: directories hold their entries themselves (tmpfs.c) and the path
 * walk (namei.c) goes from inode to inode; a mounted file system's root covers a directory.
 *
 * I/O moves through a struct iov_iter (iov_iter.c), so one read op serves read, readv, pread
 * and kernel_read (kernel buffers) alike.
 */
#ifndef KERNEL_FS_VFS_H
#define KERNEL_FS_VFS_H

#include "kernel/kernel.h"
#include "kernel/errno.h"
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <asm/stat.h>
#include <linux/fs.h>

struct inode;
struct file;
struct fdtable;
struct waitqueue;
struct dir_context;
struct super_block;
struct xattr;

/* Timestamps with nanoseconds, as stat shows them. */
typedef struct vfs_time {
    int64_t sec;
    long nsec;
} vfs_time;

/* ---- I/O iterator over user or kernel segments ---- */
struct kvec {
    void *base;
    size_t len;
};

struct iov_iter {
    const struct kvec *vec;
    int nr;          /* number of segments */
    int idx;         /* current segment */
    size_t skip;     /* bytes consumed from the current segment */
    size_t count;    /* bytes left in total */
    bool kernel;     /* segments are kernel addresses (kernel_read), not user ones */
};

void iov_iter_init(struct iov_iter *it, const struct kvec *vec, int nr, size_t count, bool kernel);
/* Copy up to n bytes; return the number copied (less than n on a fault or when the iterator ends). */
size_t copy_to_iter(struct iov_iter *it, const void *src, size_t n);
size_t copy_from_iter(struct iov_iter *it, void *dst, size_t n);
/* Zero up to n bytes of the destination (reads of holes, /dev/zero). */
size_t zero_to_iter(struct iov_iter *it, size_t n);

/* ---- super blocks and mounts ---- */
struct statfs;

struct super_ops {
    void (*statfs)(struct super_block *sb, struct statfs *st);
};

/* Mount flags as statfs shows them (Linux keeps these out of its uapi). */
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008

struct super_block {
    uint32_t dev;                 /* st_dev, already in Linux's user encoding */
    unsigned long magic;          /* statfs f_type */
    int mnt_id;                   /* statx stx_mnt_id */
    uint64_t next_ino;            /* inode numbers in creation order */
    struct inode *root;
    struct inode *mountpoint;     /* the directory this one covers (NULL for /) */
    const struct super_ops *ops;
    const char *name;             /* "tmpfs", "devtmpfs", "proc", "pipefs" */
    unsigned mnt_flags;           /* ST_NOSUID, ST_NODEV, ST_NOEXEC as statfs shows them */
    unsigned blksize;             /* st_blksize (0: PAGE_SIZE) */
    uint64_t used_inodes;         /* for statfs */
    uint64_t used_pages;
};

/* A fresh super block whose root is a new directory made by mkroot (tmpfs_make_root). */
struct super_block *sb_create(const char *name, unsigned long magic);
/* Mount sb over the directory dir (dir stays in place, covered). */
int vfs_mount(struct super_block *sb, struct inode *dir);

/* ---- inodes ---- */
struct inode_ops {
    /* Directories. name is not NUL-terminated; len > 0, no '/'. Existence checks are done by the caller. */
    int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
    /* New regular file, FIFO, socket or device node (type in mode). */
    int (*mknod)(struct inode *dir, const char *name, size_t len, unsigned mode, uint32_t rdev,
                 struct inode **out);
    int (*mkdir)(struct inode *dir, const char *name, size_t len, unsigned mode, struct inode **out);
    int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target,
                   struct inode **out);
    int (*link)(struct inode *target, struct inode *dir, const char *name, size_t len);
    /* Removes the entry (the caller checked types and emptiness). */
    int (*unlink)(struct inode *dir, const char *name, size_t len);
    int (*rmdir)(struct inode *dir, const char *name, size_t len);
    /* The caller checked every rule; this moves/exchanges the entries and fixes link counts. */
    int (*rename)(struct inode *odir, const char *oname, size_t olen,
                  struct inode *ndir, const char *nname, size_t nlen, unsigned flags);
    bool (*empty)(struct inode *dir);
    /* Unnamed regular file in dir (O_TMPFILE). */
    int (*tmpfile)(struct inode *dir, unsigned mode, struct inode **out);
    /* Call fn for each entry until it returns true; returns whether one did. */
    bool (*for_each_child)(struct inode *dir, bool (*fn)(void *arg, struct inode *child,
                                                          const char *name, size_t len), void *arg);
    /* Name of child in dir (getcwd): copies up to size bytes, returns the length or -ENOENT. */
    int (*name_of)(struct inode *dir, struct inode *child, char *buf, size_t size);

    /* Symlinks: the target, as stored (not NUL-terminated), and its length. */
    int (*get_link)(struct inode *inode, const char **target);
    /* /proc's "magic" links (exe, cwd, fd/N): following one goes straight to this inode
       (a reference), whatever the text says; NULL: follow the text (get_link). */
    struct inode *(*magic_link)(struct inode *inode);

    /* Regular files: set the size (zero-filling when growing). */
    int (*truncate)(struct inode *inode, uint64_t size);
    /* fallocate: allocate pages (growing the size unless FALLOC_FL_KEEP_SIZE) or punch a hole. */
    int (*allocate)(struct inode *inode, unsigned mode, uint64_t off, uint64_t len);
    /* Allocated-data queries for SEEK_DATA/SEEK_HOLE and st_blocks. */
    int64_t (*seek_data)(struct inode *inode, int64_t off, int whence);
};

struct inode {
    uint64_t ino;
    unsigned mode;              /* S_IFMT | permission bits */
    uint32_t nlink;
    uint32_t uid, gid;
    uint32_t rdev;              /* devices: Linux's user encoding of major:minor */
    uint64_t size;
    uint64_t blocks;            /* 512-byte units, as st_blocks */
    vfs_time atime, mtime, ctime, btime;
    int refs;                   /* holders other than directory entries (files, cwd, walks) */
    struct super_block *sb;
    const struct inode_ops *iops;
    const struct file_ops *fops;  /* what open() gives a file on this inode */
    struct inode *parent;       /* directories: the directory that holds this one */
    struct super_block *mounted;  /* directories: the file system mounted here, if any */
    struct pipe *pipe;          /* FIFOs: the pipe while it is open */
    bool linkable;              /* O_TMPFILE without O_EXCL: linkat may give it a name */
    bool anon;                  /* in no directory (pipes): freed with its last reference */
    char *dead_path;            /* its path when its last name went while it was open ("(deleted)") */
    struct xattr *xattrs;       /* extended attributes (xattr.c) */
    unsigned seals;             /* memfd seals, F_SEAL_* (memfd.c) */
    bool sealable;
    void *priv;                 /* the file system's own data (pages, entries, link target) */
    void (*destroy)(struct inode *);  /* frees priv when the last link and reference go */
};

struct inode *inode_alloc(struct super_block *sb, unsigned mode);
void xattr_free_all(struct inode *inode);
struct inode *inode_get(struct inode *inode);
void inode_put(struct inode *inode);
/* Called after nlink drops: frees the inode when nothing refers to it any more. */
void inode_maybe_free(struct inode *inode);

/* Timestamps, as Linux keeps them. */
vfs_time vfs_now(void);
void inode_touch_mc(struct inode *inode);     /* data changed: mtime = ctime = now */
void inode_touch_c(struct inode *inode);      /* metadata changed: ctime = now */
void inode_touch_a(struct inode *inode);      /* read: atime as relatime updates it */

/* Permission checks for the current credentials (mask of MAY_*). */
#define MAY_EXEC   1
#define MAY_WRITE  2
#define MAY_READ   4
int inode_permission(struct inode *inode, int mask);
bool inode_owner_or_root(struct inode *inode);
/* The caller is root (has every capability). */
bool fs_capable(void);
/* Fill a Linux struct stat. */
void inode_fill_stat(struct inode *inode, struct stat *st);

static inline bool inode_is_dir(const struct inode *i) { return S_ISDIR(i->mode); }

/* ---- open files ---- */
struct file_ops {
    int (*open)(struct inode *inode, struct file *f);
    void (*release)(struct file *f);
    long (*read)(struct file *f, struct iov_iter *to, int64_t *pos);
    long (*write)(struct file *f, struct iov_iter *from, int64_t *pos);
    int64_t (*llseek)(struct file *f, int64_t off, int whence);
    long (*ioctl)(struct file *f, unsigned cmd, unsigned long arg);
    /* Returns the POLL* mask now; *wq (if wq) is the queue woken when it may change. */
    unsigned (*poll)(struct file *f, struct waitqueue **wq);
    int (*iterate)(struct file *f, struct dir_context *ctx);
    long (*fcntl)(struct file *f, unsigned cmd, unsigned long arg);   /* F_GETPIPE_SZ/F_SETPIPE_SZ */
    /* Memory mappings (kernel/mm). A file is mappable when it has mmap_page: the page-aligned
       kernel page holding bytes [index * 4096, +4096) of the file, allocated (zeroed) when
       missing; NULL when out of memory. The mapping takes its own frame reference on it
       (frame_get(virt_to_phys(page))), so the page is the file's data itself: MAP_SHARED
       stores change the file. mmap_anon means a mapping is plain anonymous memory (/dev/zero).
       Neither: mmap gives ENODEV. */
    void *(*mmap_page)(struct file *f, uint64_t index);
    bool mmap_anon;
    /* Files on the anonymous inode: the name /proc/<pid>/fd shows, "anon_inode:<name>"
       (Linux's "[eventfd]", "[timerfd]", "[signalfd]", "[eventpoll]"). */
    const char *anon_name;
    /* No splice_read (the seq_file files of /proc/<pid>): sendfile and splice from it fail
       with EINVAL, and cat falls back to read. */
    bool no_splice_read;
};

struct file {
    int refs;
    struct inode *inode;
    const struct file_ops *ops;
    unsigned flags;            /* O_ACCMODE, O_APPEND, O_NONBLOCK, O_PATH ... as F_GETFL shows them */
    bool readable, writable;   /* from the access mode, fixed at open */
    int64_t pos;
    void *priv;
    unsigned long aux;         /* small per-file state (FIFO: writers seen at open) */
};

struct file *file_alloc(struct inode *inode, unsigned flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* ---- directory iteration (getdents64) ---- */
struct dir_context {
    /* Returns false when the buffer is full: the iteration stops and pos stays at this entry. */
    bool (*emit)(struct dir_context *ctx, const char *name, size_t len, uint64_t ino, unsigned dtype);
    int64_t pos;
};
unsigned dtype_of(unsigned mode);

/* ---- path walk (namei.c) ---- */
#define LOOKUP_FOLLOW     1   /* follow a trailing symlink */
#define LOOKUP_DIRECTORY  2   /* the result must be a directory */
#define LOOKUP_EMPTY      4   /* an empty path means the starting directory (AT_EMPTY_PATH) */
/* openat2's RESOLVE_* restrictions */
#define LOOKUP_NO_XDEV       0x100   /* no mount crossing: EXDEV */
#define LOOKUP_NO_MAGICLINKS 0x200   /* no /proc magic link: ELOOP */
#define LOOKUP_NO_SYMLINKS   0x400   /* no symlink at all: ELOOP */
#define LOOKUP_BENEATH       0x800   /* never above the starting directory: EXDEV */
#define LOOKUP_IN_ROOT       0x1000  /* the starting directory is the root */
#define LOOKUP_CACHED        0x2000  /* only what Linux's RCU walk can do, else EAGAIN */

/* Resolve path (kernel string) relative to dirfd; *out holds a reference. */
int vfs_lookup_at(int dirfd, const char *path, unsigned lookup_flags, struct inode **out);
/* The parent directory of path's last component: *dir holds a reference, *last points into path. */
int vfs_lookup_parent_at(int dirfd, const char *path, struct inode **dir, const char **last,
                         size_t *lastlen, bool *trailing_slash);
/* The same with LOOKUP_* restrictions (openat2). */
int vfs_lookup_parent_flags(int dirfd, const char *path, unsigned lookup_flags, struct inode **dir,
                            const char **last, size_t *lastlen, bool *trailing_slash);
/* The same, for a relative path starting at the directory start (NULL: the root). */
int vfs_lookup_parent_from(struct inode *start, const char *path, unsigned lookup_flags, struct inode **dir,
                           const char **last, size_t *lastlen, bool *trailing_slash);
/* The absolute path of inode from the process root, NUL-terminated in buf: its length,
   -ENOENT when it has no name, -ENAMETOOLONG when size is too small (d_path.c). */
int vfs_d_path(struct inode *inode, char *buf, size_t size);
/* Copy a path from user memory into a kmalloc'ed buffer (PATH_MAX); caller kfree()s it. */
int getname(const char *upath, char **out);

/* memfd seals (memfd.c): fcntl F_ADD_SEALS/F_GET_SEALS, and the checks before a write that
   ends at end or a size change. */
long memfd_fcntl(struct file *f, unsigned cmd, unsigned long arg);
int memfd_check_write(struct inode *inode, uint64_t end);
int memfd_check_size(struct inode *inode, uint64_t size);

/* Page-aligned, zeroed 4 KiB pages for file data (page.c). */
void *fs_page_alloc(void);
void fs_page_free(void *page);

/* ---- the interface for the rest of the kernel ---- */
int vfs_init(const void *cpio, size_t len);
int kernel_open(const char *path, int flags, struct file **out);
/* Open a program for execve, with Linux's checks: EACCES unless a regular file with an x
   bit on a mount without noexec (then ENOENT, ENOTDIR, ELOOP... from the walk). */
int kernel_open_exec(const char *path, struct file **out);
long kernel_read(struct file *f, void *buf, size_t len, uint64_t off);
int kernel_stat(struct file *f, struct stat *st);
int stdio_install(struct fdtable *fdt);

/* Open a file on an inode (the inode reference is taken by the file). */
int vfs_open_inode(struct inode *inode, unsigned flags, struct file **out);
/* The file's POLL* mask now (files without a poll op are always readable and writable, as
   Linux's DEFAULT_POLLMASK); *wq (if wq) is the queue to sleep on, or NULL if it never changes. */
unsigned vfs_poll(struct file *f, struct waitqueue **wq);
/* Read or write through a file's ops, with the generic checks (EBADF, EINVAL...). */
long vfs_read(struct file *f, struct iov_iter *to, int64_t *pos);
long vfs_write(struct file *f, struct iov_iter *from, int64_t *pos);
int vfs_truncate(struct inode *inode, int64_t size);
/* The current task's root and cwd. */
struct inode *vfs_root(void);
struct inode *vfs_cwd(void);

/* Initial stages, each owned by its file. */
struct super_block *tmpfs_create(const char *name);
int devfs_populate(struct inode *dev_dir);
void procfs_init(struct super_block *sb);
bool proc_file_is_world(const struct file *f);   /* procfs.c: a read of it is world input */
int initramfs_unpack(struct inode *root, const void *cpio, size_t len);
struct file *hostpipe_open(int stream);
/* The anonymous file system that pipes and host pipes live on. */
struct super_block *pipefs_sb(void);
/* Open ops for special inodes, chosen by type when the inode is made. */
extern const struct file_ops fifo_fops;      /* pipe.c */
extern const struct file_ops chrdev_fops;    /* devfs.c */
extern const struct file_ops blkdev_fops;    /* devfs.c */

#define FS_PATH_MAX 4096
#define FS_NAME_MAX 255
#define FS_SYMLOOP_MAX 40

#endif
