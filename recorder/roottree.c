/* The root tree's canonical walk: hash every entry and optionally copy it.
 *
 * Order: depth first, the entries of a directory sorted by name (bytewise). For each
 * entry, SHA-256 receives "<path>\0<type><mode>\0<size>\0" followed by the file's
 * content or the link's target, where path starts with "/" ("/" is the root itself),
 * type is one of d f l c b p s, mode is the permission bits in 4 octal digits, and
 * size is the content length (0 for directories; "major:minor" for devices).
 * Times, owners and inode numbers are not part of the hash. */
#include "roottree.h"
#include "sha256.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

struct walk {
	struct sha256 sha;
	struct roottree_result *res;
	char path[4096];
	char buf[1 << 16];
};

static int fail(struct walk *w, int err, const char *what)
{
	snprintf(w->res->error, sizeof w->res->error, "%s %.400s: %s", what,
		 w->path[0] ? w->path : "/", strerror(err));
	return -err;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hash_head(struct walk *w, char type, mode_t mode, const char *size)
{
	char head[64];
	const char *p = w->path[0] ? w->path : "/";
	int n = snprintf(head, sizeof head, "%c%04o", type, (unsigned)(mode & 07777));
	sha256_update(&w->sha, p, strlen(p) + 1);
	sha256_update(&w->sha, head, (size_t)n + 1);
	sha256_update(&w->sha, size, strlen(size) + 1);
}

static int copy_file(struct walk *w, int sdir, int ddir, const char *name, const struct stat *st)
{
	char size[32];
	int in, out = -1, rc = 0;
	long long left = st->st_size;
	snprintf(size, sizeof size, "%lld", (long long)st->st_size);
	hash_head(w, 'f', st->st_mode, size);
	in = openat(sdir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return fail(w, errno, "open");
	if (ddir >= 0) {
		out = openat(ddir, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (out < 0) {
			rc = fail(w, errno, "create copy of");
			goto out;
		}
	}
	while (left > 0) {
		ssize_t n = read(in, w->buf, sizeof w->buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = fail(w, n < 0 ? errno : EIO, "read (file changed size?)");
			goto out;
		}
		sha256_update(&w->sha, w->buf, (size_t)n);
		if (out >= 0) {
			for (ssize_t done = 0; done < n;) {
				ssize_t m = write(out, w->buf + done, (size_t)(n - done));
				if (m < 0) {
					rc = fail(w, errno, "write copy of");
					goto out;
				}
				done += m;
			}
		}
		left -= n;
	}
	w->res->bytes += (unsigned long long)st->st_size;
	w->res->files++;
	if (out >= 0) {
		struct timespec t[2] = { st->st_mtim, st->st_mtim };
		if (fchmod(out, st->st_mode & 07777) || futimens(out, t))
			rc = fail(w, errno, "set mode/time of copy of");
	}
out:
	close(in);
	if (out >= 0)
		close(out);
	return rc;
}

static int copy_link(struct walk *w, int sdir, int ddir, const char *name, const struct stat *st)
{
	char target[4096], size[32];
	ssize_t n = readlinkat(sdir, name, target, sizeof target - 1);
	if (n < 0)
		return fail(w, errno, "readlink");
	target[n] = 0;
	snprintf(size, sizeof size, "%zd", n);
	hash_head(w, 'l', st->st_mode, size);
	sha256_update(&w->sha, target, (size_t)n);
	w->res->links++;
	if (ddir >= 0) {
		struct timespec t[2] = { st->st_mtim, st->st_mtim };
		if (symlinkat(target, ddir, name) || utimensat(ddir, name, t, AT_SYMLINK_NOFOLLOW))
			return fail(w, errno, "create copy of");
	}
	return 0;
}

static int copy_special(struct walk *w, int ddir, const char *name, const struct stat *st)
{
	char size[32] = "0", type;
	switch (st->st_mode & S_IFMT) {
	case S_IFCHR: type = 'c'; break;
	case S_IFBLK: type = 'b'; break;
	case S_IFIFO: type = 'p'; break;
	default: type = 's'; break;
	}
	if (type == 'c' || type == 'b')
		snprintf(size, sizeof size, "%u:%u", major(st->st_rdev), minor(st->st_rdev));
	hash_head(w, type, st->st_mode, size);
	w->res->others++;
	if (ddir >= 0 && type != 's') {
		struct timespec t[2] = { st->st_mtim, st->st_mtim };
		if (mknodat(ddir, name, st->st_mode, st->st_rdev) ||
		    fchmodat(ddir, name, st->st_mode & 07777, 0) || utimensat(ddir, name, t, 0))
			return fail(w, errno, "create copy of");
	}
	return 0;
}

static int walk_dir(struct walk *w, int sdir, int ddir, const struct stat *dst);

static int walk_entry(struct walk *w, int sdir, int ddir, const char *name)
{
	struct stat st;
	size_t len = strlen(w->path);
	int rc;
	if (len + 1 + strlen(name) >= sizeof w->path)
		return fail(w, ENAMETOOLONG, "path");
	snprintf(w->path + len, sizeof w->path - len, "/%s", name);
	if (fstatat(sdir, name, &st, AT_SYMLINK_NOFOLLOW)) {
		rc = fail(w, errno, "stat");
	} else if (S_ISDIR(st.st_mode)) {
		int s = openat(sdir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), d = -1;
		if (s < 0) {
			rc = fail(w, errno, "open directory");
		} else if (ddir >= 0 && (mkdirat(ddir, name, 0700) ||
					 (d = openat(ddir, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)) {
			rc = fail(w, errno, "create copy of");
			close(s);
		} else {
			rc = walk_dir(w, s, d, &st);
			close(s);
			if (d >= 0)
				close(d);
		}
	} else if (S_ISREG(st.st_mode)) {
		rc = copy_file(w, sdir, ddir, name, &st);
	} else if (S_ISLNK(st.st_mode)) {
		rc = copy_link(w, sdir, ddir, name, &st);
	} else {
		rc = copy_special(w, ddir, name, &st);
	}
	w->path[len] = 0;
	return rc;
}

/* Hashes the directory itself, then its entries in name order; the copy's mode and
 * mtime are set last, since creating the entries changes them. */
static int walk_dir(struct walk *w, int sdir, int ddir, const struct stat *st)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0, fd = dup(sdir);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return fail(w, errno, "read directory");
	}
	hash_head(w, 'd', st->st_mode, "0");
	w->res->dirs++;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			char **more = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
			if (!more) {
				rc = fail(w, ENOMEM, "list");
				goto out;
			}
			names = more;
		}
		if (!(names[n] = strdup(de->d_name))) {
			rc = fail(w, ENOMEM, "list");
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = walk_entry(w, sdir, ddir, names[i]);
	if (rc == 0 && ddir >= 0) {
		struct timespec t[2] = { st->st_mtim, st->st_mtim };
		if (fchmod(ddir, st->st_mode & 07777) || futimens(ddir, t))
			rc = fail(w, errno, "set mode/time of copy of");
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

int roottree_walk(int src_dir, int dst_dir, struct roottree_result *res)
{
	struct walk *w = calloc(1, sizeof *w);
	struct stat st;
	int rc;
	memset(res, 0, sizeof *res);
	if (!w) {
		snprintf(res->error, sizeof res->error, "out of memory");
		return -ENOMEM;
	}
	w->res = res;
	sha256_init(&w->sha);
	if (fstat(src_dir, &st))
		rc = fail(w, errno, "stat");
	else
		rc = walk_dir(w, src_dir, dst_dir, &st);
	if (rc == 0) {
		sha256_final(&w->sha, res->hash);
		for (int i = 0; i < 32; i++)
			snprintf(res->hex + 2 * i, 3, "%02x", res->hash[i]);
	}
	free(w);
	return rc;
}

int roottree_hash_path(const char *path, struct roottree_result *res)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;
	if (fd < 0) {
		memset(res, 0, sizeof *res);
		snprintf(res->error, sizeof res->error, "%s: %s", path, strerror(errno));
		return -errno;
	}
	rc = roottree_walk(fd, -1, res);
	close(fd);
	return rc;
}
