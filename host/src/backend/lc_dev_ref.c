/* lc_dev_ref.c : the 'ref' backend, the C reference model (lc_ref) in process
 * Device string "ref?n=N&m=M" gives the capacity (default 1024 x 1024); a
 * network that fits runs at its own size. No link: the link counters stay 0.
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lc_dev.h"
#include "lc_ref.h"

struct ref_be {
    struct lc_ref *ref;
    uint32_t *in_idx, *out_idx;
    size_t in_cap;
    struct lc_counters cnt;
};

static int ref_load(struct lc_device *dev, const struct lc_net *net)
{
    struct ref_be *b = dev->be;
    struct lc_ref *ref = NULL;
    uint32_t *in_idx, *out_idx;
    size_t in_cap = 2 * (size_t)net->n_inputs + 1;
    int rc = lc_ref_create(net, &ref);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "ref: cannot create the model: %s", lc_strerror(rc));
    in_idx = malloc(in_cap * sizeof *in_idx);
    out_idx = malloc((size_t)net->n_neurons * sizeof *out_idx);
    if (!in_idx || !out_idx) {
        free(in_idx);
        free(out_idx);
        lc_ref_free(ref);
        return lc_dev_fail(dev, LC_ERR_MEM, "ref: out of memory");
    }
    lc_ref_free(b->ref);
    free(b->in_idx);
    free(b->out_idx);
    b->ref = ref;
    b->in_idx = in_idx;
    b->out_idx = out_idx;
    b->in_cap = in_cap;
    return LC_OK;
}

static int ref_reset_state(struct lc_device *dev)
{
    struct ref_be *b = dev->be;
    lc_ref_reset_state(b->ref);
    return LC_OK;
}

static int ref_stream(struct lc_device *dev, uint64_t steps, lc_input_fn input,
                      lc_output_fn output, void *user)
{
    struct ref_be *b = dev->be;
    uint64_t t;
    for (t = 0; t < steps; t++) {
        size_t n_in = 0, n_out = 0;
        int rc = input(user, t, b->in_idx, b->in_cap, &n_in);
        if (rc < 0)
            return LC_ERR_ARG;
        rc = lc_ref_step(b->ref, b->in_idx, n_in, b->out_idx, &n_out);
        if (rc != LC_OK)
            return lc_dev_fail(dev, rc, "ref: step %" PRIu64 " rejected its inputs", t);
        b->cnt.steps++;
        b->cnt.last_step_cycles = 0;
        b->cnt.spikes_in += n_in; /* unique: the device layer removed duplicates */
        b->cnt.spikes_out += n_out;
        if (output(user, t, b->out_idx, n_out) < 0)
            return LC_ERR_ARG;
    }
    return LC_OK;
}

static int ref_read_weights(struct lc_device *dev, int8_t *w_in, int8_t *w_rec,
                            uint8_t *plastic_in, uint8_t *plastic_rec)
{
    struct ref_be *b = dev->be;
    const struct lc_net *net = lc_ref_net(b->ref);
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

static int ref_read_state(struct lc_device *dev, struct lc_neuron_state *state, int32_t *x_in)
{
    struct ref_be *b = dev->be;
    const struct lc_net *net = lc_ref_net(b->ref);
    if (state)
        memcpy(state, lc_ref_state(b->ref), net->n_neurons * sizeof *state);
    if (x_in)
        memcpy(x_in, lc_ref_x_in(b->ref), net->n_inputs * sizeof *x_in);
    return LC_OK;
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
    lc_ref_free(b->ref);
    free(b->in_idx);
    free(b->out_idx);
    free(b);
    dev->be = NULL;
}

static const struct lc_dev_ops ref_ops = {
    ref_load,     ref_reset_state,    ref_stream, ref_read_weights, ref_read_state,
    ref_counters, ref_clear_counters, NULL,           ref_close,
};

int lc_dev_ref_open(struct lc_device *dev, const char *arg, struct lc_opts *opts)
{
    uint64_t n = 1024, m = 1024;
    char msg[LC_DETAIL_LEN - 16];
    int rc;
    (void)arg;
    rc = lc_opts_u64(opts, "n", 1, LC_NET_MAX_NEURONS, &n, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "m", 0, LC_NET_MAX_INPUTS, &m, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_check_unused(opts, "ref", "n, m", msg, sizeof msg);
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
    return LC_OK;
}
