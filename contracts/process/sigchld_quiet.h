/*
 * sigchld_quiet.h — keep SIGCHLD blocked in contracts that fork but do not test
 * SIGCHLD itself.
 *
 * With its default disposition SIGCHLD is discarded when it is generated, except
 * under ptrace: for a traced process Linux queues even ignored signals so the
 * tracer can see them, and the delivery then happens whenever the parent next
 * returns to user mode, a point that depends on when the child changed state.
 * Blocked, it stays pending and is never delivered, so a recording's syscall
 * stream does not depend on that timing. wait and waitid work the same.
 */
#ifndef SIGCHLD_QUIET_H
#define SIGCHLD_QUIET_H

#include <signal.h>

static inline void sigchld_quiet(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

#endif
