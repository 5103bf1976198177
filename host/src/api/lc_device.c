/* lc_device.c : the public device API of lifcore.h over the backends' ops tables
 * Picks a backend from its table by the device string, checks every argument
 * once, validates networks and sizes, keeps the error detail, implements lc_run
 * over the backends' streaming and removes duplicate and out-of-range input
 * indices before a backend sees them.
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_api.h"
#include "lc_dev.h"
#include "lc_error.h"

#define STR2(x) #x
#define STR(x) STR2(x)

/* The backends: a device string "name?options" (or "prefixARG?options") opens
 * the first row whose name it matches. A new backend is one row here. */
struct lc_backend {
    const char *name;
    int prefix; /* name is a prefix followed by a nonempty argument ("serial:PORT") */
    int (*open)(struct lc_device *dev, const char *arg, struct lc_opts *opts);
};

static const struct lc_backend backends[] = {
    {"ref", 0, lc_dev_ref_open},
    {"sim", 0, lc_dev_sim_open},
    {"emu", 0, lc_dev_emu_open},
    {"serial:", 1, lc_dev_serial_open},
};

LC_API const char *lc_version(void)
{
    return STR(LIFCORE_VERSION_MAJOR) "." STR(LIFCORE_VERSION_MINOR) "." STR(
        LIFCORE_VERSION_PATCH);
}

LC_API uint32_t lc_version_number(void)
{
    return ((uint32_t)LIFCORE_VERSION_MAJOR << 16) | ((uint32_t)LIFCORE_VERSION_MINOR << 8) |
           (uint32_t)LIFCORE_VERSION_PATCH;
}

LC_API const char *lc_last_error(const struct lc_device *dev)
{
    return dev ? dev->detail : lc_dev_open_detail();
}

/* ---- open and close ----------------------------------------------------- */

static const struct lc_backend *find_backend(const char *head)
{
    size_t i, len;
    for (i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        len = strlen(backends[i].name);
        if (backends[i].prefix ? strncmp(head, backends[i].name, len) == 0 && head[len]
                               : strcmp(head, backends[i].name) == 0)
            return &backends[i];
    }
    return NULL;
}

/* hands the device out, or on failure keeps its detail as the thread's and frees it */
static int finish_open(struct lc_device *dev, int rc, struct lc_device **out)
{
    if (rc != LC_OK) {
        lc_dev_fail(NULL, rc, "%s", dev->detail);
        if (dev->ops && dev->ops->close)
            dev->ops->close(dev);
        free(dev);
        return rc;
    }
    dev->detail[0] = '\0';
    *out = dev;
    return LC_OK;
}

LC_API int lc_open(const char *device, struct lc_device **out)
{
    const struct lc_backend *be;
    struct lc_device *dev;
    struct lc_opts opts;
    char head[1024], msg[LC_DETAIL_LEN], quoted[160];
    const char *q;
    size_t hlen;
    int rc;

    lc_dev_open_detail()[0] = '\0';
    if (out)
        *out = NULL;
    if (!device || !out)
        return lc_dev_fail(NULL, LC_ERR_ARG, "lc_open: device string or out pointer is NULL");
    q = strchr(device, '?');
    hlen = q ? (size_t)(q - device) : strlen(device);
    if (hlen >= sizeof head)
        return lc_dev_fail(NULL, LC_ERR_ARG, "lc_open: device string too long");
    memcpy(head, device, hlen);
    head[hlen] = '\0';
    rc = lc_opts_parse(q ? q + 1 : NULL, &opts, msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(NULL, LC_ERR_ARG, "lc_open '%s': %s",
                           lc_quote(quoted, sizeof quoted, device, strlen(device)), msg);
    dev = calloc(1, sizeof *dev);
    if (!dev)
        return lc_dev_fail(NULL, LC_ERR_MEM, "lc_open: out of memory");
    be = find_backend(head);
    if (be)
        rc = be->open(dev, head + strlen(be->name), &opts);
    else
        rc = lc_dev_fail(dev, LC_ERR_ARG,
                         "unknown device '%s' (expected ref, sim, emu or serial:PORT, with "
                         "options after '?')",
                         lc_quote(quoted, sizeof quoted, head, strlen(head)));
    return finish_open(dev, rc, out);
}

LC_API int lc_open_transport(struct lc_transport *t, const char *backend, uint32_t timeout_ms,
                             struct lc_device **out)
{
    struct lc_device *dev = calloc(1, sizeof *dev);
    *out = NULL;
    if (!dev) {
        t->close(t->ctx);
        return LC_ERR_MEM;
    }
    return finish_open(dev, lc_dev_wire_open(dev, t, backend, timeout_ms), out);
}

/* what is loaded: nothing */
static void forget_loaded(struct lc_device *dev)
{
    free(dev->first_n);
    free(dev->first_m);
    dev->first_n = dev->first_m = NULL;
    free(dev->out_sel);
    dev->out_sel = NULL;
    dev->n_cores = 0;
    dev->net_n = dev->net_m = 0;
}

LC_API void lc_close(struct lc_device *dev)
{
    if (!dev)
        return;
    if (dev->ops && dev->ops->close)
        dev->ops->close(dev);
    forget_loaded(dev);
    free(dev);
}

LC_API int lc_info(struct lc_device *dev, struct lc_info *info)
{
    if (!dev || !info) {
        if (info)
            memset(info, 0, sizeof *info);
        return dev ? lc_dev_fail(dev, LC_ERR_ARG, "lc_info: info is NULL") : LC_ERR_ARG;
    }
    *info = dev->info;
    return LC_OK;
}

/* ---- networks and systems ----------------------------------------------- */

static int load_common(struct lc_device *dev, const struct lc_net *net,
                       const struct lc_system *sys);

LC_API int lc_load(struct lc_device *dev, const struct lc_net *net)
{
    char msg[LC_DETAIL_LEN - 32];
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    if (!net)
        return lc_dev_fail(dev, LC_ERR_ARG, "lc_load: network is NULL");
    rc = lc_net_validate(net, msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "lc_load: %s", msg);
    if (net->n_neurons > dev->info.n_neurons || net->n_inputs > dev->info.n_inputs)
        return lc_dev_fail(dev, LC_ERR_SIZE,
                           "lc_load: network of %" PRIu32 " neurons and %" PRIu32
                           " inputs does not fit device '%s' (%" PRIu32 " neurons, %" PRIu32
                           " inputs)",
                           net->n_neurons, net->n_inputs, dev->info.backend,
                           dev->info.n_neurons, dev->info.n_inputs);
    return load_common(dev, net, NULL);
}

/* the sizes of what is loaded: one core (@p net) or a system (@p sys) */
static int set_loaded(struct lc_device *dev, const struct lc_net *net,
                      const struct lc_system *sys)
{
    uint32_t C = sys ? lc_system_n_cores(sys) : 1, c;
    uint32_t *fn = calloc((size_t)C + 1, sizeof *fn), *fm = calloc((size_t)C + 1, sizeof *fm);
    if (!fn || !fm) {
        free(fn);
        free(fm);
        return LC_ERR_MEM;
    }
    for (c = 0; c < C; c++) {
        const struct lc_net *k = sys ? lc_system_core((struct lc_system *)sys, c) : net;
        fn[c + 1] = fn[c] + k->n_neurons;
        fm[c + 1] = fm[c] + k->n_inputs;
    }
    dev->first_n = fn;
    dev->first_m = fm;
    dev->n_cores = C;
    dev->net_n = fn[C];
    dev->net_m = fm[C];
    return LC_OK;
}

/* load a network (sys NULL) or a system that has been checked */
static int load_common(struct lc_device *dev, const struct lc_net *net,
                       const struct lc_system *sys)
{
    int rc;
    forget_loaded(dev); /* nothing loaded until the load succeeds */
    if (sys && dev->ops->load_system)
        rc = dev->ops->load_system(dev, sys);
    else
        rc = dev->ops->load(dev, sys ? lc_system_core((struct lc_system *)sys, 0) : net);
    if (rc != LC_OK)
        return rc;
    rc = set_loaded(dev, net, sys);
    return rc != LC_OK ? lc_dev_fail(dev, rc, "lc_load: out of memory") : LC_OK;
}

LC_API int lc_load_system(struct lc_device *dev, const struct lc_system *sys)
{
    char msg[LC_DETAIL_LEN - 32];
    uint32_t C, c;
    size_t n_routes;
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    if (!sys)
        return lc_dev_fail(dev, LC_ERR_ARG, "lc_load_system: system is NULL");
    C = lc_system_n_cores(sys);
    lc_system_routes(sys, &n_routes);
    /* a backend without systems, or a one-core board (no router: max_delay 0) */
    if ((!dev->ops->load_system || dev->info.max_delay == 0) && (C > 1 || n_routes > 0))
        return lc_dev_fail(dev, LC_ERR_UNSUPPORTED,
                           "lc_load_system: backend '%s' runs one core without routes; a "
                           "system of %" PRIu32 " cores and %zu routes is not supported by "
                           "this backend",
                           dev->info.backend, C, n_routes);
    /* routes need D >= 1 to be checked; a device without routes checks against 1
     * (and has none, see above) */
    rc = lc_system_validate(sys, dev->info.max_delay ? dev->info.max_delay : 1, msg,
                            sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "lc_load_system: %s", msg);
    if (C > dev->info.n_cores)
        return lc_dev_fail(dev, LC_ERR_SIZE,
                           "lc_load_system: a system of %" PRIu32 " cores does not fit device "
                           "'%s' (%" PRIu32 " cores)",
                           C, dev->info.backend, dev->info.n_cores);
    for (c = 0; c < C; c++) {
        const struct lc_net *net = lc_system_core((struct lc_system *)sys, c);
        if (net->n_neurons > dev->info.n_neurons || net->n_inputs > dev->info.n_inputs)
            return lc_dev_fail(dev, LC_ERR_SIZE,
                               "lc_load_system: core %" PRIu32 " of %" PRIu32
                               " neurons and %" PRIu32 " inputs does not fit device '%s' (%" PRIu32
                               " neurons, %" PRIu32 " inputs per core)",
                               c, net->n_neurons, net->n_inputs, dev->info.backend,
                               dev->info.n_neurons, dev->info.n_inputs);
    }
    return load_common(dev, NULL, sys);
}

LC_API uint32_t lc_loaded_cores(const struct lc_device *dev)
{
    return dev ? dev->n_cores : 0;
}

static int need_net(struct lc_device *dev, const char *fn)
{
    if (dev->net_n == 0)
        return lc_dev_fail(dev, LC_ERR_ARG, "%s: no network loaded (call lc_load first)", fn);
    return LC_OK;
}

LC_API int lc_select_output(struct lc_device *dev, const uint8_t *select, uint32_t n)
{
    uint8_t *sel = NULL;
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_net(dev, "lc_select_output");
    if (rc != LC_OK)
        return rc;
    if (select && n != dev->n_cores)
        return lc_dev_fail(dev, LC_ERR_ARG,
                           "lc_select_output: %" PRIu32 " flags given for %" PRIu32
                           " cores loaded",
                           n, dev->n_cores);
    if (select) {
        sel = malloc(n);
        if (!sel)
            return lc_dev_fail(dev, LC_ERR_MEM, "lc_select_output: out of memory");
        memcpy(sel, select, n);
    }
    rc = dev->ops->select_output ? dev->ops->select_output(dev, sel) : LC_OK;
    if (rc != LC_OK) {
        free(sel);
        return rc;
    }
    free(dev->out_sel);
    dev->out_sel = sel;
    return LC_OK;
}

LC_API int lc_reset_state(struct lc_device *dev)
{
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_net(dev, "lc_reset_state");
    return rc != LC_OK ? rc : dev->ops->reset_state(dev);
}

/* ---- streaming ---------------------------------------------------------- */

/* Wraps the caller's input function: checks the count and the indices and
 * removes duplicates, so that every backend sees the same set. */
struct input_guard {
    struct lc_device *dev;
    lc_input_fn input;
    lc_output_fn output;
    void *user;
    uint8_t *seen; /* net_m flags, all 0 between calls */
    uint32_t *sel; /* net_n: the selected output spikes (output selection) */
    int failed;    /* the detail has been set */
};

static int guarded_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    struct input_guard *g = user;
    size_t n = 0, i, k;
    int rc;
    *count = 0;
    rc = g->input(g->user, step, idx, cap, &n);
    if (rc < 0) {
        g->failed = 1;
        lc_dev_fail(g->dev, LC_ERR_ARG, "lc_stream: input function aborted at step %" PRIu64
                                        " (returned %d)",
                    step, rc);
        return rc;
    }
    if (n > cap) {
        g->failed = 1;
        lc_dev_fail(g->dev, LC_ERR_ARG,
                    "lc_stream: step %" PRIu64 ": input function gave %zu spikes, room for %zu",
                    step, n, cap);
        return -1;
    }
    for (i = k = 0; i < n; i++) {
        uint32_t j = idx[i];
        if (j >= g->dev->net_m) {
            size_t c;
            for (c = 0; c < k; c++)
                g->seen[idx[c]] = 0;
            g->failed = 1;
            lc_dev_fail(g->dev, LC_ERR_ARG,
                        "lc_stream: step %" PRIu64 ": input index %" PRIu32
                        " >= n_inputs %" PRIu32,
                        step, j, g->dev->net_m);
            return -1;
        }
        if (!g->seen[j]) {
            g->seen[j] = 1;
            idx[k++] = j;
        }
    }
    for (i = 0; i < k; i++)
        g->seen[idx[i]] = 0;
    *count = k;
    return 0;
}

static int guarded_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    struct input_guard *g = user;
    const struct lc_device *dev = g->dev;
    int rc;
    if (dev->out_sel && count) { /* output selection: drop the unselected cores' spikes */
        size_t i, k = 0;
        uint32_t c = 0;
        for (i = 0; i < count; i++) {
            while (c + 1 < dev->n_cores && idx[i] >= dev->first_n[c + 1])
                c++;
            if (dev->out_sel[c])
                g->sel[k++] = idx[i];
        }
        idx = g->sel;
        count = k;
    }
    rc = g->output ? g->output(g->user, step, idx, count) : 0;
    if (rc < 0) {
        g->failed = 1;
        lc_dev_fail(g->dev, LC_ERR_ARG,
                    "lc_stream: output function aborted at step %" PRIu64 " (returned %d)", step,
                    rc);
    }
    return rc;
}

LC_API int lc_stream(struct lc_device *dev, uint64_t steps, lc_input_fn input,
                     lc_output_fn output, void *user)
{
    struct input_guard g;
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_net(dev, "lc_stream");
    if (rc != LC_OK)
        return rc;
    if (steps == 0)
        return LC_OK;
    if (!input)
        return lc_dev_fail(dev, LC_ERR_ARG, "lc_stream: input function is NULL");
    memset(&g, 0, sizeof g);
    g.dev = dev;
    g.input = input;
    g.output = output;
    g.user = user;
    g.seen = calloc(dev->net_m ? dev->net_m : 1, 1);
    g.sel = dev->out_sel ? malloc((size_t)dev->net_n * sizeof *g.sel) : NULL;
    if (!g.seen || (dev->out_sel && !g.sel)) {
        free(g.seen);
        free(g.sel);
        return lc_dev_fail(dev, LC_ERR_MEM, "lc_stream: out of memory");
    }
    rc = dev->ops->stream(dev, steps, guarded_input, guarded_output, &g);
    free(g.seen);
    free(g.sel);
    if (rc != LC_OK && g.failed && rc != LC_ERR_TIMEOUT && rc != LC_ERR_LINK &&
        rc != LC_ERR_IO && rc != LC_ERR_PROTO)
        rc = LC_ERR_ARG; /* the detail set by the guard stands */
    return rc;
}

/* lc_run: dense arrays through lc_stream */
struct dense {
    const uint8_t *in;
    uint8_t *out;
    uint32_t n, m;
};

static int dense_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    const struct dense *d = user;
    const uint8_t *row = d->in + (size_t)step * d->m;
    size_t k = 0;
    uint32_t j;
    for (j = 0; j < d->m && k < cap; j++)
        if (row[j])
            idx[k++] = j;
    *count = k;
    return 0;
}

static int dense_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    const struct dense *d = user;
    uint8_t *row;
    size_t k;
    if (!d->out)
        return 0;
    row = d->out + (size_t)step * d->n;
    memset(row, 0, d->n);
    for (k = 0; k < count; k++)
        row[idx[k]] = 1;
    return 0;
}

LC_API int lc_run(struct lc_device *dev, size_t steps, const uint8_t *in, uint8_t *out)
{
    struct dense d;
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_net(dev, "lc_run");
    if (rc != LC_OK)
        return rc;
    if (steps == 0)
        return LC_OK;
    if (!in && dev->net_m > 0)
        return lc_dev_fail(dev, LC_ERR_ARG, "lc_run: in is NULL for a network with %" PRIu32
                                            " inputs",
                           dev->net_m);
    d.in = in;
    d.out = out;
    d.n = dev->net_n;
    d.m = dev->net_m;
    return lc_stream(dev, steps, dense_input, dense_output, &d);
}

/* lc_run_system: one dense array per core through lc_stream (global indices) */
struct dense_sys {
    const uint8_t *const *in;
    uint8_t *const *out;
    const struct lc_device *dev;
};

static int dense_sys_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    const struct dense_sys *d = user;
    const struct lc_device *dev = d->dev;
    size_t k = 0;
    uint32_t c, j;
    for (c = 0; d->in && c < dev->n_cores; c++) {
        uint32_t m = dev->first_m[c + 1] - dev->first_m[c];
        const uint8_t *row;
        if (!d->in[c])
            continue;
        row = d->in[c] + (size_t)step * m;
        for (j = 0; j < m && k < cap; j++)
            if (row[j])
                idx[k++] = dev->first_m[c] + j;
    }
    *count = k;
    return 0;
}

static int dense_sys_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    const struct dense_sys *d = user;
    const struct lc_device *dev = d->dev;
    uint32_t c = 0;
    size_t k;
    if (!d->out)
        return 0;
    for (c = 0; c < dev->n_cores; c++)
        if (d->out[c]) {
            uint32_t n = dev->first_n[c + 1] - dev->first_n[c];
            memset(d->out[c] + (size_t)step * n, 0, n);
        }
    for (k = 0, c = 0; k < count; k++) { /* ascending: the cores in order */
        while (idx[k] >= dev->first_n[c + 1])
            c++;
        if (d->out[c])
            d->out[c][(size_t)step * (dev->first_n[c + 1] - dev->first_n[c]) + idx[k] -
                      dev->first_n[c]] = 1;
    }
    return 0;
}

LC_API int lc_run_system(struct lc_device *dev, size_t steps, const uint8_t *const *in,
                         uint8_t *const *out)
{
    struct dense_sys d;
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_net(dev, "lc_run_system");
    if (rc != LC_OK || steps == 0)
        return rc;
    d.in = in;
    d.out = out;
    d.dev = dev;
    return lc_stream(dev, steps, dense_sys_input, dense_sys_output, &d);
}

/* ---- read-back ---------------------------------------------------------- */

LC_API int lc_read_weights(struct lc_device *dev, int8_t *w_in, int8_t *w_rec,
                           uint8_t *plastic_in, uint8_t *plastic_rec)
{
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_net(dev, "lc_read_weights");
    if (rc != LC_OK)
        return rc;
    if (!w_in && !w_rec && !plastic_in && !plastic_rec)
        return LC_OK;
    return dev->ops->read_weights(dev, w_in, w_rec, plastic_in, plastic_rec);
}

LC_API int lc_read_state(struct lc_device *dev, struct lc_neuron_state *state, int32_t *x_in)
{
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_net(dev, "lc_read_state");
    if (rc != LC_OK)
        return rc;
    if (!state && !x_in)
        return LC_OK;
    return dev->ops->read_state(dev, state, x_in);
}

static int need_core(struct lc_device *dev, const char *fn, uint32_t core)
{
    int rc = need_net(dev, fn);
    if (rc == LC_OK && core >= dev->n_cores)
        rc = lc_dev_fail(dev, LC_ERR_ARG, "%s: core %" PRIu32 " does not exist (%" PRIu32
                                          " cores loaded)",
                         fn, core, dev->n_cores);
    return rc;
}

LC_API int lc_read_core_weights(struct lc_device *dev, uint32_t core, int8_t *w_in,
                                int8_t *w_rec, uint8_t *plastic_in, uint8_t *plastic_rec)
{
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_core(dev, "lc_read_core_weights", core);
    if (rc != LC_OK)
        return rc;
    if (!w_in && !w_rec && !plastic_in && !plastic_rec)
        return LC_OK;
    if (dev->ops->read_core_weights)
        return dev->ops->read_core_weights(dev, core, w_in, w_rec, plastic_in, plastic_rec);
    return dev->ops->read_weights(dev, w_in, w_rec, plastic_in, plastic_rec); /* core 0 */
}

LC_API int lc_read_core_state(struct lc_device *dev, uint32_t core,
                              struct lc_neuron_state *state, int32_t *x_in)
{
    int rc;
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    rc = need_core(dev, "lc_read_core_state", core);
    if (rc != LC_OK)
        return rc;
    if (!state && !x_in)
        return LC_OK;
    if (dev->ops->read_core_state)
        return dev->ops->read_core_state(dev, core, state, x_in);
    return dev->ops->read_state(dev, state, x_in); /* core 0 */
}

LC_API int lc_counters(struct lc_device *dev, struct lc_counters *counters)
{
    int rc;
    if (counters)
        memset(counters, 0, sizeof *counters);
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    if (!counters)
        return lc_dev_fail(dev, LC_ERR_ARG, "lc_counters: counters is NULL");
    rc = dev->ops->counters(dev, counters);
    if (rc != LC_OK)
        memset(counters, 0, sizeof *counters);
    return rc;
}

LC_API int lc_clear_counters(struct lc_device *dev)
{
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    return dev->ops->clear_counters(dev);
}

LC_API int lc_link_stats(struct lc_device *dev, struct lc_link_stats *stats)
{
    if (stats)
        memset(stats, 0, sizeof *stats);
    if (!dev)
        return LC_ERR_ARG;
    dev->detail[0] = '\0';
    if (!stats)
        return lc_dev_fail(dev, LC_ERR_ARG, "lc_link_stats: stats is NULL");
    return dev->ops->link_stats ? dev->ops->link_stats(dev, stats) : LC_OK;
}
