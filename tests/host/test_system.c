/* test_system.c : systems of cores (docs/system.md) in the C model
 *   - a worked example computed by hand: a chain of relay cores with delays,
 *     fan-in (OR with a direct route), a self-route, spikes in flight;
 *   - a one-core system without routes is lc_ref, bit for bit;
 *   - random systems (cores of different N and M, fan-in, fan-out,
 *     self-routes, every delay 1..D, learning on routed axons, duplicate
 *     routes, a reset with spikes in flight) against a naive model written
 *     here: it keeps every step's spikes and, for each route (a, k, b, j, d),
 *     looks d steps back; the cores are stepped by lc_ref;
 *   - routes rejected with a message that names them;
 *   - system files: good ones (inline cores, a core from a file, a network
 *     file as a one-core system, save and load again) and bad ones;
 *   - the same through the 'ref' device (lc_load_system, lc_run_system, ...)
 *     and the other backends' refusal.
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L /* getpid, mkdir */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lc_random.h"
#include "lc_ref.h"
#include "lc_sysref.h"
#include "lifcore.h"
#include "test_util.h"

/* ---- helpers ---------------------------------------------------------------- */

/* a relay: one neuron that spikes in every step its one axon spikes, and only then */
static struct lc_net *relay(void)
{
    struct lc_net *net = NULL;
    if (lc_net_create(1, 1, &net) != LC_OK)
        return NULL;
    net->core.w_shift = 0;
    net->neuron[0].du = 4096;
    net->neuron[0].dv = 4096;
    net->neuron[0].vth = 0;
    net->w_in[0] = 1;
    return net;
}

static struct lc_system *relays(uint32_t n)
{
    struct lc_net *nets[8];
    struct lc_system *sys = NULL;
    uint32_t c;
    for (c = 0; c < n; c++)
        nets[c] = relay();
    lc_system_create((const struct lc_net *const *)nets, n, &sys);
    for (c = 0; c < n; c++)
        lc_net_free(nets[c]);
    return sys;
}

/* run @p steps of a system of relays; ext: the steps at which core 0's axon
 * spikes (-1 ends the list); spikes[c] gets a bit string of core c's spikes */
static int run_relays(struct lc_sysref *s, uint32_t steps, const int *ext, char spikes[][64])
{
    uint32_t C = lc_sysref_n_cores(s), c, t;
    uint32_t zero = 0, outs[8][1], *outp[8];
    const uint32_t *inp[8];
    size_t n_in[8], n_out[8];
    for (c = 0; c < C; c++) {
        outp[c] = outs[c];
        inp[c] = &zero;
        memset(spikes[c], 0, 64);
    }
    for (t = 0; t < steps; t++) {
        const int *e;
        for (c = 0; c < C; c++)
            n_in[c] = 0;
        for (e = ext; *e >= 0; e++)
            if ((uint32_t)*e == t)
                n_in[0] = 1;
        if (lc_sysref_step(s, inp, n_in, outp, n_out) != LC_OK)
            return 1;
        for (c = 0; c < C; c++)
            spikes[c][t] = n_out[c] ? '1' : '.';
    }
    return 0;
}

/* ---- the worked example (docs/system.md) --------------------------------------- */

/* Three relays; routes (0,0 -> 1,0, d 2), (1,0 -> 2,0, d 3), (0,0 -> 2,0, d 1).
 * Core 0's axon spikes at steps 0 and 4:
 *   core 0 spikes at 0, 4        (its input)
 *   core 1 spikes at 2, 6        (core 0 two steps earlier)
 *   core 2 spikes at 1, 5, 9     (core 0 one step earlier OR core 1 three steps
 *                                 earlier: at 5 both arrive, one input spike) */
static int test_worked_example(void)
{
    static const int ext[] = {0, 4, -1};
    struct lc_system *sys = relays(3);
    struct lc_sysref *s = NULL;
    char sp[3][64], msg[256];
    CHECK(sys != NULL);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 1, 0, 2, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 1, 0, 2, 0, 3, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 2, 0, 1, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 2, 0, 1, msg, sizeof msg), LC_OK); /* again */
    CHECK_EQ(lc_sysref_create(sys, 16, &s, msg, sizeof msg), LC_OK);
    CHECK(run_relays(s, 12, ext, sp) == 0);
    CHECK(strcmp(sp[0], "1...1.......") == 0);
    CHECK(strcmp(sp[1], "..1...1.....") == 0);
    CHECK(strcmp(sp[2], ".1...1...1..") == 0);
    CHECK_EQ(lc_ref_state(lc_sysref_core(s, 2))[0].v, 0);
    /* the fan-in at step 5 is one input: core 2 received 1 spike then */
    lc_sysref_free(s);
    lc_system_free(sys);
    return 0;
}

/* A self-route (2,0 -> 2,0, d 1) keeps core 2 spiking every step once reached;
 * a reset with spikes in flight stops everything: nothing arrives after it. */
static int test_self_route_and_reset(void)
{
    static const int ext[] = {0, -1}, none[] = {-1};
    struct lc_system *sys = relays(3);
    struct lc_sysref *s = NULL;
    char sp[3][64], msg[256];
    CHECK(sys != NULL);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 1, 0, 2, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 1, 0, 2, 0, 3, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 2, 0, 2, 0, 1, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 0, 0, 16, msg, sizeof msg), LC_OK); /* d = D */
    CHECK_EQ(lc_sysref_create(sys, 16, &s, msg, sizeof msg), LC_OK);
    CHECK(run_relays(s, 20, ext, sp) == 0);
    CHECK(strcmp(sp[0], "1...............1...") == 0); /* itself after D = 16 steps */
    CHECK(strcmp(sp[1], "..1...............1.") == 0);
    CHECK(strcmp(sp[2], ".....111111111111111") == 0);
    CHECK(lc_sysref_in_flight(s) > 0);
    lc_sysref_reset_state(s);
    CHECK_EQ(lc_sysref_in_flight(s), 0);
    CHECK(run_relays(s, 20, none, sp) == 0);
    CHECK(strcmp(sp[0], "....................") == 0);
    CHECK(strcmp(sp[1], "....................") == 0);
    CHECK(strcmp(sp[2], "....................") == 0);
    lc_sysref_free(s);
    lc_system_free(sys);
    return 0;
}

/* ---- one core, no routes: exactly lc_ref ---------------------------------------- */

static int same_core(struct lc_ref *x, struct lc_ref *y, uint64_t seed, uint32_t c)
{
    const struct lc_net *a = lc_ref_net(x), *b = lc_ref_net(y);
    size_t n = a->n_neurons, m = a->n_inputs;
    if (memcmp(a->w_in, b->w_in, m * n) || memcmp(a->w_rec, b->w_rec, n * n) ||
        memcmp(lc_ref_state(x), lc_ref_state(y), n * sizeof(struct lc_neuron_state)) ||
        memcmp(lc_ref_x_in(x), lc_ref_x_in(y), m * sizeof(int32_t))) {
        printf("    seed %llu core %u: weights or state differ at the end\n",
               (unsigned long long)seed, c);
        return 1;
    }
    return 0;
}

static int test_one_core_is_lc_ref(void)
{
    uint64_t seed;
    for (seed = 1; seed <= 60; seed++) {
        struct lc_net *net = NULL;
        struct lc_system *sys = NULL;
        struct lc_sysref *s = NULL;
        struct lc_ref *ref = NULL;
        const uint32_t steps = 150;
        uint8_t *in;
        uint32_t *idx, *o1, *o2, t;
        uint64_t rng = seed * 77;
        char msg[256];
        CHECK_EQ(lc_random_net(seed, 40, 24, &net), LC_OK);
        CHECK_EQ(lc_system_create((const struct lc_net *const *)&net, 1, &sys), LC_OK);
        CHECK_EQ(lc_sysref_create(sys, 64, &s, msg, sizeof msg), LC_OK);
        CHECK_EQ(lc_ref_create(net, &ref), LC_OK);
        in = calloc((size_t)steps * net->n_inputs + 1, 1);
        idx = malloc((2 * (size_t)net->n_inputs + 1) * sizeof *idx);
        o1 = malloc(net->n_neurons * sizeof *o1);
        o2 = malloc(net->n_neurons * sizeof *o2);
        CHECK(in && idx && o1 && o2);
        lc_random_inputs(seed, net->n_inputs, steps, -1.0, in);
        for (t = 0; t < steps; t++) {
            size_t k = lc_random_index_list(&rng, in + (size_t)t * net->n_inputs,
                                            net->n_inputs, idx);
            size_t n1 = 0, n2 = 0;
            const uint32_t *inp[1] = {idx};
            uint32_t *outp[1] = {o2};
            if (t == 100) { /* a reset in the middle */
                lc_ref_reset_state(ref);
                lc_sysref_reset_state(s);
            }
            CHECK_EQ(lc_ref_step(ref, idx, k, o1, &n1), LC_OK);
            CHECK_EQ(lc_sysref_step(s, inp, &k, outp, &n2), LC_OK);
            if (n1 != n2 || memcmp(o1, o2, n1 * sizeof *o1)) {
                printf("    seed %llu: spikes differ at step %u\n", (unsigned long long)seed, t);
                return 1;
            }
        }
        CHECK(same_core(ref, lc_sysref_core(s, 0), seed, 0) == 0);
        free(in);
        free(idx);
        free(o1);
        free(o2);
        lc_ref_free(ref);
        lc_sysref_free(s);
        lc_system_free(sys);
        lc_net_free(net);
    }
    return 0;
}

/* ---- random systems against the naive model ----------------------------------- */

#define MAX_CORES 6

struct rsys {
    uint32_t C, D;
    struct lc_net *net[MAX_CORES];
    struct lc_route *routes; /* with duplicates, as added */
    size_t n_routes;
    uint32_t first[MAX_CORES + 1];
};

/* A random system: 2..MAX_CORES cores of different sizes; routes with fan-out and
 * fan-in, self-routes, every delay 1..D at least once, some twice */
static int random_system(uint64_t seed, uint32_t D, struct rsys *r)
{
    uint64_t s = seed * 0x9E37u + 11;
    size_t n, i, cap;
    uint32_t c, total = 0, d;
    memset(r, 0, sizeof *r);
    r->C = 2 + (uint32_t)lc_random_below(&s, MAX_CORES - 1);
    r->D = D;
    for (c = 0; c < r->C; c++) {
        if (lc_random_net(seed * 100 + c, 8 + (uint32_t)lc_random_below(&s, 30),
                          1 + (uint32_t)lc_random_below(&s, 20), &r->net[c]) != LC_OK)
            return 1;
        if (r->net[c]->n_inputs == 0)
            return 1;
        r->first[c] = total;
        total += r->net[c]->n_neurons;
    }
    r->first[r->C] = total;
    n = D + 20 + lc_random_below(&s, 150);
    cap = 2 * n + r->C + 8;
    r->routes = malloc(cap * sizeof *r->routes);
    if (!r->routes)
        return 1;
    for (i = 0; i < n; i++) {
        struct lc_route *x = &r->routes[r->n_routes++];
        x->a = (uint32_t)lc_random_below(&s, r->C);
        /* fan-out: neuron 0 of each core is a frequent source; fan-in: axon 0 a frequent target */
        x->k = lc_random_below(&s, 4) == 0 ? 0
                                           : (uint32_t)lc_random_below(&s, r->net[x->a]->n_neurons);
        x->b = lc_random_below(&s, 5) == 0 ? x->a : (uint32_t)lc_random_below(&s, r->C);
        x->j = lc_random_below(&s, 4) == 0 ? 0
                                           : (uint32_t)lc_random_below(&s, r->net[x->b]->n_inputs);
        d = i < D ? (uint32_t)i + 1 : 1 + (uint32_t)lc_random_below(&s, D); /* every delay */
        x->d = d;
        if (lc_random_below(&s, 10) == 0 && r->n_routes < cap) /* a duplicate */
            r->routes[r->n_routes++] = *x;
    }
    for (c = 0; c < r->C && r->n_routes < cap; c++) { /* a self-route per core */
        struct lc_route *x = &r->routes[r->n_routes++];
        x->a = x->b = c;
        x->k = (uint32_t)lc_random_below(&s, r->net[c]->n_neurons);
        x->j = (uint32_t)lc_random_below(&s, r->net[c]->n_inputs);
        x->d = 1 + (uint32_t)lc_random_below(&s, D);
    }
    return 0;
}

static void free_rsys(struct rsys *r)
{
    uint32_t c;
    for (c = 0; c < r->C; c++)
        lc_net_free(r->net[c]);
    free(r->routes);
}

struct stats {
    unsigned long long steps, spikes, routed, learned_routed, in_flight_at_reset, systems;
};

/* the naive model's inputs of core b at step t: ext OR every route whose source
 * spiked d steps ago (and not before the last reset at t0) */
static size_t naive_inputs(const struct rsys *r, const uint8_t *hist, uint32_t total, uint32_t t,
                           uint32_t t0, uint32_t b, const uint32_t *ext, size_t n_ext,
                           uint32_t *list, struct stats *st)
{
    size_t n = 0, i;
    for (i = 0; i < n_ext; i++)
        list[n++] = ext[i];
    for (i = 0; i < r->n_routes; i++) {
        const struct lc_route *x = &r->routes[i];
        if (x->b != b || t < x->d || t - x->d < t0)
            continue;
        if (hist[(size_t)(t - x->d) * total + r->first[x->a] + x->k]) {
            list[n++] = x->j;
            st->routed++;
        }
    }
    return n;
}

static int check_random_system(uint64_t seed, uint32_t D, struct stats *st)
{
    struct rsys r;
    struct lc_system *sys = NULL;
    struct lc_sysref *s = NULL;
    struct lc_ref *naive[MAX_CORES] = {0};
    uint8_t *in[MAX_CORES] = {0}, *hist;
    uint32_t *ext[MAX_CORES], *list, *o_sys[MAX_CORES], *o_nv;
    size_t n_ext[MAX_CORES], n_sys[MAX_CORES];
    int8_t *w0[MAX_CORES];
    const uint32_t steps = 3 * D + 120;
    uint32_t c, t, t0 = 0, total, reset_at;
    uint64_t rng = seed;
    char msg[256];
    int bad = 0;

    if (random_system(seed, D, &r) != 0)
        return 1;
    total = r.first[r.C];
    reset_at = D + 30 + (uint32_t)lc_random_below(&rng, D + 40);
    hist = calloc((size_t)steps * total, 1);
    list = malloc((r.n_routes + 64) * sizeof *list);
    o_nv = malloc(64 * sizeof *o_nv);
    CHECK(hist && list && o_nv);
    CHECK_EQ(lc_system_create((const struct lc_net *const *)r.net, r.C, &sys), LC_OK);
    if (lc_system_add_routes(sys, r.routes, r.n_routes, msg, sizeof msg) != LC_OK) {
        printf("    seed %llu: %s\n", (unsigned long long)seed, msg);
        return 1;
    }
    CHECK_EQ(lc_sysref_create(sys, D, &s, msg, sizeof msg), LC_OK);
    for (c = 0; c < r.C; c++) {
        uint32_t m = r.net[c]->n_inputs;
        CHECK_EQ(lc_ref_create(r.net[c], &naive[c]), LC_OK);
        in[c] = calloc((size_t)steps * m, 1);
        ext[c] = malloc(2 * m * sizeof **ext);
        o_sys[c] = malloc(r.net[c]->n_neurons * sizeof **o_sys);
        w0[c] = malloc((size_t)m * r.net[c]->n_neurons);
        CHECK(in[c] && ext[c] && o_sys[c] && w0[c]);
        memcpy(w0[c], r.net[c]->w_in, (size_t)m * r.net[c]->n_neurons);
        lc_random_inputs(seed * 31 + c, m, steps, lc_random_below(&rng, 2) ? 0.05 : -1.0, in[c]);
    }
    for (t = 0; t < steps && !bad; t++) {
        if (t == reset_at) { /* a reset with spikes in flight */
            st->in_flight_at_reset += lc_sysref_in_flight(s);
            lc_sysref_reset_state(s);
            for (c = 0; c < r.C; c++)
                lc_ref_reset_state(naive[c]);
            t0 = t;
        }
        for (c = 0; c < r.C; c++)
            n_ext[c] = lc_random_index_list(&rng, in[c] + (size_t)t * r.net[c]->n_inputs,
                                            r.net[c]->n_inputs, ext[c]);
        CHECK_EQ(lc_sysref_step(s, (const uint32_t *const *)ext, n_ext, o_sys, n_sys), LC_OK);
        for (c = 0; c < r.C && !bad; c++) {
            size_t n_in = naive_inputs(&r, hist, total, t, t0, c, ext[c], n_ext[c], list, st);
            size_t n_out = 0, i;
            CHECK_EQ(lc_ref_step(naive[c], list, n_in, o_nv, &n_out), LC_OK);
            for (i = 0; i < n_out; i++)
                hist[(size_t)t * total + r.first[c] + o_nv[i]] = 1;
            st->spikes += n_out;
            if (n_out != n_sys[c] || memcmp(o_nv, o_sys[c], n_out * sizeof *o_nv)) {
                printf("    seed %llu D %u: core %u spikes differ at step %u (%zu vs %zu)\n",
                       (unsigned long long)seed, D, c, t, n_sys[c], n_out);
                bad = 1;
            }
        }
        st->steps++;
    }
    for (c = 0; c < r.C && !bad; c++)
        bad = same_core(naive[c], lc_sysref_core(s, c), seed, c);
    /* learning on routed axons: weights of axons that routes reach changed */
    for (c = 0; c < r.C; c++) {
        const struct lc_net *net = lc_ref_net(lc_sysref_core(s, c));
        size_t i;
        for (i = 0; i < r.n_routes; i++)
            if (r.routes[i].b == c &&
                memcmp(w0[c] + (size_t)r.routes[i].j * net->n_neurons,
                       net->w_in + (size_t)r.routes[i].j * net->n_neurons, net->n_neurons)) {
                st->learned_routed++;
                break;
            }
    }
    st->systems++;
    for (c = 0; c < r.C; c++) {
        lc_ref_free(naive[c]);
        free(in[c]);
        free(ext[c]);
        free(o_sys[c]);
        free(w0[c]);
    }
    free(hist);
    free(list);
    free(o_nv);
    lc_sysref_free(s);
    lc_system_free(sys);
    free_rsys(&r);
    return bad;
}

static int test_random_systems(void)
{
    static const uint32_t Ds[] = {1, 2, 5, 16, 64};
    struct stats st;
    uint64_t seed;
    size_t k;
    memset(&st, 0, sizeof st);
    for (k = 0; k < sizeof Ds / sizeof Ds[0]; k++)
        for (seed = 1; seed <= 40; seed++)
            if (check_random_system(seed + 1000 * k, Ds[k], &st))
                return 1;
    printf("  %llu random systems, %llu steps, %llu spikes, %llu routed arrivals, %llu in "
           "flight at the resets, learning changed routed axons in %llu cores\n",
           st.systems, st.steps, st.spikes, st.routed, st.in_flight_at_reset,
           st.learned_routed);
    CHECK(st.routed > 1000);
    CHECK(st.in_flight_at_reset > 100);
    CHECK(st.learned_routed > 20);
    return 0;
}

/* ---- routes rejected, duplicates ------------------------------------------------ */

static struct lc_system *two_cores(void)
{
    struct lc_net *nets[2] = {NULL, NULL};
    struct lc_system *sys = NULL;
    lc_net_create(4, 3, &nets[0]);
    lc_net_create(5, 2, &nets[1]);
    if (nets[0] && nets[1])
        lc_system_create((const struct lc_net *const *)nets, 2, &sys);
    lc_net_free(nets[0]);
    lc_net_free(nets[1]);
    return sys;
}

#define REJECT(a, k, b, j, d, text)                                                         \
    do {                                                                                \
        CHECK_EQ(lc_system_add_route(sys, a, k, b, j, d, msg, sizeof msg), LC_ERR_RANGE); \
        if (!strstr(msg, text)) {                                                       \
            printf("    message '%s' lacks '%s'\n", msg, text);                          \
            return 1;                                                                   \
        }                                                                               \
    } while (0)

static int test_rejected_routes(void)
{
    struct lc_system *sys = two_cores();
    struct lc_sysref *s = NULL;
    struct lc_route many[3] = {{0, 0, 1, 0, 1}, {1, 4, 0, 2, 3}, {0, 4, 1, 0, 1}};
    const struct lc_route *got;
    size_t n;
    char msg[256];
    CHECK(sys != NULL);
    REJECT(2, 0, 1, 0, 1, "route (2, 0, 1, 0, 1): core 2 does not exist (2 cores)");
    REJECT(0, 0, 7, 0, 1, "route (0, 0, 7, 0, 1): core 7 does not exist (2 cores)");
    REJECT(0, 4, 1, 0, 1, "route (0, 4, 1, 0, 1): neuron 4 does not exist in core 0 (4 neurons)");
    REJECT(1, 0, 1, 2, 1, "route (1, 0, 1, 2, 1): axon 2 does not exist in core 1 (2 axons)");
    REJECT(0, 0, 1, 0, 0, "route (0, 0, 1, 0, 0): delay 0 outside 1..65535");
    CHECK_EQ(lc_system_routes(sys, &n) == NULL, 1);
    CHECK_EQ(n, 0);
    /* many at once: all or none, the bad one named by its index */
    CHECK_EQ(lc_system_add_routes(sys, many, 3, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strstr(msg, "routes[2] = (0, 4, 1, 0, 1): neuron 4 does not exist in core 0") != NULL);
    lc_system_routes(sys, &n);
    CHECK_EQ(n, 0);
    CHECK_EQ(lc_system_add_routes(sys, many, 2, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_routes(sys, many, 2, msg, sizeof msg), LC_OK); /* duplicates */
    CHECK_EQ(lc_system_add_route(sys, 1, 4, 0, 2, 3, msg, sizeof msg), LC_OK);
    got = lc_system_routes(sys, &n);
    CHECK_EQ(n, 2);
    CHECK(got[0].a == 0 && got[1].a == 1 && got[1].d == 3);
    /* the same route with another delay is another route */
    CHECK_EQ(lc_system_add_route(sys, 1, 4, 0, 2, 40, msg, sizeof msg), LC_OK);
    lc_system_routes(sys, &n);
    CHECK_EQ(n, 3);
    /* a delay beyond the model's D is rejected when the model is made */
    CHECK_EQ(lc_sysref_create(sys, 16, &s, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(s == NULL);
    CHECK(strstr(msg, "route (1, 4, 0, 2, 40): delay 40 outside 1..16") != NULL);
    CHECK_EQ(lc_system_validate(sys, 40, msg, sizeof msg), LC_OK);
    /* a bad core is named */
    lc_system_core(sys, 1)->neuron[2].du = 5000;
    CHECK_EQ(lc_system_validate(sys, 40, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strstr(msg, "core 1: neuron[2].du = 5000 out of range 0..4096") != NULL);
    /* arguments */
    CHECK_EQ(lc_system_add_route(NULL, 0, 0, 0, 0, 1, msg, sizeof msg), LC_ERR_ARG);
    lc_system_free(sys);
    sys = (struct lc_system *)&n; /* any non-NULL value: it must be set to NULL */
    CHECK_EQ(lc_system_create(NULL, 1, &sys), LC_ERR_ARG);
    CHECK(sys == NULL);
    lc_system_free(NULL);
    return 0;
}


/* ---- system files ---------------------------------------------------------------- */

static const char *tmp_dir(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    fputs(text, f);
    return fclose(f) != 0;
}

#define NET1 "{\"n_neurons\": 1, \"n_inputs\": 1, \"core\": {\"w_shift\": 0},\n" \
             " \"neuron\": {\"du\": [4096], \"dv\": [4096], \"vth\": [0], \"bias\": [0], \"tref\": [0]},\n" \
             " \"w_in\": [[1]], \"w_rec\": [[0]]}"

static int test_system_file(void)
{
    char dir[256], sys_path[300], net_path[300], save_path[300], msg[512];
    struct lc_system *sys = NULL, *back = NULL;
    struct lc_sysref *s = NULL;
    const struct lc_route *r;
    static const int ext[] = {0, 4, -1};
    char sp[3][64];
    size_t n;

    snprintf(dir, sizeof dir, "%s/lc_test_system_%ld", tmp_dir(), (long)getpid());
    CHECK(mkdir(dir, 0700) == 0 || errno == EEXIST);
    snprintf(sys_path, sizeof sys_path, "%s/chain.json", dir);
    snprintf(net_path, sizeof net_path, "%s/relay.json", dir);
    snprintf(save_path, sizeof save_path, "%s/saved.json", dir);
    CHECK(write_text(net_path, NET1) == 0);
    /* the worked example: two inline cores and one from a file (relative path) */
    CHECK(write_text(sys_path, "{\"note\": \"the worked example of docs/system.md\",\n"
                               " \"cores\": [" NET1 ",\n" NET1 ",\n {\"file\": \"relay.json\"}],\n"
                               " \"routes\": [[0, 0, 1, 0, 2], [1, 0, 2, 0, 3], [0, 0, 2, 0, 1],\n"
                               "            [0, 0, 2, 0, 1]]}\n") == 0);
    CHECK_EQ(lc_system_load(sys_path, &sys, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_n_cores(sys), 3);
    r = lc_system_routes(sys, &n);
    CHECK_EQ(n, 3); /* the duplicate is the same route */
    CHECK(r[0].a == 0 && r[0].b == 1 && r[0].d == 2);
    CHECK_EQ(lc_sysref_create(sys, 16, &s, msg, sizeof msg), LC_OK);
    CHECK(run_relays(s, 12, ext, sp) == 0);
    CHECK(strcmp(sp[2], ".1...1...1..") == 0);
    lc_sysref_free(s);
    /* saved and read again: the same system */
    CHECK_EQ(lc_system_save(sys, save_path), LC_OK);
    CHECK_EQ(lc_system_load(save_path, &back, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_n_cores(back), 3);
    lc_system_routes(back, &n);
    CHECK_EQ(n, 3);
    CHECK(memcmp(lc_system_routes(back, &n), r, 3 * sizeof *r) == 0);
    CHECK_EQ(lc_system_core(back, 2)->w_in[0], 1);
    lc_system_free(back);
    lc_system_free(sys);
    /* a network file is a system of one core */
    CHECK_EQ(lc_system_load(net_path, &sys, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_n_cores(sys), 1);
    lc_system_routes(sys, &n);
    CHECK_EQ(n, 0);
    lc_system_free(sys);
    remove(save_path);
    remove(sys_path);
    remove(net_path);
    rmdir(dir);
    return 0;
}

struct bad_file {
    const char *text;
    int code;
    const char *msg;
};

static int test_bad_system_files(void)
{
    static const struct bad_file bad[] = {
        {"{\"cores\": 3}", LC_ERR_FORMAT, "line 1, column 11: cores: expected a list, got a number"},
        {"{\"cores\": []}", LC_ERR_FORMAT, "cores: expected 1..65536 cores, got 0"},
        {"{\"cores\": [" NET1 "], \"rutes\": []}", LC_ERR_FORMAT, "unknown key \"rutes\""},
        {"{\"cores\": [" NET1 ", 7]}", LC_ERR_FORMAT,
         "line 3, column 34: cores[1]: expected a network object, got a number"},
        {"{\"cores\": [" NET1 ",\n {\"n_neurons\": 1, \"n_inputs\": 1, \"colour\": 2}]}",
         LC_ERR_FORMAT, "line 4, column 34: cores[1]: unknown key \"colour\""},
        {"{\"cores\": [{\"n_neurons\": 1, \"n_inputs\": 1, \"core\": {\"w_shift\": 0},\n"
         " \"neuron\": {\"du\": [5000], \"dv\": [4096], \"vth\": [0], \"bias\": [0], \"tref\": [0]},\n"
         " \"w_in\": [[1]], \"w_rec\": [[0]]}]}",
         LC_ERR_RANGE, "line 2, column 20: cores[0]: neuron[0].du = 5000 out of range 0..4096"},
        {"{\"cores\": [{\"n_neurons\": 1, \"n_inputs\": 1,\n"
         " \"neuron\": {\"du\": [1, 2], \"dv\": [4096], \"vth\": [0], \"bias\": [0], \"tref\": [0]},\n"
         " \"w_in\": [[1]], \"w_rec\": [[0]]}]}",
         LC_ERR_FORMAT, "cores[0].neuron.du: expected 1 values, got 2"},
        {"{\"cores\": [" NET1 "],\n \"routes\": [[0, 0, 0, 0]]}", LC_ERR_FORMAT,
         "line 4, column 13: routes[0]: expected 5 values, got 4"},
        {"{\"cores\": [" NET1 "],\n \"routes\": [[0, 0, 0, 0, 1], [0, 0, 5, 0, 1]]}",
         LC_ERR_RANGE,
         "line 4, column 30: routes[1]: route (0, 0, 5, 0, 1): core 5 does not exist (1 cores)"},
        {"{\"cores\": [" NET1 "],\n \"routes\": [[0, 3, 0, 0, 1]]}", LC_ERR_RANGE,
         "routes[0]: route (0, 3, 0, 0, 1): neuron 3 does not exist in core 0 (1 neurons)"},
        {"{\"cores\": [" NET1 "],\n \"routes\": [[0, 0, 0, 9, 1]]}", LC_ERR_RANGE,
         "routes[0]: route (0, 0, 0, 9, 1): axon 9 does not exist in core 0 (1 axons)"},
        {"{\"cores\": [" NET1 "],\n \"routes\": [[0, 0, 0, 0, 0]]}", LC_ERR_RANGE,
         "routes[0]: route (0, 0, 0, 0, 0): delay 0 outside 1..65535"},
        {"{\"cores\": [" NET1 "],\n \"routes\": [[0, 0, 0, 0, -1]]}", LC_ERR_RANGE,
         "routes[0][4] = -1 out of range 0..4294967295"},
        {"{\"cores\": [" NET1 "],\n \"routes\": {}}", LC_ERR_FORMAT,
         "routes: expected a list, got an object"},
        {"{\"cores\": [{\"file\": \"no_such_net.json\"}]}", LC_ERR_NOTFOUND,
         "line 1, column 21: cores[0].file: "},
        {"{\"cores\": [{\"file\": 3}]}", LC_ERR_FORMAT, "cores[0].file: expected a file name"},
        {"{\"cores\": [{\"file\": \"x.json\", \"n_neurons\": 1}]}", LC_ERR_FORMAT,
         "cores[0]: unknown key \"n_neurons\""},
        {"[1]", LC_ERR_FORMAT, "a system must be a JSON object"},
    };
    char path[300], msg[512];
    size_t i;
    int failed = 0;
    snprintf(path, sizeof path, "%s/lc_test_bad_system_%ld.json", tmp_dir(), (long)getpid());
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct lc_system *sys = (struct lc_system *)&i;
        int rc;
        CHECK(write_text(path, bad[i].text) == 0);
        rc = lc_system_load(path, &sys, msg, sizeof msg);
        if (rc != bad[i].code || sys != NULL || !strstr(msg, bad[i].msg) ||
            strncmp(msg, path, strlen(path)) != 0) {
            printf("    bad file %zu: code %d (expected %d), message '%s', expected '%s'\n", i,
                   rc, bad[i].code, msg, bad[i].msg);
            failed = 1;
        }
    }
    remove(path);
    return failed;
}

/* ---- the device API ---------------------------------------------------------------- */

/* a random system on the 'ref' device (lc_load_system, lc_run_system in chunks,
 * lc_reset_state in the middle) against lc_sysref stepped here */
static int check_device_system(uint64_t seed)
{
    struct rsys r;
    struct lc_system *sys = NULL;
    struct lc_sysref *s = NULL;
    struct lc_device *dev = NULL;
    uint8_t *in[MAX_CORES], *out[MAX_CORES];
    uint32_t *ext[MAX_CORES], *o[MAX_CORES];
    size_t n_ext[MAX_CORES], n_o[MAX_CORES];
    const uint32_t steps = 200, D = 16;
    uint32_t c, t, i;
    char msg[256];

    if (random_system(seed, D, &r) != 0)
        return 1;
    CHECK_EQ(lc_system_create((const struct lc_net *const *)r.net, r.C, &sys), LC_OK);
    CHECK_EQ(lc_system_add_routes(sys, r.routes, r.n_routes, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_sysref_create(sys, D, &s, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_open("ref?delay=16&cores=6&n=64&m=32", &dev), LC_OK);
    CHECK_EQ(lc_load_system(dev, sys), LC_OK);
    CHECK_EQ(lc_loaded_cores(dev), r.C);
    for (c = 0; c < r.C; c++) {
        in[c] = calloc((size_t)steps * r.net[c]->n_inputs, 1);
        out[c] = calloc((size_t)steps * r.net[c]->n_neurons, 1);
        ext[c] = malloc(r.net[c]->n_inputs * sizeof **ext);
        o[c] = malloc(r.net[c]->n_neurons * sizeof **o);
        CHECK(in[c] && out[c] && ext[c] && o[c]);
        lc_random_inputs(seed * 7 + c, r.net[c]->n_inputs, steps, -1.0, in[c]);
    }
    /* the device: 3 chunks, a reset before the third */
    {
        const uint8_t *inp[MAX_CORES];
        uint8_t *outp[MAX_CORES];
        for (c = 0; c < r.C; c++) {
            inp[c] = in[c];
            outp[c] = out[c];
        }
        CHECK_EQ(lc_run_system(dev, 70, inp, outp), LC_OK);
        for (c = 0; c < r.C; c++) {
            inp[c] = in[c] + 70 * r.net[c]->n_inputs;
            outp[c] = out[c] + 70 * r.net[c]->n_neurons;
        }
        CHECK_EQ(lc_run_system(dev, 60, inp, outp), LC_OK);
        CHECK_EQ(lc_reset_state(dev), LC_OK);
        for (c = 0; c < r.C; c++) {
            inp[c] = in[c] + 130 * r.net[c]->n_inputs;
            outp[c] = out[c] + 130 * r.net[c]->n_neurons;
        }
        CHECK_EQ(lc_run_system(dev, steps - 130, inp, outp), LC_OK);
    }
    for (t = 0; t < steps; t++) {
        if (t == 130)
            lc_sysref_reset_state(s);
        for (c = 0; c < r.C; c++) {
            n_ext[c] = 0;
            for (i = 0; i < r.net[c]->n_inputs; i++)
                if (in[c][(size_t)t * r.net[c]->n_inputs + i])
                    ext[c][n_ext[c]++] = i;
        }
        CHECK_EQ(lc_sysref_step(s, (const uint32_t *const *)ext, n_ext, o, n_o), LC_OK);
        for (c = 0; c < r.C; c++) {
            uint32_t n = r.net[c]->n_neurons, cnt = 0;
            for (i = 0; i < n; i++)
                cnt += out[c][(size_t)t * n + i];
            for (i = 0; i < n_o[c]; i++)
                if (!out[c][(size_t)t * n + o[c][i]])
                    cnt = 0xFFFFFFFF;
            if (cnt != n_o[c]) {
                printf("    seed %llu: device core %u differs at step %u\n",
                       (unsigned long long)seed, c, t);
                return 1;
            }
        }
    }
    for (c = 0; c < r.C; c++) {
        const struct lc_net *net = lc_ref_net(lc_sysref_core(s, c));
        size_t n = net->n_neurons, m = net->n_inputs;
        int8_t *wi = malloc(m * n + 1), *wr = malloc(n * n);
        struct lc_neuron_state *st = malloc(n * sizeof *st);
        int32_t *x = malloc((m + 1) * sizeof *x);
        CHECK(wi && wr && st && x);
        CHECK_EQ(lc_read_core_weights(dev, c, wi, wr, NULL, NULL), LC_OK);
        CHECK_EQ(lc_read_core_state(dev, c, st, x), LC_OK);
        CHECK(memcmp(wi, net->w_in, m * n) == 0 && memcmp(wr, net->w_rec, n * n) == 0);
        CHECK(memcmp(st, lc_ref_state(lc_sysref_core(s, c)), n * sizeof *st) == 0);
        CHECK(memcmp(x, lc_ref_x_in(lc_sysref_core(s, c)), m * sizeof *x) == 0);
        free(wi);
        free(wr);
        free(st);
        free(x);
        free(in[c]);
        free(out[c]);
        free(ext[c]);
        free(o[c]);
    }
    CHECK_EQ(lc_read_core_state(dev, r.C, NULL, NULL), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "core") != NULL);
    lc_close(dev);
    lc_sysref_free(s);
    lc_system_free(sys);
    free_rsys(&r);
    return 0;
}

static int test_device_random_systems(void)
{
    uint64_t seed;
    for (seed = 1; seed <= 20; seed++)
        if (check_device_system(seed + 5000))
            return 1;
    return 0;
}

/* lc_run with global indices is lc_run_system; the worked example on the device */
static int test_device_worked_example(void)
{
    struct lc_system *sys = relays(3);
    struct lc_device *dev = NULL;
    struct lc_info info;
    uint8_t in0[12] = {1, 0, 0, 0, 1}, o0[12], o1[12], o2[12], gin[12 * 3] = {0}, gout[12 * 3];
    const uint8_t *in[3] = {in0, NULL, NULL};
    uint8_t *out[3] = {o0, o1, o2};
    struct lc_counters cnt;
    char msg[256];
    int t;
    CHECK(sys != NULL);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 1, 0, 2, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 1, 0, 2, 0, 3, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 2, 0, 1, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_open("ref", &dev), LC_OK);
    CHECK_EQ(lc_info(dev, &info), LC_OK);
    CHECK_EQ(info.n_cores, 1024);
    CHECK_EQ(info.max_delay, 64);
    CHECK_EQ(lc_load_system(dev, sys), LC_OK);
    CHECK_EQ(lc_run_system(dev, 12, in, out), LC_OK);
    for (t = 0; t < 12; t++) {
        CHECK_EQ(o0[t], t == 0 || t == 4);
        CHECK_EQ(o1[t], t == 2 || t == 6);
        CHECK_EQ(o2[t], t == 1 || t == 5 || t == 9);
    }
    CHECK_EQ(lc_counters(dev, &cnt), LC_OK);
    CHECK_EQ(cnt.spikes_out, 7);
    CHECK_EQ(cnt.spikes_in, 7); /* 2 external, 5 routed (the two at step 5 are one) */
    /* the same through lc_run: axon (core c, j) is global c + j, neuron likewise */
    CHECK_EQ(lc_reset_state(dev), LC_OK);
    gin[0] = gin[4 * 3] = 1;
    CHECK_EQ(lc_run(dev, 12, gin, gout), LC_OK);
    for (t = 0; t < 12; t++)
        CHECK(gout[t * 3] == o0[t] && gout[t * 3 + 1] == o1[t] && gout[t * 3 + 2] == o2[t]);
    lc_close(dev);
    lc_system_free(sys);
    return 0;
}

static int test_device_rejects(void)
{
    struct lc_system *sys = relays(3), *one = relays(1);
    struct lc_net *big = NULL;
    struct lc_device *dev = NULL;
    char msg[256];
    CHECK(sys && one);
    CHECK_EQ(lc_system_add_route(sys, 0, 0, 1, 0, 9, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_open("ref?delay=8", &dev), LC_OK);
    CHECK_EQ(lc_load_system(dev, sys), LC_ERR_RANGE);
    CHECK(strstr(lc_last_error(dev), "route (0, 0, 1, 0, 9): delay 9 outside 1..8") != NULL);
    CHECK_EQ(lc_loaded_cores(dev), 0);
    lc_close(dev);
    CHECK_EQ(lc_open("ref?cores=2", &dev), LC_OK);
    CHECK_EQ(lc_load_system(dev, sys), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "3 cores does not fit") != NULL);
    lc_close(dev);
    CHECK_EQ(lc_net_create(9, 1, &big), LC_OK);
    {
        const struct lc_net *nets[2] = {lc_system_core(one, 0), big};
        struct lc_system *two = NULL;
        CHECK_EQ(lc_system_create(nets, 2, &two), LC_OK);
        CHECK_EQ(lc_open("ref?n=8", &dev), LC_OK);
        CHECK_EQ(lc_load_system(dev, two), LC_ERR_SIZE);
        CHECK(strstr(lc_last_error(dev), "core 1 of 9 neurons") != NULL);
        CHECK_EQ(lc_load_system(dev, NULL), LC_ERR_ARG);
        lc_close(dev);
        lc_system_free(two);
    }
    /* a backend without systems: one core without routes works, more is refused */
    CHECK_EQ(lc_open("emu", &dev), LC_OK);
    CHECK_EQ(lc_load_system(dev, sys), LC_ERR_UNSUPPORTED);
    CHECK(strstr(lc_last_error(dev), "not supported by this backend") != NULL);
    CHECK_EQ(lc_load_system(dev, one), LC_OK);
    CHECK_EQ(lc_loaded_cores(dev), 1);
    {
        uint8_t in[4] = {1, 0, 1, 1}, out[4];
        const uint8_t *inp[1] = {in};
        uint8_t *outp[1] = {out};
        CHECK_EQ(lc_run_system(dev, 4, inp, outp), LC_OK);
        CHECK(out[0] == 1 && out[1] == 0 && out[2] == 1 && out[3] == 1);
    }
    lc_close(dev);
    lc_net_free(big);
    lc_system_free(sys);
    lc_system_free(one);
    return 0;
}

int main(void)
{
    printf("systems of cores (C model)\n");
    RUN(test_worked_example);
    RUN(test_self_route_and_reset);
    RUN(test_one_core_is_lc_ref);
    RUN(test_random_systems);
    RUN(test_rejected_routes);
    RUN(test_system_file);
    RUN(test_bad_system_files);
    RUN(test_device_worked_example);
    RUN(test_device_random_systems);
    RUN(test_device_rejects);
    return tu_summary("system");
}
