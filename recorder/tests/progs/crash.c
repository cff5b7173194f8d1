/* Recorder test program: dies of SIGSEGV after one write. */
#include <unistd.h>

int main(void)
{
	volatile int *p = (int *)16;
	if (write(1, "about to crash\n", 15) != 15)
		return 1;
	*p = 1;
	return 0;
}
