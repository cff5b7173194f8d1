/* fields.c — one syscall, field by field: the registers and input memory at entry, the result
 * and output memory at exit. Each value is judged by rules.c according to the role the
 * description table (desc.c) gives it; the first value that fails becomes the divergence.
 * World inputs are written back into the program's memory here (the recorded value), and
 * the address mapping learns new mmap/brk ranges here.
 */
#include "engine.h"
#include "desc.h"
#include "fields.h"
#include "report.h"
#include "idtext.h"

/* syscall numbers (x86-64) the checker treats specially */
enum { NR_READ = 0, NR_BRK = 12, NR_PREAD64 = 17, NR_READV = 19,
       NR_CLOCK_GETTIME = 228, NR_CLOCK_GETRES = 229,
       NR_PREADV = 295, NR_PREADV2 = 327 };

#define MIN_U64(a, b) ((uint64_t)(a) < (uint64_t)(b) ? (uint64_t)(a) : (uint64_t)(b))  /* the recorded heap and ours are paired over this span */

static bool is_error(int64_t v) { return v < 0 && v >= -4095; }

static uint64_t get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = (v << 8) | p[i];
    return v;
}

static void arg_label(uint32_t nr, int i, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    fmt_str(&f, "arg ");
    fmt_i64(&f, i);
    const char *name = desc_arg_name(nr, i);
    if (name) {
        fmt_str(&f, " (");
        fmt_str(&f, name);
        fmt_str(&f, ")");
    }
}

static int diverge_value(struct check_run *run, struct check_stream *s, uint32_t pos,
                         const char *field, int64_t rec, int64_t act, const struct rule_outcome *o,
                         const char *executed)
{
    char e[DIV_VALUE_MAX], a[DIV_VALUE_MAX];
    report_number(rec, e, sizeof e);
    if (o->rule >= RULE_MAP_PID && o->rule <= RULE_MAP_ADDRESS && (uint64_t)rec != o->expected_act) {
        struct fmtbuf f;
        fmt_init(&f, e + strlen(e), sizeof e - strlen(e));
        fmt_str(&f, ", here ");
        char n[40];
        report_number((int64_t)o->expected_act, n, sizeof n);
        fmt_str(&f, n);
    }
    report_number(act, a, sizeof a);
    struct div_detail d = { field, e, a, o->why, executed };
    return report_divergence(run, s, pos, &d);
}

/* ---- memory regions ---- */

struct region {
    struct check_run *run;
    struct check_stream *s;
    uint32_t pos;
    const struct trace_syscall *sc;
    const struct trace_mem *m;
    uint8_t *act;             /* the actual bytes (read back from user memory) */
    uint64_t act_addr;
    bool output;
    int clock;
    uint64_t covered;         /* object offset up to which bytes are judged */
    int world;                /* WORLD_* when the whole region is world input */
    uint64_t rec_dev, act_dev;/* the object's device fields, folded together (see inode_key) */
    const char *executed;
    int rc;                   /* CHECK_STOP after the first failure */
};

/* Inode numbers are unique only within a device: Linux's pipe inode 3 and a tmpfs file's inode 3
 * are different files. So an inode field of an object that also has device fields (stat, statx)
 * is mapped as the pair (device, inode), in a map of its own (directory entries carry no device:
 * their inode numbers keep the plain map); the device fields are gathered first, by
 * gather_device(), whatever their place in the object. */
static uint64_t inode_key(uint64_t dev, uint64_t ino)
{
    return dev << 40 ^ ino;
}

static void gather_device(void *ctx, const struct check_field *f)
{
    struct region *g = ctx;
    uint64_t lo = g->m->offset, hi = g->m->offset + g->m->len;
    if (f->role != CR_DEVICE || f->off < lo || (uint64_t)f->off + f->len > hi || f->len > 8)
        return;
    uint64_t i = f->off - lo, r = 0, a = 0;
    for (uint32_t k = f->len; k-- > 0;) {
        r = r << 8 | g->m->data[i + k];
        a = a << 8 | g->act[i + k];
    }
    g->rec_dev = g->rec_dev << 20 ^ r;
    g->act_dev = g->act_dev << 20 ^ a;
}

static void byte_label(const struct region *g, uint64_t off, const char *name, char *out, size_t size)
{
    struct fmtbuf f;
    fmt_init(&f, out, size);
    if (name) {
        fmt_str(&f, name);
        return;
    }
    char arg[48];
    arg_label(g->sc->nr, g->m->arg, arg, sizeof arg);
    fmt_str(&f, arg);
    if (g->m->elem != TRACE_ELEM_NONE) {
        fmt_str(&f, "[");
        fmt_u64(&f, g->m->elem);
        fmt_str(&f, "]");
    }
    fmt_str(&f, "[");
    fmt_u64(&f, off);
    fmt_str(&f, "]");
}

static void inject(struct region *g, uint64_t off, uint32_t len)
{
    const struct check_env *env = g->run->env;
    uint64_t i = off - g->m->offset;
    memcpy(g->act + i, g->m->data + i, len);
    if (env->write_user(env->ctx, g->s->tid, g->act_addr + i, g->m->data + i, len) != 0)
        g->rc = check_run_error(g->run, "could not write an injected value into user memory");
}

/* utimensat reads a time's seconds only when the tv_nsec after them is neither UTIME_NOW nor
 * UTIME_OMIT (the recorded and actual tv_nsec are themselves compared exactly). */
static bool utime_sec_unread(const struct region *g, uint64_t off)
{
    uint64_t nsec_at = off + 8 - g->m->offset;
    if (nsec_at + 8 > g->m->len)
        return false;
    uint64_t nsec = get_le(g->m->data + nsec_at, 8);
    return nsec == ((1ull << 30) - 1) || nsec == ((1ull << 30) - 2);   /* UTIME_NOW, UTIME_OMIT */
}

/* Judges object bytes [off, off+len) (inside the region) with one role. */
static void judge(struct region *g, uint64_t off, uint32_t len, enum check_role role, const char *name,
                  bool is_field)
{
    if (g->rc != CHECK_GO || len == 0 || (role == CR_KERNEL_OUT && !g->output) ||
        (role == CR_UTIME_SEC && utime_sec_unread(g, off)))
        return;   /* what the program left in a field the kernel never reads is not its input */
    if (role == CR_KERNEL_OUT || role == CR_UTIME_SEC)
        role = CR_EXACT;
    uint64_t i = off - g->m->offset;
    const uint8_t *rec = g->m->data + i, *act = g->act + i;
    struct rule_ctx c = { role, g->output, len, g->clock, name };
    struct rule_outcome o;
    bool scalar = (len == 1 || len == 2 || len == 4 || len == 8) && role != CR_EXACT &&
                  role != CR_RANDOM && role != CR_HOSTID;
    char label[64];
    if (scalar) {
        uint64_t r = get_le(rec, len), a = get_le(act, len);
        bool keyed = role == CR_INODE && (g->rec_dev || g->act_dev);
        if (keyed)
            c.role = CR_DEV_INODE;
        if (!rule_apply(g->run, &c, keyed ? inode_key(g->rec_dev, r) : r, keyed ? inode_key(g->act_dev, a) : a,
                        &o)) {
            if (keyed)  /* report the inode numbers themselves */
                o.expected_act ^= g->act_dev << 40;
            byte_label(g, off, name, label, sizeof label);
            g->rc = diverge_value(g->run, g->s, g->pos, label, (int64_t)r, (int64_t)a, &o, g->executed);
            return;
        }
    } else {
        size_t at;
        if (!rule_apply_bytes(g->run, &c, rec, act, len, &at, &o)) {
            char e[DIV_VALUE_MAX], a[DIV_VALUE_MAX];
            size_t show = len - at < 24 ? len - at : 24;
            bool scalar_field = is_field && (len == 1 || len == 2 || len == 4 || len == 8);
            if (scalar_field && role == CR_EXACT) {
                report_number((int64_t)get_le(rec, len), e, sizeof e);
                report_number((int64_t)get_le(act, len), a, sizeof a);
                if (name)
                    byte_label(g, off, name, label, sizeof label);
                else
                    arg_label(g->sc->nr, g->m->arg, label, sizeof label);
            } else {
                report_bytes(rec + at, show, e, sizeof e);
                report_bytes(act + at, show, a, sizeof a);
                if (name) {
                    struct fmtbuf f;
                    fmt_init(&f, label, sizeof label);
                    fmt_str(&f, name);
                    if (len > 8) {
                        fmt_str(&f, "[");
                        fmt_u64(&f, at);
                        fmt_str(&f, "]");
                    }
                } else
                    byte_label(g, off + at, NULL, label, sizeof label);
            }
            struct div_detail d = { label, e, a, o.why, g->executed };
            g->rc = report_divergence(g->run, g->s, g->pos, &d);
            return;
        }
    }
    if (o.inject)
        inject(g, off, len);
}

static void region_field(void *ctx, const struct check_field *f)
{
    struct region *g = ctx;
    uint64_t lo = g->m->offset, hi = g->m->offset + g->m->len;
    uint64_t flo = f->off, fhi = (uint64_t)f->off + f->len;
    if (fhi <= lo || flo >= hi || flo < g->covered)
        return;
    if (flo > g->covered)
        judge(g, g->covered > lo ? g->covered : lo, (uint32_t)(flo - (g->covered > lo ? g->covered : lo)),
              CR_EXACT, NULL, false);
    if (flo >= lo && fhi <= hi)
        judge(g, flo, f->len, f->role, f->name, true);
    else {  /* the region holds only part of the field: its bytes must be equal */
        uint64_t a = flo > lo ? flo : lo, b = fhi < hi ? fhi : hi;
        judge(g, a, (uint32_t)(b - a), CR_EXACT, f->name, false);
    }
    g->covered = fhi;
}

static int world_role(struct check_run *run, struct check_stream *s, uint32_t nr)
{
    if (nr != NR_READ && nr != NR_PREAD64 && nr != NR_READV && nr != NR_PREADV && nr != NR_PREADV2)
        return WORLD_NONE;
    if (!run->env->fd_world)
        return WORLD_NONE;
    return run->env->fd_world(run->env->ctx, s->tid, (int)s->args[0]);
}

/* How many bytes from addr can be read, page by page (all of them, normally). */
static uint32_t readable_prefix(struct check_run *run, struct check_stream *s, uint64_t addr,
                                uint8_t *dst, uint32_t len)
{
    const struct check_env *env = run->env;
    if (env->read_user(env->ctx, s->tid, addr, dst, len) == 0)
        return len;
    uint32_t done = 0;
    while (done < len) {
        uint64_t at = addr + done;
        uint32_t chunk = (uint32_t)MIN_U64(len - done, 4096 - (at & 4095));
        if (env->read_user(env->ctx, s->tid, at, dst + done, chunk) != 0)
            break;
        done += chunk;
    }
    return done;
}

static int compare_region_bytes(struct region *g)
{
    const struct trace_mem *m = g->m;
    if (g->world != WORLD_NONE && g->output)
        judge(g, m->offset, m->len, g->world == WORLD_RANDOM ? CR_RANDOM : CR_WORLD, NULL, false);
    else if (!(g->sc->flags & TRACE_SC_UNDESCRIBED)) {
        desc_region_walk(g->sc->nr, g->sc->args, m, gather_device, g);
        desc_region_walk(g->sc->nr, g->sc->args, m, region_field, g);
        uint64_t end = m->offset + m->len;
        if (g->covered < end)
            judge(g, g->covered, (uint32_t)(end - g->covered), CR_EXACT, NULL, false);
    } else
        judge(g, m->offset, m->len, CR_EXACT, NULL, false);
    return g->rc;
}

static int compare_region(struct check_run *run, struct check_stream *s, uint32_t pos,
                          const struct trace_syscall *sc, const struct trace_mem *m, int world,
                          const char *executed)
{
    struct region g = { run, s, pos, sc, m, NULL, 0, m->dir == TRACE_MEM_OUT, -1, m->offset,
                        WORLD_NONE, 0, 0, executed, CHECK_GO };
    if (sc->nr == NR_CLOCK_GETTIME || sc->nr == NR_CLOCK_GETRES)
        g.clock = (int)sc->args[0];
    if (m->elem == TRACE_ELEM_NONE)
        g.act_addr = s->args[m->arg] + m->offset;
    else
        g.act_addr = addrmap_to_act(&run->addrs, m->addr);
    if (m->len == 0)
        return CHECK_GO;
    uint8_t small[512];   /* most regions: no allocation per call */
    g.act = m->len <= sizeof small ? small : check_zalloc(m->len);
    if (!g.act)
        return check_run_error(run, "out of memory comparing a memory region");
    uint32_t readable = readable_prefix(run, s, g.act_addr, g.act, m->len);
    if (readable && readable < m->len && m->dir == TRACE_MEM_IN) {
        /* The recorder captured what the table says the call may read; our stack sits a few
         * bytes off Linux's (see rules.c), so a capture that ran to Linux's stack top can run
         * past ours. The call cannot have used bytes that are not there: compare the rest. */
        run->counts[RULE_TAIL_UNREADABLE]++;
        struct trace_mem head = *m;
        head.len = readable;
        g.m = m = &head;
        int rc = compare_region_bytes(&g);
        if (g.act != small)
            check_free(g.act);
        return rc;
    }
    if (readable < m->len) {
        char e[40], a[40], label[64];
        struct fmtbuf f;
        fmt_init(&f, e, sizeof e);
        fmt_u64(&f, m->len);
        fmt_str(&f, " readable bytes");
        fmt_init(&f, a, sizeof a);
        fmt_str(&f, "EFAULT at ");
        fmt_hex(&f, g.act_addr);
        byte_label(&g, m->offset, NULL, label, sizeof label);
        struct div_detail d = { label, e, a, "user memory must be readable where Linux read it", executed };
        if (g.act != small)
            check_free(g.act);
        return report_divergence(run, s, pos, &d);
    }
    g.world = world;
    int rc = compare_region_bytes(&g);
    if (g.act != small)
        check_free(g.act);
    return rc;
}

static int compare_regions(struct check_run *run, struct check_stream *s, uint32_t pos,
                           const struct trace_syscall *sc, uint8_t dir, int world, const char *executed)
{
    struct trace_mem_iter it;
    struct trace_mem m;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m)) {
        if (m.dir != dir)
            continue;
        int rc = compare_region(run, s, pos, sc, &m, world, executed);
        if (rc != CHECK_GO)
            return rc;
    }
    return CHECK_GO;
}

/* ---- entry ---- */

int fields_enter(struct check_run *run, struct check_stream *s, uint32_t pos, const char *executed)
{
    const struct trace_syscall *sc = &run->events[s->ev[pos]].syscall;
    bool undescribed = sc->flags & TRACE_SC_UNDESCRIBED;
    if (undescribed)
        run->counts[RULE_REGS_ONLY]++;
    for (int i = 0; i < 6; i++) {
        enum check_role role = undescribed ? CR_ADDRESS : desc_arg_role(sc->nr, i);
        struct rule_ctx c = { role, false, role == CR_PID ? 4 : 8, -1, NULL };  /* pid_t is an int */
        struct rule_outcome o;
        if (!rule_apply(run, &c, sc->args[i], s->args[i], &o)) {
            char label[64];
            arg_label(sc->nr, i, label, sizeof label);
            return diverge_value(run, s, pos, label, (int64_t)sc->args[i], (int64_t)s->args[i], &o,
                                 executed);
        }
    }
    return compare_regions(run, s, pos, sc, TRACE_MEM_IN, WORLD_NONE, executed);
}

/* ---- exit ---- */

int fields_exit(struct check_run *run, struct check_stream *s, uint32_t pos, int64_t *result,
                const char *executed)
{
    const struct trace_syscall *sc = &run->events[s->ev[pos]].syscall;
    int64_t act = *result;
    struct rule_outcome o = { true, false, RULE_EXACT, 0, NULL };
    if (sc->flags & TRACE_SC_NORETURN) {
        /* execve's success is recorded without a result; anything else never came back */
        if (desc_is_exec(sc->nr) && act == 0) {
            run->counts[RULE_EXACT]++;
            return CHECK_GO;
        }
        char a[DIV_VALUE_MAX];
        report_number(act, a, sizeof a);
        struct div_detail d = { "result", "no return (the call does not come back)", a,
                                rule_what(RULE_EXACT), executed };
        return report_divergence(run, s, pos, &d);
    }
    if (idtext_applies(run, s, sc, act))   /* /proc text with inode and device numbers */
        return idtext_check(run, s, pos, sc, result, executed);
    int world = world_role(run, s, sc->nr);
    enum check_role role = desc_result_role(sc->nr);
    if (sc->flags & TRACE_SC_UNDESCRIBED)
        role = CR_EXACT;
    if (is_error(sc->result) || is_error(act))
        role = CR_EXACT;
    else if (world == WORLD_FIGURES)
        role = CR_WORLD;  /* /proc/uptime and the like: the length of the text varies too */
    bool mapping = rule_makes_mapping(sc->nr) && role != CR_EXACT;
    if (mapping) {
        if (!(sc->nr == NR_BRK && run->brk_paired) &&
            !(addrmap_to_act(&run->addrs, (uint64_t)sc->result) == (uint64_t)act))
            rule_learn_mappings(run, sc, act);
    }
    struct rule_ctx c = { role, true, 8, -1, NULL };
    if (!rule_apply(run, &c, (uint64_t)sc->result, (uint64_t)act, &o))
        return diverge_value(run, s, pos, "result", sc->result, act, &o, executed);
    if (o.inject)
        *result = sc->result;
    if (!mapping && !is_error(act))
        rule_learn_mappings(run, sc, act);
    return compare_regions(run, s, pos, sc, TRACE_MEM_OUT, world, executed);
}
