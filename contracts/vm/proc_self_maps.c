/*
 * proc_self_maps — /proc/self/maps describes the address space: sorted,
 * non-overlapping "start-end perms offset dev inode [path]" lines; an anonymous
 * mapping shows as "rw-p 00000000 00:00 0" with no path; a shared file mapping
 * at an offset shows "r--s", that offset, the file's device and inode, and its
 * path; adjacent anonymous mappings with the same permissions merge into one
 * line; the executable's text is an r-xp line naming /proc/self/exe's target;
 * [stack] holds a local variable and [heap] the grown break; unmapped ranges
 * disappear. No address is printed.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#define FILE_ "/tmp/proc_self_maps.tmp"

struct vma {
	unsigned long start, end, offset, inode;
	unsigned major, minor;
	char perms[5];
	char path[256];
};

static char text[65536];
static struct vma vmas[512];
static int nvmas;

static void load(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	ssize_t total = 0, n;
	while ((n = read(fd, text + total, sizeof text - 1 - total)) > 0)
		total += n;
	close(fd);
	text[total] = '\0';
	nvmas = 0;
	for (char *line = text; *line && nvmas < 512;) {
		char *eol = strchr(line, '\n');
		if (eol)
			*eol = '\0';
		struct vma *v = &vmas[nvmas];
		int pos = 0;
		memset(v, 0, sizeof *v);
		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &v->start, &v->end, v->perms, &v->offset,
			   &v->major, &v->minor, &v->inode, &pos) >= 7) {
			snprintf(v->path, sizeof v->path, "%s", line + pos);
			nvmas++;
		}
		if (!eol)
			break;
		line = eol + 1;
	}
}

static struct vma *find(const void *addr)
{
	uintptr_t a = (uintptr_t)addr;
	for (int i = 0; i < nvmas; i++)
		if (a >= vmas[i].start && a < vmas[i].end)
			return &vmas[i];
	return NULL;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);

	char *range = mmap(NULL, 8 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(range, 8 * page);
	char *a = mmap(range, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	a[0] = 1;

	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, 4 * page);
	struct stat st;
	fstat(fd, &st);
	char *f = mmap(range + 4 * page, 2 * page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, page);

	char *brk0 = (char *)syscall(SYS_brk, NULL);
	char *brk1 = (char *)syscall(SYS_brk, brk0 + 2 * page);
	volatile int local = 0;

	load();
	CHECK("maps parsed", nvmas > 3, "%d lines", nvmas);
	int sorted = 1;
	for (int i = 1; i < nvmas; i++)
		sorted &= vmas[i].start >= vmas[i - 1].end && vmas[i - 1].start < vmas[i - 1].end;
	CHECK("sorted and non-overlapping", sorted, "out of order");

	struct vma *v = find(a);
	CHECK("anonymous mapping listed", v && v->start == (uintptr_t)a && v->end == (uintptr_t)(a + 2 * page),
	      "missing or wrong bounds");
	CHECK("anonymous: rw-p 00000000 00:00 0, no path", v && strcmp(v->perms, "rw-p") == 0 && v->offset == 0 &&
	      v->major == 0 && v->minor == 0 && v->inode == 0 && v->path[0] == '\0', "fields differ");

	v = find(f);
	CHECK("file mapping listed", v && v->start == (uintptr_t)f && v->end == (uintptr_t)(f + 2 * page),
	      "missing or wrong bounds");
	CHECK("file: r--s at the offset", v && strcmp(v->perms, "r--s") == 0 && v->offset == (unsigned long)page,
	      "fields differ");
	CHECK("file: device and inode of the file", v && v->inode == st.st_ino && v->major == major(st.st_dev) &&
	      v->minor == minor(st.st_dev), "differ");
	CHECK("file: path", v && strcmp(v->path, FILE_) == 0, "differs");

	char *b = mmap(a + 2 * page, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	b[0] = 1;
	load();
	v = find(a);
	CHECK("adjacent anonymous mappings merge", v && v->start == (uintptr_t)a &&
	      v->end == (uintptr_t)(a + 4 * page), "not merged");

	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	v = find((void *)(uintptr_t)main);
	CHECK("text is an r-xp line of the executable", v && strcmp(v->perms, "r-xp") == 0 && strcmp(v->path, exe) == 0,
	      "differs");
	v = find((const void *)&local);
	CHECK("[stack] holds a local variable", v && strcmp(v->path, "[stack]") == 0, "differs");
	v = find(brk1 - 1);
	CHECK("[heap] holds the grown break", brk1 == brk0 + 2 * page && v && strcmp(v->path, "[heap]") == 0,
	      "differs");

	munmap(a, 4 * page);
	munmap(f, 2 * page);
	load();
	CHECK("unmapped ranges disappear", find(a) == NULL && find(f) == NULL, "still listed");
	syscall(SYS_brk, brk0);
	close(fd);
	unlink(FILE_);
	return contract_end();
}
