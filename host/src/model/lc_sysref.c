/* lc_sysref.c : the C reference model of a system of cores (docs/system.md)
 * One call of lc_sysref_step() is one system step t:
 *   1. every core c takes slot t mod D of the ring (the axons whose routes
 *      deliver at t), ORs it with its external input, removes duplicates;
 *   2. every core runs one lc_ref step on that set;
 *   3. only then (so that a delay of D lands in the slot just emptied, not
 *      in one still to be read) every spike (a, k) walks its routes, CSR by
 *      global source index, and appends axon j to slot (t + d) mod D of core b.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "lc_error.h"
#include "lc_sysref.h"

struct vec {
    uint32_t *p;
    size_t len, cap;
};

struct target {
    uint32_t b, j, d;
};

struct core {
    struct lc_ref *ref;
    uint32_t n, m;
    uint32_t *in;      /* this step's inputs without duplicates (m) */
    uint8_t *flag;     /* m: 1 while axon j is in 'in' */
    uint32_t *out;     /* this step's spikes (n) */
    size_t n_in, n_out;
};

struct lc_sysref {
    uint32_t n_cores, D, pos;  /* pos: slot of the current step */
    struct core *core;
    uint32_t *first;           /* n_cores + 1: global index of core c's neuron 0 */
    size_t *rstart;            /* total neurons + 1: CSR row starts */
    struct target *tgt;        /* the routes' targets, by source */
    size_t n_routes;
    struct vec *ring;          /* D x n_cores: ring[slot * n_cores + c] */
    size_t in_flight;
};

static void *alloc_zero(size_t count, size_t size)
{
    return calloc(count ? count : 1, size);
}

LC_API void lc_sysref_free(struct lc_sysref *s)
{
    size_t i;
    uint32_t c;
    if (!s)
        return;
    if (s->core)
        for (c = 0; c < s->n_cores; c++) {
            lc_ref_free(s->core[c].ref);
            free(s->core[c].in);
            free(s->core[c].flag);
            free(s->core[c].out);
        }
    if (s->ring)
        for (i = 0; i < (size_t)s->D * s->n_cores; i++)
            free(s->ring[i].p);
    free(s->core);
    free(s->first);
    free(s->rstart);
    free(s->tgt);
    free(s->ring);
    free(s);
}

LC_API int lc_sysref_create(const struct lc_system *sys, uint32_t max_delay,
                            struct lc_sysref **out, char *msg, size_t msg_len)
{
    struct lc_sysref *s;
    const struct lc_route *routes;
    size_t n_routes, total = 0, r;
    uint32_t c, C;
    int rc;

    if (msg && msg_len)
        msg[0] = '\0';
    if (!out)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "lc_sysref_create: out is NULL");
    *out = NULL;
    if (!sys || max_delay < 1 || max_delay > LC_SYSTEM_MAX_DELAY)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "lc_sysref_create: no system or bad D");
    rc = lc_system_validate(sys, max_delay, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    C = lc_system_n_cores(sys);
    routes = lc_system_routes(sys, &n_routes);
    s = calloc(1, sizeof *s);
    if (!s)
        return lc_errf(msg, msg_len, LC_ERR_MEM, "out of memory");
    s->n_cores = C;
    s->D = max_delay;
    s->core = calloc(C, sizeof *s->core);
    s->first = calloc((size_t)C + 1, sizeof *s->first);
    s->ring = calloc((size_t)max_delay * C, sizeof *s->ring);
    if (!s->core || !s->first || !s->ring)
        goto oom;
    for (c = 0; c < C; c++) {
        const struct lc_net *net = lc_system_core((struct lc_system *)sys, c);
        struct core *k = &s->core[c];
        rc = lc_ref_create(net, &k->ref);
        if (rc != LC_OK) {
            lc_sysref_free(s);
            return lc_errf(msg, msg_len, rc, "core %lu: %s", (unsigned long)c, lc_strerror(rc));
        }
        k->n = net->n_neurons;
        k->m = net->n_inputs;
        k->in = alloc_zero(k->m, sizeof *k->in);
        k->flag = alloc_zero(k->m, 1);
        k->out = alloc_zero(k->n, sizeof *k->out);
        if (!k->in || !k->flag || !k->out)
            goto oom;
        s->first[c] = (uint32_t)total;
        total += k->n;
    }
    s->first[C] = (uint32_t)total;
    /* CSR: the routes are sorted by (a, k, ...), so by global source index */
    s->rstart = calloc(total + 1, sizeof *s->rstart);
    s->tgt = alloc_zero(n_routes, sizeof *s->tgt);
    if (!s->rstart || !s->tgt)
        goto oom;
    for (r = 0; r < n_routes; r++) {
        size_t g = (size_t)s->first[routes[r].a] + routes[r].k;
        s->rstart[g + 1]++;
        s->tgt[r].b = routes[r].b;
        s->tgt[r].j = routes[r].j;
        s->tgt[r].d = routes[r].d;
    }
    for (r = 0; r < total; r++)
        s->rstart[r + 1] += s->rstart[r];
    s->n_routes = n_routes;
    *out = s;
    return LC_OK;
oom:
    lc_sysref_free(s);
    return lc_errf(msg, msg_len, LC_ERR_MEM, "out of memory");
}

LC_API void lc_sysref_reset_state(struct lc_sysref *s)
{
    size_t i;
    uint32_t c;
    if (!s)
        return;
    for (c = 0; c < s->n_cores; c++) {
        lc_ref_reset_state(s->core[c].ref);
        s->core[c].n_in = s->core[c].n_out = 0;
    }
    for (i = 0; i < (size_t)s->D * s->n_cores; i++)
        s->ring[i].len = 0;
    s->pos = 0;
    s->in_flight = 0;
}

LC_API uint32_t lc_sysref_n_cores(const struct lc_sysref *s)
{
    return s ? s->n_cores : 0;
}

LC_API uint32_t lc_sysref_max_delay(const struct lc_sysref *s)
{
    return s ? s->D : 0;
}

LC_API struct lc_ref *lc_sysref_core(struct lc_sysref *s, uint32_t c)
{
    return s && c < s->n_cores ? s->core[c].ref : NULL;
}

LC_API size_t lc_sysref_last_inputs(const struct lc_sysref *s, uint32_t c)
{
    return s && c < s->n_cores ? s->core[c].n_in : 0;
}

LC_API size_t lc_sysref_in_flight(const struct lc_sysref *s)
{
    return s ? s->in_flight : 0;
}

static int push(struct vec *v, uint32_t j)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 16;
        uint32_t *p = realloc(v->p, cap * sizeof *p);
        if (!p)
            return LC_ERR_MEM;
        v->p = p;
        v->cap = cap;
    }
    v->p[v->len++] = j;
    return LC_OK;
}

/* add axon j to core k's input set */
static inline void take(struct core *k, uint32_t j)
{
    if (!k->flag[j]) {
        k->flag[j] = 1;
        k->in[k->n_in++] = j;
    }
}

LC_API int lc_sysref_step(struct lc_sysref *s, const uint32_t *const *in_idx, const size_t *n_in,
                          uint32_t *const *out_idx, size_t *n_out)
{
    const uint32_t C = s ? s->n_cores : 0;
    uint32_t c;
    size_t i;
    int rc = LC_OK;

    if (n_out)
        for (c = 0; c < C; c++)
            n_out[c] = 0;
    if (!s)
        return LC_ERR_ARG;
    /* check every external index first: a rejected step changes nothing */
    if (in_idx && n_in)
        for (c = 0; c < C; c++) {
            if (n_in[c] && !in_idx[c])
                return LC_ERR_ARG;
            for (i = 0; i < n_in[c]; i++)
                if (in_idx[c][i] >= s->core[c].m)
                    return LC_ERR_ARG;
        }
    /* 1-2. inputs of this step, then every core's step */
    for (c = 0; c < C; c++) {
        struct core *k = &s->core[c];
        struct vec *v = &s->ring[(size_t)s->pos * C + c];
        k->n_in = 0;
        if (in_idx && n_in)
            for (i = 0; i < n_in[c]; i++)
                take(k, in_idx[c][i]);
        for (i = 0; i < v->len; i++)
            take(k, v->p[i]);
        s->in_flight -= v->len;
        v->len = 0;
        for (i = 0; i < k->n_in; i++)
            k->flag[k->in[i]] = 0;
        lc_ref_step(k->ref, k->in, k->n_in, k->out, &k->n_out);
    }
    /* 3. the spikes of this step leave on their routes */
    if (s->n_routes)
        for (c = 0; c < C; c++) {
            const struct core *k = &s->core[c];
            for (i = 0; i < k->n_out; i++) {
                size_t g = (size_t)s->first[c] + k->out[i], r;
                for (r = s->rstart[g]; r < s->rstart[g + 1]; r++) {
                    const struct target *t = &s->tgt[r];
                    uint32_t slot = s->pos + t->d;
                    if (slot >= s->D)
                        slot -= s->D;
                    if (push(&s->ring[(size_t)slot * C + t->b], t->j) != LC_OK)
                        rc = LC_ERR_MEM;
                    else
                        s->in_flight++;
                }
            }
        }
    s->pos = s->pos + 1 == s->D ? 0 : s->pos + 1;
    for (c = 0; c < C; c++) {
        const struct core *k = &s->core[c];
        if (out_idx && out_idx[c])
            memcpy(out_idx[c], k->out, k->n_out * sizeof *k->out);
        if (n_out)
            n_out[c] = k->n_out;
    }
    return rc;
}
