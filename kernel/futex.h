/*
 * futex.h — the futex calls' kernel side (futex.c), for those that wake waiters from
 * inside the kernel: thread exit (clear_child_tid, robust futexes).
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H
#include <stdbool.h>
#include <stdint.h>

struct mm;

/* Wake up to n waiters on the futex at uaddr in mm (a shared key, as Linux uses for
 * clear_child_tid and robust futexes) whose bitset meets bitset; the number woken. */
int futex_wake_addr(struct mm *mm, uint64_t uaddr, int n, uint32_t bitset);
/* A fault-safe read of a 32-bit user word: 0 or -EFAULT. */
int futex_get_user(uint32_t *val, uint64_t uaddr);
/* How many tasks wait on the futex at uaddr of mm (keyed as a call with that private flag would
 * key it) with a bitset meeting bitset: for check mode's RULE_FUTEX_ORDER. */
int futex_waiters(struct mm *mm, uint64_t uaddr, bool private, uint32_t bitset);
void futex_tick(void);   /* from the timer tick: timed waiters re-check their deadlines */

#endif
