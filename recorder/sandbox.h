/* The hermetic sandbox: namespaces, a private copy of the root, the fixed starting state.
 *
 * sandbox_start() clones the sandbox's init (pid 1 of a new pid, mount, uts and ipc
 * namespace). Init copies the root tree into a fresh tmpfs (hashing it on the way),
 * mounts /tmp, /dev and /proc, chroots, and forks the program's process (pid 2), which
 * sets up fds, limits and personality and then waits. The caller attaches to it
 * (ptrace, or strace for the oracle tests) and calls sandbox_go() to let it execve.
 * Init reaps orphans and exits once the program's whole tree is gone.
 * The fixed starting state is documented in recorder/README.md. */
#ifndef RECORDER_SANDBOX_H
#define RECORDER_SANDBOX_H

#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "roottree.h"

#define SANDBOX_HOSTNAME   "lockstep"
#define SANDBOX_DOMAINNAME "(none)"
#define SANDBOX_CWD        "/"
#define SANDBOX_UMASK      022
#define SANDBOX_NRLIMITS   16

extern const char *const sandbox_env[];                   /* NULL-terminated */
extern const struct rlimit sandbox_rlimits[SANDBOX_NRLIMITS]; /* indexed by RLIMIT_* */

struct sandbox {
	pid_t init_pid;            /* host pid of the sandbox's init */
	pid_t prog_pid;            /* host pid of the program's process (waiting for go) */
	int out_fd[2];             /* read ends of the stdout and stderr pipes */
	int ctl_fd;                /* messages from init and the program's process */
	int go_fd;                 /* write a byte to let the program execve */
	char prog_path[4096];      /* the program's path inside the root */
	char root_hash[ROOTHASH_HEX_LEN + 1];
	unsigned long root_files;
	unsigned long long root_bytes;
};

/* Starts the sandbox for argv (argv[0] is the program, looked up in the sandbox's PATH
 * when it has no '/'). root must be an existing directory. Returns 0, or -1 with a
 * one-line message in err (-2 when the program is not in the root, -3 when the root
 * could not be copied, e.g. because `make root` was replacing it meanwhile). */
int sandbox_start(struct sandbox *sb, const char *root, char *const argv[], char *err, size_t errlen);

/* Lets the program's process execve. */
int sandbox_go(struct sandbox *sb);

/* After the program's process died without exec'ing: why (one line), or "". */
void sandbox_exec_error(struct sandbox *sb, char *msg, size_t len);

/* Closes the recorder's ends of the sandbox's pipes (not the output pipes). */
void sandbox_release(struct sandbox *sb);

#endif
