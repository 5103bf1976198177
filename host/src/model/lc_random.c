/* lc_random.c : deterministic random networks and input spike trains
 *
 * Distribution of lc_random_net(seed, max_n, max_m), all from splitmix64(seed):
 *   sizes     n: max_n (1/4), 1 (1/8), else uniform 1..max_n; m likewise.
 *   regime    one per network: normal (3/4), quiet (1/8: high thresholds,
 *             negative drive; activity often zero) or hot (1/8: extreme biases,
 *             w_shift 12..15, large weights, tiny thresholds: saturates u, v).
 *   decays    du, dv, d_theta, dx, dy each: 0 (1/8), 4096 (1/8), 1 (1/16),
 *             1..64 (1/8), 4000..4095 (1/8), else uniform 0..4096.
 *   w_shift   6 (1/2), else uniform 0..15 (hot: 12..15).
 *   weights   per matrix: density 0, 0.1, 0.3, 0.7 or 1 and an excitatory
 *             fraction 0.5, 0.7, 0.9 or 1; magnitudes uniform 1..128 with
 *             -128 and 127 (1/16 of the non-zero weights).
 *   thresholds  unit U = 64 << w_shift (one medium weight); normal: vth =
 *             U * (1..12), bias uniform in -vth/8..vth/2 (0 for 1/4 of the
 *             networks), 1/16 of the neurons get vth 0 or 2^23-1; all clamped
 *             to the contract's ranges.
 *   tref      0 (1/3), 63 (1/8), else uniform 0..63; 0 for all neurons of
 *             half the hot networks (so that every neuron can fire every step).
 *   v_reset   0 (1/2), extreme +/-(2^23-1) (1/16), else uniform -U*4..U*2.
 *   homeostasis on (1/2): theta_plus = U*(0..8) or 2^23-1 (1/8).
 *   traces    x_imp, y_imp: 65535 (1/4), 0 (1/8), else uniform 0..65535.
 *   learning  on (2/3). STDP sets: a_plus, a_minus uniform 0..255 (0 and 255
 *             1/8 each); s_plus, s_minus uniform 8..20 (3/4) or 0..31;
 *             [w_min, w_max] full -128..127 (1/4), a single value (1/8), else
 *             two sorted uniform draws; initial weights ignore the clamps, so
 *             some start outside them. Plastic density 0, 0.3, 0.7 or 1.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "lc_random.h"

uint64_t lc_random_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t lc_random_below(uint64_t *state, uint64_t bound)
{
    /* the modulo bias is below 2^-40 for the bounds used here */
    return bound ? lc_random_next(state) % bound : 0;
}

/* uniform in lo..hi inclusive */
static int64_t range(uint64_t *s, int64_t lo, int64_t hi)
{
    return lo + (int64_t)lc_random_below(s, (uint64_t)(hi - lo) + 1);
}

/* 1 with probability num/den */
static int chance(uint64_t *s, uint64_t num, uint64_t den)
{
    return lc_random_below(s, den) < num;
}

/* uniform double in [0, 1) */
static double unit(uint64_t *s)
{
    return (double)(lc_random_next(s) >> 11) / 9007199254740992.0;
}

static int32_t clamp32(int64_t v, int64_t lo, int64_t hi)
{
    return (int32_t)(v < lo ? lo : v > hi ? hi : v);
}

static int32_t pick_decay(uint64_t *s)
{
    switch (lc_random_below(s, 16)) {
    case 0: case 1: return 0;
    case 2: case 3: return LC_DECAY_MAX;
    case 4: return 1;
    case 5: case 6: return (int32_t)range(s, 1, 64);
    case 7: case 8: return (int32_t)range(s, 4000, 4095);
    default: return (int32_t)range(s, 0, LC_DECAY_MAX);
    }
}

static uint32_t pick_size(uint64_t *s, uint32_t max)
{
    if (max <= 1)
        return max;
    if (chance(s, 1, 4))
        return max;
    if (chance(s, 1, 8))
        return 1;
    return (uint32_t)range(s, 1, max);
}

static int32_t pick_trace_imp(uint64_t *s)
{
    if (chance(s, 1, 4))
        return LC_TRACE_MAX;
    if (chance(s, 1, 8))
        return 0;
    return (int32_t)range(s, 0, LC_TRACE_MAX);
}

static void pick_stdp(uint64_t *s, struct lc_stdp *p)
{
    int32_t *gains[2] = {&p->a_plus, &p->a_minus};
    int32_t *shifts[2] = {&p->s_plus, &p->s_minus};
    int k;
    for (k = 0; k < 2; k++) {
        uint64_t c = lc_random_below(s, 8);
        *gains[k] = c == 0 ? 0 : c == 1 ? 255 : (int32_t)range(s, 0, 255);
        *shifts[k] = chance(s, 3, 4) ? (int32_t)range(s, 8, 20) : (int32_t)range(s, 0, 31);
    }
    if (chance(s, 1, 4)) {
        p->w_min = -128;
        p->w_max = 127;
    } else if (chance(s, 1, 7)) {
        p->w_min = p->w_max = (int32_t)range(s, -128, 127);
    } else {
        int32_t a = (int32_t)range(s, -128, 127), b = (int32_t)range(s, -128, 127);
        p->w_min = a < b ? a : b;
        p->w_max = a < b ? b : a;
    }
}

static void fill_weights(uint64_t *s, int8_t *w, size_t count, int hot)
{
    static const double densities[] = {0.0, 0.1, 0.3, 0.7, 1.0};
    static const double excit[] = {0.5, 0.7, 0.9, 1.0};
    double density = hot ? 1.0 : densities[lc_random_below(s, 5)];
    double pos = excit[lc_random_below(s, 4)];
    size_t k;
    for (k = 0; k < count; k++) {
        int32_t mag;
        if (unit(s) >= density) {
            w[k] = 0;
            continue;
        }
        mag = hot || chance(s, 1, 16) ? 128 : (int32_t)range(s, 1, 128);
        w[k] = (int8_t)(unit(s) < pos ? (mag > 127 ? 127 : mag) : -mag);
    }
}

static void fill_plastic(uint64_t *s, uint8_t *p, size_t count)
{
    static const double densities[] = {0.0, 0.3, 0.7, 1.0};
    double density = densities[lc_random_below(s, 4)];
    size_t k;
    for (k = 0; k < count; k++)
        p[k] = unit(s) < density;
}

LC_API int lc_random_net(uint64_t seed, uint32_t max_n, uint32_t max_m, struct lc_net **out)
{
    uint64_t s = seed ^ 0x6C6966636F7265ull; /* "lifcore" */
    struct lc_net *net;
    struct lc_core_params *c;
    uint32_t n, m, i;
    int regime, zero_bias, no_tref, rc;
    int64_t unit_in;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    if (max_n < 1 || max_n > LC_NET_MAX_NEURONS || max_m > LC_NET_MAX_INPUTS)
        return LC_ERR_ARG;
    lc_random_next(&s);
    n = pick_size(&s, max_n);
    m = pick_size(&s, max_m);
    rc = lc_net_create(n, m, &net);
    if (rc != LC_OK)
        return rc;
    c = &net->core;

    regime = (int)lc_random_below(&s, 8); /* 0 quiet, 1 hot, else normal */
    if (regime == 1)
        c->w_shift = (int32_t)range(&s, 12, 15);
    else
        c->w_shift = chance(&s, 1, 2) ? 6 : (int32_t)range(&s, 0, 15);
    unit_in = (int64_t)64 << c->w_shift;

    zero_bias = chance(&s, 1, 4);
    no_tref = regime == 1 && chance(&s, 1, 2);
    for (i = 0; i < n; i++) {
        struct lc_neuron_params *p = &net->neuron[i];
        int64_t vth, bias;
        p->du = pick_decay(&s);
        p->dv = pick_decay(&s);
        p->tref = no_tref || chance(&s, 1, 3) ? 0 : chance(&s, 1, 8) ? LC_TREF_MAX
                                                          : (int32_t)range(&s, 0, LC_TREF_MAX);
        if (regime == 0) {
            vth = chance(&s, 1, 2) ? LC_STATE_MAX : unit_in * range(&s, 20, 200);
            bias = -range(&s, 0, vth / 4 + 1);
        } else if (regime == 1) {
            vth = range(&s, 0, 1000);
            bias = chance(&s, 1, 2) ? LC_STATE_MAX
                                    : chance(&s, 1, 2) ? -LC_STATE_MAX : range(&s, -1000000, 4000000);
        } else {
            vth = unit_in * range(&s, 1, 12);
            bias = zero_bias ? 0 : range(&s, -vth / 8, vth / 2);
            if (chance(&s, 1, 16))
                vth = chance(&s, 1, 2) ? 0 : LC_STATE_MAX;
        }
        p->vth = clamp32(vth, 0, LC_STATE_MAX);
        p->bias = clamp32(bias, -LC_STATE_MAX, LC_STATE_MAX);
    }

    if (chance(&s, 1, 16))
        c->v_reset = chance(&s, 1, 2) ? LC_STATE_MAX : -LC_STATE_MAX;
    else if (chance(&s, 1, 2))
        c->v_reset = clamp32(range(&s, -unit_in * 4, unit_in * 2), -LC_STATE_MAX, LC_STATE_MAX);
    if (chance(&s, 1, 2)) {
        c->theta_plus = chance(&s, 1, 8) ? LC_STATE_MAX
                                         : clamp32(unit_in * range(&s, 0, 8), 0, LC_STATE_MAX);
        c->d_theta = pick_decay(&s);
    } else if (chance(&s, 1, 4)) {
        c->d_theta = pick_decay(&s); /* decay set, homeostasis off */
    }
    c->dx = pick_decay(&s);
    c->dy = pick_decay(&s);
    c->x_imp = pick_trace_imp(&s);
    c->y_imp = pick_trace_imp(&s);
    c->learning = !chance(&s, 1, 3);
    pick_stdp(&s, &c->stdp_in);
    pick_stdp(&s, &c->stdp_rec);

    fill_weights(&s, net->w_in, (size_t)m * n, regime == 1);
    fill_weights(&s, net->w_rec, (size_t)n * n, regime == 1 && chance(&s, 1, 2));
    fill_plastic(&s, net->plastic_in, (size_t)m * n);
    fill_plastic(&s, net->plastic_rec, (size_t)n * n);
    *out = net;
    return LC_OK;
}

LC_API void lc_random_inputs(uint64_t seed, uint32_t m, uint32_t steps, double rate, uint8_t *spikes)
{
    uint64_t s = seed ^ 0x696E70757473ull; /* "inputs" */
    uint32_t t, j;
    lc_random_next(&s);
    for (t = 0; t < steps; t++) {
        uint8_t *row = spikes + (size_t)t * m;
        uint64_t kind = lc_random_below(&s, 16);
        double r = rate < 0 ? unit(&s) : rate;
        for (j = 0; j < m; j++)
            row[j] = kind == 0 ? 0 : kind == 1 ? 1 : unit(&s) < r;
    }
}

LC_API size_t lc_random_index_list(uint64_t *state, const uint8_t *row, uint32_t m, uint32_t *idx)
{
    size_t n = 0, k;
    uint32_t j;
    for (j = 0; j < m; j++)
        if (row[j])
            idx[n++] = j;
    for (k = n; k > 1; k--) {
        size_t r = (size_t)lc_random_below(state, k);
        uint32_t tmp = idx[k - 1];
        idx[k - 1] = idx[r];
        idx[r] = tmp;
    }
    if (n && chance(state, 1, 4)) {
        size_t extra = (size_t)range(state, 1, (int64_t)n);
        for (k = 0; k < extra; k++)
            idx[n + k] = idx[lc_random_below(state, n)];
        n += extra;
    }
    return n;
}
