/* hello.c — the smallest end-to-end check: one write and an exit. */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
