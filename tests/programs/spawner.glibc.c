/*
 * spawner — a static glibc program that runs other programs the ways C programs do: popen
 * reading a pipeline's output, system() with an exit status, posix_spawn with waitpid (glibc
 * makes these children with clone3 CLONE_VM|CLONE_VFORK|CLONE_CLEAR_SIGHAND), around ordinary
 * file work: a directory of files listed with readdir and sorted with qsort, stat, and a
 * MAP_SHARED file write with msync.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int make_files(const char *dir, int n)
{
    if (mkdir(dir, 0755) && errno != EEXIST)
        return -1;
    for (int i = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s/item%02d", dir, (i * 7) % n);
        FILE *f = fopen(path, "w");
        if (!f)
            return -1;
        fprintf(f, "%d\n", i * i);
        fclose(f);
    }
    return 0;
}

static void list_sorted(const char *dir)
{
    DIR *d = opendir(dir);
    char *names[64];
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) && n < 64;)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    if (d)
        closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) {
        char path[128];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (stat(path, &st) == 0)
            printf("%s %lld\n", names[i], (long long)st.st_size);
        free(names[i]);
    }
}

int main(void)
{
    const char *dir = "/tmp/spawner";
    if (make_files(dir, 8)) {
        perror("make_files");
        return 1;
    }
    list_sorted(dir);

    FILE *p = popen("ls /tmp/spawner | wc -l; echo from-sh", "r");
    char line[128];
    while (p && fgets(line, sizeof line, p))
        printf("popen: %s", line);
    printf("pclose: %d\n", p ? pclose(p) : -1);

    int st = system("exit 3");
    printf("system: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    pid_t pid;
    char *argv[] = { "sh", "-c", "test -d /tmp/spawner && exit 5", NULL };
    int err = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    if (err == 0 && waitpid(pid, &st, 0) == pid)
        printf("posix_spawn: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    else
        printf("posix_spawn failed: %s\n", strerror(err));

    int fd = open("/tmp/spawner/item00", O_RDWR);
    char *m = fd >= 0 ? mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
    if (m != MAP_FAILED) {
        m[0] = '9';
        msync(m, 4096, MS_SYNC);
        munmap(m, 4096);
    }
    if (fd >= 0) {
        char b[8] = { 0 };
        pread(fd, b, 2, 0);
        printf("after msync: %s", b);
        close(fd);
    }
    if (open("/tmp/spawner/missing", O_RDONLY) < 0)
        printf("missing: %s\n", strerror(errno));
    return 0;
}
