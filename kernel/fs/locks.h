/*
 * locks.h — advisory file locks: POSIX record locks (fcntl F_SETLK..., owned by the fd
 * table, dropped when that process closes any fd of the file), OFD locks (owned by the
 * open file) and flock() locks (owned by the open file).
 */
#ifndef KERNEL_FS_LOCKS_H
#define KERNEL_FS_LOCKS_H

struct file;
struct fdtable;

long locks_fcntl(struct file *f, unsigned cmd, void *uflock);
/* A process closed an fd of f: its POSIX locks on the inode go. */
void locks_remove_posix(struct file *f, struct fdtable *owner);
/* The last reference to f went: its OFD and flock locks go. */
void locks_remove_file(struct file *f);

#endif
