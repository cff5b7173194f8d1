/*
 * sys.c — identity and limits: the getpid/getuid families, uname, prlimit64 and
 * get/setrlimit, arch_prctl, the per-thread registrations glibc and musl make at
 * start-up (set_tid_address, set_robust_list, rseq), nice values (get/setpriority), and the
 * host and domain names (sethostname, setdomainname; kept for the boot, as a uts namespace).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/runspec.h"
#include "kernel/proc/proc.h"
#include "arch/x86_64/arch.h"
#include <linux/utsname.h>
#include <linux/resource.h>
#include <linux/rseq.h>
#include <linux/prctl.h>
#include <linux/times.h>
#include <linux/sysinfo.h>
#include "kernel/time.h"
#include "kernel/prio.h"
#include "kernel/mm/frame.h"
#include "replayer/kernel/faults.h"

#define T current_task()

long sys_getpid(void) { return T->pid; }
long sys_gettid(void) { return T->tid; }
long sys_getppid(void) { return T->ppid; }
long sys_getuid(void) { return T->uid; }
long sys_geteuid(void) { return T->euid; }
long sys_getgid(void) { return T->gid; }
long sys_getegid(void) { return T->egid; }
long sys_getpgrp(void) { return T->pgid; }

long sys_getpgid(int pid)
{
    struct task *t = pid ? task_by_pid(pid) : T;
    return t ? t->pgid : -ESRCH;
}

long sys_getsid(int pid)
{
    struct task *t = pid ? task_by_pid(pid) : T;
    return t ? t->sid : -ESRCH;
}

#ifndef UTS_RELEASE_DEFAULT
#define UTS_RELEASE_DEFAULT "6.1.0"
#endif

/* The names sethostname and setdomainname change (the sandbox's: docs/interfaces.md). */
static char uts_nodename[__NEW_UTS_LEN + 1] = "lockstep", uts_domainname[__NEW_UTS_LEN + 1] = "(none)";

/* The names as /proc/sys/kernel/{hostname,domainname} show them (kernel/fs/proc_sys.c). */
const char *uts_hostname(void) { return uts_nodename; }
const char *uts_domainname_get(void) { return uts_domainname; }

long sys_uname(struct new_utsname *u)
{
    struct new_utsname n;
    memset(&n, 0, sizeof n);
    memcpy(n.sysname, "Linux", 6);
    memcpy(n.nodename, uts_nodename, sizeof uts_nodename);
    const char *rel = the_runspec.release ? the_runspec.release : UTS_RELEASE_DEFAULT;
    if (FAULT_ON(UNAME_RELEASE))
        rel = "4.0.0";
    memcpy(n.release, rel, MIN(strlen(rel), sizeof n.release - 1));
    memcpy(n.version, "#1 SMP Lockstep", 16);
    memcpy(n.machine, "x86_64", 7);
    memcpy(n.domainname, uts_domainname, sizeof uts_domainname);
    return copy_to_user(u, &n, sizeof n);
}

/* Linux's sethostname/setdomainname: CAP_SYS_ADMIN (root here), then the length, then the copy. */
static long set_uts_name(char *dst, const char *uname, int len)
{
    char buf[__NEW_UTS_LEN + 1];
    if (T->euid != 0)
        return -EPERM;
    if (len < 0 || len > __NEW_UTS_LEN)
        return -EINVAL;
    if (copy_from_user(buf, uname, (size_t)len))
        return -EFAULT;
    memset(dst, 0, __NEW_UTS_LEN + 1);
    memcpy(dst, buf, (size_t)len);
    return 0;
}

long sys_sethostname(const char *name, int len)
{
    return set_uts_name(uts_nodename, name, len);
}

long sys_setdomainname(const char *name, int len)
{
    return set_uts_name(uts_domainname, name, len);
}

long sys_prlimit64(int pid, unsigned resource, const struct rlimit64 *unew, struct rlimit64 *uold)
{
    struct task *t = pid ? task_by_pid(pid) : T;
    if (!t)
        return -ESRCH;
    if (resource >= RLIM_NLIMITS)
        return -EINVAL;
    struct rlimit64 nl;
    if (unew) {
        if (copy_from_user(&nl, unew, sizeof nl))
            return -EFAULT;
        if (nl.rlim_cur > nl.rlim_max)
            return -EINVAL;
        if (nl.rlim_max > t->rlim[resource].rlim_max && T->euid != 0)
            return -EPERM;
        if (resource == RLIMIT_NOFILE && nl.rlim_max > 1048576)
            return -EPERM;
    }
    if (uold) {
        struct rlimit64 ol = { t->rlim[resource].rlim_cur, t->rlim[resource].rlim_max };
        if (copy_to_user(uold, &ol, sizeof ol))
            return -EFAULT;
    }
    if (unew) {
        t->rlim[resource].rlim_cur = nl.rlim_cur;
        t->rlim[resource].rlim_max = nl.rlim_max;
    }
    return 0;
}

long sys_getrlimit(unsigned resource, struct rlimit *u)
{
    if (resource >= RLIM_NLIMITS)
        return -EINVAL;
    return copy_to_user(u, &T->rlim[resource], sizeof *u);
}

long sys_setrlimit(unsigned resource, const struct rlimit *u)
{
    struct rlimit r;
    if (resource >= RLIM_NLIMITS)
        return -EINVAL;
    if (copy_from_user(&r, u, sizeof r))
        return -EFAULT;
    struct rlimit64 r64 = { r.rlim_cur, r.rlim_max };
    /* prlimit64 checks again from user memory; go through the common rules directly. */
    if (r64.rlim_cur > r64.rlim_max)
        return -EINVAL;
    if (r64.rlim_max > T->rlim[resource].rlim_max && T->euid != 0)
        return -EPERM;
    T->rlim[resource] = r;
    return 0;
}

/* prctl: the options programs use at start-up; others are -EINVAL as for an unknown option. */
long sys_prctl(int option, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct task *t = T;
    (void)a3; (void)a4; (void)a5;
    switch (option) {
    case PR_SET_NAME: {
        char name[TASK_COMM_LEN];
        long n = strncpy_from_user(name, (const char *)a2, sizeof name);
        if (n == -EFAULT)
            return -EFAULT;
        name[sizeof name - 1] = 0;
        memcpy(t->comm, name, sizeof name);
        return 0;
    }
    case PR_GET_NAME:
        return copy_to_user((void *)a2, t->comm, sizeof t->comm);
    case PR_SET_PDEATHSIG:
        if (a2 > 64)
            return -EINVAL;
        t->pdeath_signal = (int)a2;
        return 0;
    case PR_GET_PDEATHSIG:
        return copy_to_user((void *)a2, &t->pdeath_signal, sizeof(int));
    case PR_GET_DUMPABLE:
        return !t->not_dumpable;
    case PR_SET_DUMPABLE:
        if (a2 > 1)
            return -EINVAL;
        t->not_dumpable = !a2;
        return 0;
    case PR_SET_CHILD_SUBREAPER:
        t->child_subreaper = a2 != 0;
        return 0;
    case PR_GET_CHILD_SUBREAPER: {
        int v = t->child_subreaper;
        return copy_to_user((void *)a2, &v, sizeof v);
    }
    case PR_SET_NO_NEW_PRIVS:
        if (a2 != 1 || a3 || a4 || a5)
            return -EINVAL;
        t->no_new_privs = true;
        return 0;
    case PR_GET_NO_NEW_PRIVS:
        if (a2 || a3 || a4 || a5)
            return -EINVAL;
        return t->no_new_privs;
    /* State this kernel does not model, read as Linux reports a process that never set it:
     * no seccomp filter, no securebits or keep-caps flag, the default machine-check policy. */
    case PR_GET_SECCOMP:
    case PR_GET_SECUREBITS:
    case PR_GET_KEEPCAPS:
        return 0;
    case PR_MCE_KILL_GET:
        return a2 || a3 || a4 || a5 ? -EINVAL : PR_MCE_KILL_DEFAULT;
    default:
        return -EINVAL;
    }
}

/* times: CPU time in clock ticks (USER_HZ 100 = TIMER_HZ) and ticks since boot. */
long sys_times(struct tms *ut)
{
    struct task *t = T;
    if (ut) {
        struct tms tm = { (long)t->utime_ticks, (long)t->stime_ticks, (long)t->cutime_ticks, (long)t->cstime_ticks };
        if (copy_to_user(ut, &tm, sizeof tm))
            return -EFAULT;
    }
    return (long)(time_now_ns(CLOCK_MONOTONIC) / (1000000000ULL / TIMER_HZ));
}

long sys_sysinfo(struct sysinfo *uinfo)
{
    struct sysinfo si;
    memset(&si, 0, sizeof si);
    uint64_t ns = time_now_ns(CLOCK_BOOTTIME);
    si.uptime = (long)(ns / 1000000000ULL) + (ns % 1000000000ULL ? 1 : 0);   /* Linux rounds up */
    si.totalram = frame_total_count() * PAGE_SIZE;
    si.freeram = frame_free_count() * PAGE_SIZE;
    int n = 0;
    for (struct task *p = task_first(); p; p = task_next(p))
        n++;
    si.procs = (unsigned short)n;
    si.mem_unit = 1;
    return copy_to_user(uinfo, &si, sizeof si);
}

long sys_arch_prctl(int code, uint64_t addr)
{
    uint64_t v;
    int r = arch_prctl_get(T, code, &v);
    if (r == 0)
        return copy_to_user((void *)addr, &v, sizeof v);
    return arch_prctl_set(T, code, addr);
}

long sys_set_tid_address(int *tidptr)
{
    T->clear_child_tid = (uint64_t)tidptr;
    return T->tid;
}

long sys_set_robust_list(void *head, size_t len)
{
    if (len != 24)          /* sizeof(struct robust_list_head) */
        return -EINVAL;
    T->robust_list = (uint64_t)head;
    T->robust_len = len;
    return 0;
}

long sys_get_robust_list(int pid, void **uhead, size_t *ulen)
{
    struct task *t = pid ? task_by_pid(pid) : T;
    if (!t)
        return -ESRCH;
    size_t len = 24;
    if (copy_to_user(ulen, &len, sizeof len) || copy_to_user(uhead, &t->robust_list, sizeof(void *)))
        return -EFAULT;
    return 0;
}

/* rseq: Linux writes cpu_id_start and cpu_id at registration and on every return to
 * user space after a preemption; with one CPU they are always 0. */
long sys_rseq(struct rseq *urseq, uint32_t len, int flags, uint32_t sig)
{
    struct task *t = T;
    if (flags & RSEQ_FLAG_UNREGISTER) {
        if (flags & ~RSEQ_FLAG_UNREGISTER)
            return -EINVAL;
        if (t->rseq_area != (uint64_t)urseq)
            return -EINVAL;
        if (t->rseq_len != len)
            return -EINVAL;
        if (t->rseq_sig != sig)
            return -EPERM;
        uint32_t unreg = RSEQ_CPU_ID_UNINITIALIZED;
        copy_to_user(&urseq->cpu_id, &unreg, sizeof unreg);
        t->rseq_area = 0;
        t->rseq_len = 0;
        return 0;
    }
    if (flags)
        return -EINVAL;
    if (t->rseq_area) {
        if (t->rseq_area != (uint64_t)urseq || t->rseq_len != len)
            return -EINVAL;
        return t->rseq_sig != sig ? -EPERM : -EBUSY;
    }
    if (((uint64_t)urseq & 31) || len < 32)
        return -EINVAL;
    uint32_t zero[2] = { 0, 0 };   /* cpu_id_start, cpu_id */
    if (copy_to_user(urseq, zero, sizeof zero))
        return -EFAULT;
    uint32_t node_mm[2] = { 0, 0 };   /* node_id, mm_cid (after the 8-byte rseq_cs and flags) */
    if (len >= 28 && copy_to_user((char *)urseq + 20, node_mm, len >= 28 ? 8 : 4))
        return -EFAULT;
    t->rseq_area = (uint64_t)urseq;
    t->rseq_len = len;
    t->rseq_sig = sig;
    return 0;
}

long sys_getrandom(void *ubuf, size_t len, unsigned flags)
{
    if (flags & ~7u)
        return -EINVAL;
    if ((flags & 6u) == 6u)         /* GRND_RANDOM together with GRND_INSECURE */
        return -EINVAL;
    if (len > 0x7fffffff)
        len = 0x7fffffff;
    uint8_t chunk[256];
    size_t done = 0;
    while (done < len) {
        size_t n = MIN(len - done, sizeof chunk);
        for (size_t i = 0; i < n; i += 4) {
            uint32_t x = arch_random32();
            memcpy(chunk + i, &x, MIN(4, n - i));
        }
        if (copy_to_user((char *)ubuf + done, chunk, n))
            return done ? (long)done : -EFAULT;
        done += n;
    }
    return (long)done;
}

/* ---- nice values: getpriority, setpriority (Linux's kernel/sys.c) ---- */

int prio_for_each(int which, int who, void (*fn)(struct task *t, void *arg), void *arg)
{
    struct task *self = T;
    if (which == PRIO_PROCESS) {
        struct task *t = who ? task_by_pid(who) : self;
        if (!t || t->pid <= 0 || t->state == TASK_DEAD)
            return 0;
        fn(t, arg);
        return 1;
    }
    if (which != PRIO_PGRP && which != PRIO_USER)
        return -EINVAL;
    int n = 0;
    for (struct task *t = task_first(); t; t = task_next(t)) {
        if (t->pid <= 0 || t->state == TASK_DEAD)
            continue;
        if (which == PRIO_PGRP ? t->pgid != (who ? who : self->pgid) : t->uid != (who ? (unsigned)who : self->uid))
            continue;
        fn(t, arg);
        n++;
    }
    return n;
}

static void best_nice(struct task *t, void *arg)
{
    long *best = arg;
    *best = MAX(*best, 20L - t->nice);   /* nice_to_rlimit: 40 for -20 ... 1 for 19 */
}

long sys_getpriority(int which, int who)
{
    long best = -ESRCH;
    int n = prio_for_each(which, who, best_nice, &best);
    return n < 0 ? n : best;
}

struct set_nice {
    int nice;
    long err;
};

/* Linux's set_one_prio: the caller must own the task (or be root), and lowering its nice needs
 * RLIMIT_NICE room or root; one task set is success even if others refused. */
static void set_nice_one(struct task *t, void *arg)
{
    struct set_nice *s = arg;
    struct task *self = T;
    bool root = self->euid == 0;
    if (!root && t->uid != self->euid && t->euid != self->euid) {
        s->err = -EPERM;
        return;
    }
    if (s->nice < t->nice && !root && 20 - s->nice > (long)t->rlim[RLIMIT_NICE].rlim_cur) {
        s->err = -EACCES;
        return;
    }
    if (s->err == -ESRCH)
        s->err = 0;
    t->nice = s->nice;
}

long sys_setpriority(int which, int who, int niceval)
{
    struct set_nice s = { niceval < -20 ? -20 : niceval > 19 ? 19 : niceval, -ESRCH };
    int n = prio_for_each(which, who, set_nice_one, &s);
    return n < 0 ? n : s.err;
}
