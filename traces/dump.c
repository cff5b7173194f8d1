/* dump.c — `lockstep dump`: print a trace as strace-style text (one line per event, with a task
 * prefix), as JSON lines (--json), or as statistics (--stats). A damaged or cut trace prints its
 * valid prefix, then one line on stderr naming the problem and its byte offset, and exits 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "print.h"
#include "sysdesc.h"
#include "trace.h"

static const char usage[] =
    "usage: lockstep dump [--json | --stats] [--full-buffers] [--no-header] FILE\n"
    "  (text)          one strace-style line per event, \"[tN]\" task prefix, header as # lines\n"
    "  --json          one JSON object per line: the header, then each event\n"
    "  --stats         syscall counts per name and per task, bytes captured\n"
    "  --full-buffers  print buffers in full (default: first 32 bytes, then ...)\n"
    "  --no-header     leave out the header\n";

static char *line;
static size_t line_cap;

/* Run a print function into the growing line buffer. */
#define PRINT_INTO(call_with_buf_size)                                   \
    do {                                                                 \
        char *out = line;                                                \
        size_t size = line_cap;                                          \
        size_t need = (call_with_buf_size);                              \
        if (need >= line_cap) {                                          \
            line_cap = need + 1;                                         \
            line = realloc(line, line_cap);                              \
            if (!line) {                                                 \
                perror("lockstep dump");                                 \
                exit(2);                                                 \
            }                                                            \
            out = line;                                                  \
            size = line_cap;                                             \
            (void)(call_with_buf_size);                                  \
        }                                                                \
    } while (0)

/* ---- stats ---- */

struct task_stats {
    uint64_t events, syscalls;
};

struct stats {
    uint64_t by_nr[SYSDESC_NR_MAX + 1];     /* last slot: numbers beyond the table */
    uint64_t undescribed, memfault, noreturn;
    uint64_t bytes_in, bytes_out, regions, output_bytes[3];
    uint64_t kinds[TRACE_END + 1];
    struct task_stats *tasks;
    uint32_t ntasks;
};

static void stats_add(struct stats *s, const struct trace_event *ev)
{
    s->kinds[ev->kind]++;
    if (ev->task != TRACE_TASK_NONE) {
        if (ev->task >= s->ntasks) {
            uint32_t n = ev->task + 1;
            s->tasks = realloc(s->tasks, n * sizeof *s->tasks);
            if (!s->tasks) {
                perror("lockstep dump");
                exit(2);
            }
            memset(s->tasks + s->ntasks, 0, (n - s->ntasks) * sizeof *s->tasks);
            s->ntasks = n;
        }
        s->tasks[ev->task].events++;
    }
    if (ev->kind == TRACE_OUTPUT)
        s->output_bytes[ev->output.stream] += ev->output.data.len;
    if (ev->kind != TRACE_SYSCALL)
        return;
    const struct trace_syscall *sc = &ev->syscall;
    s->tasks[ev->task].syscalls++;
    s->by_nr[sc->nr < SYSDESC_NR_MAX ? sc->nr : SYSDESC_NR_MAX]++;
    s->undescribed += !!(sc->flags & TRACE_SC_UNDESCRIBED);
    s->memfault += !!(sc->flags & TRACE_SC_MEMFAULT);
    s->noreturn += !!(sc->flags & TRACE_SC_NORETURN);
    struct trace_mem_iter it;
    struct trace_mem m;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m)) {
        s->regions++;
        if (m.dir == TRACE_MEM_IN)
            s->bytes_in += m.len;
        else
            s->bytes_out += m.len;
    }
}

static int cmp_count(const void *a, const void *b, void *ctx)
{
    const uint64_t *by = ctx;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (by[x] != by[y])
        return by[x] < by[y] ? 1 : -1;
    return x < y ? -1 : x > y;
}

static void stats_print(const struct stats *s, size_t file_size, uint64_t records)
{
    uint32_t order[SYSDESC_NR_MAX + 1];
    uint32_t n = 0;
    uint64_t total = 0;
    for (uint32_t nr = 0; nr <= SYSDESC_NR_MAX; nr++) {
        if (s->by_nr[nr])
            order[n++] = nr;
        total += s->by_nr[nr];
    }
    qsort_r(order, n, sizeof order[0], cmp_count, (void *)s->by_nr);
    printf("records %llu, file %zu bytes (%.1f bytes per syscall)\n", (unsigned long long)records, file_size,
           total ? (double)file_size / (double)total : 0.0);
    printf("events: syscall %llu, birth %llu, exec %llu, signal %llu, exit %llu, output %llu\n",
           (unsigned long long)s->kinds[TRACE_SYSCALL], (unsigned long long)s->kinds[TRACE_BIRTH],
           (unsigned long long)s->kinds[TRACE_EXEC], (unsigned long long)s->kinds[TRACE_SIGNAL],
           (unsigned long long)s->kinds[TRACE_EXIT], (unsigned long long)s->kinds[TRACE_OUTPUT]);
    printf("captured: %llu regions, %llu bytes in, %llu bytes out; output %llu bytes stdout, %llu bytes stderr\n",
           (unsigned long long)s->regions, (unsigned long long)s->bytes_in, (unsigned long long)s->bytes_out,
           (unsigned long long)s->output_bytes[1], (unsigned long long)s->output_bytes[2]);
    printf("flags: %llu undescribed, %llu memfault, %llu no-return\n", (unsigned long long)s->undescribed,
           (unsigned long long)s->memfault, (unsigned long long)s->noreturn);
    printf("\nsyscalls by name:\n");
    for (uint32_t i = 0; i < n; i++) {
        const char *name = order[i] < SYSDESC_NR_MAX ? sysdesc_name(order[i]) : NULL;
        char other[32];
        if (!name) {
            snprintf(other, sizeof other, order[i] < SYSDESC_NR_MAX ? "syscall_%u" : "(out of range)", order[i]);
            name = other;
        }
        printf("%10llu  %s%s\n", (unsigned long long)s->by_nr[order[i]], name,
               order[i] < SYSDESC_NR_MAX && !sysdesc_get(order[i]) ? " (undescribed)" : "");
    }
    printf("%10llu  total\n", (unsigned long long)total);
    printf("\nby task:\n");
    for (uint32_t t = 0; t < s->ntasks; t++)
        printf("  t%-6u %10llu syscalls %10llu events\n", t, (unsigned long long)s->tasks[t].syscalls,
               (unsigned long long)s->tasks[t].events);
}

/* ---- main ---- */

int main(int argc, char **argv)
{
    bool json = false, stats = false, header = true;
    struct print_opts o = { 0 };
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = true;
        else if (!strcmp(argv[i], "--stats"))
            stats = true;
        else if (!strcmp(argv[i], "--full-buffers"))
            o.full_buffers = true;
        else if (!strcmp(argv[i], "--no-header"))
            header = false;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage, stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "lockstep dump: unknown option %s\n%s", argv[i], usage);
            return 2;
        } else if (path) {
            fprintf(stderr, "lockstep dump: one trace at a time\n%s", usage);
            return 2;
        } else {
            path = argv[i];
        }
    }
    if (!path || (json && stats)) {
        fputs(usage, stderr);
        return 2;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) < 0) {
        fprintf(stderr, "lockstep dump: %s: %s\n", path, strerror(errno));
        return 2;
    }
    size_t len = (size_t)sb.st_size;
    const void *buf = "";
    if (len) {
        buf = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (buf == MAP_FAILED) {
            fprintf(stderr, "lockstep dump: %s: mmap: %s\n", path, strerror(errno));
            return 2;
        }
    }
    close(fd);

    line_cap = 1 << 16;
    line = malloc(line_cap);
    struct stats *st = stats ? calloc(1, sizeof *st) : NULL;
    if (!line || (stats && !st)) {
        perror("lockstep dump");
        return 2;
    }
    struct trace_reader r;
    struct trace_header h;
    struct trace_event ev;
    int rc = trace_open(&r, buf, len, &h);
    if (rc == 0 && header && !stats) {
        if (json) {
            PRINT_INTO(trace_print_header_json(&h, out, size));
            fputs(line, stdout);
            putchar('\n');
        } else {
            PRINT_INTO(trace_print_header(&h, out, size));
            fputs(line, stdout);
        }
    }
    if (rc == 0) {
        while ((rc = trace_next(&r, &ev)) == 1) {
            if (stats) {
                stats_add(st, &ev);
                continue;
            }
            if (json)
                PRINT_INTO(trace_print_json(&ev, &o, out, size));
            else
                PRINT_INTO(trace_print_event(&ev, &o, out, size));
            fputs(line, stdout);
            putchar('\n');
        }
    }
    if (stats)
        stats_print(st, len, r.nrecords);
    fflush(stdout);
    if (rc < 0) {
        char msg[256];
        trace_reader_error(&r, msg, sizeof msg);
        fprintf(stderr, "lockstep dump: %s: %s\n", path, msg);
        return 1;
    }
    return 0;
}
