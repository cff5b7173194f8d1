/* csvtool — a report generator written with stdio as most C tools are: writes a CSV with
 * fprintf, reopens it "r+" and patches a field in place (fseek/ftell/fputs), appends with "a",
 * reads it back line by line with getline, sorts one column through popen("sort"), spools to
 * a tmpfile() that it rewinds and reads, uses setvbuf and ungetc, and runs system() for a
 * shell one-liner. Its stdout is line-buffered output of the results. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CSV "/tmp/report.csv"

int main(void)
{
	static const char *cities[] = { "Oslo", "Lima", "Kyiv", "Doha", "Bern", "Rome", "Baku", "Riga" };
	FILE *f = fopen(CSV, "w");
	char vbuf[256];
	setvbuf(f, vbuf, _IOFBF, sizeof vbuf);   /* a small buffer: many write calls */
	fprintf(f, "id,city,temp\n");
	for (int i = 0; i < 8; i++)
		fprintf(f, "%d,%s,%+d\n", i + 1, cities[i], (i * 37) % 41 - 15);
	fclose(f);

	/* Patch the third record's city in place. */
	f = fopen(CSV, "r+");
	char *line = NULL;
	size_t cap = 0;
	long where = 0;
	for (int i = 0; i < 3 && getline(&line, &cap, f) > 0; i++)
		where = ftell(f);
	fseek(f, where + 2, SEEK_SET);
	fputs("LIMA", f);
	fclose(f);

	f = fopen(CSV, "a");
	fprintf(f, "9,Nuuk,-20\n");
	fclose(f);

	struct stat st;
	stat(CSV, &st);
	printf("csv: %lld bytes\n", (long long)st.st_size);

	/* Read back, sum, and send the city column through sort. */
	f = fopen(CSV, "r");
	FILE *sorter = popen("sort -r > /tmp/cities.sorted", "w");
	int n = 0, sum = 0;
	int c = fgetc(f);
	ungetc(c, f);
	printf("first char: %c\n", c);
	getline(&line, &cap, f);   /* header */
	while (getline(&line, &cap, f) > 0) {
		char city[32];
		int id, temp;
		if (sscanf(line, "%d,%31[^,],%d", &id, city, &temp) == 3) {
			n++;
			sum += temp;
			fprintf(sorter, "%s\n", city);
		}
	}
	fclose(f);
	int st_sort = pclose(sorter);
	printf("rows %d, temperature sum %d, sort exit %d\n", n, sum, WEXITSTATUS(st_sort));

	FILE *sorted = fopen("/tmp/cities.sorted", "r");
	printf("sorted:");
	while (getline(&line, &cap, sorted) > 0) {
		line[strcspn(line, "\n")] = 0;
		printf(" %s", line);
	}
	printf("\n");
	fclose(sorted);

	/* A scratch tmpfile. */
	FILE *t = tmpfile();
	for (int i = 0; i < 1000; i++)
		fprintf(t, "%d\n", i * i);
	rewind(t);
	long total = 0;
	for (long v; fscanf(t, "%ld", &v) == 1;)
		total += v;
	printf("tmpfile sum of squares: %ld\n", total);
	fclose(t);

	fflush(stdout);
	int rc = system("wc -l < " CSV " && exit 3");
	printf("system exit %d\n", WEXITSTATUS(rc));
	free(line);
	unlink(CSV);
	unlink("/tmp/cities.sorted");
	return 0;
}
