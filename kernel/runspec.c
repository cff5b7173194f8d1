/* runspec.c — parses the run module (format in runspec.h) into the_runspec. */
#include "kernel/runspec.h"
#include "kernel/errno.h"

#define MAGIC "LOCKSTEP-RUN-1"

struct runspec the_runspec;

static int64_t parse_int(const char **s)
{
    bool neg = false;
    int64_t v = 0;
    while (**s == ' ')
        (*s)++;
    if (**s == '-') {
        neg = true;
        (*s)++;
    }
    while (**s >= '0' && **s <= '9')
        v = v * 10 + (*(*s)++ - '0');
    return neg ? -v : v;
}

int runspec_parse(const void *buf, size_t len, struct runspec *rs)
{
    const char *p = buf, *end = p + len;
    if (len < sizeof MAGIC || memcmp(p, MAGIC, sizeof MAGIC))
        return -EINVAL;
    p += sizeof MAGIC;
    while (p < end) {
        const char *key = p;
        size_t kl = strnlen(key, end - key);
        if (key + kl >= end)
            return -EINVAL;
        const char *val = key + kl + 1;
        size_t vl = strnlen(val, end - val);
        if (val + vl >= end)
            return -EINVAL;
        p = val + vl + 1;
        /* The module stays mapped and reserved for the whole run, so strings point into it. */
        if (!strcmp(key, "arg") && rs->argc < RUNSPEC_MAX - 1)
            rs->argv[rs->argc++] = (char *)val;
        else if (!strcmp(key, "env") && rs->envc < RUNSPEC_MAX - 1)
            rs->envp[rs->envc++] = (char *)val;
        else if (!strcmp(key, "release"))
            rs->release = val;
        else if (!strcmp(key, "verbose"))
            rs->verbose = val[0] == '1';
        else if (!strcmp(key, "panic"))
            rs->debug_panic = val[0] == '1';
        else if (!strcmp(key, "strace"))
            rs->trace_syscalls = val[0] == '1';
        else if (!strcmp(key, "rlimit") && rs->nrlim < (int)ARRAY_SIZE(rs->rlim)) {
            const char *s = val;
            rs->rlim[rs->nrlim].res = (int)parse_int(&s);
            rs->rlim[rs->nrlim].cur = (uint64_t)parse_int(&s);
            rs->rlim[rs->nrlim].max = (uint64_t)parse_int(&s);
            rs->nrlim++;
        }
    }
    return rs->argc ? 0 : -EINVAL;
}
