/*
 * getuid_family — the contract runs as root: real, effective and saved uid and
 * gid are 0. In a child it drops privileges step by step: setgroups and
 * getgroups (EINVAL for a short list), setresgid,
 * setresuid with a saved uid of 0 (seteuid(0) still works), setuid as root sets
 * all three ids, after which setuid(0) is EPERM and signalling pid 1 is EPERM;
 * the parent's ids are unaffected.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <grp.h>
#include <signal.h>
#include <sys/wait.h>

static int drop_privileges(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	gid_t two[2] = { 5, 6 }, got[2] = { 0, 0 };
	if (setgroups(2, two) != 0 || getgroups(0, NULL) != 2)
		return 1;
	errno = 0;
	if (getgroups(1, got) != -1 || errno != EINVAL)
		return 2; /* list too small */
	if (getgroups(2, got) != 2 || got[0] != 5 || got[1] != 6)
		return 15;
	if (setgroups(0, NULL) != 0 || getgroups(0, NULL) != 0)
		return 16;
	if (setresgid(2001, 2002, 2003) != 0)
		return 3;
	getresgid(&gr, &ge, &gs);
	if (gr != 2001 || ge != 2002 || gs != 2003 || getgid() != 2001 || getegid() != 2002)
		return 4;
	if (setresuid(1001, 1002, 0) != 0)
		return 5;
	getresuid(&r, &e, &s);
	if (r != 1001 || e != 1002 || s != 0 || getuid() != 1001 || geteuid() != 1002)
		return 6;
	if (seteuid(0) != 0 || geteuid() != 0)
		return 7; /* the saved uid allows it */
	if (setuid(1003) != 0)
		return 8;
	getresuid(&r, &e, &s);
	if (r != 1003 || e != 1003 || s != 1003)
		return 9; /* setuid as root sets all three */
	errno = 0;
	if (setuid(0) != -1 || errno != EPERM)
		return 10;
	if (setuid(1003) != 0)
		return 11; /* to one's own uid is fine */
	errno = 0;
	if (setresuid(-1, 0, -1) != -1 || errno != EPERM)
		return 12;
	errno = 0;
	if (kill(1, 0) != -1 || errno != EPERM)
		return 13;
	errno = 0;
	if (setgroups(0, NULL) != -1 || errno != EPERM)
		return 14;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	uid_t r, e, s;
	gid_t gr, ge, gs;

	CHECK("getuid 0", getuid() == 0, "not root");
	CHECK("geteuid 0", geteuid() == 0, "not root");
	CHECK("getgid 0", getgid() == 0, "not root group");
	CHECK("getegid 0", getegid() == 0, "not root group");
	CHECK_OK("getresuid", getresuid(&r, &e, &s));
	CHECK("real, effective, saved uid 0", r == 0 && e == 0 && s == 0, "nonzero");
	CHECK_OK("getresgid", getresgid(&gr, &ge, &gs));
	CHECK("real, effective, saved gid 0", gr == 0 && ge == 0 && gs == 0, "nonzero");
	CHECK("getgroups count", getgroups(0, NULL) >= 0, "failed with %s", strerrorname(errno));

	pid_t pid = fork();
	if (pid == 0)
		_exit(drop_privileges());
	int status;
	waitpid(pid, &status, 0);
	CHECK("privilege drop in a child", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "step %d failed", WEXITSTATUS(status));
	CHECK("parent still root", getuid() == 0 && geteuid() == 0 && getgid() == 0, "ids changed");
	CHECK_OK("setresuid(-1, -1, -1) is allowed", setresuid(-1, -1, -1));
	CHECK("and changes nothing", getuid() == 0 && geteuid() == 0, "ids changed");
	return contract_end();
}
