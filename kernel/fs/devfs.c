/*
 * devfs.c — character devices and the /dev directory: null, zero, full, random, urandom,
 * tty and console. A character device inode (made by mknod or here) opens through
 * chrdev_fops, which picks the device's ops by its major:minor, as Linux's chrdev_open does
 * (an unknown number gives ENXIO).
 *
 * /dev/tty gives ENXIO: the sandboxed program has no controlling terminal. The bytes of
 * /dev/random and /dev/urandom are a world input the checker replaces by the recorded ones,
 * so a simple generator is enough here.
 */
#include "kernel/fs/vfs.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/console.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define MKDEV_U(major, minor) (((minor) & 0xffu) | ((major) << 8) | (((minor) & ~0xffu) << 12))

/* /dev/null's write: the bytes are not even read (Linux's write_null). */
static long write_null(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)f, (void)pos;
    long n = (long)from->count;
    from->count = 0;
    return n;
}

static long read_null(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)f, (void)to, (void)pos;
    return 0;
}

/* null, zero and full seek to 0 whatever is asked. */
static int64_t lseek_zero(struct file *f, int64_t off, int whence)
{
    (void)off, (void)whence;
    f->pos = 0;
    return 0;
}

/* Linux's noop_llseek: the position does not move. */
static int64_t lseek_noop(struct file *f, int64_t off, int whence)
{
    (void)off, (void)whence;
    return f->pos;
}

static long read_zero(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)f, (void)pos;
    size_t want = to->count;
    size_t got = zero_to_iter(to, want);
    return got ? (long)got : (want ? -EFAULT : 0);
}

static long write_full(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)f, (void)from, (void)pos;
    return -ENOSPC;
}

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    if (!rng_state)
        rng_state = time_now_ns(CLOCK_MONOTONIC) * 0x9e3779b97f4a7c15ull | 1;
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static long read_random(struct file *f, struct iov_iter *to, int64_t *pos)
{
    (void)f, (void)pos;
    long done = 0;
    while (to->count) {
        uint64_t r[8];
        for (int i = 0; i < 8; i++)
            r[i] = rng_next();
        size_t want = MIN(to->count, sizeof(r));
        size_t got = copy_to_iter(to, r, want);
        done += (long)got;
        if (got < want)
            return done ? done : -EFAULT;
    }
    return done;
}

/* Writing to random mixes the bytes into the pool: they are read, then counted. */
static long write_random(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)f, (void)pos;
    char buf[64];
    long done = 0;
    while (from->count) {
        size_t want = MIN(from->count, sizeof(buf));
        size_t got = copy_from_iter(from, buf, want);
        done += (long)got;
        if (got < want)
            return done ? done : -EFAULT;
    }
    return done;
}

#define RNDGETENTCNT 0x80045200

/* random's ioctl answers EINVAL to what it does not know (so TCGETS gives EINVAL, as on Linux). */
static long ioctl_random(struct file *f, unsigned cmd, unsigned long arg)
{
    (void)f;
    if (cmd == RNDGETENTCNT) {
        int n = 256;
        return copy_to_user((void *)arg, &n, sizeof(n)) ? -EFAULT : 0;
    }
    return -EINVAL;
}

static long write_console(struct file *f, struct iov_iter *from, int64_t *pos)
{
    (void)f, (void)pos;
    char buf[256];
    long done = 0;
    while (from->count) {
        size_t want = MIN(from->count, sizeof(buf));
        size_t got = copy_from_iter(from, buf, want);
        console_write(1, buf, got);
        done += (long)got;
        if (got < want)
            return done ? done : -EFAULT;
    }
    return done;
}

static int open_enxio(struct inode *inode, struct file *f)
{
    (void)inode, (void)f;
    return -ENXIO;
}

static const struct file_ops null_fops = { .read = read_null, .write = write_null, .llseek = lseek_zero };
static const struct file_ops zero_fops = {
    .read = read_zero, .write = write_null, .llseek = lseek_zero, .mmap_anon = true,
};
static const struct file_ops full_fops = { .read = read_zero, .write = write_full, .llseek = lseek_zero };
static const struct file_ops random_fops = {
    .read = read_random, .write = write_random, .llseek = lseek_noop, .ioctl = ioctl_random,
};
static const struct file_ops tty_fops = { .open = open_enxio };
static const struct file_ops console_fops = { .read = read_null, .write = write_console, .llseek = lseek_noop };

static const struct chrdev {
    const char *name;
    unsigned major, minor, mode;
    const struct file_ops *fops;
    bool in_dev;    /* made in /dev at boot: the recording sandbox's set, in its order */
} chrdevs[] = {
    { "null", 1, 3, 0666, &null_fops, true },
    { "zero", 1, 5, 0666, &zero_fops, true },
    { "full", 1, 7, 0666, &full_fops, true },
    { "random", 1, 8, 0666, &random_fops, true },
    { "urandom", 1, 9, 0666, &random_fops, true },
    { "tty", 5, 0, 0666, &tty_fops, true },
    { "console", 5, 1, 0600, &console_fops, false },
};

static int chrdev_open(struct inode *inode, struct file *f)
{
    for (size_t i = 0; i < ARRAY_SIZE(chrdevs); i++) {
        if (MKDEV_U(chrdevs[i].major, chrdevs[i].minor) == inode->rdev) {
            f->ops = chrdevs[i].fops;
            return f->ops->open ? f->ops->open(inode, f) : 0;
        }
    }
    return -ENXIO;
}

const struct file_ops chrdev_fops = { .open = chrdev_open };
const struct file_ops blkdev_fops = { .open = open_enxio };

int devfs_populate(struct inode *dev)
{
    for (size_t i = 0; i < ARRAY_SIZE(chrdevs); i++) {
        const struct chrdev *c = &chrdevs[i];
        struct inode *found;
        if (!c->in_dev || dev->iops->lookup(dev, c->name, strlen(c->name), &found) == 0)
            continue;
        int err = dev->iops->mknod(dev, c->name, strlen(c->name), S_IFCHR | c->mode,
                                   MKDEV_U(c->major, c->minor), NULL);
        if (err)
            return err;
    }
    return 0;
}
