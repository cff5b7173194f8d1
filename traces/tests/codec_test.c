/* codec_test.c — the codec's own tests (built with ASan/UBSan when available):
 *   crc32        known answer
 *   roundtrip    seeded random events written then read back, field by field
 *   cuts         every cut point of a sample trace: valid prefix, then TRACE_E_INCOMPLETE
 *   bitflips     every bit of a small trace flipped: always corruption, never "incomplete"
 *   mutations    random byte edits with checksums recomputed: errors or events, never a crash
 *   writer       misuse and malformed events are refused
 * Prints "ok NAME" / "not ok NAME: why" lines (tests/run.py). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixup.h"
#include "gen_trace.h"
#include "trace.h"

static int failed;

static void report(const char *name, int ok, const char *fmt, ...)
{
    if (ok) {
        printf("ok %s\n", name);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    printf("not ok %s: ", name);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    failed = 1;
}

/* Walk everything an event points at, so ASan sees any read outside the buffer. */
static unsigned touch(const struct trace_event *ev)
{
    unsigned sum = 0;
    struct trace_mem_iter mi;
    struct trace_mem m;
    struct trace_strv_iter si;
    struct trace_str s;
    switch (ev->kind) {
    case TRACE_SYSCALL:
        trace_mem_iter_init(&mi, &ev->syscall.mem);
        while (trace_mem_next(&mi, &m))
            for (uint32_t i = 0; i < m.len; i++)
                sum += m.data[i];
        sum += (unsigned)strlen(ev->syscall.image.s);
        break;
    case TRACE_EXEC:
        trace_strv_iter_init(&si, &ev->exec.argv);
        while (trace_strv_next(&si, &s))
            sum += (unsigned)strlen(s.s) + s.len;
        sum += (unsigned)strlen(ev->exec.path.s);
        break;
    case TRACE_OUTPUT:
        for (uint32_t i = 0; i < ev->output.data.len; i++)
            sum += ev->output.data.p[i];
        break;
    }
    return sum;
}

static volatile unsigned sink;

/* Decode buf fully; returns the final code, the number of events, and (optionally) their ends. */
static int decode_all(const uint8_t *buf, size_t len, int *nevents, size_t *ends, size_t maxends,
                      size_t *header_end)
{
    struct trace_reader r;
    struct trace_header h;
    struct trace_event ev;
    *nevents = 0;
    int rc = trace_open(&r, buf, len, &h);
    if (rc < 0)
        return rc;
    if (header_end)
        *header_end = r.pos;
    while ((rc = trace_next(&r, &ev)) == 1) {
        sink += touch(&ev);
        if (ends && (size_t)*nevents < maxends)
            ends[*nevents] = r.pos;
        (*nevents)++;
    }
    return rc;
}

static void test_crc32(void)
{
    uint32_t c = trace_crc32(0, "123456789", 9);
    uint32_t c2 = trace_crc32(trace_crc32(0, "1234", 4), "56789", 5);
    report("crc32", c == 0xCBF43926u && c2 == c, "got %08x / %08x", c, c2);
}

static void test_roundtrip(void)
{
    int bad = 0;
    char why[128] = "";
    long events = 0;
    for (uint64_t seed = 1; seed <= 200 && !bad; seed++) {
        int n = (int)(seed % 40);
        size_t len;
        uint8_t *buf = gen_trace(seed, n, &len);
        struct trace_reader r;
        struct trace_header h, want_h;
        struct trace_event ev, want;
        int rc = trace_open(&r, buf, len, &h);
        gen_seed(seed);
        gen_reset();
        gen_header(&want_h);
        if (rc != 0) {
            snprintf(why, sizeof why, "seed %lu: open: %s", (unsigned long)seed, trace_strerror(rc));
            bad = 1;
        } else if (gen_header_cmp(&want_h, &h, why, sizeof why)) {
            bad = 1;
        }
        for (int i = 0; i < n && !bad; i++) {
            gen_reset();
            gen_event(&want, 4);
            rc = trace_next(&r, &ev);
            if (rc != 1) {
                snprintf(why, sizeof why, "seed %lu event %d: %s", (unsigned long)seed, i, trace_strerror(rc));
                bad = 1;
            } else if (gen_event_cmp(&want, &ev, why, sizeof why) || ev.index != (uint64_t)i + 1) {
                bad = 1;
            }
            events++;
        }
        if (!bad && (rc = trace_next(&r, &ev)) != 0) {
            snprintf(why, sizeof why, "seed %lu: end: %d %s", (unsigned long)seed, rc, trace_strerror(rc));
            bad = 1;
        }
        if (!bad && trace_next(&r, &ev) != 0) {
            snprintf(why, sizeof why, "trace_next after the end is not 0");
            bad = 1;
        }
        free(buf);
    }
    report("roundtrip", !bad, "%s", why);
    fprintf(stderr, "roundtrip: %ld events compared\n", events);
}

static void test_cuts(void)
{
    size_t len;
    uint8_t *buf = gen_trace(7, 25, &len);
    size_t ends[64], header_end = 0;
    int n;
    int rc = decode_all(buf, len, &n, ends, 64, &header_end);
    int bad = rc != 0 || n != 25;
    char why[160] = "";
    if (bad)
        snprintf(why, sizeof why, "sample does not decode: %s", trace_strerror(rc));
    for (size_t cut = 0; cut < len && !bad; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);  /* exact size, so ASan sees any overrun */
        memcpy(copy, buf, cut);
        int got;
        rc = decode_all(copy, cut, &got, NULL, 0, NULL);
        int want = 0;
        for (int i = 0; i < n; i++)
            want += ends[i] <= cut;
        if (cut < header_end)
            want = 0;
        if (rc != TRACE_E_INCOMPLETE || got != want) {
            snprintf(why, sizeof why, "cut at %zu of %zu: rc %d (%s), %d events, want %d", cut, len, rc,
                     trace_strerror(rc), got, want);
            bad = 1;
        }
        free(copy);
    }
    report("cuts", !bad, "%s", why);
    fprintf(stderr, "cuts: %zu cut points\n", len);
    free(buf);
}

static void test_bitflips(void)
{
    size_t len;
    uint8_t *buf = gen_trace(11, 6, &len);
    int bad = 0;
    char why[160] = "";
    uint8_t *copy = malloc(len);
    for (size_t bit = 0; bit < len * 8 && !bad; bit++) {
        memcpy(copy, buf, len);
        copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        int n;
        int rc = decode_all(copy, len, &n, NULL, 0, NULL);
        if (rc >= 0 || rc == TRACE_E_INCOMPLETE) {
            snprintf(why, sizeof why, "flip of bit %zu (byte %zu) gave %d (%s)", bit, bit / 8, rc,
                     trace_strerror(rc));
            bad = 1;
        }
    }
    report("bitflips", !bad, "%s", why);
    fprintf(stderr, "bitflips: %zu bits of a %zu-byte trace\n", len * 8, len);
    free(copy);
    free(buf);
}

static void test_mutations(void)
{
    size_t len;
    uint8_t *buf = gen_trace(23, 12, &len);
    uint8_t *copy = malloc(len);
    long errors = 0, clean = 0;
    gen_seed(99);
    for (int round = 0; round < 20000; round++) {
        memcpy(copy, buf, len);
        int edits = 1 + (int)(gen_rand() % 4);
        for (int k = 0; k < edits; k++) {
            size_t at = (size_t)(gen_rand() % len);
            switch (gen_rand() % 3) {
            case 0: copy[at] = (uint8_t)gen_rand(); break;
            case 1: copy[at] = 0xff; break;
            default: copy[at] ^= 0x80; break;
            }
        }
        trace_fixup_crcs(copy, len);
        int n;
        int rc = decode_all(copy, len, &n, NULL, 0, NULL);
        if (rc < 0)
            errors++;
        else
            clean++;
    }
    report("mutations", errors > 0, "no mutation was detected");
    fprintf(stderr, "mutations: 20000 mutated traces, %ld refused, %ld decoded\n", errors, clean);
    free(copy);
    free(buf);
}

struct membuf {
    uint8_t *p;
    size_t len, cap;
};

static int mem_append(void *ctx, const void *buf, size_t len)
{
    struct membuf *m = ctx;
    if (m->len + len > m->cap) {
        m->cap = (m->len + len) * 2;
        m->p = realloc(m->p, m->cap);
        if (!m->p)
            return -ENOMEM;
    }
    memcpy(m->p + m->len, buf, len);
    m->len += len;
    return 0;
}

/* Decoded events written again (lists through their raw form) give the same bytes. */
static void test_reencode(void)
{
    size_t len;
    uint8_t *buf = gen_trace(31, 40, &len);
    struct membuf out = { 0 };
    struct trace_writer w;
    struct trace_reader r;
    struct trace_header h;
    struct trace_event ev;
    int rc;
    trace_writer_init(&w, mem_append, &out);
    rc = trace_open(&r, buf, len, &h);
    if (rc == 0)
        rc = trace_write_header(&w, &h);
    while (rc == 0 && (rc = trace_next(&r, &ev)) == 1)
        rc = trace_write_event(&w, &ev);
    if (rc == 0)
        rc = trace_write_end(&w);
    trace_writer_release(&w);
    report("reencode", rc == 0 && out.len == len && memcmp(out.p, buf, len) == 0,
           "rc %d, %zu bytes vs %zu", rc, out.len, len);
    free(out.p);
    free(buf);
}

static int null_write(void *ctx, const void *buf, size_t len)
{
    (void)ctx, (void)buf, (void)len;
    return 0;
}

static void test_writer(void)
{
    struct trace_writer w;
    struct trace_header h;
    struct trace_event ev;
    int bad = 0;
    char why[128] = "";
    gen_seed(5);
    gen_reset();
    gen_header(&h);

    trace_writer_init(&w, null_write, NULL);
    memset(&ev, 0, sizeof ev);
    ev.kind = TRACE_EXIT;
    if (trace_write_event(&w, &ev) != -EINVAL)
        bad = 1, snprintf(why, sizeof why, "event before header accepted");
    trace_writer_release(&w);

    struct trace_mem m = { .dir = 3, .arg = 0, .elem = TRACE_ELEM_NONE, .len = 0 };
    trace_writer_init(&w, null_write, NULL);
    trace_write_header(&w, &h);
    memset(&ev, 0, sizeof ev);
    ev.kind = TRACE_SYSCALL;
    ev.syscall.mem = (struct trace_memlist){ .count = 1, .vec = &m };
    if (!bad && trace_write_event(&w, &ev) != -EINVAL)
        bad = 1, snprintf(why, sizeof why, "bad memory direction accepted");
    if (!bad && trace_write_end(&w) != -EINVAL)
        bad = 1, snprintf(why, sizeof why, "writer not sticky after an error");
    trace_writer_release(&w);

    trace_writer_init(&w, null_write, NULL);
    trace_write_header(&w, &h);
    memset(&ev, 0, sizeof ev);
    ev.kind = TRACE_OUTPUT;
    ev.task = 0;  /* OUTPUT must carry TRACE_TASK_NONE */
    if (!bad && trace_write_event(&w, &ev) != -EINVAL)
        bad = 1, snprintf(why, sizeof why, "OUTPUT with a task accepted");
    trace_writer_release(&w);

    trace_writer_init(&w, null_write, NULL);
    struct trace_header h2 = h;
    h2.cwd = (struct trace_str){ "a\0b", 3 };
    if (!bad && trace_write_header(&w, &h2) != -EINVAL)
        bad = 1, snprintf(why, sizeof why, "string with a NUL inside accepted");
    trace_writer_release(&w);
    report("writer", !bad, "%s", why);
}

static void test_errors(void)
{
    /* Hand-made cases: the message names the problem and the offset. */
    struct trace_reader r;
    struct trace_header h;
    char msg[200];
    int bad = 0;
    int rc = trace_open(&r, "LOCKSTEQ", 8, &h);
    bad |= (rc != TRACE_E_MAGIC) << 0;
    rc = trace_open(&r, "LOCK", 4, &h);
    bad |= (rc != TRACE_E_INCOMPLETE) << 1;
    size_t len;
    uint8_t *buf = gen_trace(3, 3, &len);
    uint64_t nrec = 0;
    bad |= (trace_validate(buf, len, &nrec) != 0 || nrec != 5) << 4;
    uint8_t *big = malloc(len + 1);
    memcpy(big, buf, len);
    big[len] = 0;
    bad |= (trace_validate(big, len + 1, NULL) != TRACE_E_TRAILING) << 2;
    /* a version from the future */
    memcpy(big, buf, len);
    big[TRACE_MAGIC_LEN + 16] = TRACE_FORMAT_VERSION + 1;
    trace_fixup_crcs(big, len);
    rc = trace_open(&r, big, len, &h);
    trace_reader_error(&r, msg, sizeof msg);
    bad |= (rc != TRACE_E_VERSION || strstr(msg, "offset 24 (0x18)") == NULL) << 3;
    report("errors", !bad, "bad=%x, last message: %s", bad, msg);
    free(big);
    free(buf);
}

int main(void)
{
    test_crc32();
    test_roundtrip();
    test_reencode();
    test_cuts();
    test_bitflips();
    test_mutations();
    test_writer();
    test_errors();
    return failed;
}
