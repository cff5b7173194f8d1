/* jump_unmapped — calls an address where nothing is mapped: SIGSEGV. */
int main(void)
{
    void (*f)(void) = (void (*)(void))0x12345000UL;
    f();
    return 0;
}
