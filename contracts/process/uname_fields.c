/*
 * uname_fields — uname reports sysname "Linux" and machine "x86_64", a release
 * of the form <major>.<minor>[...], and non-empty, NUL-terminated nodename and
 * version; gethostname agrees with nodename; a NULL buffer is EFAULT. Nothing
 * host-specific is printed: the release and node name are only checked for form.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <ctype.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static int terminated(const char *field)
{
	return memchr(field, '\0', 65) != NULL;
}

/* "<digits>.<digits>" followed by anything. */
static int release_well_formed(const char *r)
{
	const char *p = r;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != '.')
		return 0;
	if (!isdigit((unsigned char)*p))
		return 0;
	return 1;
}

int main(void)
{
	struct utsname u;
	memset(&u, 0xaa, sizeof u);
	CHECK_OK("uname", uname(&u));
	CHECK("all fields NUL-terminated", terminated(u.sysname) && terminated(u.nodename) &&
	      terminated(u.release) && terminated(u.version) && terminated(u.machine) &&
	      terminated(u.domainname), "a field is not terminated");
	CHECK("sysname Linux", strcmp(u.sysname, "Linux") == 0, "differs");
	CHECK("machine x86_64", strcmp(u.machine, "x86_64") == 0, "differs");
	CHECK("release non-empty and well-formed", release_well_formed(u.release), "malformed");
	CHECK("version non-empty", u.version[0] != '\0', "empty");
	CHECK("nodename non-empty", u.nodename[0] != '\0', "empty");

	char host[65];
	CHECK_OK("gethostname", gethostname(host, sizeof host));
	CHECK("gethostname equals nodename", strcmp(host, u.nodename) == 0, "differs");

	struct utsname again;
	uname(&again);
	CHECK("stable between calls", memcmp(&u, &again, sizeof u) == 0, "changed");
	CHECK_ERR("NULL buffer", syscall(SYS_uname, NULL), EFAULT);
	return contract_end();
}
