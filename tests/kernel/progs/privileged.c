/* privileged — executes hlt in user mode: a general protection fault, SIGSEGV on Linux. */
int main(void)
{
    __asm__ volatile("hlt");
    return 0;
}
