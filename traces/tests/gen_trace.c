/* gen_trace.c — the seeded random event generator of gen_trace.h, and event comparison. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_trace.h"

static uint64_t rng = 1;
static uint8_t arena[8 << 20];
static size_t arena_used;

void gen_seed(uint64_t seed) { rng = seed * 0x9E3779B97F4A7C15ull + 1; }

uint64_t gen_rand(void)
{
    /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545F4914F6CDD1Dull;
}

static uint32_t below(uint32_t n) { return n ? (uint32_t)(gen_rand() % n) : 0; }

void gen_reset(void) { arena_used = 0; }

static void *alloc(size_t n)
{
    if (n > sizeof arena - arena_used) {
        fprintf(stderr, "gen_trace: arena full\n");
        exit(2);
    }
    void *p = arena + arena_used;
    arena_used += (n + 7) & ~(size_t)7;
    return p;
}

static struct trace_str rand_str(uint32_t maxlen)
{
    uint32_t n = below(maxlen + 1);
    char *s = alloc(n + 1);
    for (uint32_t i = 0; i < n; i++)
        s[i] = (char)(1 + below(255));  /* any byte but NUL: the printers must escape them */
    s[n] = 0;
    return (struct trace_str){ s, n };
}

static struct trace_strv rand_strv(uint32_t maxcount)
{
    uint32_t n = below(maxcount + 1);
    struct trace_str *v = alloc(sizeof *v * (n ? n : 1));
    for (uint32_t i = 0; i < n; i++)
        v[i] = rand_str(24);
    return (struct trace_strv){ .count = n, .vec = v };
}

static const uint8_t *rand_bytes(uint32_t n)
{
    uint8_t *p = alloc(n ? n : 1);
    for (uint32_t i = 0; i < n; i++)
        p[i] = (uint8_t)gen_rand();
    return p;
}

void gen_header(struct trace_header *h)
{
    memset(h, 0, sizeof *h);
    h->recorder_version = trace_str_c("lockstep-record test");
    h->sysname = trace_str_c("Linux");
    h->nodename = rand_str(12);
    h->release = trace_str_c("6.1.0-test");
    h->version = rand_str(30);
    h->machine = trace_str_c("x86_64");
    h->domainname = trace_str_c("(none)");
    h->argv = rand_strv(4);
    h->envp = rand_strv(4);
    h->cwd = trace_str_c("/");
    h->umask = 022;
    for (int i = 0; i < TRACE_NRLIMITS; i++) {
        h->rlimits[i].cur = gen_rand();
        h->rlimits[i].max = ~0ull;
    }
    h->fd_kind[0] = TRACE_FD_DEVNULL;
    h->fd_kind[1] = h->fd_kind[2] = TRACE_FD_PIPE;
    h->sandbox_flags = (uint32_t)gen_rand() & 0xff;
    h->sandbox_hostname = trace_str_c("lockstep");
    h->sandbox_domainname = trace_str_c("(none)");
    for (int i = 0; i < TRACE_HASH_LEN; i++)
        h->root_hash[i] = (uint8_t)gen_rand();
    h->program = rand_str(20);
}

void gen_event(struct trace_event *ev, uint32_t ntasks)
{
    memset(ev, 0, sizeof *ev);
    ev->kind = TRACE_SYSCALL + below(TRACE_OUTPUT - TRACE_SYSCALL + 1);
    ev->task = ev->kind == TRACE_OUTPUT ? TRACE_TASK_NONE : below(ntasks);
    switch (ev->kind) {
    case TRACE_SYSCALL: {
        struct trace_syscall *s = &ev->syscall;
        s->nr = below(460);
        s->flags = (uint32_t)gen_rand() & TRACE_SC_FLAGS_ALL;
        s->entered_after = below(4) ? below(100) : (uint32_t)gen_rand();
        for (int i = 0; i < 6; i++)
            s->args[i] = below(4) ? below(100) : gen_rand();
        s->result = below(3) ? -(int64_t)below(134) : (int64_t)gen_rand();
        if (below(8) == 0)
            s->image = rand_str(30);
        uint32_t n = below(5);
        struct trace_mem *m = alloc(sizeof *m * (n ? n : 1));
        for (uint32_t i = 0; i < n; i++) {
            m[i].dir = below(2) ? TRACE_MEM_IN : TRACE_MEM_OUT;
            m[i].arg = (uint8_t)below(6);
            m[i].elem = below(2) ? TRACE_ELEM_NONE : below(8);
            m[i].offset = below(64);
            m[i].addr = gen_rand();
            m[i].len = below(4) ? below(100) : below(5000);
            m[i].data = rand_bytes(m[i].len);
        }
        s->mem = (struct trace_memlist){ .count = n, .vec = m };
        break;
    }
    case TRACE_BIRTH:
        ev->birth = (struct trace_birth){ below(ntasks), below(5), TRACE_BIRTH_FORK + below(4), gen_rand() };
        break;
    case TRACE_EXEC:
        ev->exec.path = rand_str(40);
        ev->exec.argv = rand_strv(5);
        break;
    case TRACE_SIGNAL:
        ev->signal = (struct trace_signal){ (int32_t)below(65), (int32_t)below(10) - 6, (int32_t)below(3),
                                            (uint32_t)gen_rand() & TRACE_SIG_FLAGS_ALL, (int32_t)below(50),
                                            below(2), (int32_t)below(256), gen_rand() };
        break;
    case TRACE_EXIT:
        ev->exit = (struct trace_exit){ (int32_t)below(65536), below(2) };
        break;
    case TRACE_OUTPUT:
        ev->output.stream = 1 + below(2);
        ev->output.data.len = below(300);
        ev->output.data.p = rand_bytes(ev->output.data.len);
        break;
    }
}

static int mem_write(void *ctx, const void *buf, size_t len)
{
    struct { uint8_t *p; size_t len, cap; } *m = ctx;
    if (m->len + len > m->cap) {
        m->cap = (m->len + len) * 2;
        m->p = realloc(m->p, m->cap);
        if (!m->p)
            return -12;
    }
    memcpy(m->p + m->len, buf, len);
    m->len += len;
    return 0;
}

uint8_t *gen_trace(uint64_t seed, int n, size_t *len)
{
    struct { uint8_t *p; size_t len, cap; } m = { 0 };
    struct trace_writer w;
    struct trace_header h;
    struct trace_event ev;
    gen_seed(seed);
    gen_reset();
    trace_writer_init(&w, mem_write, &m);
    gen_header(&h);
    int rc = trace_write_header(&w, &h);
    for (int i = 0; i < n && rc == 0; i++) {
        gen_reset();
        gen_event(&ev, 4);
        rc = trace_write_event(&w, &ev);
    }
    if (rc == 0)
        rc = trace_write_end(&w);
    trace_writer_release(&w);
    if (rc) {
        fprintf(stderr, "gen_trace: writer failed: %d\n", rc);
        exit(2);
    }
    *len = m.len;
    return m.p;
}

/* ---- comparison ---- */

#define DIFF(cond, what) do { if (cond) { snprintf(why, whylen, "%s differs", what); return 1; } } while (0)

static int str_cmp(struct trace_str a, struct trace_str b)
{
    const char *as = a.s ? a.s : "", *bs = b.s ? b.s : "";
    return a.len != b.len || memcmp(as, bs, a.len) != 0;
}

static int strv_cmp(const struct trace_strv *a, const struct trace_strv *b)
{
    struct trace_strv_iter ia, ib;
    struct trace_str sa, sb;
    if (a->count != b->count)
        return 1;
    trace_strv_iter_init(&ia, a);
    trace_strv_iter_init(&ib, b);
    while (trace_strv_next(&ia, &sa)) {
        if (!trace_strv_next(&ib, &sb) || str_cmp(sa, sb))
            return 1;
    }
    return trace_strv_next(&ib, &sb);
}

static int mem_cmp(const struct trace_memlist *a, const struct trace_memlist *b)
{
    struct trace_mem_iter ia, ib;
    struct trace_mem ma, mb;
    if (a->count != b->count)
        return 1;
    trace_mem_iter_init(&ia, a);
    trace_mem_iter_init(&ib, b);
    while (trace_mem_next(&ia, &ma)) {
        if (!trace_mem_next(&ib, &mb))
            return 1;
        if (ma.dir != mb.dir || ma.arg != mb.arg || ma.elem != mb.elem || ma.offset != mb.offset ||
            ma.addr != mb.addr || ma.len != mb.len || memcmp(ma.data, mb.data, ma.len))
            return 1;
    }
    return trace_mem_next(&ib, &mb);
}

int gen_event_cmp(const struct trace_event *a, const struct trace_event *b, char *why, size_t whylen)
{
    DIFF(a->kind != b->kind, "kind");
    DIFF(a->task != b->task, "task");
    switch (a->kind) {
    case TRACE_SYSCALL:
        DIFF(a->syscall.nr != b->syscall.nr, "nr");
        DIFF(a->syscall.flags != b->syscall.flags, "flags");
        DIFF(a->syscall.entered_after != b->syscall.entered_after, "entered_after");
        DIFF(memcmp(a->syscall.args, b->syscall.args, sizeof a->syscall.args), "args");
        DIFF(a->syscall.result != b->syscall.result, "result");
        DIFF(str_cmp(a->syscall.image, b->syscall.image), "image");
        DIFF(mem_cmp(&a->syscall.mem, &b->syscall.mem), "memory regions");
        break;
    case TRACE_BIRTH:
        DIFF(memcmp(&a->birth, &b->birth, sizeof a->birth), "birth");
        break;
    case TRACE_EXEC:
        DIFF(str_cmp(a->exec.path, b->exec.path), "exec path");
        DIFF(strv_cmp(&a->exec.argv, &b->exec.argv), "exec argv");
        break;
    case TRACE_SIGNAL:
        DIFF(memcmp(&a->signal, &b->signal, sizeof a->signal), "signal");
        break;
    case TRACE_EXIT:
        DIFF(memcmp(&a->exit, &b->exit, sizeof a->exit), "exit");
        break;
    case TRACE_OUTPUT:
        DIFF(a->output.stream != b->output.stream, "stream");
        DIFF(a->output.data.len != b->output.data.len ||
             memcmp(a->output.data.p, b->output.data.p, a->output.data.len), "output bytes");
        break;
    }
    return 0;
}

int gen_header_cmp(const struct trace_header *a, const struct trace_header *b, char *why, size_t whylen)
{
    DIFF(str_cmp(a->recorder_version, b->recorder_version), "recorder_version");
    DIFF(str_cmp(a->sysname, b->sysname) || str_cmp(a->nodename, b->nodename) ||
         str_cmp(a->release, b->release) || str_cmp(a->version, b->version) ||
         str_cmp(a->machine, b->machine) || str_cmp(a->domainname, b->domainname), "uname");
    DIFF(strv_cmp(&a->argv, &b->argv), "argv");
    DIFF(strv_cmp(&a->envp, &b->envp), "envp");
    DIFF(str_cmp(a->cwd, b->cwd), "cwd");
    DIFF(a->umask != b->umask, "umask");
    DIFF(memcmp(a->rlimits, b->rlimits, sizeof a->rlimits), "rlimits");
    DIFF(memcmp(a->fd_kind, b->fd_kind, sizeof a->fd_kind), "fd_kind");
    DIFF(a->sandbox_flags != b->sandbox_flags, "sandbox_flags");
    DIFF(str_cmp(a->sandbox_hostname, b->sandbox_hostname) ||
         str_cmp(a->sandbox_domainname, b->sandbox_domainname), "sandbox names");
    DIFF(memcmp(a->root_hash, b->root_hash, TRACE_HASH_LEN), "root_hash");
    DIFF(str_cmp(a->program, b->program), "program");
    return 0;
}
