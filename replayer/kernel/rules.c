/* rules.c — each comparison rule of check mode, implemented once (the list is in rules.h).
 *
 * rule_apply() decides one value (a register, a result, a field of user memory) by its role:
 * exact, mapped through a consistent bijection, or injected after a plausibility check. It
 * counts the rule it used in the run, and on failure says why in words. Below it: the address
 * pairings (stack, mmap area, mmap/brk ranges) and the event-level rules (default-ignored
 * signals, vDSO clock calls). fields.c applies them region by region (and is where an input
 * captured past our stack top is cut: RULE_TAIL_UNREADABLE).
 */
#include "engine.h"
#include "fields.h"

#define RULE_CLASS(id, cls, what) cls,
#define RULE_WHAT(id, cls, what) what,
#define RULE_NAME(id, cls, what) #id,
static const enum rule_class classes[] = { CHECK_RULES(RULE_CLASS) };
static const char *const whats[] = { CHECK_RULES(RULE_WHAT) };
static const char *const names[] = { CHECK_RULES(RULE_NAME) };

enum rule_class rule_class(enum rule_id r) { return classes[r]; }
const char *rule_what(enum rule_id r) { return whats[r]; }
const char *rule_name(enum rule_id r) { return names[r]; }

static int64_t sign_extend(uint64_t v, unsigned width)
{
    if (width >= 8)
        return (int64_t)v;
    unsigned shift = 64 - 8 * width;
    return (int64_t)(v << shift) >> shift;
}

static bool fail(struct rule_outcome *o, const char *why)
{
    o->ok = false;
    o->why = why;
    return false;
}

static bool map_id(struct check_run *run, struct idmap *m, enum rule_id rule, uint64_t rec,
                   uint64_t act, struct rule_outcome *o)
{
    o->rule = rule;
    run->counts[rule]++;
    uint64_t other;
    if (idmap_pair(m, rec, act, &other))
        return true;
    o->expected_act = other;
    return fail(o, rule_what(rule));
}

/* Pids: 0 and -1 are special values, negative ones name process groups. */
static bool map_pid(struct check_run *run, uint64_t rec, uint64_t act, unsigned width,
                    struct rule_outcome *o)
{
    int64_t r = sign_extend(rec, width), a = sign_extend(act, width);
    if (r == 0 || r == -1 || a == 0 || a == -1 || (r < 0) != (a < 0)) {
        o->rule = RULE_MAP_PID;
        run->counts[RULE_MAP_PID]++;
        return r == a ? true : fail(o, "pid: special values (0, -1, sign) must be equal");
    }
    return map_id(run, &run->pids, RULE_MAP_PID, (uint64_t)(r < 0 ? -r : r),
                  (uint64_t)(a < 0 ? -a : a), o);
}

/* The initial stack: the strings at its top (argv, envp, platform, random bytes) sit at the same
 * addresses on both sides, but what is below them (auxv and the pointer arrays, then the
 * program's frames) moves with the size of the auxv, which depends on the host (a vDSO entry,
 * CPU feature words). So the part below the strings is paired, as one range, at the first stack
 * address that differs; after that every stack address must agree with that pairing. The zone
 * is the 128 MiB under Linux's no-ASLR stack top, above its mmap base. */
#define STACK_ZONE_LO 0x7ffff8000000ull
#define STACK_ZONE_HI 0x7ffffffff000ull

static bool pair_stack(struct check_run *run, uint64_t rec, uint64_t act)
{
    uint64_t top = run->stack_strings > STACK_ZONE_LO && run->stack_strings < STACK_ZONE_HI ?
                   run->stack_strings : STACK_ZONE_HI;
    if (run->stack_paired || rec < STACK_ZONE_LO || rec >= top || act < STACK_ZONE_LO || act >= top)
        return false;
    run->stack_paired = true;
    uint64_t lo = STACK_ZONE_LO + (act > rec ? 0 : rec - act);   /* keep both ends in the zone */
    uint64_t hi = top - (act > rec ? act - rec : 0);
    return addrmap_add(&run->addrs, lo, lo + act - rec, hi - lo);
}

static bool clock_is_monotonic(int clock)
{
    return clock == 1 || clock == 4 || clock == 7;  /* MONOTONIC, MONOTONIC_RAW, BOOTTIME */
}

static bool plausible_time(struct check_run *run, const struct rule_ctx *c, uint64_t act,
                           unsigned width, struct rule_outcome *o, bool nsec)
{
    int64_t a = sign_extend(act, width);
    if (nsec)
        return (a >= 0 && a < 1000000000) ? true : fail(o, "time: nanoseconds out of [0, 1e9)");
    if (a < 0)
        return fail(o, "time: negative seconds");
    if (c->clock == 0 && (a < 1500000000 || a > 4200000000))
        return fail(o, "time: CLOCK_REALTIME not near the real epoch");
    if (c->clock >= 0 && c->clock < (int)ARRAY_LEN(run->last_time) && clock_is_monotonic(c->clock)) {
        if ((uint64_t)a < run->last_time[c->clock])
            return fail(o, "time: monotonic clock went backwards");
        run->last_time[c->clock] = (uint64_t)a;
    }
    return true;
}

bool rule_apply(struct check_run *run, const struct rule_ctx *c, uint64_t rec, uint64_t act,
                struct rule_outcome *o)
{
    o->ok = true;
    o->inject = false;
    o->why = NULL;
    o->expected_act = rec;
    unsigned width = c->width ? c->width : 8;
    enum check_role role = c->role;
    /* What the program hands the kernel is its own data: world roles are compared exactly. */
    if (!c->output && role >= CR_TIME && role <= CR_WORLD)
        role = CR_EXACT;
    switch (role) {
    case CR_UNUSED:
        return true;
    case CR_ADDRESS:
        o->rule = RULE_MAP_ADDRESS;
        run->counts[RULE_MAP_ADDRESS]++;
        o->expected_act = addrmap_to_act(&run->addrs, rec);
        if (o->expected_act != act && pair_stack(run, rec, act))
            o->expected_act = addrmap_to_act(&run->addrs, rec);
        return o->expected_act == act ? true : fail(o, rule_what(RULE_MAP_ADDRESS));
    case CR_PID:
        return map_pid(run, rec, act, width, o);
    case CR_INODE:
        return map_id(run, &run->inodes, RULE_MAP_INODE, rec, act, o);
    case CR_DEV_INODE:
        return map_id(run, &run->dev_inodes, RULE_MAP_INODE, rec, act, o);
    case CR_DEVICE:
        return map_id(run, &run->devices, RULE_MAP_DEVICE, rec, act, o);
    case CR_MOUNT_ID:
        return map_id(run, &run->mnt_ids, RULE_MAP_DEVICE, rec, act, o);
    case CR_TIME:
    case CR_TIME_NSEC:
        o->rule = RULE_INJECT_TIME;
        run->counts[RULE_INJECT_TIME]++;
        o->inject = true;
        return plausible_time(run, c, act, width, o, role == CR_TIME_NSEC);
    case CR_RANDOM:
        o->rule = RULE_INJECT_RANDOM;
        run->counts[RULE_INJECT_RANDOM]++;
        o->inject = true;
        return true;
    case CR_HOSTID:
        o->rule = RULE_INJECT_HOSTID;
        run->counts[RULE_INJECT_HOSTID]++;
        o->inject = true;
        return true;
    case CR_WORLD:
        o->rule = RULE_INJECT_WORLD;
        run->counts[RULE_INJECT_WORLD]++;
        o->inject = true;
        return true;
    case CR_EXACT:
    default:
        o->rule = RULE_EXACT;
        run->counts[RULE_EXACT]++;
        return rec == act ? true : fail(o, rule_what(RULE_EXACT));
    }
}

/* Byte-string fields (utsname strings, random buffers, plain data). */
bool rule_apply_bytes(struct check_run *run, const struct rule_ctx *c, const uint8_t *rec,
                      const uint8_t *act, size_t n, size_t *at, struct rule_outcome *o)
{
    o->ok = true;
    o->inject = false;
    o->why = NULL;
    *at = 0;
    enum check_role role = c->output ? c->role : CR_EXACT;
    /* Check mode tells the kernel the recorded release (kglue.c), so it must report exactly
     * that one: a wrong release is a divergence, not a world input. */
    if (role == CR_HOSTID && c->name && !memcmp(c->name, "release", 8))
        role = CR_EXACT;
    switch (role) {
    case CR_RANDOM: {
        o->rule = RULE_INJECT_RANDOM;
        run->counts[RULE_INJECT_RANDOM]++;
        o->inject = true;
        bool zero = true;
        for (size_t i = 0; i < n && zero; i++)
            zero = act[i] == 0;
        return (n >= 8 && zero) ? fail(o, "random bytes: all zero") : true;
    }
    case CR_HOSTID: {
        o->rule = RULE_INJECT_HOSTID;
        run->counts[RULE_INJECT_HOSTID]++;
        o->inject = true;
        bool nul = false;
        for (size_t i = 0; i < n && !nul; i++)
            nul = act[i] == 0;
        return (n && !nul) ? fail(o, "host identity: string not NUL-terminated") : true;
    }
    case CR_WORLD:
    case CR_TIME:
    case CR_TIME_NSEC:
        o->rule = role == CR_WORLD ? RULE_INJECT_WORLD : RULE_INJECT_TIME;
        run->counts[o->rule]++;
        o->inject = true;
        return true;
    default:
        o->rule = RULE_EXACT;
        run->counts[RULE_EXACT]++;
        for (size_t i = 0; i < n; i++)
            if (rec[i] != act[i]) {
                *at = i;
                return fail(o, rule_what(RULE_EXACT));
            }
        return true;
    }
}

/* ---- events Linux and our kernel produce differently by design ---- */

/* Signals whose default action is to do nothing: Linux reports their delivery to the tracer
 * even when the program has no handler; our kernel does not deliver them at all. */
bool rule_default_ignored(int signo)
{
    return signo == 17 /* SIGCHLD */ || signo == 18 /* SIGCONT */ || signo == 23 /* SIGURG */ ||
           signo == 28 /* SIGWINCH */;
}

/* The calls Linux's vDSO answers without entering the kernel: a recording has them only when
 * the program made the syscall itself, our kernel (no vDSO) always sees them. */
bool rule_vdso_call(uint32_t nr)
{
    return nr == 228 /* clock_gettime */ || nr == 96 /* gettimeofday */ || nr == 201 /* time */ ||
           nr == 309 /* getcpu */;
}

/* ---- address ranges learnt from mmap, mremap, munmap and brk ---- */

enum { NR_MMAP = 9, NR_MUNMAP = 11, NR_BRK = 12, NR_MREMAP = 25, NR_SHMAT = 30 };
#define BRK_SPAN (1ull << 40)  /* the recorded heap and ours are paired over this span */

bool rule_makes_mapping(uint32_t nr)
{
    return nr == NR_MMAP || nr == NR_MREMAP || nr == NR_SHMAT || nr == NR_BRK;
}

/* The mmap area grows down from the mmap base. When Linux's first mapping sits elsewhere than
 * ours (its base is lower by the [vvar] and [vdso] pages, which our kernel does not map), the
 * whole area is shifted alike: it is paired once, at that first differing mapping,
 * so that addresses computed from mappings (hints, neighbours) compare too. */
#define MMAP_ZONE_LO 0x7f0000000000ull
#define MMAP_ZONE_HI 0x7ffff8000000ull

static void pair_mmap_zone(struct check_run *run, uint64_t rec, uint64_t act)
{
    if (run->mmap_zone_paired || rec == act || rec < MMAP_ZONE_LO || rec >= MMAP_ZONE_HI ||
        act < MMAP_ZONE_LO || act >= MMAP_ZONE_HI)
        return;
    run->mmap_zone_paired = true;
    uint64_t lo = MMAP_ZONE_LO + (act < rec ? rec - act : 0);   /* both sides stay in the zone */
    uint64_t hi = MMAP_ZONE_HI - (act > rec ? act - rec : 0);
    addrmap_add(&run->addrs, lo, lo + (act - rec), hi - lo);
}

/* New ranges pair the recorded result with ours; the rest of the address space stays equal. */
void rule_learn_mappings(struct check_run *run, const struct trace_syscall *sc, int64_t act)
{
    uint64_t rec = (uint64_t)sc->result;
    switch (sc->nr) {
    case NR_MMAP:
        pair_mmap_zone(run, rec, (uint64_t)act);
        addrmap_add(&run->addrs, rec, (uint64_t)act, (sc->args[1] + 4095) & ~4095ull);
        break;
    case NR_MREMAP:
        pair_mmap_zone(run, rec, (uint64_t)act);
        addrmap_add(&run->addrs, rec, (uint64_t)act, (sc->args[2] + 4095) & ~4095ull);
        break;
    case NR_MUNMAP:
        addrmap_remove(&run->addrs, sc->args[0], (sc->args[1] + 4095) & ~4095ull);
        break;
    case NR_BRK:
        if (!run->brk_paired) {
            addrmap_add(&run->addrs, rec, (uint64_t)act, BRK_SPAN);
            run->brk_paired = true;
        }
        break;
    }
}

