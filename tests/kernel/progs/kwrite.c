/* kwrite — writes to a kernel address: Linux kills it with SIGSEGV. */
int main(void)
{
    *(volatile int *)0xffffffff80100000UL = 1;
    return 0;
}
