/* test_dense.c : lc_ref against a naive, dense transcription of the contract
 * The model below is written straight from the text of docs/model.md (steps 1-9),
 * O(N^2) per step, with its own state and 64-bit arithmetic everywhere and the
 * decay written as a division. It shares nothing with lc_ref.c but struct lc_net.
 * Both run on random networks from lc_random_net() with random inputs (shuffled,
 * with duplicates, silent and fully active steps, state resets now and then);
 * every step compares the output spikes, the whole state, the input traces and
 * the weights. A failure prints the seed, the first diverging step, the
 * variable and both values.
 * Usage: test_dense [first_seed [count]]
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_random.h"
#include "lc_ref.h"
#include "test_util.h"

/* ---- the dense transcription ------------------------------------------- */

#define MAXV 8388607LL /* 2^23 - 1 */

struct dense {
    struct lc_net *net; /* own copy; its weights learn */
    long long *u, *v, *r, *theta, *x, *y, *x_in;
    int *s_prev, *s, *s_in;
};

/* decay(z, d) = sign(z) * floor(|z| * (4096 - d) / 4096) */
static long long d_decay(long long z, long long d)
{
    long long mag = z < 0 ? -z : z;
    long long q = (mag * (4096 - d)) / 4096;
    return z < 0 ? -q : q;
}

static long long d_sat(long long z)
{
    return z > MAXV ? MAXV : z < -MAXV ? -MAXV : z;
}

static long long d_clamp(long long w, long long lo, long long hi)
{
    return w < lo ? lo : w > hi ? hi : w;
}

static void dense_reset(struct dense *d)
{
    size_t n = d->net->n_neurons, m = d->net->n_inputs, i;
    for (i = 0; i < n; i++)
        d->u[i] = d->v[i] = d->r[i] = d->theta[i] = d->x[i] = d->y[i] = 0, d->s_prev[i] = 0;
    for (i = 0; i < m; i++)
        d->x_in[i] = 0;
}

static struct dense *dense_create(const struct lc_net *net)
{
    struct dense *d = calloc(1, sizeof *d);
    size_t n = net->n_neurons, m = net->n_inputs + 1;
    if (!d || lc_net_copy(net, &d->net) != LC_OK)
        abort();
    d->u = calloc(n, sizeof(long long));
    d->v = calloc(n, sizeof(long long));
    d->r = calloc(n, sizeof(long long));
    d->theta = calloc(n, sizeof(long long));
    d->x = calloc(n, sizeof(long long));
    d->y = calloc(n, sizeof(long long));
    d->x_in = calloc(m, sizeof(long long));
    d->s_prev = calloc(n, sizeof(int));
    d->s = calloc(n, sizeof(int));
    d->s_in = calloc(m, sizeof(int));
    if (!d->u || !d->v || !d->r || !d->theta || !d->x || !d->y || !d->x_in || !d->s_prev ||
        !d->s || !d->s_in)
        abort();
    return d;
}

static void dense_free(struct dense *d)
{
    lc_net_free(d->net);
    free(d->u); free(d->v); free(d->r); free(d->theta); free(d->x); free(d->y);
    free(d->x_in); free(d->s_prev); free(d->s); free(d->s_in);
    free(d);
}

/* one timestep; s_in_vec is a 0/1 vector of length M */
static void dense_step(struct dense *d, const uint8_t *s_in_vec)
{
    const struct lc_net *net = d->net;
    const struct lc_core_params *c = &net->core;
    const long long N = net->n_neurons, M = net->n_inputs;
    long long i, j, k;
    long long *a = calloc((size_t)N, sizeof *a);
    if (!a)
        abort();
    for (j = 0; j < M; j++)
        d->s_in[j] = s_in_vec[j] ? 1 : 0;

    /* 1. a[i] = sum_j w_in[j][i]*s_in[j] + sum_k w_rec[k][i]*s_prev[k] */
    for (i = 0; i < N; i++) {
        long long sum = 0;
        for (j = 0; j < M; j++)
            sum += (long long)net->w_in[j * N + i] * d->s_in[j];
        for (k = 0; k < N; k++)
            sum += (long long)net->w_rec[k * N + i] * d->s_prev[k];
        a[i] = sum;
    }
    for (i = 0; i < N; i++) {
        const struct lc_neuron_params *p = &net->neuron[i];
        /* 2. */
        d->theta[i] = d_decay(d->theta[i], c->d_theta);
        /* 3. */
        d->u[i] = d_sat(d_decay(d->u[i], p->du) + a[i] * (1LL << c->w_shift));
        /* 4. */
        d->s[i] = 0;
        if (d->r[i] > 0) {
            d->r[i] -= 1;
        } else {
            d->v[i] = d_sat(d_decay(d->v[i], p->dv) + d->u[i] + p->bias);
            d->s[i] = d->v[i] > (long long)p->vth + d->theta[i];
        }
        /* 5. */
        if (d->s[i]) {
            d->v[i] = c->v_reset;
            d->r[i] = p->tref;
            d->theta[i] = d->theta[i] + c->theta_plus;
            if (d->theta[i] > MAXV)
                d->theta[i] = MAXV;
        }
    }
    /* 6. */
    for (j = 0; j < M; j++)
        d->x_in[j] = d_decay(d->x_in[j], c->dx);
    for (k = 0; k < N; k++) {
        d->x[k] = d_decay(d->x[k], c->dx);
        d->y[k] = d_decay(d->y[k], c->dy);
    }
    /* 7. every synapse, dense */
    if (c->learning) {
        const struct lc_stdp *si = &c->stdp_in, *sr = &c->stdp_rec;
        for (j = 0; j < M; j++)
            for (i = 0; i < N; i++) {
                int pre = d->s_in[j], post = d->s[i];
                long long delta;
                if (!net->plastic_in[j * N + i] || (!pre && !post))
                    continue;
                delta = (post ? (si->a_plus * d->x_in[j]) >> si->s_plus : 0) -
                        (pre ? (si->a_minus * d->y[i]) >> si->s_minus : 0);
                net->w_in[j * N + i] =
                    (int8_t)d_clamp(net->w_in[j * N + i] + delta, si->w_min, si->w_max);
            }
        for (k = 0; k < N; k++)
            for (i = 0; i < N; i++) {
                int pre = d->s[k], post = d->s[i];
                long long delta;
                if (!net->plastic_rec[k * N + i] || (!pre && !post))
                    continue;
                delta = (post ? (sr->a_plus * d->x[k]) >> sr->s_plus : 0) -
                        (pre ? (sr->a_minus * d->y[i]) >> sr->s_minus : 0);
                net->w_rec[k * N + i] =
                    (int8_t)d_clamp(net->w_rec[k * N + i] + delta, sr->w_min, sr->w_max);
            }
    }
    /* 8. */
    for (j = 0; j < M; j++)
        if (d->s_in[j] && (d->x_in[j] += c->x_imp) > 65535)
            d->x_in[j] = 65535;
    for (k = 0; k < N; k++)
        if (d->s[k]) {
            if ((d->x[k] += c->x_imp) > 65535)
                d->x[k] = 65535;
            if ((d->y[k] += c->y_imp) > 65535)
                d->y[k] = 65535;
        }
    /* 9. */
    for (k = 0; k < N; k++)
        d->s_prev[k] = d->s[k];
    free(a);
}

/* ---- comparison -------------------------------------------------------- */

static int g_quiet; /* no messages (the perturbed runs that must diverge) */
#define printf(...) (g_quiet ? 0 : printf(__VA_ARGS__))

/* 0 when lc_ref and the dense model agree; prints the first difference */
static int compare(struct lc_ref *ref, const struct dense *d, uint64_t seed, uint32_t step,
                   const uint32_t *out, size_t n_out)
{
    static const char *names[6] = {"u", "v", "r", "theta", "x", "y"};
    const struct lc_net *rn = lc_ref_net(ref);
    const struct lc_neuron_state *st = lc_ref_state(ref);
    const size_t n = rn->n_neurons, m = rn->n_inputs;
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        int ref_spiked = k < n_out && out[k] == i;
        if (ref_spiked)
            k++;
        if (ref_spiked != d->s[i]) {
            printf("    seed %llu step %u: spike of neuron %zu: lc_ref %d, dense %d\n",
                   (unsigned long long)seed, (unsigned)step, i, ref_spiked, d->s[i]);
            return 1;
        }
    }
    if (k != n_out) {
        printf("    seed %llu step %u: lc_ref output list not ascending or out of range\n",
               (unsigned long long)seed, (unsigned)step);
        return 1;
    }
    for (i = 0; i < n; i++) {
        const long long got[6] = {st[i].u, st[i].v, st[i].r, st[i].theta, st[i].x, st[i].y};
        const long long want[6] = {d->u[i], d->v[i], d->r[i], d->theta[i], d->x[i], d->y[i]};
        int f;
        for (f = 0; f < 6; f++)
            if (got[f] != want[f]) {
                printf("    seed %llu step %u: %s[%zu]: lc_ref %lld, dense %lld\n",
                       (unsigned long long)seed, (unsigned)step, names[f], i, got[f], want[f]);
                return 1;
            }
    }
    for (i = 0; i < m; i++)
        if (lc_ref_x_in(ref)[i] != d->x_in[i]) {
            printf("    seed %llu step %u: x_in[%zu]: lc_ref %d, dense %lld\n",
                   (unsigned long long)seed, (unsigned)step, i, lc_ref_x_in(ref)[i], d->x_in[i]);
            return 1;
        }
    for (i = 0; i < m * n; i++)
        if (rn->w_in[i] != d->net->w_in[i]) {
            printf("    seed %llu step %u: w_in[%zu][%zu]: lc_ref %d, dense %d\n",
                   (unsigned long long)seed, (unsigned)step, i / n, i % n, rn->w_in[i],
                   d->net->w_in[i]);
            return 1;
        }
    for (i = 0; i < n * n; i++)
        if (rn->w_rec[i] != d->net->w_rec[i]) {
            printf("    seed %llu step %u: w_rec[%zu][%zu]: lc_ref %d, dense %d\n",
                   (unsigned long long)seed, (unsigned)step, i / n, i % n, rn->w_rec[i],
                   d->net->w_rec[i]);
            return 1;
        }
    return 0;
}

/* statistics over the run, to show the random networks are not all dull */
static struct {
    unsigned long long steps, spikes, neuron_steps, weight_changes, sat_u, sat_v, sat_trace,
        sat_theta, silent_nets, busy_nets;
} stats;

/*
 * Run lc_ref and the dense model side by side on network @p seed.
 * @p mutate: perturb the dense model's copy (one weight) to prove that the
 * comparison catches a difference. Returns 0 when they agree.
 */
static int run_seed(uint64_t seed, uint32_t max_n, uint32_t max_m, uint32_t max_steps, int mutate,
                    int quiet)
{
    static const double rates[] = {0.0, 0.01, 0.05, 0.1, 0.3, 0.6, 1.0, -1.0};
    struct lc_net *net = NULL;
    struct lc_ref *ref = NULL;
    struct dense *d;
    uint64_t rng = seed * 0x9E3779B97F4A7C15ull + 1;
    uint32_t steps, t, n, m, *idx, *out;
    uint8_t *spikes;
    unsigned long long net_spikes = 0;
    size_t n_idx, n_out, i;
    int rc = 0;

    g_quiet = quiet;
    if (lc_random_net(seed, max_n, max_m, &net) != LC_OK || lc_ref_create(net, &ref) != LC_OK) {
        printf("    seed %llu: cannot create the network\n", (unsigned long long)seed);
        return 1;
    }
    n = net->n_neurons;
    m = net->n_inputs;
    d = dense_create(net);
    if (mutate) {
        /* a different weight on a synapse that is sure to matter: every input fires */
        d->net->neuron[0].bias = d->net->neuron[0].bias == 0 ? 1 : 0;
    }
    steps = 1 + (uint32_t)lc_random_below(&rng, max_steps);
    spikes = malloc((size_t)steps * m + 1);
    idx = malloc(sizeof *idx * (2 * (size_t)m + 1));
    out = malloc(sizeof *out * n);
    if (!spikes || !idx || !out)
        abort();
    lc_random_inputs(seed, m, steps, rates[lc_random_below(&rng, 8)], spikes);
    for (t = 0; t < steps && rc == 0; t++) {
        const uint8_t *row = spikes + (size_t)t * m;
        if (t > 0 && lc_random_below(&rng, 64) == 0) {
            lc_ref_reset_state(ref);
            dense_reset(d);
        }
        n_idx = lc_random_index_list(&rng, row, m, idx);
        if (lc_ref_step(ref, idx, n_idx, out, &n_out) != LC_OK) {
            printf("    seed %llu step %u: lc_ref_step failed\n", (unsigned long long)seed,
                   (unsigned)t);
            rc = 1;
            break;
        }
        dense_step(d, row);
        rc = compare(ref, d, seed, t, out, n_out);
        if (!quiet) {
            const struct lc_neuron_state *st = lc_ref_state(ref);
            stats.steps++;
            stats.spikes += n_out;
            net_spikes += n_out;
            stats.neuron_steps += n;
            for (i = 0; i < n; i++) {
                stats.sat_u += st[i].u == MAXV || st[i].u == -MAXV;
                stats.sat_v += st[i].v == MAXV || st[i].v == -MAXV;
                stats.sat_theta += st[i].theta == MAXV;
                stats.sat_trace += st[i].x == 65535 || st[i].y == 65535;
            }
        }
    }
    if (!quiet) {
        for (i = 0; i < (size_t)m * n; i++)
            stats.weight_changes += net->w_in[i] != lc_ref_net(ref)->w_in[i];
        for (i = 0; i < (size_t)n * n; i++)
            stats.weight_changes += net->w_rec[i] != lc_ref_net(ref)->w_rec[i];
        stats.silent_nets += net_spikes == 0;
        stats.busy_nets += net_spikes == (unsigned long long)steps * n;
    }
    free(spikes);
    free(idx);
    free(out);
    dense_free(d);
    lc_ref_free(ref);
    lc_net_free(net);
    g_quiet = 0;
    return rc;
}

int main(int argc, char **argv)
{
    uint64_t first = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    uint64_t count = argc > 2 ? strtoull(argv[2], NULL, 0) : 400;
    uint64_t s;
    int group_fail = 0, group_pass = 0;

    /* the comparison must be able to fail: a perturbed dense model diverges */
    {
        int caught = 0;
        for (s = 1; s <= 20; s++)
            caught += run_seed(s, 16, 8, 50, 1, 1);
        if (caught < 10) {
            printf("FAIL test_dense_detects_a_difference: only %d of 20 perturbed runs diverged\n",
                   caught);
            tu_failed++;
        } else {
            tu_passed++;
        }
    }
    /* small and medium networks, then a few larger ones */
    for (s = first; s < first + count; s++) {
        uint32_t max_n = s % 10 == 0 ? 150 : 40, max_m = s % 10 == 0 ? 100 : 24;
        if (run_seed(s, max_n, max_m, s % 10 == 0 ? 60 : 200, 0, 0) == 0) {
            group_pass++;
        } else {
            group_fail++;
            printf("FAIL random network seed %llu (rerun: test_dense %llu 1)\n",
                   (unsigned long long)s, (unsigned long long)s);
        }
    }
    printf("  %d random networks, %llu steps, activity %.3f, weights changed %llu, "
           "saturated u %llu v %llu theta %llu traces %llu (neuron-steps), "
           "silent nets %llu, always-full nets %llu\n",
           group_pass + group_fail, stats.steps,
           stats.neuron_steps ? (double)stats.spikes / stats.neuron_steps : 0.0,
           stats.weight_changes, stats.sat_u, stats.sat_v, stats.sat_theta, stats.sat_trace,
           stats.silent_nets, stats.busy_nets);
    tu_passed += group_pass; /* one test per random network */
    tu_failed += group_fail;
    return tu_summary("lc_ref vs dense transcription");
}
