/* map.c — bijections (pids, inodes, devices) and paired address ranges (mmap/brk), see map.h.
 * Tables are small (tens of entries), so lookups are linear. */
#include "map.h"
#include "engine.h"

static bool grow(void **v, uint32_t *cap, uint32_t n, size_t elem)
{
    if (n < *cap)
        return true;
    uint32_t ncap = *cap ? *cap * 2 : 16;
    void *nv = check_zalloc((size_t)ncap * elem);
    if (!nv)
        return false;
    if (*v) {
        memcpy(nv, *v, (size_t)n * elem);
        check_free(*v);
    }
    *v = nv;
    *cap = ncap;
    return true;
}

bool idmap_pair(struct idmap *m, uint64_t rec, uint64_t act, uint64_t *other)
{
    for (uint32_t i = 0; i < m->n; i++) {
        if (m->v[i].rec == rec) {
            *other = m->v[i].act;
            return m->v[i].act == act;
        }
        if (m->v[i].act == act) {
            *other = m->v[i].rec;
            return false;
        }
    }
    if (!grow((void **)&m->v, &m->cap, m->n, sizeof *m->v)) {
        *other = 0;
        return false;
    }
    m->v[m->n++] = (struct idpair){ rec, act };
    return true;
}

bool idmap_lookup_rec(const struct idmap *m, uint64_t rec, uint64_t *act)
{
    for (uint32_t i = 0; i < m->n; i++)
        if (m->v[i].rec == rec) {
            *act = m->v[i].act;
            return true;
        }
    return false;
}

void idmap_free(struct idmap *m)
{
    check_free(m->v);
    m->v = NULL;
    m->n = m->cap = 0;
}

uint64_t addrmap_to_act(const struct addrmap *m, uint64_t rec)
{
    /* newest first: a later mapping over the same recorded range wins */
    for (uint32_t i = m->n; i-- > 0;) {
        const struct addrrange *r = &m->v[i];
        if (rec >= r->rec && rec - r->rec < r->len)
            return r->act + (rec - r->rec);
    }
    return rec;
}

void addrmap_remove(struct addrmap *m, uint64_t rec, uint64_t len)
{
    uint32_t j = 0;
    for (uint32_t i = 0; i < m->n; i++) {
        const struct addrrange *r = &m->v[i];
        bool inside = r->rec >= rec && r->rec - rec < len && r->len <= len - (r->rec - rec);
        if (!inside)
            m->v[j++] = *r;
    }
    m->n = j;
}

bool addrmap_add(struct addrmap *m, uint64_t rec, uint64_t act, uint64_t len)
{
    if (len == 0)
        return true;
    addrmap_remove(m, rec, len);
    if (rec == act)
        return true;  /* identity is the default for unpaired addresses */
    if (!grow((void **)&m->v, &m->cap, m->n, sizeof *m->v))
        return false;
    m->v[m->n++] = (struct addrrange){ rec, act, len };
    return true;
}

void addrmap_free(struct addrmap *m)
{
    check_free(m->v);
    m->v = NULL;
    m->n = m->cap = 0;
}
