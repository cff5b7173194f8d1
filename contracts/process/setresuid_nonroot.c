/*
 * setresuid_nonroot — credential changes without privilege, as Linux's kernel/sys.c allows
 * them: an unprivileged process may set each of its real, effective and saved ids only to one
 * of the three it holds (EPERM otherwise, and nothing changes); -1 leaves an id alone;
 * setuid moves only the effective id; setreuid sets the saved id to the new effective id when
 * the real id is set; once every id is non-zero there is no way back to root; an euid of 0
 * kept in the saved id lets a process return to it (seteuid). Runs in children.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "sigchld_quiet.h"
#include <grp.h>
#include <sys/wait.h>

static int ids_are(uid_t r, uid_t e, uid_t s)
{
	uid_t a, b, c;
	return getresuid(&a, &b, &c) == 0 && a == r && b == e && c == s;
}

static int unprivileged(void)
{
	if (setresgid(200, 200, 200) || setgroups(0, NULL))
		return 1;
	if (setresuid(100, 101, 102))
		return 2;
	if (!ids_are(100, 101, 102))
		return 3;
	/* Permutations of the held ids are allowed. */
	if (setresuid(102, 100, 101) || !ids_are(102, 100, 101))
		return 4;
	/* A fourth id is not, and a failed call changes nothing. */
	errno = 0;
	if (setresuid(103, -1, -1) != -1 || errno != EPERM || !ids_are(102, 100, 101))
		return 5;
	errno = 0;
	if (setresuid(-1, -1, 0) != -1 || errno != EPERM)
		return 6;
	/* -1 leaves each alone. */
	if (setresuid(-1, 102, -1) || !ids_are(102, 102, 101))
		return 7;
	/* setuid unprivileged: only the effective id moves, to the real or saved one. */
	if (setuid(101) || !ids_are(102, 101, 101))
		return 8;
	errno = 0;
	if (setuid(100) != -1 || errno != EPERM)
		return 9;
	/* setreuid: setting the real id copies the new effective id into the saved id. */
	if (setreuid(101, 102) || !ids_are(101, 102, 102))
		return 10;
	errno = 0;
	if (setreuid(100, -1) != -1 || errno != EPERM)
		return 11;
	/* gid rules are the same. */
	errno = 0;
	if (setresgid(0, -1, -1) != -1 || errno != EPERM)
		return 12;
	errno = 0;
	if (setgroups(0, NULL) != -1 || errno != EPERM)
		return 13;
	return 0;
}

static int saved_root(void)
{
	/* seteuid away from 0 keeps 0 as real and saved id: the way back is open. */
	if (seteuid(300) || !ids_are(0, 300, 0))
		return 1;
	if (geteuid() != 300)
		return 2;
	if (seteuid(0) || !ids_are(0, 0, 0))
		return 3;
	/* setuid as root sets all three: no way back. */
	if (setuid(300) || !ids_are(300, 300, 300))
		return 4;
	errno = 0;
	if (seteuid(0) != -1 || errno != EPERM)
		return 5;
	return 0;
}

int main(void)
{
	sigchld_quiet();
	int r = contract_in_child(unprivileged);
	CHECK("unprivileged id changes follow Linux's rules", r == 0, "step %d", r);
	r = contract_in_child(saved_root);
	CHECK("a saved root id allows coming back, a full setuid does not", r == 0, "step %d", r);
	return contract_end();
}
