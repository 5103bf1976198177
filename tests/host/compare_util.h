/* compare_util.h : run a network on a device and on lc_ref, compare bit for bit
 * compare_run() loads @p net on @p dev, runs @p steps random input steps (the
 * seed's) with lc_run (or lc_stream), and compares every output step, then the
 * weights, plasticity bits, state and input traces with the C model run on
 * the same inputs. On a mismatch it prints the seed, the first diverging step
 * or variable and both values, and returns 1.
 * SPDX-License-Identifier: MIT
 */
#ifndef COMPARE_UTIL_H
#define COMPARE_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_random.h"
#include "lc_ref.h"
#include "lifcore.h"

struct cmp_stream {
    const uint8_t *in;
    uint8_t *out;
    uint32_t n, m;
};

static int cmp_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    const struct cmp_stream *s = user;
    size_t k = 0;
    uint32_t j;
    for (j = 0; j < s->m && k < cap; j++)
        if (s->in[step * s->m + j])
            idx[k++] = j;
    *count = k;
    return 0;
}

static int cmp_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    const struct cmp_stream *s = user;
    size_t k;
    for (k = 0; k < count; k++)
        s->out[step * s->n + idx[k]] = 1;
    return 0;
}

/* use_stream: 0 lc_run, 1 lc_stream; chunks: run in this many calls */
static int compare_run(struct lc_device *dev, const struct lc_net *net, uint32_t steps,
                       double rate, uint64_t seed, int use_stream, unsigned chunks)
{
    uint32_t n = net->n_neurons, m = net->n_inputs, t, i;
    size_t nm = (size_t)n * m, nn = (size_t)n * n;
    uint8_t *in = calloc((size_t)steps * m + 1, 1), *out = calloc((size_t)steps * n + 1, 1);
    uint8_t *want = calloc((size_t)steps * n + 1, 1);
    int8_t *w_in = malloc(nm + 1), *w_rec = malloc(nn);
    uint8_t *p_in = malloc(nm + 1), *p_rec = malloc(nn);
    struct lc_neuron_state *st = malloc(n * sizeof *st);
    int32_t *x = malloc((m + 1) * sizeof *x);
    uint32_t *idx = malloc((m + 1) * sizeof *idx), *oidx = malloc(n * sizeof *oidx);
    struct lc_ref *ref = NULL;
    int rc, bad = 1;
    const struct lc_net *live;

    if (!in || !out || !want || !w_in || !w_rec || !p_in || !p_rec || !st || !x || !idx ||
        !oidx || lc_ref_create(net, &ref) != LC_OK) {
        printf("    seed %llu: setup failed\n", (unsigned long long)seed);
        goto done;
    }
    lc_random_inputs(seed, m, steps, rate, in);
    for (t = 0; t < steps; t++) {
        size_t k = 0, no = 0;
        for (i = 0; i < m; i++)
            if (in[(size_t)t * m + i])
                idx[k++] = i;
        lc_ref_step(ref, idx, k, oidx, &no);
        for (i = 0; i < no; i++)
            want[(size_t)t * n + oidx[i]] = 1;
    }
    rc = lc_load(dev, net);
    if (rc != LC_OK) {
        printf("    seed %llu: lc_load: %s: %s\n", (unsigned long long)seed, lc_strerror(rc),
               lc_last_error(dev));
        goto done;
    }
    {
        uint32_t done_steps = 0, c;
        for (c = 0; c < chunks; c++) {
            uint32_t len = (steps - done_steps) / (chunks - c);
            if (use_stream) {
                struct cmp_stream s = {in + (size_t)done_steps * m, out + (size_t)done_steps * n,
                                       n, m};
                rc = lc_stream(dev, len, cmp_input, cmp_output, &s);
            } else {
                rc = lc_run(dev, len, in + (size_t)done_steps * m, out + (size_t)done_steps * n);
            }
            if (rc != LC_OK) {
                printf("    seed %llu: run: %s: %s\n", (unsigned long long)seed,
                       lc_strerror(rc), lc_last_error(dev));
                goto done;
            }
            done_steps += len;
        }
    }
    for (t = 0; t < steps; t++)
        for (i = 0; i < n; i++)
            if (out[(size_t)t * n + i] != want[(size_t)t * n + i]) {
                printf("    seed %llu (N %u M %u): step %u neuron %u: device %d, model %d\n",
                       (unsigned long long)seed, n, m, t, i, out[(size_t)t * n + i],
                       want[(size_t)t * n + i]);
                goto done;
            }
    rc = lc_read_weights(dev, w_in, w_rec, p_in, p_rec);
    if (rc == LC_OK)
        rc = lc_read_state(dev, st, x);
    if (rc != LC_OK) {
        printf("    seed %llu: read back: %s: %s\n", (unsigned long long)seed, lc_strerror(rc),
               lc_last_error(dev));
        goto done;
    }
    live = lc_ref_net(ref);
    if (memcmp(w_in, live->w_in, nm) || memcmp(w_rec, live->w_rec, nn) ||
        memcmp(p_in, live->plastic_in, nm) || memcmp(p_rec, live->plastic_rec, nn)) {
        size_t k;
        for (k = 0; k < nn; k++)
            if (w_rec[k] != live->w_rec[k]) {
                printf("    seed %llu: w_rec[%zu][%zu]: device %d, model %d\n",
                       (unsigned long long)seed, k / n, k % n, w_rec[k], live->w_rec[k]);
                goto done;
            }
        for (k = 0; k < nm; k++)
            if (w_in[k] != live->w_in[k]) {
                printf("    seed %llu: w_in[%zu][%zu]: device %d, model %d\n",
                       (unsigned long long)seed, k / n, k % n, w_in[k], live->w_in[k]);
                goto done;
            }
        printf("    seed %llu: plasticity bits differ\n", (unsigned long long)seed);
        goto done;
    }
    for (i = 0; i < n; i++)
        if (memcmp(&st[i], &lc_ref_state(ref)[i], sizeof st[i])) {
            const struct lc_neuron_state *a = &st[i], *b = &lc_ref_state(ref)[i];
            printf("    seed %llu: neuron %u state: device u %d v %d r %d theta %d x %d y %d, "
                   "model u %d v %d r %d theta %d x %d y %d\n",
                   (unsigned long long)seed, i, a->u, a->v, a->r, a->theta, a->x, a->y, b->u,
                   b->v, b->r, b->theta, b->x, b->y);
            goto done;
        }
    for (i = 0; i < m; i++)
        if (x[i] != lc_ref_x_in(ref)[i]) {
            printf("    seed %llu: x_in[%u]: device %d, model %d\n", (unsigned long long)seed, i,
                   x[i], lc_ref_x_in(ref)[i]);
            goto done;
        }
    bad = 0;
done:
    lc_ref_free(ref);
    free(in);
    free(out);
    free(want);
    free(w_in);
    free(w_rec);
    free(p_in);
    free(p_rec);
    free(st);
    free(x);
    free(idx);
    free(oidx);
    return bad;
}

#endif /* COMPARE_UTIL_H */
