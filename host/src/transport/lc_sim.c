/* lc_sim.c : the 'sim' transport, the Verilator model of the board behind its
 * UART pins (lifcore_board.h), loaded with dlopen() so that liblifcore itself
 * has no C++ and no Verilator dependency.
 *
 * Device string "sim?ber=1e-4&drop=1e-4&seed=7&trace=f.fst&lib=path&timeout_ms=500"
 * (options read by the sim entry of the backend table, backend/lc_dev_links.c).
 * The library is looked for at: lib=; $LIFCORE_SIM_LIB; liblcsim.so next to
 * the file holding liblifcore (the .so, or the program linked with the .a) and
 * in ../sim/ from there; the build tree this liblifcore was built in
 * (LC_BUILD_DIR/sim/liblcsim.so). "sim?cores=C" (C > 1, a board of C cores, make
 * sim-libs) looks for liblcsim_cC.so in the same places, and $LIFCORE_SIM_LIB_CC
 * instead of $LIFCORE_SIM_LIB. Time is the model's simulated clock: a wait
 * of T microseconds runs T * clk_hz / 1e6 cycles, never wall-clock time.
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lc_error.h"
#include "lc_sim.h"
#include "lifcore_board.h"

/* paths and messages are cut to their buffers on purpose */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#ifndef LC_BUILD_DIR
#define LC_BUILD_DIR ""
#endif

struct sim_ctx {
    void *dl;
    lcsim *h;
    struct lcsim_info info;
    lcsim *(*open)(const char *);
    void (*close)(lcsim *);
    int (*get_info)(const lcsim *, struct lcsim_info *);
    int (*write)(lcsim *, const uint8_t *, size_t);
    long (*read)(lcsim *, uint8_t *, size_t, uint64_t);
    uint64_t (*cycles)(const lcsim *);
    const char *(*error)(void);
    char path[1024];
};

static int sim_write(void *ctx, const uint8_t *buf, size_t len, char *err, size_t err_len)
{
    struct sim_ctx *s = ctx;
    if (s->write(s->h, buf, len) != 0) {
        snprintf(err, err_len, "sim: lcsim_write failed: %s", s->error());
        return LC_ERR_IO;
    }
    return LC_OK;
}

static int sim_read(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint64_t timeout_us,
                    char *err, size_t err_len)
{
    struct sim_ctx *s = ctx;
    uint64_t cycles = timeout_us * (uint64_t)s->info.clk_hz / 1000000u;
    long n = s->read(s->h, buf, cap, cycles);
    *got = 0;
    if (n < 0) {
        snprintf(err, err_len, "sim: lcsim_read failed: %s", s->error());
        return LC_ERR_IO;
    }
    *got = (size_t)n;
    return LC_OK;
}

static uint64_t sim_now(void *ctx)
{
    struct sim_ctx *s = ctx;
    return s->cycles(s->h) * 1000000000u / s->info.clk_hz;
}

static uint64_t sim_cycles(void *ctx)
{
    struct sim_ctx *s = ctx;
    return s->cycles(s->h);
}

static void sim_close(void *ctx)
{
    struct sim_ctx *s = ctx;
    if (!s)
        return;
    if (s->h)
        s->close(s->h);
    if (s->dl)
        dlclose(s->dl);
    free(s);
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* candidate paths, in order; returns how many */
static size_t candidates(const char *lib_opt, unsigned cores, char out[][1024], size_t max)
{
    size_t n = 0;
    char name[64], envname[64];
    const char *env;
    Dl_info di;
    if (cores > 1) {
        snprintf(name, sizeof name, "liblcsim_c%u.so", cores);
        snprintf(envname, sizeof envname, "LIFCORE_SIM_LIB_C%u", cores);
    } else {
        snprintf(name, sizeof name, "liblcsim.so");
        snprintf(envname, sizeof envname, "LIFCORE_SIM_LIB");
    }
    env = getenv(envname);
    if (lib_opt) {
        snprintf(out[n++], 1024, "%s", lib_opt);
        return n; /* an explicit choice is the only one */
    }
    if (env && *env && n < max)
        snprintf(out[n++], 1024, "%s", env);
    if (dladdr((void *)lc_sim_transport, &di) && di.dli_fname) {
        char dir[1024];
        const char *slash = strrchr(di.dli_fname, '/');
        if (slash) {
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - di.dli_fname), di.dli_fname);
            if (n < max)
                snprintf(out[n++], 1024, "%s/%s", dir, name);
            if (n < max)
                snprintf(out[n++], 1024, "%s/../sim/%s", dir, name);
        }
    }
    if (LC_BUILD_DIR[0] && n < max)
        snprintf(out[n++], 1024, "%s/sim/%s", LC_BUILD_DIR, name);
    return n;
}

int lc_sim_transport(const char *lib, unsigned cores, const char *simopts,
                     struct lc_transport *t, char *msg, size_t msg_len)
{
    struct sim_ctx *s;
    char paths[4][1024], tried[256] = "";
    size_t n, i;
    int rc;

    s = calloc(1, sizeof *s);
    if (!s)
        return lc_errf(msg, msg_len, LC_ERR_MEM, "sim: out of memory");
    n = candidates(lib, cores, paths, 4);
    for (i = 0; i < n && !s->dl; i++) {
        size_t len = strlen(tried);
        if (!file_exists(paths[i])) {
            snprintf(tried + len, sizeof tried - len, "%s%s (missing)", len ? ", " : "",
                     paths[i]);
            continue;
        }
        s->dl = dlopen(paths[i], RTLD_NOW | RTLD_LOCAL);
        if (!s->dl)
            snprintf(tried + len, sizeof tried - len, "%s%s (%s)", len ? ", " : "", paths[i],
                     dlerror());
        else
            snprintf(s->path, sizeof s->path, "%s", paths[i]);
    }
    if (!s->dl) {
        free(s);
        if (cores > 1)
            return lc_errf(msg, msg_len, LC_ERR_NOTFOUND,
                           "sim: cannot load the model of a %u-core board (build it with "
                           "'make sim-libs'; or give lib= or LIFCORE_SIM_LIB_C%u); tried: %s",
                           cores, cores, tried[0] ? tried : "nothing");
        return lc_errf(msg, msg_len, LC_ERR_NOTFOUND,
                       "sim: cannot load liblcsim.so (build it with 'make -C sim'; or "
                       "give lib= or LIFCORE_SIM_LIB); tried: %s",
                       tried[0] ? tried : "nothing");
    }
    *(void **)&s->open = dlsym(s->dl, "lcsim_open");
    *(void **)&s->close = dlsym(s->dl, "lcsim_close");
    *(void **)&s->get_info = dlsym(s->dl, "lcsim_info");
    *(void **)&s->write = dlsym(s->dl, "lcsim_write");
    *(void **)&s->read = dlsym(s->dl, "lcsim_read");
    *(void **)&s->cycles = dlsym(s->dl, "lcsim_cycles");
    *(void **)&s->error = dlsym(s->dl, "lcsim_error");
    if (!s->open || !s->close || !s->get_info || !s->write || !s->read || !s->cycles ||
        !s->error) {
        rc = lc_errf(msg, msg_len, LC_ERR_VERSION,
                     "sim: %s lacks the lcsim_* functions of lifcore_board.h", s->path);
        sim_close(s);
        return rc;
    }
    s->h = s->open(simopts);
    if (!s->h) {
        rc = lc_errf(msg, msg_len, LC_ERR_ARG, "sim: lcsim_open(\"%s\") failed: %s", simopts,
                     s->error());
        sim_close(s);
        return rc;
    }
    if (s->get_info(s->h, &s->info) != 0 || s->info.abi_version != LCSIM_ABI_VERSION ||
        s->info.clk_hz == 0) {
        rc = lc_errf(msg, msg_len, LC_ERR_VERSION,
                     "sim: %s has ABI version %" PRIu32 ", this library needs %d", s->path,
                     s->info.abi_version, LCSIM_ABI_VERSION);
        sim_close(s);
        return rc;
    }
    memset(t, 0, sizeof *t);
    t->ctx = s;
    t->name = "sim";
    t->write = sim_write;
    t->read = sim_read;
    t->now_ns = sim_now;
    t->cycles = sim_cycles;
    t->close = sim_close;
    t->baud = s->info.baud;
    t->clock_hz = s->info.clk_hz;
    return LC_OK;
}
