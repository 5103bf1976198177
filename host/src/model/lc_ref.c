/* lc_ref.c : the C reference model of the arithmetic contract (docs/model.md)
 * One call of lc_ref_step() is one timestep, contract steps 1-9:
 *   synaptic input   walk the rows of this step's inputs and last step's spikes
 *   neuron pass      steps 2-6 for every neuron, O(N); input traces decay, O(M)
 *   learning         step 7 on each touched plastic synapse, exactly once
 *   trace increments step 8 for the sources and neurons that spiked
 * All arithmetic is exact integer arithmetic with 64-bit intermediates.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "lc_ref.h"

struct lc_ref {
    struct lc_net *net;          /* owned deep copy; weights learn in place */
    struct lc_neuron_state *st;  /* N */
    int32_t *x_in;               /* M */
    uint32_t *prev;              /* last step's output spikes, ascending */
    size_t n_prev;
    uint32_t *cur;               /* this step's output spikes (N) */
    uint32_t *in_list;           /* this step's inputs without duplicates (M) */
    uint8_t *in_flag;            /* M: 1 while axon j is in in_list */
    uint8_t *post_flag;          /* N: 1 while neuron i spiked this step */
    int32_t *acc;                /* N: synaptic input a[i] */
    int32_t *dep;                /* N: (a_minus * y[i]) >> s_minus of one STDP set */
};

/* decay(z, d) = sign(z) * floor(|z| * (4096 - d) / 4096), truncation toward 0 */
static inline int64_t decay(int64_t z, int32_t d)
{
    int64_t p = z * (int64_t)(LC_DECAY_MAX - d);
    return p >= 0 ? (p >> 12) : -((-p) >> 12);
}

/* sat(z): clamp to [-(2^23-1), 2^23-1] */
static inline int32_t sat(int64_t z)
{
    if (z > LC_STATE_MAX)
        return LC_STATE_MAX;
    if (z < -LC_STATE_MAX)
        return -LC_STATE_MAX;
    return (int32_t)z;
}

/* (a * trace) >> s with s in 0..31 (any s >= 63 gives 0) */
static inline int32_t gain_shift(int32_t a, int32_t trace, int32_t s)
{
    uint64_t p = (uint64_t)(uint32_t)a * (uint64_t)(uint32_t)trace;
    return s >= 63 ? 0 : (int32_t)(p >> (s < 0 ? 0 : s));
}

static inline int8_t clamp_w(int32_t w, int32_t lo, int32_t hi)
{
    if (w < lo)
        w = lo;
    if (w > hi)
        w = hi;
    return (int8_t)w;
}

static inline int32_t trace_add(int32_t t, int32_t imp)
{
    int32_t s = t + imp;
    return s > LC_TRACE_MAX ? LC_TRACE_MAX : s;
}

static void *alloc_zero(size_t count, size_t size)
{
    return calloc(count ? count : 1, size);
}

LC_API void lc_ref_free(struct lc_ref *ref)
{
    if (!ref)
        return;
    lc_net_free(ref->net);
    free(ref->st);
    free(ref->x_in);
    free(ref->prev);
    free(ref->cur);
    free(ref->in_list);
    free(ref->in_flag);
    free(ref->post_flag);
    free(ref->acc);
    free(ref->dep);
    free(ref);
}

LC_API int lc_ref_create(const struct lc_net *net, struct lc_ref **out)
{
    struct lc_ref *ref;
    size_t n, m;
    int rc;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    rc = lc_net_validate(net, NULL, 0);
    if (rc != LC_OK)
        return rc;
    ref = calloc(1, sizeof *ref);
    if (!ref)
        return LC_ERR_MEM;
    rc = lc_net_copy(net, &ref->net);
    if (rc != LC_OK) {
        free(ref);
        return rc;
    }
    n = net->n_neurons;
    m = net->n_inputs;
    ref->st = alloc_zero(n, sizeof *ref->st);
    ref->x_in = alloc_zero(m, sizeof *ref->x_in);
    ref->prev = alloc_zero(n, sizeof *ref->prev);
    ref->cur = alloc_zero(n, sizeof *ref->cur);
    ref->in_list = alloc_zero(m, sizeof *ref->in_list);
    ref->in_flag = alloc_zero(m, 1);
    ref->post_flag = alloc_zero(n, 1);
    ref->acc = alloc_zero(n, sizeof *ref->acc);
    ref->dep = alloc_zero(n, sizeof *ref->dep);
    if (!ref->st || !ref->x_in || !ref->prev || !ref->cur || !ref->in_list || !ref->in_flag ||
        !ref->post_flag || !ref->acc || !ref->dep) {
        lc_ref_free(ref);
        return LC_ERR_MEM;
    }
    *out = ref;
    return LC_OK;
}

LC_API void lc_ref_reset_state(struct lc_ref *ref)
{
    if (!ref)
        return;
    memset(ref->st, 0, (size_t)ref->net->n_neurons * sizeof *ref->st);
    memset(ref->x_in, 0, (size_t)ref->net->n_inputs * sizeof *ref->x_in);
    ref->n_prev = 0;
}

LC_API struct lc_net *lc_ref_net(struct lc_ref *ref)
{
    return ref ? ref->net : NULL;
}

LC_API struct lc_neuron_state *lc_ref_state(struct lc_ref *ref)
{
    return ref ? ref->st : NULL;
}

LC_API int32_t *lc_ref_x_in(struct lc_ref *ref)
{
    return ref ? ref->x_in : NULL;
}

LC_API const uint32_t *lc_ref_prev_spikes(struct lc_ref *ref, size_t *count)
{
    if (count)
        *count = ref ? ref->n_prev : 0;
    return ref ? ref->prev : NULL;
}

/* w[i] += row[i] for i < n (int8 weights into int32 sums) */
static void add_row(int32_t *restrict acc, const int8_t *restrict row, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        acc[i] += row[i];
}

/*
 * Update one whole row of synapses whose presynaptic source spiked: every
 * plastic synapse of the row gets
 *   delta = [post spiked] * pot - dep[i]      (dep[i] = depression of neuron i)
 * and is clamped to [w_min, w_max].
 */
static void learn_row(int8_t *restrict w, const uint8_t *restrict plastic,
                      const uint8_t *restrict post, const int32_t *restrict dep, size_t n,
                      int32_t pot, int32_t lo, int32_t hi)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (plastic[i]) {
            int32_t delta = (post[i] ? pot : 0) - dep[i];
            w[i] = clamp_w((int32_t)w[i] + delta, lo, hi);
        }
    }
}

/*
 * Update, in a row whose source stayed silent, the synapses to the neurons
 * that spiked: delta = pot, then clamp.
 */
static void learn_columns(int8_t *restrict w, const uint8_t *restrict plastic,
                          const uint32_t *cur, size_t n_cur, int32_t pot, int32_t lo, int32_t hi)
{
    size_t s;
    for (s = 0; s < n_cur; s++) {
        uint32_t i = cur[s];
        if (plastic[i])
            w[i] = clamp_w((int32_t)w[i] + pot, lo, hi);
    }
}

/* dep[i] = (a_minus * y[i]) >> s_minus for one STDP set */
static void depression_terms(struct lc_ref *ref, const struct lc_stdp *set)
{
    size_t i, n = ref->net->n_neurons;
    for (i = 0; i < n; i++)
        ref->dep[i] = gain_shift(set->a_minus, ref->st[i].y, set->s_minus);
}

/* contract step 7, on the traces of step 6 */
static void learn(struct lc_ref *ref, size_t n_in, size_t n_cur)
{
    struct lc_net *net = ref->net;
    const struct lc_stdp *si = &net->core.stdp_in, *sr = &net->core.stdp_rec;
    const size_t n = net->n_neurons, m = net->n_inputs;
    size_t s, j, k;

    /* rows of the inputs that spiked: depression on every synapse,
     * potentiation where the neuron spiked too */
    if (n_in) {
        depression_terms(ref, si);
        for (s = 0; s < n_in; s++) {
            j = ref->in_list[s];
            learn_row(net->w_in + j * n, net->plastic_in + j * n, ref->post_flag, ref->dep, n,
                      gain_shift(si->a_plus, ref->x_in[j], si->s_plus), si->w_min, si->w_max);
        }
    }
    /* rows of the neurons that spiked (recurrent synapses) */
    if (n_cur) {
        depression_terms(ref, sr);
        for (s = 0; s < n_cur; s++) {
            k = ref->cur[s];
            learn_row(net->w_rec + k * n, net->plastic_rec + k * n, ref->post_flag, ref->dep, n,
                      gain_shift(sr->a_plus, ref->st[k].x, sr->s_plus), sr->w_min, sr->w_max);
        }
        /* columns of the neurons that spiked, in the rows not done above
         * (row by row: each row's cache lines are visited once) */
        for (j = 0; j < m; j++) {
            if (ref->in_flag[j])
                continue;
            learn_columns(net->w_in + j * n, net->plastic_in + j * n, ref->cur, n_cur,
                          gain_shift(si->a_plus, ref->x_in[j], si->s_plus), si->w_min,
                          si->w_max);
        }
        for (k = 0; k < n; k++) {
            if (ref->post_flag[k])
                continue;
            learn_columns(net->w_rec + k * n, net->plastic_rec + k * n, ref->cur, n_cur,
                          gain_shift(sr->a_plus, ref->st[k].x, sr->s_plus), sr->w_min,
                          sr->w_max);
        }
    }
}

LC_API int lc_ref_step(struct lc_ref *ref, const uint32_t *in_idx, size_t n_in,
                       uint32_t *out_idx, size_t *n_out)
{
    struct lc_net *net;
    const struct lc_core_params *c;
    size_t n, m, s, n_list = 0, n_cur = 0, i;
    int64_t scale;
    uint32_t *swap;

    if (n_out)
        *n_out = 0;
    if (!ref || (n_in && !in_idx))
        return LC_ERR_ARG;
    net = ref->net;
    c = &net->core;
    n = net->n_neurons;
    m = net->n_inputs;
    for (s = 0; s < n_in; s++)
        if (in_idx[s] >= m)
            return LC_ERR_ARG;

    /* this step's input set */
    for (s = 0; s < n_in; s++) {
        uint32_t j = in_idx[s];
        if (!ref->in_flag[j]) {
            ref->in_flag[j] = 1;
            ref->in_list[n_list++] = j;
        }
    }

    /* 1. synaptic input with the weights at the start of the step */
    memset(ref->acc, 0, n * sizeof *ref->acc);
    for (s = 0; s < n_list; s++)
        add_row(ref->acc, net->w_in + (size_t)ref->in_list[s] * n, n);
    for (s = 0; s < ref->n_prev; s++)
        add_row(ref->acc, net->w_rec + (size_t)ref->prev[s] * n, n);

    /* 2-6. neuron pass */
    scale = (int64_t)1 << (c->w_shift & 31);
    for (i = 0; i < n; i++) {
        struct lc_neuron_state *st = &ref->st[i];
        const struct lc_neuron_params *p = &net->neuron[i];
        int spike = 0;

        st->theta = (int32_t)decay(st->theta, c->d_theta);
        st->u = sat(decay(st->u, p->du) + (int64_t)ref->acc[i] * scale);
        if (st->r > 0) {
            st->r -= 1;
        } else {
            st->v = sat(decay(st->v, p->dv) + st->u + p->bias);
            spike = (int64_t)st->v > (int64_t)p->vth + st->theta;
        }
        if (spike) {
            int64_t th = (int64_t)st->theta + c->theta_plus;
            st->v = c->v_reset;
            st->r = p->tref;
            st->theta = th > LC_STATE_MAX ? LC_STATE_MAX : (int32_t)th;
            ref->cur[n_cur++] = (uint32_t)i;
            ref->post_flag[i] = 1;
        }
        st->x = (int32_t)decay(st->x, c->dx);
        st->y = (int32_t)decay(st->y, c->dy);
    }
    for (s = 0; s < m; s++)
        ref->x_in[s] = (int32_t)decay(ref->x_in[s], c->dx);

    /* 7. learning */
    if (c->learning && (n_list || n_cur))
        learn(ref, n_list, n_cur);

    /* 8. trace increments; clear the per-step flags */
    for (s = 0; s < n_list; s++) {
        uint32_t j = ref->in_list[s];
        ref->x_in[j] = trace_add(ref->x_in[j], c->x_imp);
        ref->in_flag[j] = 0;
    }
    for (s = 0; s < n_cur; s++) {
        struct lc_neuron_state *st = &ref->st[ref->cur[s]];
        st->x = trace_add(st->x, c->x_imp);
        st->y = trace_add(st->y, c->y_imp);
        ref->post_flag[ref->cur[s]] = 0;
    }

    /* 9. output; it becomes s_prev */
    if (out_idx)
        memcpy(out_idx, ref->cur, n_cur * sizeof *out_idx);
    if (n_out)
        *n_out = n_cur;
    swap = ref->prev;
    ref->prev = ref->cur;
    ref->cur = swap;
    ref->n_prev = n_cur;
    return LC_OK;
}
