/* kev_check.h — the tiny check macros of the KEV test programs: one line per check, PASS/FAIL last. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int kev_failed;

#define CHECK(name, cond, ...)                                   \
    do {                                                         \
        if (cond) {                                              \
            printf("%s: ok\n", name);                            \
        } else {                                                 \
            printf("%s: FAIL ", name);                           \
            printf(__VA_ARGS__);                                 \
            printf("\n");                                        \
            kev_failed = 1;                                      \
        }                                                        \
    } while (0)
#define CHECK_EQ(name, got, want) \
    do { long g_ = (long)(got), w_ = (long)(want); CHECK(name, g_ == w_, "got %ld (errno %d), want %ld", g_, errno, w_); } while (0)

static int kev_end(void)
{
    puts(kev_failed ? "FAIL" : "PASS");
    fflush(stdout);
    return kev_failed;
}
