/* auxv — prints what the kernel gave the program at exec, for comparison with Linux: the
 * initial stack pointer's neighbourhood (argc, argv and envp addresses), the auxiliary vector
 * (addresses and values; AT_RANDOM's bytes and AT_SYSINFO_EHDR differ by nature), brk, and
 * the first anonymous mmap. */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    char **e = environ;
    while (*e)
        e++;
    Elf64_auxv_t *av = (Elf64_auxv_t *)(e + 1);
    printf("argc %d argv %p argv[0] %p \"%s\" envp %p\n", argc, (void *)argv, (void *)argv[0], argv[0],
           (void *)environ);
    for (int i = 0; environ[i]; i++)
        printf("env %p %s\n", (void *)environ[i], environ[i]);
    for (; av->a_type != AT_NULL; av++) {
        if (av->a_type == AT_SYSINFO_EHDR)
            continue;
        printf("aux %lu %#lx", (unsigned long)av->a_type, (unsigned long)av->a_un.a_val);
        if (av->a_type == AT_EXECFN || av->a_type == AT_PLATFORM)
            printf(" \"%s\"", (char *)av->a_un.a_val);
        printf("\n");
    }
    printf("brk %p\n", sbrk(0));
    return 0;
}
