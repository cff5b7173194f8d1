/*
 * sethostname_errors — sethostname and setdomainname refuse in Linux's order, without ever
 * changing a name (the native run of contracts shares the host's uts namespace): a length
 * over 64 is EINVAL, a bad pointer EFAULT, and for a non-root caller EPERM comes
 * before the length check. The names uname reports stay as they were.
 */
#include "contract.h"
#include <sys/utsname.h>
#include <sys/wait.h>

int main(void)
{
	char name[80];
	memset(name, 'x', sizeof name);
	struct utsname before, after;
	uname(&before);

	CHECK_ERR("hostname_too_long", sethostname(name, 65), EINVAL);
	CHECK_ERR("hostname_bad_pointer", sethostname((const char *)8, 4), EFAULT);
	CHECK_ERR("domainname_too_long", setdomainname(name, 65), EINVAL);
	CHECK_ERR("domainname_bad_pointer", setdomainname((const char *)8, 4), EFAULT);

	int p[2];
	pipe(p);
	pid_t child = fork();
	if (child == 0) {
		int e[2];
		setreuid(1000, 1000);
		errno = 0;
		sethostname(name, 65);
		e[0] = errno;
		errno = 0;
		setdomainname(name, 3);
		e[1] = errno;
		write(p[1], e, sizeof e);
		_exit(0);
	}
	int e[2] = { 0, 0 };
	read(p[0], e, sizeof e);
	waitpid(child, NULL, 0);
	CHECK("non_root_eperm_first", e[0] == EPERM, "got %s", strerrorname(e[0]));
	CHECK("non_root_domain_eperm", e[1] == EPERM, "got %s", strerrorname(e[1]));

	uname(&after);
	CHECK("names_unchanged", !strcmp(before.nodename, after.nodename) && !strcmp(before.__domainname, after.__domainname),
	      "uname changed");
	return contract_end();
}
