/* lc_dev_ref.c : the 'ref' backend, the C reference model in process
 * Device string "ref?n=N&m=M&cores=C&delay=D" gives the capacity: N neurons and
 * M inputs per core (default 1024 x 1024), up to C cores (default 1024) joined
 * by routes of delays 1..D (default 64). A network is a system of one core
 * without routes; everything runs on lc_sysref (which steps each core with
 * lc_ref), at the loaded system's own size. Streaming uses global indices:
 * core c's axons and neurons follow those of cores 0..c-1. No link: the link
 * counters stay 0.
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lc_dev.h"
#include "lc_sysref.h"

#define REF_DEFAULT_CORES 1024
#define REF_DEFAULT_DELAY 64

struct ref_be {
    struct lc_sysref *s;
    uint32_t C;
    uint32_t *in_idx;      /* the stream's global input indices (in_cap) */
    size_t in_cap;
    uint32_t *axon_core;   /* total M: the core of a global axon index */
    uint32_t **core_in;    /* C lists: local input indices of this step */
    size_t *n_in, *n_out;  /* C */
    uint32_t **core_out;   /* C lists of N_c */
    uint32_t *out_idx;     /* total N: this step's global output indices */
    uint32_t *first_n, *first_m; /* C + 1 */
    struct lc_counters cnt;
};

static void free_model(struct ref_be *b)
{
    uint32_t c;
    lc_sysref_free(b->s);
    if (b->core_in)
        for (c = 0; c < b->C; c++)
            free(b->core_in[c]);
    if (b->core_out)
        for (c = 0; c < b->C; c++)
            free(b->core_out[c]);
    free(b->in_idx);
    free(b->axon_core);
    free(b->core_in);
    free(b->core_out);
    free(b->n_in);
    free(b->n_out);
    free(b->out_idx);
    free(b->first_n);
    free(b->first_m);
    memset(b, 0, offsetof(struct ref_be, cnt));
}

static int ref_load_system(struct lc_device *dev, const struct lc_system *sys)
{
    struct ref_be *b = dev->be, nb;
    char msg[LC_DETAIL_LEN - 32];
    uint32_t c, j;
    int rc;

    memset(&nb, 0, sizeof nb);
    rc = lc_sysref_create(sys, dev->info.max_delay, &nb.s, msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "ref: %s", msg);
    nb.C = lc_sysref_n_cores(nb.s);
    nb.first_n = calloc((size_t)nb.C + 1, sizeof *nb.first_n);
    nb.first_m = calloc((size_t)nb.C + 1, sizeof *nb.first_m);
    nb.core_in = calloc(nb.C, sizeof *nb.core_in);
    nb.core_out = calloc(nb.C, sizeof *nb.core_out);
    nb.n_in = calloc(nb.C, sizeof *nb.n_in);
    nb.n_out = calloc(nb.C, sizeof *nb.n_out);
    if (!nb.first_n || !nb.first_m || !nb.core_in || !nb.core_out || !nb.n_in || !nb.n_out)
        goto oom;
    for (c = 0; c < nb.C; c++) {
        const struct lc_net *net = lc_ref_net(lc_sysref_core(nb.s, c));
        nb.first_n[c + 1] = nb.first_n[c] + net->n_neurons;
        nb.first_m[c + 1] = nb.first_m[c] + net->n_inputs;
        nb.core_in[c] = malloc(((size_t)net->n_inputs + 1) * sizeof **nb.core_in);
        nb.core_out[c] = malloc((size_t)net->n_neurons * sizeof **nb.core_out);
        if (!nb.core_in[c] || !nb.core_out[c])
            goto oom;
    }
    nb.in_cap = 2 * (size_t)nb.first_m[nb.C] + 1;
    nb.in_idx = malloc(nb.in_cap * sizeof *nb.in_idx);
    nb.axon_core = malloc(((size_t)nb.first_m[nb.C] + 1) * sizeof *nb.axon_core);
    nb.out_idx = malloc((size_t)nb.first_n[nb.C] * sizeof *nb.out_idx);
    if (!nb.in_idx || !nb.axon_core || !nb.out_idx)
        goto oom;
    for (c = 0; c < nb.C; c++)
        for (j = nb.first_m[c]; j < nb.first_m[c + 1]; j++)
            nb.axon_core[j] = c;
    nb.cnt = b->cnt;
    free_model(b);
    *b = nb;
    return LC_OK;
oom:
    free_model(&nb);
    return lc_dev_fail(dev, LC_ERR_MEM, "ref: out of memory");
}

static int ref_load(struct lc_device *dev, const struct lc_net *net)
{
    struct lc_system *sys = NULL;
    int rc = lc_system_create(&net, 1, &sys);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "ref: cannot create the model: %s", lc_strerror(rc));
    rc = ref_load_system(dev, sys);
    lc_system_free(sys);
    return rc;
}

static int ref_reset_state(struct lc_device *dev)
{
    struct ref_be *b = dev->be;
    lc_sysref_reset_state(b->s);
    return LC_OK;
}

static int ref_stream(struct lc_device *dev, uint64_t steps, lc_input_fn input,
                      lc_output_fn output, void *user)
{
    struct ref_be *b = dev->be;
    const uint32_t C = b->C;
    uint64_t t;
    uint32_t c;
    for (t = 0; t < steps; t++) {
        size_t n_in = 0, n_out = 0, i;
        int rc = input(user, t, b->in_idx, b->in_cap, &n_in);
        if (rc < 0)
            return LC_ERR_ARG;
        if (C == 1) { /* global is local */
            b->n_in[0] = n_in;
            memcpy(b->core_in[0], b->in_idx, n_in * sizeof *b->in_idx);
        } else {
            for (c = 0; c < C; c++)
                b->n_in[c] = 0;
            for (i = 0; i < n_in; i++) { /* unique and < total M: the device layer checked */
                uint32_t g = b->in_idx[i], k = b->axon_core[g];
                b->core_in[k][b->n_in[k]++] = g - b->first_m[k];
            }
        }
        rc = lc_sysref_step(b->s, (const uint32_t *const *)b->core_in, b->n_in, b->core_out,
                            b->n_out);
        if (rc != LC_OK)
            return lc_dev_fail(dev, rc, "ref: step %" PRIu64 ": %s", t, lc_strerror(rc));
        for (c = 0; c < C; c++) {
            for (i = 0; i < b->n_out[c]; i++)
                b->out_idx[n_out + i] = b->first_n[c] + b->core_out[c][i];
            n_out += b->n_out[c];
            b->cnt.spikes_in += lc_sysref_last_inputs(b->s, c);
        }
        b->cnt.steps++;
        b->cnt.last_step_cycles = 0;
        b->cnt.spikes_out += n_out;
        if (output(user, t, b->out_idx, n_out) < 0)
            return LC_ERR_ARG;
    }
    return LC_OK;
}

static int ref_read_core_weights(struct lc_device *dev, uint32_t core, int8_t *w_in,
                                 int8_t *w_rec, uint8_t *plastic_in, uint8_t *plastic_rec)
{
    struct ref_be *b = dev->be;
    const struct lc_net *net = lc_ref_net(lc_sysref_core(b->s, core));
    size_t n = net->n_neurons, m = net->n_inputs;
    if (w_in)
        memcpy(w_in, net->w_in, m * n);
    if (w_rec)
        memcpy(w_rec, net->w_rec, n * n);
    if (plastic_in)
        memcpy(plastic_in, net->plastic_in, m * n);
    if (plastic_rec)
        memcpy(plastic_rec, net->plastic_rec, n * n);
    return LC_OK;
}

static int ref_read_weights(struct lc_device *dev, int8_t *w_in, int8_t *w_rec,
                            uint8_t *plastic_in, uint8_t *plastic_rec)
{
    return ref_read_core_weights(dev, 0, w_in, w_rec, plastic_in, plastic_rec);
}

static int ref_read_core_state(struct lc_device *dev, uint32_t core,
                               struct lc_neuron_state *state, int32_t *x_in)
{
    struct ref_be *b = dev->be;
    struct lc_ref *ref = lc_sysref_core(b->s, core);
    const struct lc_net *net = lc_ref_net(ref);
    if (state)
        memcpy(state, lc_ref_state(ref), net->n_neurons * sizeof *state);
    if (x_in)
        memcpy(x_in, lc_ref_x_in(ref), net->n_inputs * sizeof *x_in);
    return LC_OK;
}

static int ref_read_state(struct lc_device *dev, struct lc_neuron_state *state, int32_t *x_in)
{
    return ref_read_core_state(dev, 0, state, x_in);
}

static int ref_counters(struct lc_device *dev, struct lc_counters *c)
{
    struct ref_be *b = dev->be;
    *c = b->cnt;
    return LC_OK;
}

static int ref_clear_counters(struct lc_device *dev)
{
    struct ref_be *b = dev->be;
    memset(&b->cnt, 0, sizeof b->cnt);
    return LC_OK;
}

static void ref_close(struct lc_device *dev)
{
    struct ref_be *b = dev->be;
    if (!b)
        return;
    free_model(b);
    free(b);
    dev->be = NULL;
}

static const struct lc_dev_ops ref_ops = {
    ref_load,        ref_reset_state,       ref_stream,           ref_read_weights,
    ref_read_state,  ref_counters,          ref_clear_counters,   NULL,
    ref_close,       ref_load_system,       ref_read_core_weights, ref_read_core_state,
    NULL, /* output selection: the device layer drops the unselected spikes */
};

int lc_dev_ref_open(struct lc_device *dev, const char *arg, struct lc_opts *opts)
{
    uint64_t n = 1024, m = 1024, cores = REF_DEFAULT_CORES, delay = REF_DEFAULT_DELAY;
    char msg[LC_DETAIL_LEN - 16];
    int rc;
    (void)arg;
    rc = lc_opts_u64(opts, "n", 1, LC_NET_MAX_NEURONS, &n, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "m", 0, LC_NET_MAX_INPUTS, &m, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "cores", 1, LC_SYSTEM_MAX_CORES, &cores, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "delay", 1, LC_SYSTEM_MAX_DELAY, &delay, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_check_unused(opts, "ref", "n, m, cores, delay", msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "ref: %s", msg);
    dev->be = calloc(1, sizeof(struct ref_be));
    if (!dev->be)
        return lc_dev_fail(dev, LC_ERR_MEM, "ref: out of memory");
    dev->ops = &ref_ops;
    strcpy(dev->info.backend, "ref");
    dev->info.protocol_version = 0;
    dev->info.core_version = LC_CORE_VERSION_VALUE; /* the contract the model implements */
    dev->info.n_neurons = (uint32_t)n;
    dev->info.n_inputs = (uint32_t)m;
    dev->info.lanes = 1;
    dev->info.features = LC_FEATURE_STDP | LC_FEATURE_HOMEOSTASIS | LC_FEATURE_STREAMING;
    dev->info.n_cores = (uint32_t)cores;
    dev->info.max_delay = (uint32_t)delay;
    return LC_OK;
}
