/*
 * eventfd_blocking — a blocking eventfd read waits until another process adds to the
 * counter and returns the whole count; in semaphore mode it returns 1 and leaves the rest;
 * a blocking write that would overflow waits until a read makes room. Each wait is ended
 * by one write of a child, so no result depends on timing.
 */
#include "contract.h"
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/wait.h>

int main(void)
{
	int efd = eventfd(0, 0);
	pid_t child = fork();
	if (child == 0) {
		uint64_t v = 5;
		write(efd, &v, 8);
		_exit(0);
	}
	uint64_t got = 0;
	CHECK_RET("blocking_read_woken", read(efd, &got, 8), 8);
	CHECK_RET("blocking_read_value", got, 5);
	int status;
	waitpid(child, &status, 0);

	int sem = eventfd(0, EFD_SEMAPHORE);
	child = fork();
	if (child == 0) {
		uint64_t v = 3;
		write(sem, &v, 8);
		_exit(0);
	}
	CHECK_RET("semaphore_blocking_read", read(sem, &got, 8), 8);
	CHECK_RET("semaphore_reads_one", got, 1);
	waitpid(child, &status, 0);
	CHECK_RET("semaphore_rest_left", read(sem, &got, 8), 8);
	CHECK_RET("semaphore_second_one", got, 1);

	/* Fill the counter to the maximum; the child's blocking write waits for our read. */
	uint64_t max = UINT64_MAX - 1;
	write(efd, &max, 8);
	int go[2];
	pipe(go);
	child = fork();
	if (child == 0) {
		uint64_t v = 7;
		char c;
		read(go[0], &c, 1);
		_exit(write(efd, &v, 8) == 8 ? 0 : 1);
	}
	write(go[1], "g", 1);
	CHECK_RET("read_max_makes_room", read(efd, &got, 8), 8);
	CHECK("read_max_value", got == UINT64_MAX - 1, "different value");
	waitpid(child, &status, 0);
	CHECK("blocked_writer_completed", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK_RET("writer_value_arrived", read(efd, &got, 8), 8);
	CHECK_RET("writer_value", got, 7);
	return contract_end();
}
