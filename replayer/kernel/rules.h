/* rules.h — the comparison rules of check mode, all in one list (DESIGN.md principle 4).
 *
 * Every value the checker looks at goes through exactly one of these rules, and each use is
 * counted in the run's verdict. Nothing is skipped silently: even the "noted" rules (a syscall
 * compared by registers only, a default-ignored signal Linux reported but we did not deliver)
 * are counted and shown. rules.c implements each rule once.
 */
#ifndef REPLAYER_KERNEL_RULES_H
#define REPLAYER_KERNEL_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rule_class { CLASS_COMPARED, CLASS_MAPPED, CLASS_INJECTED, CLASS_NOTED };

/* X(id, class, what it does) */
#define CHECK_RULES(X) \
    X(RULE_EXACT,         CLASS_COMPARED, "equal bytes, registers, results and event fields") \
    X(RULE_MAP_PID,       CLASS_MAPPED,   "pids and tids: a consistent bijection") \
    X(RULE_MAP_INODE,     CLASS_MAPPED,   "inode numbers (paired with the device where the object has one): a consistent bijection") \
    X(RULE_MAP_DEVICE,    CLASS_MAPPED,   "device numbers: a consistent bijection") \
    X(RULE_MAP_ADDRESS,   CLASS_MAPPED,   "addresses: through paired mmap/brk ranges and stack/mmap areas, else equal") \
    X(RULE_MAP_ID_TEXT,   CLASS_MAPPED,   "inode and device numbers in /proc text (maps, fdinfo, fd links): mapped; the recorded text given when the digits change its length") \
    X(RULE_INJECT_TIME,   CLASS_INJECTED, "clock values: plausible, then the recorded value") \
    X(RULE_INJECT_RANDOM, CLASS_INJECTED, "random bytes: right length, then the recorded bytes") \
    X(RULE_INJECT_HOSTID, CLASS_INJECTED, "host identity (uname node, release, version)") \
    X(RULE_INJECT_WORLD,  CLASS_INJECTED, "uptime, load and memory figures: plausible, then recorded") \
    X(RULE_REGS_ONLY,     CLASS_NOTED,    "undescribed syscall: number, registers and result only") \
    X(RULE_SIGNAL_IGNORED,CLASS_NOTED,    "a signal without a handler: Linux reports it, we need not deliver it; delivered, its siginfo is not compared") \
    X(RULE_TAIL_UNREADABLE,CLASS_NOTED,   "input captured past the end of our (shifted) stack: compared up to it") \
    X(RULE_VDSO_CALL,     CLASS_NOTED,    "clock call Linux answered in its vDSO (not in the trace): let through") \
    X(RULE_STREAM_READ,   CLASS_NOTED,    "read from a pipe or socket: asks for at most the recorded length (how much had arrived is scheduling)") \
    X(RULE_WAIT_ORDER,    CLASS_NOTED,    "wait4 for any child: waits for the child Linux reaped (which exited first is scheduling)") \
    X(RULE_FUTEX_ORDER,   CLASS_NOTED,    "futex wait answered EAGAIN runs once the word changed; a wake that woke n once n wait (where it falls among other threads' stores is scheduling)") \
    X(RULE_ENTRY_ORDER,   CLASS_NOTED,    "a call starts after the other tasks' calls that had completed on Linux before it started (which task runs first is scheduling)") \
    X(RULE_SIGNAL_POINT,  CLASS_NOTED,    "asynchronous signal: held until, or waited for at, the point the recording delivers it (when it arrives is scheduling)") \
    X(RULE_SIGCHLD_CHILD, CLASS_NOTED,    "SIGCHLD pends once: a delivery carries the recorded child's SIGCHLD, sent by the kernel but merged with another (which child exited first is scheduling)")

#define RULE_ENUM(id, cls, what) id,
enum rule_id { CHECK_RULES(RULE_ENUM) RULE_COUNT };
#undef RULE_ENUM

/* How a value is to be compared: the role a description gives a register, a result or a
 * field of user memory. */
enum check_role {
    CR_EXACT = 0,
    CR_ADDRESS,   /* a pointer or an address-valued field: RULE_MAP_ADDRESS */
    CR_PID,       /* RULE_MAP_PID (negative values: process groups, mapped by magnitude) */
    CR_INODE,     /* RULE_MAP_INODE */
    CR_DEV_INODE, /* RULE_MAP_INODE, on a (device, inode) key: a map of its own */
    CR_DEVICE,    /* RULE_MAP_DEVICE */
    CR_MOUNT_ID,  /* RULE_MAP_DEVICE, in a map of its own */
    CR_TIME,      /* RULE_INJECT_TIME */
    CR_TIME_NSEC, /* the nanoseconds of a timespec: RULE_INJECT_TIME, and < 1e9 */
    CR_RANDOM,    /* RULE_INJECT_RANDOM */
    CR_HOSTID,    /* RULE_INJECT_HOSTID */
    CR_WORLD,     /* RULE_INJECT_WORLD */
    CR_UNUSED,    /* a register the syscall does not read: not compared, not counted */
    CR_KERNEL_OUT,/* a field the kernel only writes: exact as output, not compared as input */
    CR_UTIME_SEC, /* a utimensat time's seconds: not compared when its tv_nsec says NOW or OMIT */
};

/* What reading an fd yields, for env->fd_world. */
enum { WORLD_NONE = 0, WORLD_RANDOM, WORLD_FIGURES };

enum rule_class rule_class(enum rule_id r);
const char *rule_what(enum rule_id r);
const char *rule_name(enum rule_id r);

#endif
