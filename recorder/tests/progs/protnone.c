/* Recorder test program: write(2) from a PROT_NONE page fails with EFAULT, so the trace
 * must not hold those bytes (ptrace's PEEKDATA could read them; the kernel cannot). */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	memset(m, 'q', 4096);
	if (mprotect(m, 4096, PROT_NONE))
		return 1;
	return write(1, m, 10) < 0 ? 0 : 2;
}
