/* bigdir — a mail-spool or cache directory: creates 1500 files with generated names, lists
 * them with readdir in several getdents64 batches, remembers positions with telldir and comes
 * back with seekdir, deletes every third file while iterating (as a cleaner does), renames
 * files into subdirectories by hash, and checks counts and a checksum of the names seen. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPOOL "/tmp/spool"
#define NFILES 1500

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int count_entries(const char *path, unsigned *sum)
{
	DIR *d = opendir(path);
	int n = 0;
	*sum = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.') {
			n++;
			*sum += name_hash(e->d_name);   /* order-independent */
		}
	closedir(d);
	return n;
}

int main(void)
{
	char name[64];
	mkdir(SPOOL, 0755);
	int dfd = open(SPOOL, O_RDONLY | O_DIRECTORY);
	for (int i = 0; i < NFILES; i++) {
		snprintf(name, sizeof name, "msg.%06d.%08x", i, name_hash(name) ^ (unsigned)i);
		int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0) {
			perror("create");
			return 1;
		}
		if (i % 100 == 0)
			write(fd, name, strlen(name));
		close(fd);
	}
	unsigned sum;
	printf("created: %d entries\n", count_entries(SPOOL, &sum));
	printf("name checksum: %08x\n", sum);

	/* telldir/seekdir: remember the 700th entry, read on, come back, read it again. */
	DIR *d = opendir(SPOOL);
	long mark = -1;
	char at_mark[256] = "", again[256] = "";
	int k = 0;
	for (struct dirent *e; (e = readdir(d)); k++) {
		if (k == 700) {
			snprintf(at_mark, sizeof at_mark, "%s", e->d_name);
			break;
		}
		if (k == 699)
			mark = telldir(d);
	}
	for (int j = 0; j < 300 && readdir(d); j++)
		;
	seekdir(d, mark);
	struct dirent *e = readdir(d);
	snprintf(again, sizeof again, "%s", e ? e->d_name : "(end)");
	printf("seekdir returns to the same entry: %s\n", strcmp(at_mark, again) == 0 ? "yes" : "no");
	rewinddir(d);
	int first_pass = 0;
	while (readdir(d))
		first_pass++;
	printf("after rewinddir: %d entries (with . and ..)\n", first_pass);
	closedir(d);

	/* Delete every third regular entry while iterating: each is seen once, none twice. */
	d = opendir(SPOOL);
	int seen = 0, deleted = 0;
	for (struct dirent *e2; (e2 = readdir(d));) {
		if (e2->d_name[0] == '.')
			continue;
		if (seen++ % 3 == 0) {
			if (unlinkat(dfd, e2->d_name, 0) == 0)
				deleted++;
		}
	}
	closedir(d);
	printf("iterated %d while deleting %d; left %d\n", seen, deleted, count_entries(SPOOL, &sum));

	/* Fan out into 16 subdirectories by hash. */
	for (int b = 0; b < 16; b++) {
		snprintf(name, sizeof name, "%x", b);
		mkdirat(dfd, name, 0755);
	}
	d = opendir(SPOOL);
	int moved = 0;
	char *names = malloc(NFILES * 32);
	int nn = 0;
	for (struct dirent *e3; (e3 = readdir(d));)
		if (!strncmp(e3->d_name, "msg.", 4))
			snprintf(names + 32 * nn++, 32, "%.31s", e3->d_name);
	closedir(d);
	for (int i = 0; i < nn; i++) {
		char to[64];
		snprintf(to, sizeof to, "%x/%s", name_hash(names + 32 * i) & 15, names + 32 * i);
		moved += renameat(dfd, names + 32 * i, dfd, to) == 0;
	}
	int per[16], total = 0;
	for (int b = 0; b < 16; b++) {
		char sub[64];
		unsigned s2;
		snprintf(sub, sizeof sub, SPOOL "/%x", b);
		per[b] = count_entries(sub, &s2);
		total += per[b];
	}
	printf("moved %d, in buckets %d (bucket 0: %d, bucket f: %d)\n", moved, total, per[0], per[15]);
	struct stat st;
	fstat(dfd, &st);
	printf("spool nlink %lu\n", (unsigned long)st.st_nlink);
	return 0;
}
