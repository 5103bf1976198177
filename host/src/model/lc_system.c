/* lc_system.c : the description of a system of cores (lifcore.h, docs/system.md)
 * Cores are deep copies of struct lc_net; routes (a, k, b, j, d) are checked
 * against the cores when added and kept as a set: appended, then sorted and
 * made unique when they are next read (lc_system_routes), so that adding
 * routes one by one costs O(1) each.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_error.h"
#include "lifcore.h"

struct lc_system {
    uint32_t n_cores;
    struct lc_net **core;    /* owned */
    struct lc_route *routes; /* routes[0..n_routes-1]; sorted and unique unless dirty */
    size_t n_routes, cap;
    int dirty;
};

LC_API void lc_system_free(struct lc_system *sys)
{
    uint32_t c;
    if (!sys)
        return;
    for (c = 0; c < sys->n_cores; c++)
        lc_net_free(sys->core[c]);
    free(sys->core);
    free(sys->routes);
    free(sys);
}

LC_API int lc_system_create(const struct lc_net *const *nets, uint32_t n_cores,
                            struct lc_system **out)
{
    struct lc_system *sys;
    uint32_t c;
    int rc;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    if (!nets || n_cores < 1 || n_cores > LC_SYSTEM_MAX_CORES)
        return LC_ERR_ARG;
    sys = calloc(1, sizeof *sys);
    if (!sys)
        return LC_ERR_MEM;
    sys->core = calloc(n_cores, sizeof *sys->core);
    if (!sys->core) {
        free(sys);
        return LC_ERR_MEM;
    }
    for (c = 0; c < n_cores; c++) {
        rc = lc_net_copy(nets[c], &sys->core[c]);
        if (rc != LC_OK) {
            lc_system_free(sys);
            return rc;
        }
        sys->n_cores = c + 1;
    }
    *out = sys;
    return LC_OK;
}

LC_API uint32_t lc_system_n_cores(const struct lc_system *sys)
{
    return sys ? sys->n_cores : 0;
}

LC_API struct lc_net *lc_system_core(struct lc_system *sys, uint32_t c)
{
    return sys && c < sys->n_cores ? sys->core[c] : NULL;
}

/* what is wrong with route @p r, into @p what; LC_OK when nothing */
static int route_problem(const struct lc_system *sys, const struct lc_route *r,
                         uint32_t max_delay, char *what, size_t len)
{
    if (r->a >= sys->n_cores)
        return lc_errf(what, len, LC_ERR_RANGE, "core %lu does not exist (%lu cores)",
                       (unsigned long)r->a, (unsigned long)sys->n_cores);
    if (r->b >= sys->n_cores)
        return lc_errf(what, len, LC_ERR_RANGE, "core %lu does not exist (%lu cores)",
                       (unsigned long)r->b, (unsigned long)sys->n_cores);
    if (r->k >= sys->core[r->a]->n_neurons)
        return lc_errf(what, len, LC_ERR_RANGE, "neuron %lu does not exist in core %lu (%lu neurons)",
                       (unsigned long)r->k, (unsigned long)r->a,
                       (unsigned long)sys->core[r->a]->n_neurons);
    if (r->j >= sys->core[r->b]->n_inputs)
        return lc_errf(what, len, LC_ERR_RANGE, "axon %lu does not exist in core %lu (%lu axons)",
                       (unsigned long)r->j, (unsigned long)r->b,
                       (unsigned long)sys->core[r->b]->n_inputs);
    if (r->d < 1 || r->d > max_delay)
        return lc_errf(what, len, LC_ERR_RANGE, "delay %lu outside 1..%lu", (unsigned long)r->d,
                       (unsigned long)max_delay);
    return LC_OK;
}

static int reserve(struct lc_system *sys, size_t more)
{
    size_t cap = sys->cap;
    struct lc_route *r;
    if (sys->n_routes + more <= cap)
        return LC_OK;
    if (more > ((size_t)-1) / 2 / sizeof *r - sys->n_routes)
        return LC_ERR_MEM;
    while (cap < sys->n_routes + more)
        cap = cap ? 2 * cap : 64;
    r = realloc(sys->routes, cap * sizeof *r);
    if (!r)
        return LC_ERR_MEM;
    sys->routes = r;
    sys->cap = cap;
    return LC_OK;
}

LC_API int lc_system_add_routes(struct lc_system *sys, const struct lc_route *routes,
                                size_t count, char *msg, size_t msg_len)
{
    char what[160];
    size_t i;
    int rc;

    if (msg && msg_len)
        msg[0] = '\0';
    if (!sys || (count && !routes))
        return lc_errf(msg, msg_len, LC_ERR_ARG, "lc_system_add_routes: NULL argument");
    for (i = 0; i < count; i++) {
        const struct lc_route *r = &routes[i];
        rc = route_problem(sys, r, LC_SYSTEM_MAX_DELAY, what, sizeof what);
        if (rc != LC_OK)
            return lc_errf(msg, msg_len, rc, "routes[%zu] = (%lu, %lu, %lu, %lu, %lu): %s", i,
                           (unsigned long)r->a, (unsigned long)r->k, (unsigned long)r->b,
                           (unsigned long)r->j, (unsigned long)r->d, what);
    }
    if (reserve(sys, count) != LC_OK)
        return lc_errf(msg, msg_len, LC_ERR_MEM, "out of memory");
    if (count) {
        memcpy(sys->routes + sys->n_routes, routes, count * sizeof *routes);
        sys->n_routes += count;
        sys->dirty = 1;
    }
    return LC_OK;
}

LC_API int lc_system_add_route(struct lc_system *sys, uint32_t a, uint32_t k, uint32_t b,
                               uint32_t j, uint32_t d, char *msg, size_t msg_len)
{
    struct lc_route r;
    char what[160];
    int rc;

    if (msg && msg_len)
        msg[0] = '\0';
    if (!sys)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "lc_system_add_route: system is NULL");
    r.a = a;
    r.k = k;
    r.b = b;
    r.j = j;
    r.d = d;
    rc = route_problem(sys, &r, LC_SYSTEM_MAX_DELAY, what, sizeof what);
    if (rc != LC_OK)
        return lc_errf(msg, msg_len, rc, "route (%lu, %lu, %lu, %lu, %lu): %s",
                       (unsigned long)a, (unsigned long)k, (unsigned long)b, (unsigned long)j,
                       (unsigned long)d, what);
    return lc_system_add_routes(sys, &r, 1, msg, msg_len);
}

static int route_cmp(const void *pa, const void *pb)
{
    const struct lc_route *x = pa, *y = pb;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    if (x->k != y->k)
        return x->k < y->k ? -1 : 1;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    if (x->j != y->j)
        return x->j < y->j ? -1 : 1;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    return 0;
}

/* sort and make unique: the set does not change, so a const system may be tidied */
static void tidy(const struct lc_system *csys)
{
    struct lc_system *sys = (struct lc_system *)csys;
    size_t i, n = 0;
    if (!sys->dirty)
        return;
    qsort(sys->routes, sys->n_routes, sizeof *sys->routes, route_cmp);
    for (i = 0; i < sys->n_routes; i++)
        if (n == 0 || route_cmp(&sys->routes[n - 1], &sys->routes[i]) != 0)
            sys->routes[n++] = sys->routes[i];
    sys->n_routes = n;
    sys->dirty = 0;
}

LC_API const struct lc_route *lc_system_routes(const struct lc_system *sys, size_t *count)
{
    if (count)
        *count = 0;
    if (!sys)
        return NULL;
    tidy(sys);
    if (count)
        *count = sys->n_routes;
    return sys->n_routes ? sys->routes : NULL;
}

LC_API int lc_system_validate(const struct lc_system *sys, uint32_t max_delay, char *msg,
                              size_t msg_len)
{
    char what[400];
    size_t i;
    uint32_t c;
    int rc;

    if (msg && msg_len)
        msg[0] = '\0';
    if (!sys)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "system is NULL");
    for (c = 0; c < sys->n_cores; c++) {
        rc = lc_net_validate(sys->core[c], what, sizeof what);
        if (rc != LC_OK)
            return lc_errf(msg, msg_len, rc, "core %lu: %s", (unsigned long)c, what);
    }
    tidy(sys);
    for (i = 0; i < sys->n_routes; i++) {
        const struct lc_route *r = &sys->routes[i];
        rc = route_problem(sys, r, max_delay, what, sizeof what);
        if (rc != LC_OK)
            return lc_errf(msg, msg_len, rc, "route (%lu, %lu, %lu, %lu, %lu): %s",
                           (unsigned long)r->a, (unsigned long)r->k, (unsigned long)r->b,
                           (unsigned long)r->j, (unsigned long)r->d, what);
    }
    return LC_OK;
}
