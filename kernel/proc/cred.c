/*
 * cred.c — user and group ids and supplementary groups, with Linux's rules (kernel/sys.c,
 * kernel/groups.c): euid 0 stands for CAP_SETUID/CAP_SETGID; others may only move between
 * the ids they already hold. -1 means "leave unchanged" where Linux says so, and an id of -1
 * is otherwise invalid (EINVAL). The fs ids follow the effective ones.
 */
#include "kernel/proc/task.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

#define NGROUPS_MAX 65536
#define NOID ((unsigned)-1)
#define T current_task()

static bool capable(void) { return T->euid == 0; }

long sys_getresuid(unsigned *r, unsigned *e, unsigned *s)
{
    if (copy_to_user(r, &T->uid, 4) || copy_to_user(e, &T->euid, 4) || copy_to_user(s, &T->suid, 4))
        return -EFAULT;
    return 0;
}

long sys_getresgid(unsigned *r, unsigned *e, unsigned *s)
{
    if (copy_to_user(r, &T->gid, 4) || copy_to_user(e, &T->egid, 4) || copy_to_user(s, &T->sgid, 4))
        return -EFAULT;
    return 0;
}

/* The three-id setters, shared by uid and gid: ids[0..2] = real, effective, saved. */
static long set_res(unsigned *ids, unsigned r, unsigned e, unsigned s, bool cap, unsigned *fs)
{
    if (!cap) {
        unsigned want[3] = { r, e, s };
        for (int i = 0; i < 3; i++)
            if (want[i] != NOID && want[i] != ids[0] && want[i] != ids[1] && want[i] != ids[2])
                return -EPERM;
    }
    if (r != NOID) ids[0] = r;
    if (e != NOID) ids[1] = e;
    if (s != NOID) ids[2] = s;
    *fs = ids[1];
    return 0;
}

static long set_re(unsigned *ids, unsigned r, unsigned e, bool cap, unsigned *fs)
{
    unsigned old_r = ids[0];
    if (!cap) {
        if (r != NOID && r != ids[0] && r != ids[1])
            return -EPERM;
        if (e != NOID && e != ids[0] && e != ids[1] && e != ids[2])
            return -EPERM;
    }
    if (r != NOID) ids[0] = r;
    if (e != NOID) ids[1] = e;
    if (r != NOID || (e != NOID && e != old_r))
        ids[2] = ids[1];
    *fs = ids[1];
    return 0;
}

static long set_one(unsigned *ids, unsigned id, bool cap, unsigned *fs)
{
    if (id == NOID)
        return -EINVAL;
    if (cap) {
        ids[0] = ids[1] = ids[2] = id;
    } else if (id == ids[0] || id == ids[2]) {
        ids[1] = id;
    } else {
        return -EPERM;
    }
    *fs = ids[1];
    return 0;
}

/* The task keeps uid, euid, suid (and gid, egid, sgid) next to each other. */
#define UIDS(t) (&(t)->uid)
#define GIDS(t) (&(t)->gid)
_Static_assert(offsetof(struct task, suid) == offsetof(struct task, uid) + 2 * sizeof(unsigned), "uid layout");
_Static_assert(offsetof(struct task, sgid) == offsetof(struct task, gid) + 2 * sizeof(unsigned), "gid layout");

long sys_setuid(unsigned uid) { return set_one(UIDS(T), uid, capable(), &T->fsuid); }
long sys_setgid(unsigned gid) { return set_one(GIDS(T), gid, capable(), &T->fsgid); }
long sys_setreuid(unsigned r, unsigned e) { return set_re(UIDS(T), r, e, capable(), &T->fsuid); }
long sys_setregid(unsigned r, unsigned e) { return set_re(GIDS(T), r, e, capable(), &T->fsgid); }
long sys_setresuid(unsigned r, unsigned e, unsigned s) { return set_res(UIDS(T), r, e, s, capable(), &T->fsuid); }
long sys_setresgid(unsigned r, unsigned e, unsigned s) { return set_res(GIDS(T), r, e, s, capable(), &T->fsgid); }

/* setfsuid/setfsgid always return the old value; the change happens only when allowed. */
long sys_setfsuid(unsigned id)
{
    struct task *t = T;
    unsigned old = t->fsuid;
    if (id != NOID && (capable() || id == t->uid || id == t->euid || id == t->suid || id == t->fsuid))
        t->fsuid = id;
    return old;
}

long sys_setfsgid(unsigned id)
{
    struct task *t = T;
    unsigned old = t->fsgid;
    if (id != NOID && (capable() || id == t->gid || id == t->egid || id == t->sgid || id == t->fsgid))
        t->fsgid = id;
    return old;
}

long sys_getgroups(int size, unsigned *list)
{
    struct task *t = T;
    if (size < 0)
        return -EINVAL;
    if (size == 0)
        return t->ngroups;
    if ((unsigned)size < t->ngroups)
        return -EINVAL;
    if (t->ngroups && copy_to_user(list, t->groups, t->ngroups * sizeof(unsigned)))
        return -EFAULT;
    return t->ngroups;
}

long sys_setgroups(int size, const unsigned *list)
{
    struct task *t = T;
    if (!capable())
        return -EPERM;
    if (size < 0 || size > NGROUPS_MAX)
        return -EINVAL;
    unsigned *g = NULL;
    if (size) {
        g = kmalloc(size * sizeof(unsigned));
        if (!g)
            return -ENOMEM;
        if (copy_from_user(g, list, size * sizeof(unsigned))) {
            kfree(g);
            return -EFAULT;
        }
        /* Linux keeps them sorted (groups_sort). */
        for (int i = 1; i < size; i++)
            for (int j = i; j > 0 && g[j - 1] > g[j]; j--) {
                unsigned x = g[j]; g[j] = g[j - 1]; g[j - 1] = x;
            }
    }
    kfree(t->groups);
    t->groups = g;
    t->ngroups = size;
    return 0;
}

/* For fork: the child gets its own copy of the group list. */
int cred_copy_groups(struct task *child, const struct task *parent)
{
    child->ngroups = 0;
    child->groups = NULL;
    if (!parent->ngroups)
        return 0;
    child->groups = kmalloc(parent->ngroups * sizeof(unsigned));
    if (!child->groups)
        return -ENOMEM;
    memcpy(child->groups, parent->groups, parent->ngroups * sizeof(unsigned));
    child->ngroups = parent->ngroups;
    return 0;
}
