/* idtext.c — inode and device numbers inside /proc's text (RULE_MAP_ID_TEXT).
 *
 * Linux prints some identities as text: the "major:minor inode" columns of /proc/<pid>/maps,
 * the mnt_id and ino lines of a file's /proc/<pid>/fdinfo/<fd>, and the fd links
 * "pipe:[ino]", "socket:[ino]", "anon_inode:[ino]". They are the same
 * identities stat shows as numbers, so they are mapped, not compared: every other byte of the
 * text must be equal, the device and inode through the same bijections as st_dev and st_ino
 * (a maps line's file is keyed by (device, inode), as stat's is), and Linux's padding of the
 * name column to 73 is checked on our text. When the two texts have the same length, the
 * program keeps ours, consistent with the identities stat showed it. When the digits make the
 * lengths differ, the recorded text and result are given to the program (as world inputs
 * are), so that it continues down the recorded path; a program that then compares them with
 * stat's numbers takes another path, and that shows as a divergence.
 *
 * Recognised by shape, on both sides: every line of a read is a maps line (and the read ends
 * at a line's end), or a read is exactly fdinfo's four lines, or a readlink's whole target is
 * KIND:[digits]. fdinfo's inode has no device beside it: it is mapped as directory entries'
 * inodes are.
 */
#include "idtext.h"
#include "fields.h"
#include "report.h"

enum { NR_READ = 0, NR_PREAD64 = 17, NR_READLINK = 89, NR_READLINKAT = 267 };

#define TEXT_MAX 65536
#define NAME_COLUMN 73                   /* show_map_vma's seq_setwidth(m, 25 + sizeof(void *) * 6 - 1) */
#define LINK_DEV_TAG 0xfffff0u           /* a "device" per link kind, beyond any real one */

static bool is_error(int64_t v) { return v < 0 && v >= -4095; }

static int buf_arg(uint32_t nr)
{
    return nr == NR_READLINKAT ? 2 : 1;
}

/* The recorded output of the call: the region args[buf_arg] points at, from offset 0. */
static bool recorded_text(const struct trace_syscall *sc, const uint8_t **p, size_t *n)
{
    struct trace_mem_iter it;
    struct trace_mem m;
    trace_mem_iter_init(&it, &sc->mem);
    while (trace_mem_next(&it, &m))
        if (m.dir == TRACE_MEM_OUT && m.arg == buf_arg(sc->nr) && m.elem == TRACE_ELEM_NONE && m.offset == 0 &&
            m.len == (uint64_t)sc->result) {
            *p = m.data;
            *n = m.len;
            return true;
        }
    return false;
}

/* ---- the shapes ---- */

struct span {
    const uint8_t *p;
    size_t n;
};

static size_t digits(const uint8_t *p, size_t n, bool hex, uint64_t *v)
{
    size_t i = 0;
    *v = 0;
    for (; i < n && i < 20; i++) {
        uint8_t c = p[i];
        unsigned d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
        if (d == 99)
            break;
        *v = *v * (hex ? 16 : 10) + d;
    }
    return i;
}

/* One maps line: "start-end perms offset major:minor inode " + optional padding and name. */
struct maps_line {
    struct span head;           /* "start-end perms offset " */
    uint64_t dev, ino;          /* dev as st_dev holds it (new_encode_dev) */
    size_t header;              /* length through the space after the inode */
    struct span name;           /* after the padding; may be empty */
    size_t name_at;             /* its column */
};

static bool maps_line_parse(const uint8_t *p, size_t n, struct maps_line *l)
{
    size_t i = 0, k;
    uint64_t v, major, minor;
    if (!(k = digits(p, n, true, &v)) || (i = k) >= n || p[i++] != '-')
        return false;
    if (!(k = digits(p + i, n - i, true, &v)) || (i += k) + 6 > n || p[i] != ' ' || p[i + 5] != ' ')
        return false;
    i += 6;                                        /* " rwxp " */
    if (!(k = digits(p + i, n - i, true, &v)) || (i += k) >= n || p[i++] != ' ')
        return false;
    l->head = (struct span){ p, i };
    if (!(k = digits(p + i, n - i, true, &major)) || (i += k) >= n || p[i++] != ':')
        return false;
    if (!(k = digits(p + i, n - i, true, &minor)) || (i += k) >= n || p[i++] != ' ')
        return false;
    if (!(k = digits(p + i, n - i, false, &l->ino)) || (i += k) >= n || p[i++] != ' ')
        return false;
    l->dev = (minor & 0xff) | (major << 8) | ((minor & ~0xffull) << 12);
    l->header = i;
    while (i < n && p[i] == ' ')
        i++;
    l->name = (struct span){ p + i, n - i };
    l->name_at = i;
    return true;
}

/* Calls fn on each line of text (which must end with a newline); false if any fails. */
static bool each_line(const uint8_t *p, size_t n, bool (*fn)(void *ctx, const uint8_t *line, size_t len), void *ctx)
{
    if (n == 0 || p[n - 1] != '\n')
        return false;
    for (size_t at = 0; at < n;) {
        size_t e = at;
        while (p[e] != '\n')
            e++;
        if (!fn(ctx, p + at, e - at))
            return false;
        at = e + 1;
    }
    return true;
}

static bool line_is_maps(void *ctx, const uint8_t *line, size_t len)
{
    struct maps_line l;
    (void)ctx;
    return maps_line_parse(line, len, &l);
}

/* fdinfo/<fd> of a plain file: "pos:\t<dec>\nflags:\t0<oct>\nmnt_id:\t<dec>\nino:\t<dec>\n". */
struct fdinfo {
    size_t head;                /* length through "mnt_id:\t": compared exactly */
    uint64_t mnt_id, ino;
};

static bool literal(const uint8_t *p, size_t n, size_t *i, const char *lit)
{
    size_t l = strlen(lit);
    if (*i + l > n || memcmp(p + *i, lit, l))
        return false;
    *i += l;
    return true;
}

/* Decimal digits at *i (at least one), advancing past them. */
static bool number(const uint8_t *p, size_t n, size_t *i, uint64_t *v)
{
    size_t k = digits(p + *i, n - *i, false, v);
    *i += k;
    return k > 0;
}

static bool fdinfo_parse(const uint8_t *p, size_t n, struct fdinfo *f)
{
    size_t i = 0;
    uint64_t v;
    if (!literal(p, n, &i, "pos:\t") || !number(p, n, &i, &v) || !literal(p, n, &i, "\nflags:\t") ||
        !number(p, n, &i, &v) || !literal(p, n, &i, "\nmnt_id:\t"))
        return false;
    f->head = i;
    return number(p, n, &i, &f->mnt_id) && literal(p, n, &i, "\nino:\t") && number(p, n, &i, &f->ino) &&
           literal(p, n, &i, "\n") && i == n;
}

/* "KIND:[digits]": the kind's tag, or 0. */
static uint32_t link_kind(const uint8_t *p, size_t n, uint64_t *ino)
{
    static const char *kinds[] = { "pipe:[", "socket:[", "anon_inode:[" };
    for (uint32_t k = 0; k < ARRAY_LEN(kinds); k++) {
        size_t kl = strlen(kinds[k]);
        if (n > kl + 1 && !memcmp(p, kinds[k], kl) && p[n - 1] == ']' &&
            digits(p + kl, n - kl - 1, false, ino) == n - kl - 1)
            return LINK_DEV_TAG | k;
    }
    return 0;
}

bool idtext_applies(struct check_run *run, struct check_stream *s, const struct trace_syscall *sc, int64_t act)
{
    (void)run, (void)s;
    const uint8_t *rec;
    size_t n;
    uint64_t ino;
    if (is_error(sc->result) || is_error(act) || act <= 0 || act > TEXT_MAX || !recorded_text(sc, &rec, &n))
        return false;
    if (sc->nr == NR_READLINK || sc->nr == NR_READLINKAT)
        return link_kind(rec, n, &ino) != 0;
    struct fdinfo fi;
    if (sc->nr == NR_READ || sc->nr == NR_PREAD64)
        return each_line(rec, n, line_is_maps, NULL) || fdinfo_parse(rec, n, &fi);
    return false;
}

/* ---- judging ---- */

struct judge {
    struct check_run *run;
    const uint8_t *act;         /* the actual text, walked line by line */
    size_t act_len, at, line;
    const char *why;            /* the first difference */
    char expected[DIV_VALUE_MAX], actual[DIV_VALUE_MAX];
};

static bool differ(struct judge *j, const char *why, const uint8_t *e, size_t en, const uint8_t *a, size_t an)
{
    j->why = why;
    report_bytes(e, en < 48 ? en : 48, j->expected, sizeof j->expected);
    report_bytes(a, an < 48 ? an : 48, j->actual, sizeof j->actual);
    return false;
}

static bool map_pair(struct judge *j, enum check_role role, uint64_t rec, uint64_t act)
{
    struct rule_ctx c = { role, true, 8, -1, NULL };
    struct rule_outcome o;
    return rule_apply(j->run, &c, rec, act, &o);
}

static bool judge_line(void *ctx, const uint8_t *rline, size_t rlen)
{
    struct judge *j = ctx;
    size_t e = j->at;
    while (e < j->act_len && j->act[e] != '\n')
        e++;
    if (e >= j->act_len)
        return differ(j, "maps: a line Linux printed is missing", rline, rlen, (const uint8_t *)"", 0);
    const uint8_t *aline = j->act + j->at;
    size_t alen = e - j->at;
    j->at = e + 1;
    j->line++;
    struct maps_line r, a;
    if (!maps_line_parse(rline, rlen, &r) || !maps_line_parse(aline, alen, &a))
        return differ(j, "maps: not a maps line", rline, rlen, aline, alen);
    if (r.head.n != a.head.n || memcmp(r.head.p, a.head.p, r.head.n) ||
        r.name.n != a.name.n || memcmp(r.name.p, a.name.p, r.name.n))
        return differ(j, "maps: range, permissions, offset or name differ", rline, rlen, aline, alen);
    size_t want_at = a.name.n ? (a.header > NAME_COLUMN ? a.header : NAME_COLUMN) : a.header;
    if (a.name_at != want_at)
        return differ(j, "maps: the name is not padded to column 73 as Linux pads it", rline, rlen, aline, alen);
    if ((r.dev == 0) != (a.dev == 0) || (r.ino == 0) != (a.ino == 0))
        return differ(j, "maps: a file mapping on one side only", rline, rlen, aline, alen);
    if (r.dev == 0 && r.ino == 0)
        return true;
    if (!map_pair(j, CR_DEVICE, r.dev, a.dev) ||
        !map_pair(j, CR_DEV_INODE, r.dev << 40 ^ r.ino, a.dev << 40 ^ a.ino))
        return differ(j, "maps: device or inode breaks the mapping of identities", rline, rlen, aline, alen);
    return true;
}

int idtext_check(struct check_run *run, struct check_stream *s, uint32_t pos, const struct trace_syscall *sc,
                 int64_t *result, const char *executed)
{
    const struct check_env *env = run->env;
    const uint8_t *rec;
    size_t n;
    recorded_text(sc, &rec, &n);
    size_t alen = (size_t)*result;
    uint64_t addr = s->args[buf_arg(sc->nr)];
    uint8_t *act = check_zalloc(alen + 1);
    if (!act)
        return check_run_error(run, "out of memory comparing /proc text");
    struct judge j = { run, act, alen, 0, 0, NULL, "", "" };
    struct fdinfo rf, af;
    if (env->read_user(env->ctx, s->tid, addr, act, alen) != 0) {
        differ(&j, "the output is not readable", rec, n, (const uint8_t *)"", 0);
    } else if (sc->nr == NR_READLINK || sc->nr == NR_READLINKAT) {
        uint64_t rino, aino;
        uint32_t rk = link_kind(rec, n, &rino), ak = link_kind(act, alen, &aino);
        if (rk != ak)
            differ(&j, "fd link: another kind of object", rec, n, act, alen);
        else if (!map_pair(&j, CR_DEV_INODE, (uint64_t)rk << 40 ^ rino, (uint64_t)ak << 40 ^ aino))
            differ(&j, "fd link: the inode breaks the mapping of identities", rec, n, act, alen);
    } else if (fdinfo_parse(rec, n, &rf)) {
        if (!fdinfo_parse(act, alen, &af) || rf.head != af.head || memcmp(rec, act, rf.head))
            differ(&j, "fdinfo: position or flags differ", rec, n, act, alen);
        else if (!map_pair(&j, CR_MOUNT_ID, rf.mnt_id, af.mnt_id) || !map_pair(&j, CR_INODE, rf.ino, af.ino))
            differ(&j, "fdinfo: mount id or inode breaks the mapping of identities", rec, n, act, alen);
    } else if (each_line(rec, n, judge_line, &j) && j.at != alen) {
        differ(&j, "maps: a line Linux did not print", (const uint8_t *)"", 0, act + j.at, alen - j.at);
    }
    check_free(act);
    if (j.why) {
        struct div_detail d = { "text", j.expected, j.actual, j.why, executed };
        return report_divergence(run, s, pos, &d);
    }
    run->counts[RULE_MAP_ID_TEXT]++;
    if (n == alen)   /* the program keeps our text: consistent with what stat showed it */
        return CHECK_GO;
    if (env->write_user(env->ctx, s->tid, addr, rec, n) != 0)
        return check_run_error(run, "could not write the recorded /proc text into user memory");
    *result = sc->result;
    return CHECK_GO;
}
