/* evloop — an epoll event loop serving "connections" over socketpairs, in one process as a
 * single-threaded server is written: three clients send requests (line-framed, several per
 * write, one split across two writes), the server reads what is ready, answers each complete
 * line ("GET k" / "SET k v" on a small table), buffers replies and waits for EPOLLOUT when a
 * client's socket is full, and notices hang-ups with EPOLLRDHUP. An eventfd wakes the loop
 * to quit. Every step's order is fixed by the program, so the output is deterministic. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define NCLIENT 3

struct conn {
	int fd, peer, open;
	char in[512];
	size_t inlen;
	char out[4096];
	size_t outlen;
};

static struct conn conns[NCLIENT];
static char keys[8][16], vals[8][16];
static int nkeys;

static const char *lookup(const char *k)
{
	for (int i = 0; i < nkeys; i++)
		if (!strcmp(keys[i], k))
			return vals[i];
	return NULL;
}

static void answer(struct conn *c, char *line)
{
	char k[16], v[16];
	const char *r;
	char reply[64];
	if (sscanf(line, "SET %15s %15s", k, v) == 2) {
		int i;
		for (i = 0; i < nkeys && strcmp(keys[i], k); i++)
			;
		if (i == nkeys && nkeys < 8)
			nkeys++;
		snprintf(keys[i], sizeof keys[i], "%s", k);
		snprintf(vals[i], sizeof vals[i], "%s", v);
		snprintf(reply, sizeof reply, "OK\n");
	} else if (sscanf(line, "GET %15s", k) == 1 && (r = lookup(k)))
		snprintf(reply, sizeof reply, "VALUE %s\n", r);
	else if (!strncmp(line, "GET ", 4))
		snprintf(reply, sizeof reply, "MISSING\n");
	else
		snprintf(reply, sizeof reply, "ERR bad request\n");
	size_t n = strlen(reply);
	if (c->outlen + n <= sizeof c->out) {
		memcpy(c->out + c->outlen, reply, n);
		c->outlen += n;
	}
}

static void flush_out(int ep, struct conn *c)
{
	while (c->outlen) {
		ssize_t n = write(c->fd, c->out, c->outlen);
		if (n < 0)
			break;
		memmove(c->out, c->out + n, c->outlen - (size_t)n);
		c->outlen -= (size_t)n;
	}
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | (c->outlen ? EPOLLOUT : 0), .data.ptr = c };
	epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

static void on_readable(struct conn *c, int idx)
{
	for (;;) {
		ssize_t n = read(c->fd, c->in + c->inlen, sizeof c->in - 1 - c->inlen);
		if (n <= 0)
			break;
		c->inlen += (size_t)n;
	}
	c->in[c->inlen] = 0;
	char *start = c->in, *nl;
	while ((nl = strchr(start, '\n'))) {
		*nl = 0;
		printf("client %d: %s\n", idx, start);
		answer(c, start);
		start = nl + 1;
	}
	c->inlen = strlen(start);
	memmove(c->in, start, c->inlen + 1);
}

static void client_send(int i, const char *s)
{
	if (write(conns[i].peer, s, strlen(s)) < 0)
		perror("client write");
}

static void client_show(int i)
{
	char buf[256];
	ssize_t n = read(conns[i].peer, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n"))
		printf("  reply to %d: %s\n", i, l);
}

/* One pass of the loop: handle what epoll reports, in the order it reports it. */
static int loop_once(int ep, int efd)
{
	struct epoll_event evs[8];
	int n = epoll_wait(ep, evs, 8, 0), quit = 0;
	for (int i = 0; i < n; i++) {
		if (evs[i].data.ptr == NULL) {
			uint64_t v;
			read(efd, &v, sizeof v);
			printf("eventfd: quit after %llu wakeups\n", (unsigned long long)v);
			quit = 1;
			continue;
		}
		struct conn *c = evs[i].data.ptr;
		int idx = (int)(c - conns);
		if (evs[i].events & EPOLLIN)
			on_readable(c, idx);
		if (evs[i].events & EPOLLRDHUP) {
			printf("client %d hung up\n", idx);
			epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
			close(c->fd);
			c->open = 0;
			continue;
		}
		flush_out(ep, c);
	}
	return quit ? -1 : n;
}

int main(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC), efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
	epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
	for (int i = 0; i < NCLIENT; i++) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0) {
			perror("socketpair");
			return 1;
		}
		conns[i] = (struct conn){ .fd = sv[0], .peer = sv[1], .open = 1 };
		ev = (struct epoll_event){ .events = EPOLLIN | EPOLLRDHUP, .data.ptr = &conns[i] };
		epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
	}
	printf("idle loop: %d events\n", loop_once(ep, efd));

	client_send(0, "SET color blue\nGET color\n");
	client_send(1, "GET color\nGET si");
	printf("pass 1: %d events\n", loop_once(ep, efd));
	client_show(0);
	client_show(1);
	client_send(1, "ze\nSET size 10\n");
	client_send(2, "bogus\nGET size\n");
	printf("pass 2: %d events\n", loop_once(ep, efd));
	client_show(1);
	client_show(2);

	shutdown(conns[2].peer, SHUT_WR);
	printf("pass 3: %d events\n", loop_once(ep, efd));
	uint64_t one = 1;
	write(efd, &one, sizeof one);
	write(efd, &one, sizeof one);
	printf("pass 4: %d\n", loop_once(ep, efd));
	int open = 0;
	for (int i = 0; i < NCLIENT; i++)
		open += conns[i].open;
	printf("connections still open: %d\n", open);
	return 0;
}
