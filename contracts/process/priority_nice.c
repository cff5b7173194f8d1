/*
 * priority_nice — getpriority/setpriority and ioprio_get/ioprio_set as Linux answers them:
 * the raw getpriority returns 20 - nice (1..40); setpriority clamps to [-20, 19]; root may
 * lower nice; a child inherits its parent's nice and I/O priority; PRIO_PGRP and PRIO_USER
 * reach every task of the group or user (here the sandbox's init too: the program is in its
 * process group) and getpriority reports the best of them; a bad "which" is EINVAL, an
 * unknown pid ESRCH. ioprio: 0 until set, IDLE, BE and NONE values read back as set, invalid
 * classes and a NONE with a level EINVAL.
 */
#include "contract.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IO(cls, lvl) ((cls) << 13 | (lvl))

static long getprio(int which, int who) { return syscall(SYS_getpriority, which, who); }
static long setprio(int which, int who, int nice) { return syscall(SYS_setpriority, which, who, nice); }
static long ioget(int which, int who) { return syscall(SYS_ioprio_get, which, who); }
static long ioset(int which, int who, int prio) { return syscall(SYS_ioprio_set, which, who, prio); }

int main(void)
{
	CHECK_RET("default_is_20", getprio(PRIO_PROCESS, 0), 20);
	CHECK_RET("by_own_pid", getprio(PRIO_PROCESS, getpid()), 20);
	CHECK_RET("set_5", setprio(PRIO_PROCESS, 0, 5), 0);
	CHECK_RET("reads_15", getprio(PRIO_PROCESS, 0), 15);
	CHECK_RET("set_clamped_high", setprio(PRIO_PROCESS, 0, 100), 0);
	CHECK_RET("reads_1", getprio(PRIO_PROCESS, 0), 1);
	CHECK_RET("root_lowers_nice", setprio(PRIO_PROCESS, 0, -100), 0);
	CHECK_RET("reads_40", getprio(PRIO_PROCESS, 0), 40);
	CHECK_RET("back_to_3", setprio(PRIO_PROCESS, 0, 3), 0);
	CHECK_ERR("bad_which", getprio(7, 0), EINVAL);
	CHECK_ERR("bad_which_set", setprio(-1, 0, 0), EINVAL);
	CHECK_ERR("no_such_pid", getprio(PRIO_PROCESS, 99999), ESRCH);
	CHECK_ERR("no_such_pid_set", setprio(PRIO_PROCESS, 99999, 0), ESRCH);
	CHECK_ERR("no_such_group", getprio(PRIO_PGRP, 99999), ESRCH);

	long io = ioget(IOPRIO_WHO_PROCESS, 0);
	CHECK("ioprio_default", io >= 0, "ioprio_get failed: %s", strerrorname(errno));
	contract_say("ioprio default value: %ld", io);
	CHECK_RET("ioprio_set_idle", ioset(IOPRIO_WHO_PROCESS, 0, IO(3, 0)), 0);
	CHECK_RET("ioprio_reads_idle", ioget(IOPRIO_WHO_PROCESS, 0), IO(3, 0));
	CHECK_RET("ioprio_set_be_2", ioset(IOPRIO_WHO_PROCESS, 0, IO(2, 2)), 0);
	CHECK_RET("ioprio_reads_be_2", ioget(IOPRIO_WHO_PROCESS, 0), IO(2, 2));
	CHECK_RET("ioprio_set_none", ioset(IOPRIO_WHO_PROCESS, 0, IO(0, 0)), 0);
	CHECK_RET("ioprio_none_reads_0", ioget(IOPRIO_WHO_PROCESS, 0), 0);
	CHECK_RET("ioprio_set_be_2_again", ioset(IOPRIO_WHO_PROCESS, 0, IO(2, 2)), 0);
	CHECK_ERR("ioprio_bad_class", ioset(IOPRIO_WHO_PROCESS, 0, IO(5, 0)), EINVAL);
	CHECK_ERR("ioprio_none_with_level", ioset(IOPRIO_WHO_PROCESS, 0, IO(0, 1)), EINVAL);
	CHECK_ERR("ioprio_bad_which", ioget(9, 0), EINVAL);
	CHECK_ERR("ioprio_no_such_pid", ioget(IOPRIO_WHO_PROCESS, 99999), ESRCH);

	/* A child inherits both; a group-wide set reaches it; the group reports the best. */
	int go[2], back[2];
	pipe(go);
	pipe(back);
	pid_t child = fork();
	if (child == 0) {
		char c;
		long v[3];
		v[0] = getprio(PRIO_PROCESS, 0);
		v[1] = ioget(IOPRIO_WHO_PROCESS, 0);
		write(back[1], v, 2 * sizeof *v);
		read(go[0], &c, 1);   /* the parent has set the group's nice */
		v[2] = getprio(PRIO_PROCESS, 0);
		write(back[1], &v[2], sizeof *v);
		_exit(0);
	}
	long v[3] = { 0, 0, 0 };
	read(back[0], v, 2 * sizeof *v);   /* what the child inherited, read before we change it */
	CHECK_RET("set_child", setprio(PRIO_PROCESS, child, 10), 0);
	CHECK_RET("group_best_is_init", getprio(PRIO_PGRP, 0), 20);   /* pid 1, nice 0 */
	CHECK_RET("group_by_id", getprio(PRIO_PGRP, getpgrp()), 20);
	CHECK_RET("set_group", setprio(PRIO_PGRP, 0, 6), 0);
	CHECK_RET("user_after_group_set", getprio(PRIO_USER, 0), 14);
	CHECK_RET("init_moved_too", getprio(PRIO_PROCESS, 1), 14);
	write(go[1], "g", 1);
	read(back[0], &v[2], sizeof *v);
	CHECK("child_inherits_nice", v[0] == 17, "child read %ld", v[0]);
	CHECK("child_inherits_ioprio", v[1] == IO(2, 2), "child read %ld", v[1]);
	CHECK("group_set_reaches_child", v[2] == 14, "child read %ld", v[2]);
	waitpid(child, NULL, 0);
	return contract_end();
}
