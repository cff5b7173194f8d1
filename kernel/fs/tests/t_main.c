/*
 * t_main.c — the host unit tests' runner (see kfs_test.h): runs every TEST in the
 * kfs_tests section, each on a fresh tree.
 */
#ifdef KFS_HOST_TEST
#include "kernel/fs/tests/kfs_test.h"

const char *kfs_fail;
int kfs_fail_line;
extern struct inode *vfs_root_inode;
extern const struct kfs_test __start_kfs_tests[], __stop_kfs_tests[];

void kfs_fresh(const void *cpio, size_t len)
{
    memset(&shim_task, 0, sizeof(shim_task));
    shim_task.pid = shim_task.tid = 2;
    shim_task.rlim[RLIMIT_NOFILE].rlim_cur = 1024;
    shim_task.rlim[RLIMIT_NOFILE].rlim_max = 1024;
    shim_task.rlim[RLIMIT_FSIZE].rlim_cur = shim_task.rlim[RLIMIT_FSIZE].rlim_max = RLIM_INFINITY;
    memset(shim_console_len, 0, sizeof(shim_console_len));
    shim_would_block = 0;
    if (vfs_init(cpio, len))
        panic("vfs_init failed");
    shim_task.files = fdtable_create();
    shim_task.fs = fs_context_create();
    if (stdio_install(shim_task.files))
        panic("stdio_install failed");
}

void kfs_write_file(const char *path, const char *text)
{
    int fd = (int)sys_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(sys_write(fd, text, strlen(text)), (long)strlen(text));
    sys_close(fd);
}

int main(void)
{
    int failed = 0;
    for (const struct kfs_test *t = __start_kfs_tests; t < __stop_kfs_tests; t++) {
        kfs_fail = NULL;
        kfs_fresh(NULL, 0);
        t->fn();
        if (kfs_fail) {
            printf("not ok %s: line %d: %s\n", t->name, kfs_fail_line, kfs_fail);
            failed++;
        } else {
            printf("ok %s\n", t->name);
        }
    }
    return failed ? 1 : 0;
}
#endif
