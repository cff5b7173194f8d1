/*
 * contract.h — the few helpers every contract program shares.
 *
 * A contract prints one line per check, "<check>: ok" or "<check>: FAIL <what>",
 * and ends with CONTRACT_PASS (exit 0) or CONTRACT_FAIL (exit 1). Output must be
 * deterministic: never print a pid, an address or a time. Output goes through
 * write(2) directly so that it is never reordered against child output by stdio
 * buffering.
 */
#ifndef CONTRACT_H
#define CONTRACT_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int contract_failures;

static inline void contract_say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	for (int off = 0; off < n;) {
		ssize_t w = write(1, line + off, n - off);
		if (w <= 0)
			break;
		off += w;
	}
}

/* CHECK(name, cond, fmt...): report one check; on failure say what was seen. */
#define CHECK(name, cond, ...)                                                   \
	do {                                                                     \
		if (cond) {                                                      \
			contract_say("%s: ok", name);                            \
		} else {                                                         \
			char what_[256];                                         \
			snprintf(what_, sizeof what_, __VA_ARGS__);              \
			contract_say("%s: FAIL %s", name, what_);                \
			contract_failures++;                                     \
		}                                                                \
	} while (0)

/* CHECK_ERR(name, expr, err): expr must return -1 with errno == err. */
#define CHECK_ERR(name, expr, err)                                               \
	do {                                                                     \
		errno = 0;                                                       \
		long r_ = (long)(expr);                                          \
		int e_ = errno;                                                  \
		CHECK(name, r_ == -1 && e_ == (err), "returned %ld errno %s, expected %s", \
		      r_, strerrorname(e_), strerrorname(err));                  \
	} while (0)

/* CHECK_OK(name, expr): expr must not return -1. */
#define CHECK_OK(name, expr)                                                     \
	do {                                                                     \
		errno = 0;                                                       \
		long r_ = (long)(expr);                                          \
		int e_ = errno;                                                  \
		CHECK(name, r_ != -1, "failed with %s", strerrorname(e_));      \
	} while (0)

/* The symbolic name of an errno value, for messages that do not depend on libc wording. */
static inline const char *strerrorname(int e)
{
	switch (e) {
#define E_(x) case x: return #x;
	E_(EPERM) E_(ENOENT) E_(ESRCH) E_(EINTR) E_(EIO) E_(ENXIO) E_(E2BIG) E_(ENOEXEC)
	E_(EBADF) E_(ECHILD) E_(EAGAIN) E_(ENOMEM) E_(EACCES) E_(EFAULT) E_(EBUSY) E_(EEXIST)
	E_(EXDEV) E_(ENODEV) E_(ENOTDIR) E_(EISDIR) E_(EINVAL) E_(ENFILE) E_(EMFILE) E_(ENOTTY)
	E_(EFBIG) E_(ENOSPC) E_(ESPIPE) E_(EROFS) E_(EMLINK) E_(EPIPE) E_(ERANGE) E_(EDEADLK)
	E_(ENAMETOOLONG) E_(ENOSYS) E_(ENOTEMPTY) E_(ELOOP) E_(ENOTSOCK) E_(EDESTADDRREQ)
	E_(EMSGSIZE) E_(EPROTOTYPE) E_(ENOPROTOOPT) E_(EPROTONOSUPPORT) E_(EOPNOTSUPP)
	E_(EAFNOSUPPORT) E_(EADDRINUSE) E_(EADDRNOTAVAIL) E_(ECONNREFUSED) E_(ECONNRESET)
	E_(ENOTCONN) E_(EISCONN) E_(ETIMEDOUT) E_(EALREADY) E_(EINPROGRESS) E_(ECANCELED)
	E_(EOVERFLOW) E_(ENOTBLK) E_(ETXTBSY) E_(ESOCKTNOSUPPORT)
#undef E_
	case 0: return "0";
	default: return "E?";
	}
}

/* CHECK_RET(name, expr, want): expr must return exactly want (a failure shows errno). */
#define CHECK_RET(name, expr, want)                                              \
	do {                                                                     \
		errno = 0;                                                       \
		long r_ = (long)(expr);                                          \
		int e_ = errno;                                                  \
		long w_ = (long)(want);                                          \
		CHECK(name, r_ == w_, "returned %ld (errno %s), expected %ld",   \
		      r_, strerrorname(e_), w_);                                 \
	} while (0)

/* contract_in_child(fn): fn's return value, run in a forked child (its exit status; 100 when
 * the child did not exit normally), so a case may change ids, limits or groups for good. */
#include <sys/wait.h>
static inline int contract_in_child(int (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 100;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

/* contract_rmtree(path): remove a scratch tree that a contract made (best effort). */
#include <dirent.h>
static inline void contract_rmtree(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		unlink(path);
		return;
	}
	struct dirent *de;
	char sub[4096];
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		int n = snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
		if (n < 0 || n >= (int)sizeof sub)
			continue;
		if (de->d_type == DT_DIR)
			contract_rmtree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(path);
}

/* Call last: prints the verdict line and returns the exit status. */
static inline int contract_end(void)
{
	contract_say(contract_failures ? "CONTRACT_FAIL" : "CONTRACT_PASS");
	return contract_failures ? 1 : 0;
}

#endif
