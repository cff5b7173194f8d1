/* pipeflow — a producer and a consumer process joined by pipes, as in any shell pipeline or
 * build tool: the parent streams 512 KiB in 4 KiB writes to a child that checksums what it
 * reads and streams 64-byte records back; the parent reads the records back, then both sides
 * see EOF, and the child's exit status carries its verdict. Each read asks for one write
 * (4 KiB down, 64 bytes up): pipe writes of at most PIPE_BUF are atomic, so every read returns
 * a whole one on Linux and here alike. (A read of another size returns what is there at that
 * moment, which the checker cannot make match yet: see README.md.) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOTAL (512 * 1024)

static uint32_t adler(uint32_t a, const unsigned char *p, size_t n)
{
	uint32_t s1 = a & 0xffff, s2 = a >> 16;
	for (size_t i = 0; i < n; i++) {
		s1 = (s1 + p[i]) % 65521;
		s2 = (s2 + s1) % 65521;
	}
	return s2 << 16 | s1;
}

int main(void)
{
	int down[2], up[2];
	pipe(down);
	pipe(up);
	pid_t pid = fork();
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		unsigned char buf[4096];
		uint32_t sum = 1;
		size_t got = 0, since = 0;
		int records = 0;
		for (ssize_t n; (n = read(down[0], buf, sizeof buf)) > 0;) {
			sum = adler(sum, buf, (size_t)n);
			got += (size_t)n;
			since += (size_t)n;
			while (since >= 65536) {   /* one record per 64 KiB received */
				char rec[64];
				memset(rec, ' ', sizeof rec);
				snprintf(rec, sizeof rec, "%zu bytes so far", got - (since - 65536));
				rec[63] = '\n';
				write(up[1], rec, sizeof rec);
				since -= 65536;
				records++;
			}
		}
		char fin[64];
		memset(fin, ' ', sizeof fin);
		snprintf(fin, sizeof fin, "total %zu adler %08x", got, (unsigned)sum);
		fin[63] = '\n';
		write(up[1], fin, sizeof fin);
		_exit(records == TOTAL / 65536 ? 0 : 1);
	}
	close(down[0]);
	close(up[1]);
	unsigned char chunk[4096];
	uint32_t sum = 1;
	for (int i = 0; i < TOTAL / 4096; i++) {
		for (int j = 0; j < 4096; j++)
			chunk[j] = (unsigned char)(i * 31 + j * 7);
		sum = adler(sum, chunk, sizeof chunk);
		if (write(down[1], chunk, sizeof chunk) != sizeof chunk) {
			perror("write");
			return 1;
		}
	}
	close(down[1]);
	printf("sent %d bytes, adler %08x\n", TOTAL, (unsigned)sum);
	char line[100], rec[64];
	size_t have = 0;
	int lines = 0;
	for (ssize_t n; (n = read(up[0], rec, sizeof rec)) > 0;)
		for (ssize_t k = 0; k < n; k++) {
			line[have++] = (char)rec[k];
			if (rec[k] == '\n') {
				line[have] = 0;
				for (size_t e = have - 1; e > 0 && (line[e] == ' ' || line[e] == '\n'); e--)
					line[e] = 0;
				printf("child: %s\n", line);
				have = 0;
				lines++;
			}
		}
	int status;
	waitpid(pid, &status, 0);
	printf("%d lines, child exit %d\n", lines, WEXITSTATUS(status));
	return 0;
}
