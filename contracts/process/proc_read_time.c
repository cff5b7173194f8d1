/*
 * proc_read_time — a /proc/<pid> file's text is made when it is read, not when it is opened
 * (seq_file makes it at the read from position 0): comm opened, then the thread renamed,
 * then read, shows the new name; a seek back to 0 and another read after a second rename
 * shows that one; a read that goes on from the middle keeps the text it was cut from.
 */
#define _GNU_SOURCE
#include "contract.h"
#include <fcntl.h>
#include <sys/prctl.h>

int main(void)
{
	char buf[64] = { 0 };
	int fd = open("/proc/self/comm", O_RDONLY);
	CHECK("open /proc/self/comm", fd >= 0, "errno %s", strerrorname(errno));
	prctl(PR_SET_NAME, "after-open");
	ssize_t n = read(fd, buf, 5);
	CHECK("the first read shows the name set after open", n == 5 && memcmp(buf, "after", 5) == 0,
	      "returned %zd", n);
	prctl(PR_SET_NAME, "renamed-again");
	n = read(fd, buf + 5, sizeof buf - 6);
	CHECK("a read from the middle goes on in the same text", n == 6 && strcmp(buf, "after-open\n") == 0,
	      "returned %zd", n);
	lseek(fd, 0, SEEK_SET);
	memset(buf, 0, sizeof buf);
	n = read(fd, buf, sizeof buf - 1);
	CHECK("a read from 0 again makes the text anew", n == 14 && strcmp(buf, "renamed-again\n") == 0,
	      "returned %zd", n);
	close(fd);
	return contract_end();
}
