/*
 * cmdline.c — numbers from the boot command line. The host runner passes facts about the
 * machine the recording was made on as "key=N,N,..." words (replayer/host/qemu.py): the signal
 * frame layout (signal.c) and the auxiliary vector's hardware capabilities (cpuid.c).
 */
#include "arch/x86_64/arch.h"
#include "kernel/kernel.h"

/* One decimal or 0x-hexadecimal number: where it stopped. */
static const char *parse_u64(const char *s, uint64_t *v)
{
    unsigned base = 10;
    *v = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    for (;; s++) {
        unsigned d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0')
                   : base == 16 && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f' ? (unsigned)((*s | 0x20) - 'a' + 10)
                   : 99;
        if (d >= base)
            return s;
        *v = *v * base + d;
    }
}

bool arch_cmdline_numbers(const char *cmdline, const char *key, uint64_t *v, int n)
{
    size_t klen = strlen(key);
    for (const char *p = cmdline; p && *p; p++) {
        if (strncmp(p, key, klen) || p[klen] != '=' || (p != cmdline && p[-1] != ' '))
            continue;
        const char *q = p + klen + 1;
        for (int i = 0; i < n; i++) {
            const char *end = parse_u64(q, &v[i]);
            if (end == q || (i + 1 < n ? *end != ',' : (*end && *end != ' ')))
                return false;            /* malformed: the caller keeps its default */
            q = end + 1;
        }
        return true;
    }
    return false;
}
