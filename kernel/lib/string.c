/* string.c — memory and string functions for the kernel (the compiler also calls memcpy/memset). */
#include "kernel/kernel.h"

/* Word-at-a-time copies (x86 allows unaligned 8-byte accesses): the byte loop they replace
 * made unpacking the root archive ten times slower under TCG. The attribute stops GCC from
 * turning these loops back into calls to themselves. */
typedef uint64_t __attribute__((may_alias, aligned(1))) u64_any;
#define NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
/* Each copy loop must sit inside one 4 KiB page: QEMU's TCG ends a translated block at a page
 * boundary and chains blocks directly only within a page, so a loop straddling one pays two
 * block lookups per iteration (a 4 KiB pipe write+read took 22% longer in a build where memcpy
 * happened to start 0x70 bytes before a page end). Aligned to 512, these functions (each
 * under 512 bytes) never straddle. */
#define PAGE_SAFE __attribute__((aligned(512)))

PAGE_SAFE NO_LIBCALL void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    /* 64 bytes per iteration: under TCG each iteration is one translated block, and fewer
       blocks per page copied made a 4 KiB pipe write+read about 4% faster. */
    for (; n >= 64; n -= 64, d += 64, s += 64) {
        u64_any a = ((const u64_any *)s)[0], b = ((const u64_any *)s)[1];
        u64_any c = ((const u64_any *)s)[2], e = ((const u64_any *)s)[3];
        u64_any g = ((const u64_any *)s)[4], h = ((const u64_any *)s)[5];
        u64_any i = ((const u64_any *)s)[6], j = ((const u64_any *)s)[7];
        ((u64_any *)d)[0] = a;
        ((u64_any *)d)[1] = b;
        ((u64_any *)d)[2] = c;
        ((u64_any *)d)[3] = e;
        ((u64_any *)d)[4] = g;
        ((u64_any *)d)[5] = h;
        ((u64_any *)d)[6] = i;
        ((u64_any *)d)[7] = j;
    }
    for (; n >= 8; n -= 8, d += 8, s += 8)
        *(u64_any *)d = *(const u64_any *)s;
    while (n--)
        *d++ = *s++;
    return dst;
}

PAGE_SAFE NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n)
        return memcpy(dst, src, n);
    while (n >= 8) {
        n -= 8;
        *(u64_any *)(d + n) = *(const u64_any *)(s + n);
    }
    while (n--)
        d[n] = s[n];
    return dst;
}

PAGE_SAFE NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    uint64_t v = (uint8_t)c * 0x0101010101010101ULL;
    for (; n >= 32; n -= 32, d += 32) {
        ((u64_any *)d)[0] = v;
        ((u64_any *)d)[1] = v;
        ((u64_any *)d)[2] = v;
        ((u64_any *)d)[3] = v;
    }
    for (; n >= 8; n -= 8, d += 8)
        *(u64_any *)d = v;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (uint8_t)*a - (uint8_t)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}
