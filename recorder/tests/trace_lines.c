/* trace-lines [--mask-world] FILE: a recorder test helper that reads a trace with the
 * codec and prints one simple line per event, for the Python tests to parse:
 *   H <program> <root hash>
 *   S <task> <name> <nr> <flags> <result> <a0> .. <a5> <world 0|1>   (numbers in decimal)
 *   M <dir> <arg> <elem> <offset> <addr> <hex bytes>                 (regions of the S above)
 *   B <task> <child> <birth_index> <how> <clone_flags>
 *   E <task> <path> <argc>
 *   G <task> <signo> <code>
 *   X <task> <status> <flags>
 *   O <stream> <hex bytes>
 *   END ok | END <error>
 * --mask-world zeroes what differs between two recordings of a deterministic program:
 * the results and OUT bytes of world-input syscalls (SDF_WORLD); in OUT structs, the
 * fields whose role is a world input or a mapped device or inode number; and the
 * registers past a described syscall's arguments (leftovers, some derived from the
 * random stack canary). Exit
 * status: 0 when the trace is complete and intact, 1 otherwise. */
#include "sysdesc.h"
#include "trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	if (!n)
		printf("-");
}

static bool masked_role(unsigned role)
{
	return role != ROLE_EXACT && role != ROLE_PID && role != ROLE_ADDRESS;
}

/* Zeroes masked fields of the struct(s) in an OUT region (a copy). */
static void mask_struct(uint8_t *p, size_t n, unsigned st)
{
	const struct sd_struct_desc *d = sysdesc_struct(st);
	if (!d || !d->size || (d->flags & (SDS_VARIABLE | SDS_OVERLAP)))
		return;
	for (size_t base = 0; base + d->size <= n; base += d->size)
		for (unsigned f = 0; f < d->nfields; f++)
			if (masked_role(d->fields[f].role))
				memset(p + base + d->fields[f].offset, 0, d->fields[f].size);
}

static void print_syscall(const struct trace_event *ev, bool mask)
{
	const struct trace_syscall *s = &ev->syscall;
	const struct sysdesc *d = sysdesc_get(s->nr);
	const char *name = sysdesc_name(s->nr);
	bool world = d && (d->flags & SDF_WORLD);
	struct trace_mem_iter it;
	struct trace_mem m;
	printf("S %u %s %u %u %lld", ev->task, name ? name : "?", s->nr, s->flags,
	       mask && world ? 0LL : (long long)s->result);
	for (int i = 0; i < 6; i++)   /* registers past nargs hold leftovers (canary-derived...) */
		printf(" %llu", mask && d && i >= d->nargs ? 0ull : (unsigned long long)s->args[i]);
	printf(" %d\n", world);
	trace_mem_iter_init(&it, &s->mem);
	while (trace_mem_next(&it, &m)) {
		uint8_t *copy = malloc(m.len ? m.len : 1);
		memcpy(copy, m.data, m.len);
		if (mask && m.dir == TRACE_MEM_OUT) {
			if (world)
				memset(copy, 0, m.len);
			else if (d && m.arg < 6 && m.elem == TRACE_ELEM_NONE) {
				const struct sd_arg *a = &d->arg[m.arg];
				if (a->kind == SD_STRUCT_OUT || a->kind == SD_STRUCT_INOUT ||
				    a->kind == SD_ARRAY_INOUT || a->kind == SD_ARRAY_OUT_RET)
					mask_struct(copy, m.len, a->aux);
			}
		}
		printf("M %u %u %u %llu %llu ", m.dir, m.arg, m.elem, (unsigned long long)m.offset,
		       (unsigned long long)m.addr);
		hex(copy, m.len);
		printf("\n");
		free(copy);
	}
}

int main(int argc, char **argv)
{
	bool mask = argc == 3 && !strcmp(argv[1], "--mask-world");
	const char *path = argv[argc - 1];
	struct trace_reader r;
	struct trace_header h;
	struct trace_event ev;
	char err[256];
	size_t len = 0, cap = 1 << 20;
	uint8_t *buf = malloc(cap);
	FILE *f = argc >= 2 ? fopen(path, "rb") : NULL;
	int rc;
	if (!f || !buf) {
		fprintf(stderr, "usage: trace-lines [--mask-world] FILE\n");
		return 2;
	}
	for (size_t n; (n = fread(buf + len, 1, cap - len, f)) > 0;) {
		len += n;
		if (len == cap && !(buf = realloc(buf, cap *= 2)))
			return 2;
	}
	fclose(f);
	if ((rc = trace_open(&r, buf, len, &h))) {
		trace_reader_error(&r, err, sizeof err);
		printf("END %s\n", err);
		return 1;
	}
	printf("H %s ", h.program.s);
	hex(h.root_hash, sizeof h.root_hash);
	printf("\n");
	while ((rc = trace_next(&r, &ev)) == 1) {
		switch (ev.kind) {
		case TRACE_SYSCALL:
			print_syscall(&ev, mask);
			break;
		case TRACE_BIRTH:
			printf("B %u %u %u %u %llu\n", ev.task, ev.birth.child, ev.birth.birth_index,
			       ev.birth.how, (unsigned long long)ev.birth.clone_flags);
			break;
		case TRACE_EXEC:
			printf("E %u %s %u\n", ev.task, ev.exec.path.s, ev.exec.argv.count);
			break;
		case TRACE_SIGNAL:
			printf("G %u %d %d\n", ev.task, ev.signal.signo, ev.signal.code);
			break;
		case TRACE_EXIT:
			printf("X %u %d %u\n", ev.task, ev.exit.status, ev.exit.flags);
			break;
		case TRACE_OUTPUT:
			printf("O %u ", ev.output.stream);
			hex(ev.output.data.p, ev.output.data.len);
			printf("\n");
			break;
		}
	}
	if (rc == 0) {
		printf("END ok\n");
		return 0;
	}
	trace_reader_error(&r, err, sizeof err);
	printf("END %s\n", err);
	return 1;
}
