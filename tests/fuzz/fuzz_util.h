/* fuzz_util.h : what the libFuzzer targets share: a file holding the input, a trap
 * A target that finds a broken property calls fuzz_fail(), which aborts, so that
 * libFuzzer records the input as a crash like any sanitizer finding.
 * SPDX-License-Identifier: MIT
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define fuzz_fail(...)                                                                        \
    do {                                                                                      \
        fprintf(stderr, "fuzz property broken at %s:%d: ", __FILE__, __LINE__);              \
        fprintf(stderr, __VA_ARGS__);                                                         \
        fputc('\n', stderr);                                                                  \
        abort();                                                                              \
    } while (0)

static char fuzz_dir_path[64];

/* the files a target may write there, removed with the folder at exit */
static inline void fuzz_dir_remove(void)
{
    static const char *const names[] = {"net.json", "sys.json", "back.json", "in.spk"};
    char p[128];
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", fuzz_dir_path, names[i]);
        unlink(p);
    }
    rmdir(fuzz_dir_path);
}

/* A private temporary folder for the targets that read files by name (made once). */
static inline const char *fuzz_dir(void)
{
    if (!fuzz_dir_path[0]) {
        snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "/tmp/lc_fuzz.XXXXXX");
        if (!mkdtemp(fuzz_dir_path))
            fuzz_fail("mkdtemp failed");
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir_path;
}

/* Write @p n bytes to the file @p name in fuzz_dir(); its path goes into @p path. */
static inline void fuzz_file(const char *name, const uint8_t *d, size_t n, char *path, size_t cap)
{
    FILE *f;
    snprintf(path, cap, "%s/%s", fuzz_dir(), name);
    f = fopen(path, "wb");
    if (!f || (n && fwrite(d, 1, n, f) != n) || fclose(f) != 0)
        fuzz_fail("cannot write %s", path);
}

#endif /* FUZZ_UTIL_H */
