/* kglue.h — what the kernel side of check mode shares between its files (kernel only): the run
 * being checked and its hooks' helpers in kglue.c, the signal rules in ksignal.c and the
 * ordering rules in korder.c. */
#ifndef REPLAYER_KERNEL_KGLUE_H
#define REPLAYER_KERNEL_KGLUE_H

#include <stdbool.h>
#include <stdint.h>
#include "engine.h"

struct task;

extern struct check_run the_run;

/* kglue.c */
_Noreturn void kill_current(void);   /* ends the calling task; a diverged run's other tasks too */
bool wait_over(void *until);          /* an ev_wait condition: CLOCK_MONOTONIC ns reached */

/* ksignal.c: RULE_SIGNAL_POINT's waits */
bool await_signal(struct task *t, int sig);           /* false: it never came (SIGNAL_WAIT_NS) */
_Noreturn void signal_missing(struct task *t, int sig, bool blocked);
bool deliver_before_call(struct task *t, int sig);    /* true: skip the call, deliver, restart it */
void signal_rules_reset(void);                        /* a new trace: no SIGCHLD notes */

/* korder.c: the ordering rules, called from the syscall hooks */
void order_progress(void);                            /* events were consumed: waiters look again */
void wait_entry_turn(struct task *t, uint32_t nr);
void wait_return_turn(struct task *t);
void futex_follow_recording(struct task *t, const uint64_t args[6]);
void limit_stream_read(struct task *t, uint64_t args[6]);
void wait_for_recorded_child(struct task *t, uint64_t args[6]);
void note_exit_turn(struct task *t);
void order_rules_reset(void);                         /* a new trace: no exit in progress */

#endif
