/* map.h — the checker's consistent mappings between recorded and actual identities.
 *
 * Principle 4: pids, inode numbers, device numbers and mmap/brk addresses may differ between
 * Linux and our kernel, but never inconsistently. A `struct idmap` is a bijection built as the
 * run goes: the first time a recorded value meets an actual value they are paired, and from
 * then on each may only meet the other. A `struct addrmap` pairs address ranges (a recorded
 * mapping [rec, rec+len) with the actual one at act); addresses outside every paired range
 * must be equal (the kernel follows Linux's no-ASLR layout for the stack and the image).
 * Freestanding: tables grow through check_zalloc (engine.h).
 */
#ifndef REPLAYER_KERNEL_MAP_H
#define REPLAYER_KERNEL_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idpair {
    uint64_t rec, act;
};

struct idmap {
    struct idpair *v;
    uint32_t n, cap;
};

/* Pairs rec with act, or checks an existing pairing. Returns true when consistent.
 * On false, *other is the value that rec (or act) is already paired with. */
bool idmap_pair(struct idmap *m, uint64_t rec, uint64_t act, uint64_t *other);
/* The actual value paired with rec; false when rec is unknown. */
bool idmap_lookup_rec(const struct idmap *m, uint64_t rec, uint64_t *act);
void idmap_free(struct idmap *m);

struct addrrange {
    uint64_t rec, act, len;
};

struct addrmap {
    struct addrrange *v;
    uint32_t n, cap;
};

/* The actual address a recorded address should be: through the range holding it, else itself. */
uint64_t addrmap_to_act(const struct addrmap *m, uint64_t rec);
/* Adds (or replaces, for overlapping recorded ranges) a pairing of ranges. */
bool addrmap_add(struct addrmap *m, uint64_t rec, uint64_t act, uint64_t len);
/* Forgets the recorded range [rec, rec+len) (munmap). */
void addrmap_remove(struct addrmap *m, uint64_t rec, uint64_t len);
void addrmap_free(struct addrmap *m);

#endif
