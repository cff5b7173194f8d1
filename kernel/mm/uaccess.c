/*
 * uaccess.c — copying between kernel and user memory. Each user page is looked up (and
 * faulted in when its VMA allows) through the page tables and reached through the direct
 * map, so a bad pointer is an -EFAULT here and never a kernel page fault.
 */
#include "kernel/uaccess.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm/mm.h"
#include "kernel/proc/task.h"

static int user_copy(void *kbuf, uint64_t uaddr, size_t n, bool to_user)
{
    struct mm *mm = current_task()->mm;
    if (uaddr + n < uaddr || uaddr + n > TASK_SIZE)
        return -EFAULT;
    char *k = kbuf;
    while (n) {
        size_t chunk = MIN(n, PAGE_SIZE - (uaddr & (PAGE_SIZE - 1)));
        char *p = mm_user_page(mm, uaddr, to_user);
        if (!p)
            return -EFAULT;
        if (to_user) {
            if (k)
                memcpy(p, k, chunk);
            else
                memset(p, 0, chunk);
        } else {
            memcpy(k, p, chunk);
        }
        if (k)
            k += chunk;
        uaddr += chunk;
        n -= chunk;
    }
    return 0;
}

int copy_from_user(void *dst, const void *usrc, size_t n)
{
    return user_copy(dst, (uint64_t)usrc, n, false);
}

int copy_to_user(void *udst, const void *src, size_t n)
{
    return user_copy((void *)src, (uint64_t)udst, n, true);
}

int clear_user(void *udst, size_t n)
{
    return user_copy(NULL, (uint64_t)udst, n, true);
}

long strncpy_from_user(char *dst, const char *usrc, size_t size)
{
    struct mm *mm = current_task()->mm;
    uint64_t u = (uint64_t)usrc;
    size_t i = 0;
    while (i < size) {
        if (u >= TASK_SIZE)
            return -EFAULT;
        const char *p = mm_user_page(mm, u, false);
        if (!p)
            return -EFAULT;
        size_t chunk = MIN(size - i, PAGE_SIZE - (u & (PAGE_SIZE - 1)));
        for (size_t k = 0; k < chunk; k++) {
            dst[i + k] = p[k];
            if (!p[k])
                return (long)(i + k);
        }
        i += chunk;
        u += chunk;
    }
    return -ENAMETOOLONG;
}
