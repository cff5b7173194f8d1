/* hello — writes a line to stdout and one to stderr. */
#include <stdio.h>
int main(int argc, char **argv)
{
    printf("hello, world\n");
    fflush(stdout);
    fprintf(stderr, "hello, stderr (argc=%d, argv[0]=%s)\n", argc, argv[0]);
    return 0;
}
