/*
 * mprotect_roundtrip — protections change and change back: read-write to
 * read-only (writes fault SEGV_ACCERR, data kept) to none (reads fault too) and
 * back to read-write; a middle page alone can be changed (its neighbours keep
 * theirs); /proc/self/maps shows the permissions; EINVAL for an unaligned
 * address or unknown bits, ENOMEM for an unmapped range.
 */
#define _GNU_SOURCE
#include "contract.h"
#include "fault_probe.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

static char maps[65536];

/* The permission string of the maps line starting at addr, or "" if none. */
static const char *perms_at(void *addr)
{
	static char perms[8];
	int fd = open("/proc/self/maps", O_RDONLY);
	ssize_t total = 0, n;
	while ((n = read(fd, maps + total, sizeof maps - 1 - total)) > 0)
		total += n;
	close(fd);
	maps[total] = '\0';
	char key[32];
	snprintf(key, sizeof key, "%lx-", (unsigned long)(uintptr_t)addr);
	perms[0] = '\0';
	for (char *line = maps; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, key, strlen(key)) == 0) {
			char *sp = strchr(line, ' ');
			if (sp) {
				memcpy(perms, sp + 1, 4);
				perms[4] = '\0';
			}
			break;
		}
	}
	return perms;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	probe_init();

	char *p = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 'd', 3 * page);
	CHECK("maps shows rw-p", strcmp(perms_at(p), "rw-p") == 0, "got %s", perms_at(p));

	CHECK_OK("to read-only", mprotect(p, 3 * page, PROT_READ));
	CHECK("write faults SEGV_ACCERR", probe_write(p + 10, 'x') == SEGV_ACCERR, "code %d", probe_code);
	char v = 0;
	CHECK("read works, data kept", probe_read(p + 10, &v) == 0 && v == 'd', "differs");
	CHECK("maps shows r--p", strcmp(perms_at(p), "r--p") == 0, "got %s", perms_at(p));

	CHECK_OK("to none", mprotect(p, 3 * page, PROT_NONE));
	CHECK("read faults SEGV_ACCERR", probe_read(p + 10, NULL) == SEGV_ACCERR, "code %d", probe_code);
	CHECK("maps shows ---p", strcmp(perms_at(p), "---p") == 0, "got %s", perms_at(p));

	CHECK_OK("back to read-write", mprotect(p, 3 * page, PROT_READ | PROT_WRITE));
	CHECK("write works again", probe_write(p + 10, 'w') == 0 && p[10] == 'w', "differs");
	CHECK("data survived the round trip", p[11] == 'd' && p[3 * page - 1] == 'd', "lost");

	CHECK_OK("middle page read-only", mprotect(p + page, page, PROT_READ));
	CHECK("middle page refuses writes", probe_write(p + page, 'x') == SEGV_ACCERR, "code %d", probe_code);
	CHECK("first page still writable", probe_write(p, 'x') == 0, "faulted");
	CHECK("last page still writable", probe_write(p + 2 * page, 'x') == 0, "faulted");
	CHECK("maps splits: middle r--p", strcmp(perms_at(p + page), "r--p") == 0, "got %s", perms_at(p + page));
	CHECK("maps splits: last rw-p", strcmp(perms_at(p + 2 * page), "rw-p") == 0, "got %s",
	      perms_at(p + 2 * page));
	CHECK_OK("PROT_EXEC on the last page", mprotect(p + 2 * page, page, PROT_READ | PROT_EXEC));
	CHECK("maps shows r-xp", strcmp(perms_at(p + 2 * page), "r-xp") == 0, "got %s", perms_at(p + 2 * page));

	CHECK_ERR("unaligned address", syscall(SYS_mprotect, p + 1, page, PROT_READ), EINVAL);
	CHECK_ERR("unknown protection bits", syscall(SYS_mprotect, p, page, 0x40), EINVAL);
	munmap(p, 3 * page);
	CHECK_ERR("unmapped range", syscall(SYS_mprotect, p, page, PROT_READ), ENOMEM);
	return contract_end();
}
