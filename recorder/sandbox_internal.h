/* Shared between sandbox.c (the recorder's side) and sandbox_init.c (inside the sandbox). */
#ifndef RECORDER_SANDBOX_INTERNAL_H
#define RECORDER_SANDBOX_INTERNAL_H

struct sandbox_init_args {
	const char *root;          /* absolute path of the root on the host */
	char *const *argv;
	int ctl_w;                 /* messages to the recorder (close-on-exec) */
	int go_r;                  /* the program's process waits for a byte here (close-on-exec) */
	int out_w[2];              /* write ends of the stdout and stderr pipes */
	int init_exe;              /* lockstep-init, opened before the chroot (close-on-exec) */
};

/* The body of the sandbox's init (pid 1); never returns. */
void sandbox_init_main(const struct sandbox_init_args *a) __attribute__((noreturn));

/* Writes one message line "<word> <text>\n" to the control pipe. */
void sandbox_msg(int fd, const char *word, const char *text);

#endif
