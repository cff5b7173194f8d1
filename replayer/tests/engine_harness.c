/* engine_harness.c — drives the check-mode engine (replayer/kernel/) on the host with a
 * synthetic execution derived from a trace, so the engine is tested without a kernel.
 *
 *   engine-harness synth NAME OUT        write the synthetic trace NAME (see synth.c)
 *   engine-harness run TRACE [OPTS] [MUTATION...]
 *        replay TRACE as if a kernel executed it exactly as recorded, except for the
 *        mutations, and print the engine's report and verdict. The last line is
 *        "verdict=MATCH|DIVERGE|ERROR record=K field=F calls=N".
 *        OPTS: --pid-shift N  every pid the "kernel" hands out is N higher (tests mapping)
 *              --shift-zone LO:HI:DELTA  addresses in [LO, HI) are DELTA higher (a stack or an
 *                           mmap area placed elsewhere: tests the address pairing)
 *   engine-harness points TRACE          list mutation points: one line per syscall record
 *        "K nr=NR flags=F mapped=0|1 in=LEN,... out=LEN,..." (mapped: the result is a pid or
 *        an address, paired rather than compared)
 *
 * Mutations (K is a record index, as `lockstep dump` shows it):
 *   result@K  arg@K:I  in@K:J:B  out@K:J:B  nr@K  exit@K  signal@K  nosignal@K (not delivered)
 *   sigpid@K (delivered with another sender: another child's SIGCHLD)
 * (J: the J-th IN or OUT region of the record, B: a byte in it, I: a register)
 *
 * Execution order: file order, except that a fork or exec call is entered at its first
 * BIRTH/EXEC record (the kernel enters the call before the child exists), and only one step
 * per event: enter and exit of a syscall happen at its SYSCALL record otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "desc.h"
#include "harness.h"

void *check_zalloc(size_t n) { return calloc(1, n ? n : 1); }
void check_free(void *p) { free(p); }

/* ---- fake user memory: pages allocated on first write; reading elsewhere faults ---- */

#define NPAGES 4096
static struct page { uint64_t no; uint8_t *bytes; } pages[NPAGES];

static uint8_t *page_get(uint64_t no, bool create)
{
    uint64_t h = (no * 0x9E3779B97F4A7C15ull) % NPAGES;
    for (unsigned i = 0; i < NPAGES; i++) {
        struct page *p = &pages[(h + i) % NPAGES];
        if (p->bytes && p->no == no)
            return p->bytes;
        if (!p->bytes) {
            if (!create)
                return NULL;
            p->no = no;
            p->bytes = calloc(1, 4096);
            return p->bytes;
        }
    }
    fprintf(stderr, "engine-harness: fake memory full\n");
    exit(2);
}

static int mem_write(uint64_t addr, const void *src, size_t n)
{
    const uint8_t *s = src;
    for (size_t i = 0; i < n; i++)
        page_get((addr + i) >> 12, true)[(addr + i) & 4095] = s[i];
    return 0;
}

static int mem_read(uint64_t addr, void *dst, size_t n)
{
    uint8_t *d = dst;
    for (size_t i = 0; i < n; i++) {
        uint8_t *p = page_get((addr + i) >> 12, false);
        if (!p)
            return -EFAULT;
        d[i] = p[(addr + i) & 4095];
    }
    return 0;
}

static int env_read(void *ctx, int tid, uint64_t addr, void *dst, size_t n)
{
    (void)ctx, (void)tid;
    return mem_read(addr, dst, n);
}

static int env_write(void *ctx, int tid, uint64_t addr, const void *src, size_t n)
{
    (void)ctx, (void)tid;
    return mem_write(addr, src, n);
}

static void env_print(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
}

static void env_regs(void *ctx, int tid, uint64_t *rip, uint64_t *rsp, uint64_t *rbp)
{
    (void)ctx;
    *rip = 0x401000 + (uint64_t)tid;
    *rsp = *rbp = 0;
}

/* ---- mutations ---- */

enum mut_kind { M_RESULT, M_ARG, M_IN, M_OUT, M_NR, M_EXIT, M_SIGNAL, M_NOSIGNAL, M_SIGPID };
struct mutation { enum mut_kind kind; uint64_t record; unsigned a, b; };
static struct mutation muts[16];
static int nmuts;
static int64_t pid_shift;
/* --shift-zone LO:HI:DELTA: addresses in [LO, HI) are DELTA higher in the execution (a stack or
 * an mmap area laid out elsewhere than Linux's) */
static uint64_t zone_lo, zone_hi;
static int64_t zone_delta;

static uint64_t shift_addr(uint64_t v)
{
    return v >= zone_lo && v < zone_hi ? v + (uint64_t)zone_delta : v;
}

static bool parse_mutation(const char *s)
{
    static const char *const names[] = { "result", "arg", "in", "out", "nr", "exit", "signal", "nosignal",
                                         "sigpid" };
    const char *at = strchr(s, '@');
    if (!at || nmuts == (int)ARRAY_LEN(muts))
        return false;
    for (unsigned k = 0; k < ARRAY_LEN(names); k++)
        if (strlen(names[k]) == (size_t)(at - s) && !strncmp(s, names[k], (size_t)(at - s))) {
            struct mutation *m = &muts[nmuts++];
            m->kind = (enum mut_kind)k;
            unsigned long long rec = 0;
            m->a = m->b = 0;
            if (sscanf(at + 1, "%llu:%u:%u", &rec, &m->a, &m->b) < 1)
                return false;
            m->record = rec;
            return true;
        }
    return false;
}

static const struct mutation *mutation_for(uint64_t record, enum mut_kind kind)
{
    for (int i = 0; i < nmuts; i++)
        if (muts[i].record == record && muts[i].kind == kind)
            return &muts[i];
    return NULL;
}

/* ---- pid shifting: every pid-role value the execution shows is pid_shift higher ---- */

static uint64_t shift_pid(uint64_t v, unsigned width)
{
    int64_t x = width == 4 ? (int64_t)(int32_t)v : (int64_t)v;
    if (x == 0 || x == -1)
        return v;
    x = x < 0 ? x - pid_shift : x + pid_shift;
    return width == 4 ? (uint64_t)(uint32_t)x : (uint64_t)x;
}

struct shift_ctx { const struct trace_mem *m; uint8_t *bytes; };

static void shift_field(void *ctx, const struct check_field *f)
{
    struct shift_ctx *c = ctx;
    if ((f->role != CR_PID && f->role != CR_ADDRESS) || (f->len != 4 && f->len != 8))
        return;
    if (f->off < c->m->offset || f->off + f->len > c->m->offset + c->m->len)
        return;
    uint8_t *p = c->bytes + (f->off - c->m->offset);
    uint64_t v = 0;
    memcpy(&v, p, f->len);
    if (f->role == CR_PID && pid_shift)
        v = shift_pid(v, f->len);
    else if (f->role == CR_ADDRESS && f->len == 8)
        v = shift_addr(v);
    memcpy(p, &v, f->len);
}

/* The bytes of region m as the execution has them (shifted, mutated): malloc'ed. */
static uint8_t *region_bytes(const struct trace_syscall *sc, const struct trace_mem *m,
                             uint64_t record, enum mut_kind kind, unsigned index)
{
    uint8_t *b = malloc(m->len ? m->len : 1);
    memcpy(b, m->data, m->len);
    if ((pid_shift || zone_delta) && !(sc->flags & TRACE_SC_UNDESCRIBED)) {
        struct shift_ctx c = { m, b };
        desc_region_walk(sc->nr, sc->args, m, shift_field, &c);
    }
    for (int i = 0; i < nmuts; i++)
        if (muts[i].record == record && muts[i].kind == kind && muts[i].a == index && muts[i].b < m->len)
            b[muts[i].b] ^= 0x01;
    return b;
}

/* ---- the simulated execution ---- */

static struct check_run run;
static struct check_env env = { NULL, env_read, env_write, env_print, env_regs, NULL };

static int tid_of(uint32_t task) { return (int)(100 + task + (uint32_t)pid_shift); }

static void put_regions(const struct trace_event *ev, uint8_t dir)
{
    const struct trace_syscall *sc = &ev->syscall;
    struct trace_mem_iter it;
    struct trace_mem m;
    unsigned j = 0;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m)) {
        if (m.dir != dir)
            continue;
        uint8_t *b = region_bytes(sc, &m, ev->index, dir == TRACE_MEM_IN ? M_IN : M_OUT, j++);
        mem_write(shift_addr(m.addr), b, m.len);
        free(b);
    }
}

static uint32_t exec_nr(const struct trace_event *ev)
{
    if (!mutation_for(ev->index, M_NR))
        return ev->syscall.nr;
    return ev->syscall.nr == 39 ? 102 : 39;
}

static int do_enter(const struct trace_event *ev)
{
    const struct trace_syscall *sc = &ev->syscall;
    uint64_t args[6];
    memcpy(args, sc->args, sizeof args);
    for (int i = 0; i < 6 && pid_shift && !(sc->flags & TRACE_SC_UNDESCRIBED); i++)
        if (desc_arg_role(sc->nr, i) == CR_PID)
            args[i] = (args[i] & ~0xffffffffull) | (shift_pid(args[i] & 0xffffffffu, 4) & 0xffffffffu);
    for (int i = 0; i < 6 && zone_delta; i++)
        if ((sc->flags & TRACE_SC_UNDESCRIBED) || desc_arg_role(sc->nr, i) == CR_ADDRESS)
            args[i] = shift_addr(args[i]);
    const struct mutation *m = mutation_for(ev->index, M_ARG);
    if (m && m->a < 6)
        args[m->a] ^= 0x1;
    put_regions(ev, TRACE_MEM_IN);
    return check_enter(&run, tid_of(ev->task), exec_nr(ev), args);
}

static int do_exit(const struct trace_event *ev)
{
    const struct trace_syscall *sc = &ev->syscall;
    if ((sc->flags & TRACE_SC_NORETURN) && !desc_is_exec(sc->nr))
        return CHECK_GO;  /* the task dies in the call: its EXIT record follows */
    int64_t result = sc->result;
    if (pid_shift && !(sc->flags & TRACE_SC_UNDESCRIBED) && desc_result_role(sc->nr) == CR_PID &&
        result > 0)
        result += pid_shift;
    if (zone_delta && !(sc->flags & TRACE_SC_UNDESCRIBED) && desc_result_role(sc->nr) == CR_ADDRESS &&
        result > 0)
        result = (int64_t)shift_addr((uint64_t)result);
    if (mutation_for(ev->index, M_RESULT))
        result = result == 0 ? 1 : result + 1;
    put_regions(ev, TRACE_MEM_OUT);
    return check_exit(&run, tid_of(ev->task), exec_nr(ev), &result);
}

static bool default_ignored(int signo) { return signo == 17 || signo == 18 || signo == 23 || signo == 28; }

static int cmd_run(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    static uint8_t buf[64 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    int rc = check_run_load(&run, name, buf, len, &env);
    /* which syscall record each BIRTH/EXEC belongs to: the task's next SYSCALL (fork/exec) */
    uint32_t n = run.nevents;
    int64_t *owner = calloc(n ? n : 1, sizeof *owner);
    bool *entered = calloc(n ? n : 1, sizeof *entered);
    for (uint32_t i = 0; rc == 0 && i < n; i++) {
        owner[i] = -1;
        const struct trace_event *ev = &run.events[i];
        if (ev->kind != TRACE_BIRTH && ev->kind != TRACE_EXEC)
            continue;
        for (uint32_t k = i + 1; k < n; k++) {
            const struct trace_event *x = &run.events[k];
            if (x->task == ev->task && x->kind == TRACE_SYSCALL) {
                owner[i] = k;
                break;
            }
        }
    }
    if (rc == 0)
        rc = check_run_start(&run, tid_of(0));
    for (uint32_t i = 0; rc == CHECK_GO && i < n; i++) {
        const struct trace_event *ev = &run.events[i];
        switch (ev->kind) {
        case TRACE_BIRTH:
            if (owner[i] >= 0 && !entered[owner[i]]) {
                entered[owner[i]] = true;
                rc = do_enter(&run.events[owner[i]]);
            }
            if (rc == CHECK_GO)
                rc = check_birth(&run, tid_of(ev->task), tid_of(ev->birth.child), ev->birth.clone_flags);
            break;
        case TRACE_EXEC:
            if (owner[i] >= 0 && !entered[owner[i]]) {
                entered[owner[i]] = true;
                rc = do_enter(&run.events[owner[i]]);
            }
            break;
        case TRACE_SYSCALL:
            if (!entered[i])
                rc = do_enter(ev);
            if (rc == CHECK_GO)
                rc = do_exit(ev);
            break;
        case TRACE_SIGNAL: {
            if (mutation_for(ev->index, M_NOSIGNAL))
                break;
            struct trace_signal si = ev->signal;
            si.signo += mutation_for(ev->index, M_SIGNAL) ? 1 : 0;
            si.pid += mutation_for(ev->index, M_SIGPID) ? 1 : 0;
            if (pid_shift && (si.flags & TRACE_SIG_HAS_PID) && si.pid > 0)
                si.pid += (int32_t)pid_shift;
            rc = check_signal(&run, tid_of(ev->task), &si, !default_ignored(si.signo));
            break;
        }
        case TRACE_EXIT: {
            int status = ev->exit.status ^ (mutation_for(ev->index, M_EXIT) ? 0x100 : 0);
            rc = check_task_exit(&run, tid_of(ev->task), status);
            break;
        }
        default:
            break;
        }
    }
    if (rc == CHECK_GO)
        check_run_finish(&run);
    char line[1024];
    check_verdict_line(&run, line, sizeof line);
    printf("%s\n", line);
    static const char *const verdicts[] = { "RUNNING", "MATCH", "DIVERGE", "ERROR" };
    printf("verdict=%s record=%llu field=%s calls=%llu\n", verdicts[run.verdict],
           run.verdict == VERDICT_DIVERGE ? (unsigned long long)run.div.record : 0ull,
           run.verdict == VERDICT_DIVERGE ? run.div.field : "-", (unsigned long long)run.calls);
    check_run_free(&run);
    free(owner);
    free(entered);
    return run.verdict == VERDICT_MATCH ? 0 : 1;
}

static int cmd_points(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    static uint8_t buf[64 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    struct trace_reader r;
    struct trace_header h;
    struct trace_event ev;
    int rc = trace_open(&r, buf, len, &h);
    while (rc == 0 && trace_next(&r, &ev) == 1) {
        if (ev.kind != TRACE_SYSCALL)
            continue;
        enum check_role role = desc_result_role(ev.syscall.nr);
        bool mapped = !(ev.syscall.flags & TRACE_SC_UNDESCRIBED) && ev.syscall.result >= 0 &&
                      (role == CR_PID || role == CR_ADDRESS);
        printf("%llu nr=%u flags=%u mapped=%d", (unsigned long long)ev.index, ev.syscall.nr,
               ev.syscall.flags, mapped);
        for (int dir = TRACE_MEM_IN; dir <= TRACE_MEM_OUT; dir++) {
            struct trace_mem_iter it;
            struct trace_mem m;
            printf(dir == TRACE_MEM_IN ? " in=" : " out=");
            trace_mem_iter_init(&it, &ev.syscall.mem);
            while (trace_mem_next(&it, &m))
                if (m.dir == dir)
                    printf("%u,", m.len);
        }
        printf("\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "synth"))
        return synth_write(argv[2], argv[3]) ? 1 : 0;
    if (argc == 3 && !strcmp(argv[1], "points"))
        return cmd_points(argv[2]);
    if (argc >= 3 && !strcmp(argv[1], "run")) {
        for (int i = 3; i < argc; i++) {
            if (!strcmp(argv[i], "--pid-shift") && i + 1 < argc)
                pid_shift = strtoll(argv[++i], NULL, 0);
            else if (!strcmp(argv[i], "--shift-zone") && i + 1 < argc) {
                unsigned long long lo, hi;
                long long delta;
                if (sscanf(argv[++i], "%llx:%llx:%lld", &lo, &hi, &delta) != 3) {
                    fprintf(stderr, "engine-harness: --shift-zone LO:HI:DELTA (hex, hex, decimal)\n");
                    return 2;
                }
                zone_lo = lo, zone_hi = hi, zone_delta = delta;
            }
            else if (!parse_mutation(argv[i])) {
                fprintf(stderr, "engine-harness: bad mutation '%s'\n", argv[i]);
                return 2;
            }
        }
        return cmd_run(argv[2]);
    }
    fprintf(stderr, "usage: engine-harness synth NAME OUT | run TRACE [--pid-shift N] [MUTATION...] | points TRACE\n");
    return 2;
}
