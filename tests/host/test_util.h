/* test_util.h : tiny test harness shared by the host test programs
 * A test is `static int test_name(void)` returning 0 on success; CHECK prints
 * the failing expression with its location and makes the test return 1.
 * Each program ends with "<group>: N passed, M failed" (read by host/Makefile).
 * SPDX-License-Identifier: MIT
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stdio.h>
#include <string.h>

static int tu_passed, tu_failed;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            printf("    %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);         \
            return 1;                                                                   \
        }                                                                               \
    } while (0)

/* equality of two integers, printing both values on failure */
#define CHECK_EQ(got, want)                                                             \
    do {                                                                                \
        long long g_ = (long long)(got), w_ = (long long)(want);                        \
        if (g_ != w_) {                                                                 \
            printf("    %s:%d: %s = %lld, expected %lld\n", __FILE__, __LINE__, #got, g_, \
                   w_);                                                                 \
            return 1;                                                                   \
        }                                                                               \
    } while (0)

#define RUN(test)                                                                       \
    do {                                                                                \
        if (test() == 0) {                                                              \
            tu_passed++;                                                                \
        } else {                                                                        \
            tu_failed++;                                                                \
            printf("FAIL %s\n", #test);                                                 \
        }                                                                               \
    } while (0)

static int tu_summary(const char *group)
{
    printf("%s: %d passed, %d failed\n", group, tu_passed, tu_failed);
    return tu_failed ? 1 : 0;
}

#endif /* TEST_UTIL_H */
