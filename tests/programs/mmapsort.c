/* mmapsort — sorts a file of fixed-size records in place through a shared mapping, the way a
 * small database tool might: writes 2000 records (key + payload) with a generator, maps the
 * file MAP_SHARED, qsorts the records, msyncs, unmaps, then reads the file back with read()
 * to check the order and prints a checksum; finally grows the file with ftruncate and maps
 * the new tail to append records. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH "/tmp/records.dat"
#define NREC 2000

struct rec {
	uint32_t key;
	uint32_t seq;
	char name[24];
};

static uint32_t state = 12345;
static uint32_t next_rand(void)
{
	state = state * 1103515245u + 12345u;
	return state >> 8;
}

static int by_key(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key ? 1 : (int)x->seq - (int)y->seq;
}

int main(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	FILE *f = fdopen(dup(fd), "w");
	for (uint32_t i = 0; i < NREC; i++) {
		struct rec r = { next_rand() % 100000, i, "" };
		snprintf(r.name, sizeof r.name, "item-%05u", (unsigned)i);
		fwrite(&r, sizeof r, 1, f);
	}
	fclose(f);

	struct stat st;
	fstat(fd, &st);
	printf("file: %lld bytes, %lld records\n", (long long)st.st_size, (long long)(st.st_size / sizeof(struct rec)));
	struct rec *map = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
	qsort(map, NREC, sizeof *map, by_key);
	if (msync(map, (size_t)st.st_size, MS_SYNC) < 0)
		perror("msync");
	printf("smallest: %u %s, largest: %u %s\n", map[0].key, map[0].name, map[NREC - 1].key, map[NREC - 1].name);
	munmap(map, (size_t)st.st_size);

	/* Read back through the file, not the mapping. */
	struct rec buf[100];
	uint32_t prev = 0, sum = 0;
	int ordered = 1;
	lseek(fd, 0, SEEK_SET);
	for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;)
		for (size_t i = 0; i < (size_t)n / sizeof *buf; i++) {
			ordered &= buf[i].key >= prev;
			prev = buf[i].key;
			sum = sum * 31 + buf[i].key + buf[i].seq;
		}
	printf("read back: %s, checksum %08x\n", ordered ? "sorted" : "NOT sorted", sum);

	/* Append 10 records by growing the file and mapping the new page range. */
	off_t old = st.st_size, grown = old + 10 * (off_t)sizeof(struct rec);
	if (ftruncate(fd, grown) < 0)
		perror("ftruncate");
	off_t page_off = old & ~(off_t)4095;
	char *tail = mmap(NULL, (size_t)(grown - page_off), PROT_READ | PROT_WRITE, MAP_SHARED, fd, page_off);
	if (tail == MAP_FAILED) {
		perror("mmap tail");
		return 1;
	}
	struct rec *extra = (struct rec *)(tail + (old - page_off));
	for (int i = 0; i < 10; i++) {
		extra[i].key = 100000 + (uint32_t)i;
		extra[i].seq = NREC + (uint32_t)i;
		snprintf(extra[i].name, sizeof extra[i].name, "extra-%d", i);
	}
	munmap(tail, (size_t)(grown - page_off));
	struct rec last;
	pread(fd, &last, sizeof last, grown - (off_t)sizeof last);
	fstat(fd, &st);
	printf("after append: %lld bytes, last record %u %s\n", (long long)st.st_size, last.key, last.name);
	close(fd);
	unlink(PATH);
	return 0;
}
