/* The program's stdout and stderr: a thread reads both pipes, stores what it reads in
 * OUTPUT records and passes it through to the recorder's own stdout and stderr. */
#ifndef RECORDER_OUTPUT_H
#define RECORDER_OUTPUT_H

#include <stdbool.h>

/* Starts the thread on the read ends out_fd[0] (stdout) and out_fd[1] (stderr).
 * With quiet, nothing is passed through. */
int output_start(const int out_fd[2], bool quiet);
/* Waits until both pipes are at end of file (every writer is gone). */
void output_finish(void);

#endif
