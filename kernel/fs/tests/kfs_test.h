/*
 * kfs_test.h — the host unit tests' small harness: CHECK(cond) records a failure with its
 * line, each TEST(name) prints "ok name" or "not ok name: line N: cond". Every test starts
 * from a freshly built tree (kfs_fresh) with a task whose fds 0, 1, 2 are the standard ones.
 */
#ifndef KERNEL_FS_TESTS_KFS_TEST_H
#define KERNEL_FS_TESTS_KFS_TEST_H
#include "kernel/fs/tests/shim.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/fdtable.h"
#include "kernel/fs/fs_context.h"
#include "kernel/fs/syscalls.h"

extern const char *kfs_fail;
extern int kfs_fail_line;

#define CHECK(c) do { if (!(c) && !kfs_fail) { kfs_fail = #c; kfs_fail_line = __LINE__; } } while (0)
#define CHECK_EQ(a, b) do { long _a = (long)(a), _b = (long)(b); if (_a != _b && !kfs_fail) { \
    kfs_fail = #a " == " #b; kfs_fail_line = __LINE__; printf("#   %ld != %ld\n", _a, _b); } } while (0)

struct kfs_test {
    const char *name;
    void (*fn)(void);
};
#define TEST(name) static void name(void); \
    __attribute__((section("kfs_tests"), used)) static const struct kfs_test name##_t = { #name, name }; \
    static void name(void)

/* A fresh root (optionally from a cpio image) and a fresh task. */
void kfs_fresh(const void *cpio, size_t len);
/* Write a whole file / read it back (helpers built on the syscalls). */
void kfs_write_file(const char *path, const char *text);

#endif
