/* test_simsys.c : a system of cores behind the UART, end to end: the Verilator model
 * of a C-core board ('sim?cores=C', lc_board CORES = C, through its UART pins and the
 * host library's own protocol code) against the reference model of systems
 * (lc_sysref), bit for bit
 *   - random systems of 2..C cores of random sizes up to the board's N and M: fan-in,
 *     fan-out, self-routes, every delay 1..D, duplicates, learning on routed axons;
 *     spikes every step, weights, plasticity bits, state and input traces of every
 *     core at the end; a state reset with spikes in flight in the middle; lc_run_system
 *     and lc_stream in chunks;
 *   - the same with bit errors and byte losses on the wire (ber, drop);
 *   - output selection: unselected cores report nothing, the others are unchanged
 *     (their routed inputs from the unselected cores still arrive), fewer bytes;
 *   - a plain network on the system board, after a system (stale routes cleared);
 *   - routes and systems beyond the board rejected with a message naming them.
 * Prints the cycles per step of the system behind the link.
 * Usage: test_simsys [seeds [device]]   (default 12, "sim?cores=4"); needs
 * liblcsim_c4.so (make sim-libs); LC_SIM_OPTIONAL=1 reports 0 tests without it.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_random.h"
#include "lc_ref.h"
#include "lc_sysref.h"
#include "lifcore.h"
#include "test_util.h"

#define MAX_CORES 15

static unsigned n_seeds = 12;
static const char *device = "sim?cores=4";
static struct lc_info board;

struct rsys {
    uint32_t C;
    struct lc_net *net[MAX_CORES];
    struct lc_route *routes;
    size_t n_routes;
};

static void free_rsys(struct rsys *r)
{
    uint32_t c;
    for (c = 0; c < r->C; c++)
        lc_net_free(r->net[c]);
    free(r->routes);
    memset(r, 0, sizeof *r);
}

/* 2..cores cores of random sizes within the board; routes with fan-out (neuron 0 a
 * frequent source), fan-in (axon 0 a frequent target), every delay 1..D, duplicates,
 * a self-route per core; at most `cap` distinct routes */
static int random_system(uint64_t seed, uint32_t cores, uint32_t N, uint32_t M, uint32_t D,
                         size_t cap, struct rsys *r)
{
    uint64_t s = seed * 0x9E37u + 5;
    size_t n, i, room;
    uint32_t c;
    memset(r, 0, sizeof *r);
    r->C = 2 + (uint32_t)lc_random_below(&s, cores - 1);
    for (c = 0; c < r->C; c++) {
        uint32_t nn = N / 4 + (uint32_t)lc_random_below(&s, N - N / 4 + 1);
        uint32_t mm = 1 + (uint32_t)lc_random_below(&s, M);
        if (lc_random_net(seed * 100 + c, nn, mm, &r->net[c]) != LC_OK)
            return 1;
        if (r->net[c]->n_inputs == 0)
            return 1;
    }
    n = D + 10 + lc_random_below(&s, 100);
    room = (cap < 2 * n + r->C ? cap : 2 * n + r->C) - r->C;
    if (n > room)
        n = room;
    r->routes = malloc((room + r->C) * sizeof *r->routes);
    if (!r->routes)
        return 1;
    for (i = 0; i < n && r->n_routes < room; i++) {
        struct lc_route *x = &r->routes[r->n_routes++];
        x->a = (uint32_t)lc_random_below(&s, r->C);
        x->k = lc_random_below(&s, 4) == 0 ? 0
                                           : (uint32_t)lc_random_below(&s, r->net[x->a]->n_neurons);
        x->b = lc_random_below(&s, 5) == 0 ? x->a : (uint32_t)lc_random_below(&s, r->C);
        x->j = lc_random_below(&s, 4) == 0 ? 0
                                           : (uint32_t)lc_random_below(&s, r->net[x->b]->n_inputs);
        x->d = i < D ? (uint32_t)i + 1 : 1 + (uint32_t)lc_random_below(&s, D);
        if (lc_random_below(&s, 10) == 0 && r->n_routes < room) /* a duplicate */
            r->routes[r->n_routes++] = *x;
    }
    for (c = 0; c < r->C; c++) { /* a self-route per core */
        struct lc_route *x = &r->routes[r->n_routes++];
        x->a = x->b = c;
        x->k = (uint32_t)lc_random_below(&s, r->net[c]->n_neurons);
        x->j = (uint32_t)lc_random_below(&s, r->net[c]->n_inputs);
        x->d = 1 + (uint32_t)lc_random_below(&s, D);
    }
    return 0;
}

struct totals {
    unsigned long long systems, steps, spikes, in_flight_at_reset, learned_cores;
    unsigned long long cycles, core_cycles;
};

/* lc_stream over per-core dense inputs, in global indices */
struct dstream {
    const struct rsys *r;
    uint8_t **in, **out;
    uint32_t t0;
};

static int ds_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    const struct dstream *d = user;
    uint32_t c, j, first = 0;
    size_t k = 0;
    for (c = 0; c < d->r->C; c++) {
        uint32_t m = d->r->net[c]->n_inputs;
        for (j = 0; j < m && k < cap; j++)
            if (d->in[c][(size_t)(d->t0 + step) * m + j])
                idx[k++] = first + j;
        first += m;
    }
    *count = k;
    return 0;
}

static int ds_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    const struct dstream *d = user;
    uint32_t c = 0, first = 0;
    size_t k;
    for (k = 0; k < count; k++) {
        while (idx[k] >= first + d->r->net[c]->n_neurons)
            first += d->r->net[c++]->n_neurons;
        d->out[c][(size_t)(d->t0 + step) * d->r->net[c]->n_neurons + idx[k] - first] = 1;
    }
    return 0;
}

/* One random system on an open device: 3 chunks (lc_run_system, lc_stream,
 * lc_run_system), a state reset before the third; lc_sysref stepped alongside.
 * @p sel: NULL, or output selection flags (one per core of the system) */
static int check_system(struct lc_device *dev, uint64_t seed, const uint8_t *sel,
                        struct totals *tot)
{
    struct rsys r;
    struct lc_system *sys = NULL;
    struct lc_sysref *s = NULL;
    uint8_t *in[MAX_CORES], *out[MAX_CORES];
    uint32_t *ext[MAX_CORES], *o[MAX_CORES];
    size_t n_ext[MAX_CORES], n_o[MAX_CORES];
    uint64_t s64 = seed * 31 + 7;
    const uint32_t steps = 120, D = board.max_delay;
    const uint32_t t1 = 20 + (uint32_t)lc_random_below(&s64, 30);
    const uint32_t t2 = t1 + 10 + (uint32_t)lc_random_below(&s64, 40);
    uint32_t c, t, i;
    struct lc_counters cnt;
    char msg[256];
    int failed = 0;

    if (random_system(seed, board.n_cores, board.n_neurons, board.n_inputs, D, 240, &r) != 0)
        return 1;
    CHECK_EQ(lc_system_create((const struct lc_net *const *)r.net, r.C, &sys), LC_OK);
    CHECK_EQ(lc_system_add_routes(sys, r.routes, r.n_routes, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_sysref_create(sys, D, &s, msg, sizeof msg), LC_OK);
    if (lc_load_system(dev, sys) != LC_OK) {
        printf("    seed %llu: lc_load_system: %s\n", (unsigned long long)seed,
               lc_last_error(dev));
        return 1;
    }
    CHECK_EQ(lc_loaded_cores(dev), r.C);
    if (sel)
        CHECK_EQ(lc_select_output(dev, sel, r.C), LC_OK);
    CHECK_EQ(lc_clear_counters(dev), LC_OK);
    for (c = 0; c < r.C; c++) {
        in[c] = calloc((size_t)steps * r.net[c]->n_inputs, 1);
        out[c] = calloc((size_t)steps * r.net[c]->n_neurons, 1);
        ext[c] = malloc(r.net[c]->n_inputs * sizeof **ext);
        o[c] = malloc(r.net[c]->n_neurons * sizeof **o);
        CHECK(in[c] && out[c] && ext[c] && o[c]);
        lc_random_inputs(seed * 7 + c, r.net[c]->n_inputs, steps, -1.0, in[c]);
    }
    {
        const uint8_t *inp[MAX_CORES];
        uint8_t *outp[MAX_CORES];
        struct dstream d = {&r, in, out, t1};
        for (c = 0; c < r.C; c++) {
            inp[c] = in[c];
            outp[c] = out[c];
        }
        CHECK_EQ(lc_run_system(dev, t1, inp, outp), LC_OK);
        CHECK_EQ(lc_stream(dev, t2 - t1, ds_input, ds_output, &d), LC_OK);
        CHECK_EQ(lc_reset_state(dev), LC_OK);
        for (c = 0; c < r.C; c++) {
            inp[c] = in[c] + (size_t)t2 * r.net[c]->n_inputs;
            outp[c] = out[c] + (size_t)t2 * r.net[c]->n_neurons;
        }
        CHECK_EQ(lc_run_system(dev, steps - t2, inp, outp), LC_OK);
    }
    CHECK_EQ(lc_counters(dev, &cnt), LC_OK);
    tot->core_cycles += cnt.cycles;
    for (t = 0; t < steps && !failed; t++) {
        if (t == t2) {
            tot->in_flight_at_reset += lc_sysref_in_flight(s);
            lc_sysref_reset_state(s);
        }
        for (c = 0; c < r.C; c++) {
            n_ext[c] = 0;
            for (i = 0; i < r.net[c]->n_inputs; i++)
                if (in[c][(size_t)t * r.net[c]->n_inputs + i])
                    ext[c][n_ext[c]++] = i;
        }
        CHECK_EQ(lc_sysref_step(s, (const uint32_t *const *)ext, n_ext, o, n_o), LC_OK);
        for (c = 0; c < r.C; c++) {
            uint32_t n = r.net[c]->n_neurons, k = 0;
            int on = !sel || sel[c];
            for (i = 0; i < n && !failed; i++) {
                int want = on && k < n_o[c] && o[c][k] == i;
                if (on && k < n_o[c] && o[c][k] == i)
                    k++;
                if (out[c][(size_t)t * n + i] != want) {
                    printf("    seed %llu: core %u neuron %u at step %u: device %d, model %d%s\n",
                           (unsigned long long)seed, c, i, t, out[c][(size_t)t * n + i], want,
                           sel ? " (output selection)" : "");
                    failed = 1;
                }
            }
            tot->spikes += n_o[c];
        }
    }
    for (c = 0; c < r.C && !failed; c++) {
        const struct lc_net *net = lc_ref_net(lc_sysref_core(s, c));
        size_t n = net->n_neurons, m = net->n_inputs;
        int8_t *wi = malloc(m * n + 1), *wr = malloc(n * n);
        uint8_t *pi = malloc(m * n + 1), *pr = malloc(n * n);
        struct lc_neuron_state *st = malloc(n * sizeof *st);
        int32_t *x = malloc((m + 1) * sizeof *x);
        CHECK(wi && wr && pi && pr && st && x);
        CHECK_EQ(lc_read_core_weights(dev, c, wi, wr, pi, pr), LC_OK);
        CHECK_EQ(lc_read_core_state(dev, c, st, x), LC_OK);
        if (memcmp(wi, net->w_in, m * n) || memcmp(wr, net->w_rec, n * n) ||
            memcmp(pi, net->plastic_in, m * n) || memcmp(pr, net->plastic_rec, n * n)) {
            printf("    seed %llu: core %u: weights or plasticity differ at the end\n",
                   (unsigned long long)seed, c);
            failed = 1;
        }
        if (memcmp(st, lc_ref_state(lc_sysref_core(s, c)), n * sizeof *st) ||
            memcmp(x, lc_ref_x_in(lc_sysref_core(s, c)), m * sizeof *x)) {
            printf("    seed %llu: core %u: state or input traces differ at the end\n",
                   (unsigned long long)seed, c);
            failed = 1;
        }
        if (memcmp(net->w_in, r.net[c]->w_in, m * n) || memcmp(net->w_rec, r.net[c]->w_rec, n * n))
            tot->learned_cores++;
        free(wi);
        free(wr);
        free(pi);
        free(pr);
        free(st);
        free(x);
    }
    for (c = 0; c < r.C; c++) {
        free(in[c]);
        free(out[c]);
        free(ext[c]);
        free(o[c]);
    }
    tot->systems++;
    tot->steps += steps;
    lc_sysref_free(s);
    lc_system_free(sys);
    free_rsys(&r);
    if (failed)
        printf("    device %s\n", device);
    return failed;
}

static int run_seeds(const char *dev_str, uint64_t seed0, unsigned seeds, struct totals *tot,
                     struct lc_counters *c)
{
    struct lc_device *dev = NULL;
    unsigned k;
    int rc = lc_open(dev_str, &dev);
    if (rc != LC_OK) {
        printf("    lc_open(%s): %s: %s\n", dev_str, lc_strerror(rc), lc_last_error(NULL));
        return 1;
    }
    for (k = 0; k < seeds; k++)
        if (check_system(dev, seed0 + k, NULL, tot)) {
            lc_close(dev);
            return 1;
        }
    if (c)
        lc_counters(dev, c);
    lc_close(dev);
    return 0;
}

static int test_random_systems_through_the_uart(void)
{
    struct totals tot;
    memset(&tot, 0, sizeof tot);
    CHECK(run_seeds(device, 1, n_seeds, &tot, NULL) == 0);
    printf("    %llu systems, %llu steps, %llu spikes, %llu spikes in flight at the resets, "
           "learning changed %llu cores\n",
           tot.systems, tot.steps, tot.spikes, tot.in_flight_at_reset, tot.learned_cores);
    CHECK(tot.in_flight_at_reset > 0);
    CHECK(tot.learned_cores > 0);
    return 0;
}

static int test_random_systems_with_wire_faults(void)
{
    struct totals tot;
    struct lc_counters c;
    char dev_str[256];
    memset(&tot, 0, sizeof tot);
    snprintf(dev_str, sizeof dev_str, "%s&ber=1e-4&drop=1e-4&seed=5", device);
    CHECK(run_seeds(dev_str, 1000, n_seeds / 3 ? n_seeds / 3 : 1, &tot, &c) == 0);
    printf("    %s: %llu systems; faults since the last load: crc %llu, retransmits %llu, "
           "timeouts %llu\n",
           dev_str, tot.systems, (unsigned long long)c.crc_errors,
           (unsigned long long)c.retransmits, (unsigned long long)c.timeouts);
    CHECK(c.crc_errors + c.retransmits + c.timeouts > 0);
    return 0;
}

static int test_output_selection(void)
{
    struct lc_device *dev = NULL;
    struct totals tot;
    uint8_t sel[MAX_CORES];
    unsigned k;
    memset(&tot, 0, sizeof tot);
    CHECK_EQ(lc_open(device, &dev), LC_OK);
    for (k = 0; k < 3; k++) {
        uint32_t c;
        for (c = 0; c < MAX_CORES; c++)
            sel[c] = (uint8_t)((c + k) % 2);
        CHECK(check_system(dev, 300 + k, sel, &tot) == 0);
    }
    /* the wrong number of flags */
    CHECK_EQ(lc_select_output(dev, sel, 99), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "99 flags") != NULL);
    lc_close(dev);
    return 0;
}

/* a network alone on the system board: core 0, the others and the router cleared */
static int test_network_on_a_system_board(void)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    struct lc_ref *ref = NULL;
    struct totals tot;
    const uint32_t steps = 80;
    uint8_t *in, *out, *want;
    uint32_t *idx, *oidx, t, i;
    size_t k, no;
    memset(&tot, 0, sizeof tot);
    CHECK_EQ(lc_open(device, &dev), LC_OK);
    CHECK(check_system(dev, 77, NULL, &tot) == 0); /* leaves routes and cores behind */
    CHECK_EQ(lc_random_net(78, board.n_neurons, board.n_inputs, &net), LC_OK);
    CHECK_EQ(lc_load(dev, net), LC_OK);
    CHECK_EQ(lc_loaded_cores(dev), 1);
    CHECK_EQ(lc_ref_create(net, &ref), LC_OK);
    in = calloc((size_t)steps * net->n_inputs + 1, 1);
    out = calloc((size_t)steps * net->n_neurons, 1);
    want = calloc((size_t)steps * net->n_neurons, 1);
    idx = malloc((net->n_inputs + 1) * sizeof *idx);
    oidx = malloc(net->n_neurons * sizeof *oidx);
    CHECK(in && out && want && idx && oidx);
    lc_random_inputs(79, net->n_inputs, steps, -1.0, in);
    CHECK_EQ(lc_run(dev, steps, in, out), LC_OK);
    for (t = 0; t < steps; t++) {
        for (i = 0, k = 0; i < net->n_inputs; i++)
            if (in[(size_t)t * net->n_inputs + i])
                idx[k++] = i;
        CHECK_EQ(lc_ref_step(ref, idx, k, oidx, &no), LC_OK);
        for (i = 0; i < no; i++)
            want[(size_t)t * net->n_neurons + oidx[i]] = 1;
    }
    CHECK(memcmp(out, want, (size_t)steps * net->n_neurons) == 0);
    free(in);
    free(out);
    free(want);
    free(idx);
    free(oidx);
    lc_ref_free(ref);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

static struct lc_system *small_system(uint32_t cores, uint32_t n, uint32_t m)
{
    struct lc_net *nets[MAX_CORES] = {NULL};
    struct lc_system *sys = NULL;
    uint32_t c;
    if (cores > MAX_CORES)
        return NULL;
    for (c = 0; c < cores; c++)
        if (lc_net_create(n, m, &nets[c]) != LC_OK)
            return NULL;
    lc_system_create((const struct lc_net *const *)nets, cores, &sys);
    for (c = 0; c < cores; c++)
        lc_net_free(nets[c]);
    return sys;
}

static int test_rejections(void)
{
    struct lc_device *dev = NULL;
    struct lc_system *sys;
    char msg[256], want[128];
    uint32_t k, j;
    CHECK_EQ(lc_open(device, &dev), LC_OK);
    /* a delay beyond the board's D */
    sys = small_system(2, 8, 4);
    CHECK(sys != NULL);
    CHECK_EQ(lc_system_add_route(sys, 0, 3, 1, 2, board.max_delay + 1, msg, sizeof msg), LC_OK);
    CHECK(lc_load_system(dev, sys) != LC_OK);
    snprintf(want, sizeof want, "%u", board.max_delay + 1);
    CHECK(strstr(lc_last_error(dev), "delay") != NULL && strstr(lc_last_error(dev), want));
    printf("    %s\n", lc_last_error(dev));
    lc_system_free(sys);
    /* more cores than the board */
    sys = small_system(board.n_cores + 1, 8, 4);
    CHECK(sys != NULL);
    CHECK_EQ(lc_load_system(dev, sys), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "cores") != NULL);
    printf("    %s\n", lc_last_error(dev));
    lc_system_free(sys);
    /* a core larger than the board's N, and one with more inputs than its M */
    sys = small_system(2, board.n_neurons + 1, 4);
    CHECK(sys != NULL);
    CHECK_EQ(lc_load_system(dev, sys), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "core 0") != NULL);
    printf("    %s\n", lc_last_error(dev));
    lc_system_free(sys);
    sys = small_system(2, 8, board.n_inputs + 1);
    CHECK(sys != NULL);
    CHECK_EQ(lc_load_system(dev, sys), LC_ERR_SIZE);
    printf("    %s\n", lc_last_error(dev));
    lc_system_free(sys);
    /* a route from a neuron or to an axon the core does not have */
    sys = small_system(2, 8, 4);
    CHECK(sys != NULL);
    CHECK(lc_system_add_route(sys, 0, 8, 1, 0, 1, msg, sizeof msg) != LC_OK);
    CHECK(strstr(msg, "8") != NULL);
    printf("    %s\n", msg);
    CHECK(lc_system_add_route(sys, 0, 0, 1, 4, 1, msg, sizeof msg) != LC_OK);
    printf("    %s\n", msg);
    CHECK(lc_system_add_route(sys, 0, 0, 2, 0, 1, msg, sizeof msg) != LC_OK);
    printf("    %s\n", msg);
    lc_system_free(sys);
    /* more routes than the routing table holds */
    sys = small_system(2, board.n_neurons, board.n_inputs);
    CHECK(sys != NULL);
    for (k = 0; k < board.n_neurons; k++)
        for (j = 0; j < board.n_inputs && k * board.n_inputs + j < 1100; j++)
            CHECK_EQ(lc_system_add_route(sys, 0, k, 1, j, 1 + (k + j) % board.max_delay, msg,
                                         sizeof msg),
                     LC_OK);
    CHECK_EQ(lc_load_system(dev, sys), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "routes") != NULL &&
          strstr(lc_last_error(dev), "routing table") != NULL);
    printf("    %s\n", lc_last_error(dev));
    lc_system_free(sys);
    /* the board still works after the refusals */
    {
        struct totals tot;
        memset(&tot, 0, sizeof tot);
        CHECK(check_system(dev, 91, NULL, &tot) == 0);
    }
    lc_close(dev);
    /* a one-core board refuses a system */
    return 0;
}

static int test_sim_cores_option(void)
{
    struct lc_device *dev = NULL;
    CHECK_EQ(lc_open("sim?cores=16", &dev), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(NULL), "cores") != NULL);
    CHECK_EQ(lc_open("sim?cores=4&lib=/nonexistent/liblcsim_c4.so", &dev), LC_ERR_NOTFOUND);
    CHECK(strstr(lc_last_error(NULL), "/nonexistent/liblcsim_c4.so") != NULL);
    return 0;
}

/* cycles per step of the system behind the link: the sim's clock over a stream,
 * against the slowest core's own cycles (lc_counters) */
static int test_overhead_figures(void)
{
    struct lc_device *dev = NULL;
    struct lc_system *sys = NULL;
    struct lc_counters c;
    struct lc_link_stats ls;
    struct lc_net *nets[MAX_CORES];
    uint8_t *in[MAX_CORES], *out[MAX_CORES];
    const uint32_t steps = 300;
    uint32_t k, C = board.n_cores;
    char msg[256];
    CHECK_EQ(lc_open(device, &dev), LC_OK);
    for (k = 0; k < C; k++) {
        CHECK_EQ(lc_random_net(900 + k, board.n_neurons, board.n_inputs, &nets[k]), LC_OK);
        in[k] = calloc((size_t)steps * nets[k]->n_inputs, 1);
        out[k] = calloc((size_t)steps * nets[k]->n_neurons, 1);
        CHECK(in[k] && out[k]);
        lc_random_inputs(950 + k, nets[k]->n_inputs, steps, 0.1, in[k]);
    }
    CHECK_EQ(lc_system_create((const struct lc_net *const *)nets, C, &sys), LC_OK);
    for (k = 0; k < C; k++) { /* a ring: neuron i of core k to axon i of core k+1 */
        uint32_t b = (k + 1) % C, i;
        for (i = 0; i < nets[k]->n_neurons && i < nets[b]->n_inputs; i++)
            CHECK_EQ(lc_system_add_route(sys, k, i, b, i, 1 + i % board.max_delay, msg,
                                         sizeof msg),
                     LC_OK);
    }
    CHECK_EQ(lc_load_system(dev, sys), LC_OK);
    CHECK_EQ(lc_clear_counters(dev), LC_OK);
    CHECK_EQ(lc_run_system(dev, steps, (const uint8_t *const *)in, out), LC_OK);
    CHECK_EQ(lc_counters(dev, &c), LC_OK);
    CHECK_EQ(lc_link_stats(dev, &ls), LC_OK);
    printf("    %u cores (N, M up to %u, %u), 10%% input: %.1f board cycles per step through the link "
           "(%.0f steps/s at %.0f MHz), the slowest core's own %.1f\n",
           C, board.n_neurons, board.n_inputs,
           (double)ls.link_ns * 1e-9 * board.clock_hz / steps,
           steps / ((double)ls.link_ns * 1e-9), board.clock_hz / 1e6,
           (double)c.cycles / (double)c.steps);
    for (k = 0; k < C; k++) {
        lc_net_free(nets[k]);
        free(in[k]);
        free(out[k]);
    }
    lc_system_free(sys);
    lc_close(dev);
    return 0;
}

int main(int argc, char **argv)
{
    struct lc_device *dev = NULL;
    int rc;
    if (argc > 1)
        n_seeds = (unsigned)strtoul(argv[1], NULL, 10);
    if (argc > 2)
        device = argv[2];
    rc = lc_open(device, &dev);
    if (rc != LC_OK) {
        const char *opt = getenv("LC_SIM_OPTIONAL");
        printf("simsys: cannot open %s: %s\n", device, lc_last_error(NULL));
        if (opt && strcmp(opt, "1") == 0) {
            printf("simsys: 0 passed, 0 failed (no system board model)\n");
            return 0;
        }
        printf("simsys: 0 passed, 1 failed\n");
        return 1;
    }
    lc_info(dev, &board);
    lc_close(dev);
    printf("simsys: %s: %u cores of N %u M %u P %u, D %u, %u MHz, %u baud, %u seeds\n", device,
           board.n_cores, board.n_neurons, board.n_inputs, board.lanes, board.max_delay,
           board.clock_hz / 1000000, board.baud, n_seeds);
    RUN(test_sim_cores_option);
    RUN(test_random_systems_through_the_uart);
    RUN(test_random_systems_with_wire_faults);
    RUN(test_output_selection);
    RUN(test_network_on_a_system_board);
    RUN(test_rejections);
    RUN(test_overhead_figures);
    return tu_summary("simsys");
}
