/* kvstore — a small file-based key-value store, written the way such stores are: an append-only
 * log (O_APPEND writes, fsync after each batch), lookups by scanning the log with pread, and
 * compaction that writes the live keys to a temporary file, fsyncs it, renames it over the log
 * and fsyncs the directory. A lock file (flock) guards the store. Prints what a user would see. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_ "/tmp/kv"
#define LOG DIR_ "/data.log"
#define TMP DIR_ "/data.log.tmp"

static int log_fd = -1;

static void die(const char *what)
{
	fprintf(stderr, "kvstore: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void put(const char *key, const char *val)
{
	char rec[256];
	int n = snprintf(rec, sizeof rec, "%s=%s\n", key, val ? val : "");
	if (!val)
		rec[n - 2] = '!';   /* "key!\n" is a deletion */
	if (write(log_fd, rec, (size_t)n) != n)
		die("append");
}

/* The last value of key in the log (NULL if absent or deleted), read back with pread. */
static char *get(const char *key, char *out, size_t size)
{
	static char buf[1 << 16];
	struct stat st;
	if (fstat(log_fd, &st) < 0)
		die("fstat");
	ssize_t n = pread(log_fd, buf, sizeof buf - 1, 0);
	if (n < 0)
		die("pread");
	buf[n] = 0;
	char *found = NULL;
	size_t klen = strlen(key);
	for (char *line = buf; *line; line = strchr(line, '\n') + 1) {
		if (!strncmp(line, key, klen) && line[klen] == '=') {
			size_t vlen = strcspn(line + klen + 1, "\n");
			snprintf(out, size, "%.*s", (int)vlen, line + klen + 1);
			found = out;
		} else if (!strncmp(line, key, klen) && line[klen] == '!')
			found = NULL;
		if (!strchr(line, '\n'))
			break;
	}
	return found;
}

static void compact(const char **keys, int nkeys)
{
	char val[128], rec[256];
	int fd = open(TMP, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("open tmp");
	for (int i = 0; i < nkeys; i++)
		if (get(keys[i], val, sizeof val)) {
			int n = snprintf(rec, sizeof rec, "%s=%s\n", keys[i], val);
			if (write(fd, rec, (size_t)n) != n)
				die("write tmp");
		}
	if (fsync(fd) < 0 || close(fd) < 0)
		die("fsync tmp");
	if (rename(TMP, LOG) < 0)
		die("rename");
	int dfd = open(DIR_, O_RDONLY | O_DIRECTORY);
	if (dfd < 0 || fsync(dfd) < 0)
		die("fsync dir");
	close(dfd);
	close(log_fd);
	log_fd = open(LOG, O_RDWR | O_APPEND | O_CLOEXEC);
	if (log_fd < 0)
		die("reopen");
}

int main(void)
{
	static const char *keys[] = { "alpha", "beta", "gamma", "delta" };
	char val[128];
	struct stat st;
	if (mkdir(DIR_, 0755) < 0 && errno != EEXIST)
		die("mkdir");
	int lock = open(DIR_ "/LOCK", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) < 0)
		die("lock");
	log_fd = open(LOG, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log_fd < 0)
		die("open log");

	put("alpha", "1");
	put("beta", "two");
	put("gamma", "3.0");
	if (fsync(log_fd) < 0)
		die("fsync");
	put("alpha", "one");
	put("beta", NULL);
	put("delta", "4");
	if (fdatasync(log_fd) < 0)
		die("fdatasync");
	for (int i = 0; i < 4; i++)
		printf("%s -> %s\n", keys[i], get(keys[i], val, sizeof val) ? val : "(none)");
	fstat(log_fd, &st);
	printf("log before compaction: %lld bytes\n", (long long)st.st_size);

	compact(keys, 4);
	fstat(log_fd, &st);
	printf("log after compaction: %lld bytes, %s\n", (long long)st.st_size,
	       access(TMP, F_OK) < 0 && errno == ENOENT ? "no temporary left" : "temporary left!");
	put("epsilon", "5");
	for (int i = 0; i < 4; i++)
		printf("%s -> %s\n", keys[i], get(keys[i], val, sizeof val) ? val : "(none)");
	printf("epsilon -> %s\n", get("epsilon", val, sizeof val) ? val : "(none)");

	/* A second opener must not get the lock while we hold it. */
	int other = open(DIR_ "/LOCK", O_RDWR | O_CLOEXEC);
	printf("second lock: %s\n", flock(other, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK ? "busy" : "granted");
	flock(lock, LOCK_UN);
	printf("after unlock: %s\n", flock(other, LOCK_EX | LOCK_NB) == 0 ? "granted" : "busy");

	DIR *d = opendir(DIR_);
	int files = 0;
	for (struct dirent *e; (e = readdir(d));)
		files += e->d_name[0] != '.';
	closedir(d);
	printf("files in store: %d\n", files);
	unlink(LOG);
	unlink(DIR_ "/LOCK");
	rmdir(DIR_);
	return 0;
}
