/* The table of live tasks, keyed by host tid: an open-addressing hash of pointers. */
#include "tasks.h"

#include <stdlib.h>
#include <string.h>

static struct task **slots;
static unsigned nslots, nlive, ntomb;
static uint32_t next_id;
#define TOMB ((struct task *)1)

static unsigned slot_of(pid_t tid, unsigned n) { return ((unsigned)tid * 2654435761u) & (n - 1); }

static void insert(struct task *t)
{
	unsigned i = slot_of(t->tid, nslots);
	while (slots[i] && slots[i] != TOMB)
		i = (i + 1) & (nslots - 1);
	if (slots[i] == TOMB)
		ntomb--;
	slots[i] = t;
}

static int grow(void)
{
	unsigned old = nslots;
	struct task **prev = slots;
	nslots = old ? old * 2 : 64;
	if (nlive * 4 < old)
		nslots = old;   /* mostly tombstones: same size, rehash */
	slots = calloc(nslots, sizeof *slots);
	if (!slots) {
		slots = prev;
		nslots = old;
		return -1;
	}
	ntomb = 0;
	for (unsigned i = 0; i < old; i++)
		if (prev[i] && prev[i] != TOMB)
			insert(prev[i]);
	free(prev);
	return 0;
}

static struct task **lookup(pid_t tid)
{
	if (!nslots)
		return NULL;
	for (unsigned i = slot_of(tid, nslots), k = 0; k < nslots; i = (i + 1) & (nslots - 1), k++) {
		if (!slots[i])
			return NULL;
		if (slots[i] != TOMB && slots[i]->tid == tid)
			return &slots[i];
	}
	return NULL;
}

struct task *task_new(pid_t tid)
{
	struct task *t;
	if ((nlive + ntomb + 1) * 2 > nslots && grow())
		return NULL;
	if (!(t = calloc(1, sizeof *t)))
		return NULL;
	t->tid = tid;
	t->id = next_id++;
	t->state = TASK_RUNNING;
	insert(t);
	nlive++;
	return t;
}

struct task *task_find(pid_t tid)
{
	struct task **s = lookup(tid);
	return s ? *s : NULL;
}

void task_rekey(struct task *t, pid_t new_tid)
{
	struct task **s = lookup(t->tid);
	if (s) {
		*s = TOMB;
		ntomb++;
	}
	t->tid = new_tid;
	insert(t);
}

void task_free(struct task *t)
{
	struct task **s = lookup(t->tid);
	if (s && *s == t) {
		*s = TOMB;
		ntomb++;
	}
	nlive--;
	capbuf_release(&t->cap);
	free(t->image);
	free(t);
}

unsigned task_count(void) { return nlive; }
