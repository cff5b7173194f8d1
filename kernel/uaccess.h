/*
 * uaccess.h — the only way kernel code touches user memory. A bad, unmapped or kernel
 * pointer gives -EFAULT; it never faults the kernel. Pages that are not yet present but
 * belong to a VMA are faulted in (demand paging) as a user access would.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H
#include <stddef.h>

int copy_from_user(void *dst, const void *usrc, size_t n);
int copy_to_user(void *udst, const void *src, size_t n);
/* Length of the string copied (NUL included in dst), -EFAULT, or -ENAMETOOLONG when no NUL within size. */
long strncpy_from_user(char *dst, const char *usrc, size_t size);
/* Zero n bytes of user memory: 0 or -EFAULT. */
int clear_user(void *udst, size_t n);

#endif
