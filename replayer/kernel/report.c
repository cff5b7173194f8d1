/* report.c — the divergence report: strace-style rendering of events, the struct divergence
 * (divergence.h) filled for the first divergence, printed on the console line by line, and the
 * call to lockstep_diverged(), the function gdb breaks on.
 */
#include "engine.h"
#include "desc.h"
#include "report.h"

const char REPORT_CALL[] = "(the call in progress)";

static void copy_str(char *dst, size_t size, const char *src)
{
    struct fmtbuf f;
    fmt_init(&f, dst, size);
    fmt_str(&f, src ? src : "");
}

void report_number(int64_t v, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    if (v < -4095 || v > 65535) {
        fmt_hex(&f, (uint64_t)v);
        return;
    }
    fmt_i64(&f, v);
    if (v < 0) {
        const char *e = desc_errno_name((int)-v);
        if (e) {
            fmt_str(&f, " (");
            fmt_str(&f, e);
            fmt_str(&f, ")");
        }
    }
}

void report_bytes(const uint8_t *p, size_t n, char *out, size_t size)
{
    /* a C string padded with NULs (utsname, sun_path) shows up to its NUL */
    size_t nul = 0;
    while (nul < n && p[nul])
        nul++;
    size_t k = nul;
    while (k < n && !p[k])
        k++;
    struct fmtbuf f;
    fmt_init(&f, out, size);
    fmt_quoted(&f, p, k == n && nul < n ? nul : n);
}

void report_status(int status, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    if ((status & 0x7f) == 0) {
        fmt_str(&f, "+++ exited with ");
        fmt_i64(&f, (status >> 8) & 0xff);
        fmt_str(&f, " +++");
    } else {
        fmt_str(&f, "+++ killed by ");
        const char *name = desc_signal_name(status & 0x7f);
        if (name)
            fmt_str(&f, name);
        else
            fmt_i64(&f, status & 0x7f);
        if (status & 0x80)
            fmt_str(&f, " (core dumped)");
        fmt_str(&f, " +++");
    }
}

void report_executed(uint32_t nr, const uint64_t args[6], bool has_result, int64_t result,
                     char *out, size_t size)
{
    desc_print_call(nr, args, has_result, result, out, size);
}

void report_recorded(const struct trace_event *ev, char *out, size_t size)
{
    desc_print_event(ev, out, size);
}

/* The call in progress with the program's actual memory, read where the recorded call's
 * regions were (inputs at entry; outputs too after the call), so both lines of the report are
 * decoded alike. Each region is shown from its first bytes only (the printer shortens anyway). */
#define SHOW_REGIONS 12

static uint32_t memchr_nul(const uint8_t *p, uint32_t n)
{
    uint32_t i = 0;
    while (i < n && p[i])
        i++;
    return i;
}

#define SHOW_BYTES 256

static void executed_call(struct check_run *run, struct check_stream *s, uint32_t pos, char *out,
                          size_t size)
{
    static uint8_t scratch[SHOW_REGIONS][SHOW_BYTES];
    static struct trace_mem vec[SHOW_REGIONS];
    const struct trace_event *ev = pos < s->n ? &run->events[s->ev[pos]] : NULL;
    if (!ev || ev->kind != TRACE_SYSCALL || ev->syscall.nr != s->cur_nr ||
        (ev->syscall.flags & TRACE_SC_UNDESCRIBED)) {
        report_executed(s->cur_nr, s->args, s->cur_has_result, s->cur_result, out, size);
        return;
    }
    uint32_t n = 0;
    struct trace_mem_iter it;
    struct trace_mem m;
    trace_mem_iter_init(&it, &ev->syscall.mem);
    while (trace_mem_next(&it, &m) && n < SHOW_REGIONS) {
        if (m.dir == TRACE_MEM_OUT && (!s->cur_has_result || s->cur_result < 0))
            continue;   /* nothing was written (yet) */
        uint64_t addr = m.elem == TRACE_ELEM_NONE ? s->args[m.arg] + m.offset
                                                  : addrmap_to_act(&run->addrs, m.addr);
        uint32_t len = m.len < SHOW_BYTES ? m.len : SHOW_BYTES;
        if (run->env->read_user(run->env->ctx, s->tid, addr, scratch[n], len) != 0)
            continue;
        if (m.len && m.data[m.len - 1] == 0 && memchr_nul(m.data, m.len) == m.len - 1) {
            uint32_t k = memchr_nul(scratch[n], len);   /* a C string: up to its NUL */
            len = k < len ? k + 1 : len;
        }
        vec[n] = m;
        vec[n].addr = addr;
        vec[n].len = len;
        vec[n].data = scratch[n];
        n++;
    }
    struct trace_syscall sc = ev->syscall;
    memcpy(sc.args, s->args, sizeof sc.args);
    sc.result = s->cur_has_result ? s->cur_result : 0;
    sc.flags = s->cur_has_result ? 0 : TRACE_SC_NORETURN;
    sc.mem.count = n;
    sc.mem.vec = vec;
    sc.mem.raw = NULL;
    sc.mem.raw_len = 0;
    desc_print_syscall(&sc, out, size);
}

/* noinline, noipa and a memory barrier: the call stays, with d in memory, for gdb to break on. */
__attribute__((noinline, noipa)) void lockstep_diverged(const struct divergence *d)
{
    __asm__ volatile("" : : "r"(d) : "memory");
}

static void print_line(struct check_run *run, const char *a, const char *b, const char *c)
{
    if (!run->env->print)
        return;
    char line[DIV_CALL_MAX + DIV_VALUE_MAX + 64];
    struct fmtbuf f;
    fmt_init(&f, line, sizeof line);
    fmt_str(&f, a);
    fmt_str(&f, b ? b : "");
    fmt_str(&f, c ? c : "");
    run->env->print(run->env->ctx, line);
}

int report_divergence(struct check_run *run, struct check_stream *s, uint32_t pos,
                      const struct div_detail *dd)
{
    if (run->verdict != VERDICT_RUNNING)
        return CHECK_STOP;
    run->verdict = VERDICT_DIVERGE;
    struct divergence *d = &run->div;
    memset(d, 0, sizeof *d);
    copy_str(d->trace, sizeof d->trace, run->name);
    copy_str(d->program, sizeof d->program, run->hdr.program.s);
    d->task = (uint32_t)(s - run->tasks);
    d->tid = s->tid;
    d->event = pos;
    d->nr = 0xffffffffu;
    if (pos < s->n) {
        const struct trace_event *ev = &run->events[s->ev[pos]];
        d->record = ev->index;
        if (ev->kind == TRACE_SYSCALL)
            d->nr = ev->syscall.nr;
        report_recorded(ev, d->recorded, sizeof d->recorded);
    } else
        copy_str(d->recorded, sizeof d->recorded, "(end of stream)");
    char call[DIV_CALL_MAX];
    executed_call(run, s, pos, call, sizeof call);
    const char *executed = dd->executed ? dd->executed : dd->actual;
    copy_str(d->executed, sizeof d->executed, executed == REPORT_CALL ? call : executed);
    copy_str(d->field, sizeof d->field, dd->field);
    copy_str(d->expected, sizeof d->expected, dd->expected);
    copy_str(d->actual, sizeof d->actual, dd->actual == REPORT_CALL ? call : dd->actual);
    copy_str(d->why, sizeof d->why, dd->why);
    uint32_t have = s->nlast < DIV_LAST_N ? s->nlast : DIV_LAST_N;
    for (uint32_t i = 0; i < have; i++) {
        uint32_t k = (s->nlast - have + i) % DIV_LAST_N;
        report_recorded(&run->events[s->ev[s->last[k]]], d->last[i], sizeof d->last[i]);
    }
    d->nlast = have;
    if (run->env->user_regs)
        run->env->user_regs(run->env->ctx, s->tid, &d->user_rip, &d->user_rsp, &d->user_rbp);

    char num[64];
    struct fmtbuf f;
    fmt_init(&f, num, sizeof num);
    fmt_str(&f, " at record #");
    fmt_u64(&f, d->record);
    fmt_str(&f, ", task ");
    fmt_u64(&f, d->task);
    fmt_str(&f, " (tid ");
    fmt_i64(&f, d->tid);
    fmt_str(&f, ")");
    print_line(run, "=== DIVERGENCE in ", d->trace, num);
    for (uint32_t i = 0; i < d->nlast; i++)
        print_line(run, "  matched:  ", d->last[i], NULL);
    print_line(run, "  recorded: ", d->recorded, NULL);
    print_line(run, "  executed: ", d->executed, NULL);
    print_line(run, "  field:    ", d->field, NULL);
    print_line(run, "  expected: ", d->expected, NULL);
    print_line(run, "  actual:   ", d->actual, NULL);
    print_line(run, "  rule:     ", d->why, NULL);
    fmt_init(&f, num, sizeof num);
    fmt_str(&f, "  user rip: ");
    fmt_hex(&f, d->user_rip);
    print_line(run, num, NULL, NULL);
    lockstep_diverged(d);
    return CHECK_STOP;
}
