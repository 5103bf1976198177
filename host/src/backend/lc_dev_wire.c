/* lc_dev_wire.c : the wire backend ('sim', 'serial', 'emu'): device operations as
 * link commands (lc_link.h) on the core's configuration address space
 * (docs/architecture.md, docs/protocol.md).
 *
 * Loading writes the core registers, the parameters of every neuron of the
 * device (zeros beyond the network), the synapses and a state reset, then
 * waits for a SYNC. Synapse addresses are those of lc_geom.h; a row
 * is written as one WRITE over its address range (the core ignores the
 * addresses of missing lanes; they get a 0). A load starts with the core's
 * "clear everything" command (LC_CMD_CLEAR_ALL of LC_CORE_CMD: weights, plasticity bits,
 * parameters and state to zero), so only the network's own nonzero rows and
 * parameters are sent afterwards.
 *
 * A board of a system of cores (protocol version 2, rtl/system/README.md): every
 * address carries its target in bits 31..28 (core c, or the router at target C of the
 * board); a system is loaded core by core as above, then the router's table (entries
 * sorted by source, one index word per source), and STEP records carry {core, index}
 * (lc_link_geom nw, mw), mapped here from and to the device layer's global indices.
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_dev.h"
#include "lc_geom.h"
#include "lc_link.h"

/* bytes a WRITE or READ item needs for a field of `bits` bits */
#define BYTES(bits) (((bits) + 7) / 8)
/* the core registers written at a load (w_shift..learning) and read as counters */
#define CORE_NPARAMS (LC_CORE_LEARNING + 1 - LC_CORE_W_SHIFT)
#define CORE_NCOUNTS (LC_CORE_DROPPED + 1 - LC_CORE_STEPS)
#define LINK_CNT_MASK ((1u << LC_LINK_COUNTER_BITS) - 1)
/* a system's targets (addr[31:28]): core c, the router at the board's cores; the
 * router's map (lifcore_map.h LC_ROUTER_*, rtl/system/README.md) */
#define TGT(c) ((uint32_t)(c) << LC_TARGET_SHIFT)
#define ROUTER_REGS LC_ROUTER_REGS
#define ROUTER_INDEX LC_ROUTER_INDEX
#define ROUTER_ENTRY LC_ROUTER_ENTRY
#define ROUTER_SELECT LC_ROUTER_REG_SELECT
#define ROUTER_CMD LC_ROUTER_REG_CMD
#define ROUTER_CMD_CLEAR_RINGS LC_ROUTER_CMD_CLEAR_RINGS
#define ROUTER_CMD_CLEAR_TABLE LC_ROUTER_CMD_CLEAR_TABLE

struct wire_be {
    struct lc_link *link;
    /* the device's link counters are 16 bits wide: each read adds the distance
     * from the previous read, so totals stay exact as long as fewer than 65,536
     * events of one kind happen between two lc_counters() calls */
    uint32_t lnk_last[LC_LINK_NCOUNTERS];
    uint64_t lnk_total[LC_LINK_NCOUNTERS];
    struct lc_geom geom;   /* synapse addresses */
    uint64_t load_ns;      /* transport time of the last load */
    uint32_t *buf;         /* scratch values */
    size_t buf_cap;
    /* device counters at the last clear are zero; the link counters wrap */
    struct lc_device *dev;
    uint32_t net_n;        /* output guard */
    int sys;               /* a board of a system of cores (protocol version 2) */
    uint32_t cores, router; /* the board's cores; the router's target (= cores) */
    lc_input_fn in_fn;
    lc_output_fn out_fn;
    void *user;
    int out_bad;
    uint32_t *map;         /* a system's output in global indices */
};

static int link_fail(struct lc_device *dev, int rc, const char *what)
{
    struct wire_be *b = dev->be;
    return lc_dev_fail(dev, rc, "%s: %s", what, lc_link_error(b->link));
}

static uint32_t *scratch(struct wire_be *b, size_t n)
{
    if (n > b->buf_cap) {
        uint32_t *p = realloc(b->buf, n * sizeof *p);
        if (!p)
            return NULL;
        b->buf = p;
        b->buf_cap = n;
    }
    return b->buf;
}

static int write_row(struct lc_device *dev, uint32_t tgt, uint32_t row, uint32_t cols,
                     const int8_t *w, const uint8_t *plastic, uint32_t have)
{
    struct wire_be *b = dev->be;
    uint32_t span = lc_row_span(&b->geom, cols), c;
    uint32_t *v = scratch(b, span ? span : 1);
    unsigned bytes = 1;
    if (!v)
        return lc_dev_fail(dev, LC_ERR_MEM, "lc_load: out of memory");
    memset(v, 0, (size_t)span * sizeof *v);
    for (c = 0; c < have && c < cols; c++) {
        v[lc_syn_col(&b->geom, c)] = (uint8_t)w[c] | (uint32_t)(plastic[c] ? 1u << LC_SYN_PLASTIC_BIT : 0);
        if (plastic[c])
            bytes = 2;
    }
    if (span == 0)
        return LC_OK;
    return lc_link_write(b->link, tgt | lc_syn_addr(&b->geom, row, 0), 1, span, bytes, v);
}

static int row_is_zero(const int8_t *w, const uint8_t *plastic, uint32_t n)
{
    uint32_t c;
    for (c = 0; c < n; c++)
        if (w[c] || plastic[c])
            return 0;
    return 1;
}

/* queue the load of @p net into core @p core (its target), ending with its state reset */
static int load_core(struct lc_device *dev, uint32_t core, const struct lc_net *net)
{
    struct wire_be *b = dev->be;
    const struct lc_link_geom *g = lc_link_geom(b->link);
    const struct lc_core_params *c = &net->core;
    uint32_t n = net->n_neurons, m = net->n_inputs, i;
    uint32_t *v = scratch(b, g->n > 32 ? g->n : 32);
    uint32_t clear = LC_CMD_CLEAR_ALL, T = TGT(core);
    int rc;

    if (!v)
        return lc_dev_fail(dev, LC_ERR_MEM, "lc_load: out of memory");
    rc = lc_link_write(b->link, T | (LC_REG_CORE + LC_CORE_CMD), 1, 1, 1, &clear);
    /* core registers: the load is not finished until the SYNC below */
    if (rc == LC_OK) {
        uint32_t core[CORE_NPARAMS] = {(uint32_t)c->w_shift, (uint32_t)c->v_reset, (uint32_t)c->theta_plus,
                            (uint32_t)c->d_theta, (uint32_t)c->dx,      (uint32_t)c->dy,
                            (uint32_t)c->x_imp,   (uint32_t)c->y_imp,   (uint32_t)c->learning};
        const struct lc_stdp *s[2] = {&c->stdp_in, &c->stdp_rec};
        rc = lc_link_write(b->link, T | (LC_REG_CORE + LC_CORE_W_SHIFT), 1, CORE_NPARAMS, 4, core);
        for (i = 0; i < 2 && rc == LC_OK; i++) {
            uint32_t st[LC_STDP_COUNT] = {(uint32_t)s[i]->a_plus,  (uint32_t)s[i]->a_minus,
                              (uint32_t)s[i]->s_plus,  (uint32_t)s[i]->s_minus,
                              (uint32_t)s[i]->w_min,   (uint32_t)s[i]->w_max};
            rc = lc_link_write(b->link, T | (LC_REG_CORE + (i ? LC_CORE_STDP_REC : LC_CORE_STDP_IN)), 1,
                               LC_STDP_COUNT, 4, st);
        }
    }
    /* neuron parameters, one field of every neuron per WRITE (stride LC_NEURON_STRIDE) */
    {
        static const unsigned bytes[LC_PARAM_COUNT] = {
            BYTES(LC_PARAM_DU_BITS), BYTES(LC_PARAM_DV_BITS), BYTES(LC_PARAM_VTH_BITS),
            BYTES(LC_PARAM_BIAS_BITS), BYTES(LC_PARAM_TREF_BITS)};
        unsigned f;
        for (f = 0; f < LC_PARAM_COUNT && rc == LC_OK; f++) {
            for (i = 0; i < n; i++) {
                const struct lc_neuron_params *p = &net->neuron[i];
                int32_t x = f == LC_PARAM_DU ? p->du : f == LC_PARAM_DV ? p->dv
                          : f == LC_PARAM_VTH ? p->vth : f == LC_PARAM_BIAS ? p->bias : p->tref;
                v[i] = (uint32_t)x & (bytes[f] == 3 ? 0xFFFFFFu : 0xFFFFFFFFu);
            }
            rc = lc_link_write(b->link, T | (LC_REG_PARAM + f), LC_NEURON_STRIDE, n, bytes[f], v);
            v = b->buf;
        }
    }
    /* synapses: recurrent rows, then input rows; all-zero rows stay cleared */
    for (i = 0; i < n && rc == LC_OK; i++)
        if (!row_is_zero(net->w_rec + (size_t)i * n, net->plastic_rec + (size_t)i * n, n))
            rc = write_row(dev, T, i, n, net->w_rec + (size_t)i * n,
                           net->plastic_rec + (size_t)i * n, n);
    for (i = 0; i < m && rc == LC_OK; i++)
        if (!row_is_zero(net->w_in + (size_t)i * n, net->plastic_in + (size_t)i * n, n))
            rc = write_row(dev, T, g->n + i, n, net->w_in + (size_t)i * n,
                           net->plastic_in + (size_t)i * n, n);
    if (rc == LC_OK) {
        uint32_t cmd = LC_CMD_RESET_STATE;
        rc = lc_link_write(b->link, T | (LC_REG_CORE + LC_CORE_CMD), 1, 1, 1, &cmd);
    }
    return rc;
}

/* a system board: clear the router (table, spikes in flight), clear every core from
 * @p from on, select every core's output */
static int sys_clear(struct lc_device *dev, uint32_t from)
{
    struct wire_be *b = dev->be;
    uint32_t cmd = ROUTER_CMD_CLEAR_TABLE | ROUTER_CMD_CLEAR_RINGS, clear = LC_CMD_CLEAR_ALL;
    uint32_t all = 0xFFFFFFFFu, c;
    int rc = lc_link_write(b->link, TGT(b->router) | ROUTER_REGS | ROUTER_CMD, 1, 1, 1, &cmd);
    if (rc == LC_OK)
        rc = lc_link_write(b->link, TGT(b->router) | ROUTER_REGS | ROUTER_SELECT, 1, 1, 4, &all);
    for (c = from; c < b->cores && rc == LC_OK; c++)
        rc = lc_link_write(b->link, TGT(c) | (LC_REG_CORE + LC_CORE_CMD), 1, 1, 1, &clear);
    return rc;
}

static int wire_load(struct lc_device *dev, const struct lc_net *net)
{
    struct wire_be *b = dev->be;
    uint64_t t0 = lc_link_now_ns(b->link);
    int rc = b->sys ? sys_clear(dev, 1) : LC_OK;
    if (rc == LC_OK)
        rc = load_core(dev, 0, net);
    if (rc == LC_OK)
        rc = lc_link_sync(b->link);
    if (rc != LC_OK)
        return dev->detail[0] ? rc : link_fail(dev, rc, "lc_load");
    b->load_ns = lc_link_now_ns(b->link) - t0;
    return LC_OK;
}

static int wire_load_system(struct lc_device *dev, const struct lc_system *sys)
{
    struct wire_be *b = dev->be;
    const struct lc_link_geom *g = lc_link_geom(b->link);
    uint32_t C = lc_system_n_cores(sys), c, *v;
    size_t R, r, r0;
    const struct lc_route *rt = lc_system_routes(sys, &R);
    uint64_t t0 = lc_link_now_ns(b->link);
    int rc = LC_OK;

    if (!b->sys) /* a one-core board: the device layer let one core without routes by */
        return wire_load(dev, lc_system_core((struct lc_system *)sys, 0));
    if (R > g->routes)
        return lc_dev_fail(dev, LC_ERR_SIZE,
                           "lc_load_system: %zu routes do not fit device '%s' (a routing table "
                           "of %" PRIu32 " entries)",
                           R, dev->info.backend, g->routes);
    for (r = 0; r < R; r++) /* the device layer has validated them; the RTL does not */
        if (rt[r].a >= b->cores || rt[r].b >= b->cores || rt[r].k >= g->n || rt[r].j >= g->m ||
            rt[r].d < 1 || rt[r].d > g->max_delay)
            return lc_dev_fail(dev, LC_ERR_RANGE,
                               "lc_load_system: route (%" PRIu32 ", %" PRIu32 ", %" PRIu32
                               ", %" PRIu32 ", %" PRIu32 ") does not fit device '%s' (%" PRIu32
                               " cores of N %" PRIu32 ", M %" PRIu32 ", D %" PRIu32 ")",
                               rt[r].a, rt[r].k, rt[r].b, rt[r].j, rt[r].d, dev->info.backend,
                               b->cores, g->n, g->m, g->max_delay);
    rc = sys_clear(dev, C);
    for (c = 0; c < C && rc == LC_OK; c++)
        rc = load_core(dev, c, lc_system_core((struct lc_system *)sys, c));
    /* the routing table: entries in source order, then one index word per source */
    if (rc == LC_OK && R > 0) {
        v = scratch(b, R);
        if (!v)
            return lc_dev_fail(dev, LC_ERR_MEM, "lc_load_system: out of memory");
        for (r = 0; r < R; r++)
            v[r] = rt[r].d << LC_ROUTER_ENTRY_DELAY_SHIFT | rt[r].b << LC_ROUTER_ENTRY_CORE_SHIFT |
                   rt[r].j;
        rc = lc_link_write(b->link, TGT(b->router) | ROUTER_ENTRY, 1, (uint32_t)R, 4, v);
        for (r0 = 0; r0 < R && rc == LC_OK; r0 = r) {
            uint32_t w;
            for (r = r0; r < R && rt[r].a == rt[r0].a && rt[r].k == rt[r0].k; r++)
                ;
            w = (uint32_t)(r - r0) << LC_ROUTER_INDEX_COUNT_SHIFT | (uint32_t)r0;
            rc = lc_link_write(b->link,
                               TGT(b->router) | ROUTER_INDEX |
                                   rt[r0].a << LC_ROUTER_INDEX_CORE_SHIFT | rt[r0].k,
                               1, 1, 4, &w);
        }
    }
    if (rc == LC_OK)
        rc = lc_link_sync(b->link);
    if (rc != LC_OK)
        return dev->detail[0] ? rc : link_fail(dev, rc, "lc_load_system");
    b->load_ns = lc_link_now_ns(b->link) - t0;
    return LC_OK;
}

static int wire_reset_state(struct lc_device *dev)
{
    struct wire_be *b = dev->be;
    uint32_t cmd = LC_CMD_RESET_STATE, rcmd = ROUTER_CMD_CLEAR_RINGS, c;
    int rc = LC_OK;
    /* a system: every core's state and the spikes in flight (lc_sysref_reset_state) */
    for (c = 0; c < b->cores && rc == LC_OK; c++)
        rc = lc_link_write(b->link, TGT(c) | (LC_REG_CORE + LC_CORE_CMD), 1, 1, 1, &cmd);
    if (rc == LC_OK && b->sys)
        rc = lc_link_write(b->link, TGT(b->router) | ROUTER_REGS | ROUTER_CMD, 1, 1, 1, &rcmd);
    if (rc == LC_OK)
        rc = lc_link_sync(b->link);
    return rc != LC_OK ? link_fail(dev, rc, "lc_reset_state") : LC_OK;
}

/* a system board's output {core, neuron} to global indices, in place (ascending stays
 * ascending); -1 for a neuron the loaded system does not have */
static int sys_output(struct wire_be *b, uint32_t *idx, size_t count, uint32_t *bad)
{
    const struct lc_link_geom *g = lc_link_geom(b->link);
    const struct lc_device *dev = b->dev;
    size_t i;
    for (i = 0; i < count; i++) {
        uint32_t c = idx[i] >> g->nw, k = idx[i] & ((1u << g->nw) - 1);
        if (c >= dev->n_cores || k >= dev->first_n[c + 1] - dev->first_n[c]) {
            *bad = idx[i];
            return -1;
        }
        idx[i] = dev->first_n[c] + k;
    }
    return 0;
}

static int guard_output(void *user, uint64_t step, const uint32_t *idx_in, size_t count)
{
    struct wire_be *b = user;
    const struct lc_link_geom *g = lc_link_geom(b->link);
    const uint32_t *idx = idx_in;
    if (b->sys && count) {
        uint32_t *gi = b->map, bad = 0;
        memcpy(gi, idx_in, count * sizeof *gi);
        if (sys_output(b, gi, count, &bad) < 0) {
            lc_dev_fail(b->dev, LC_ERR_PROTO,
                        "lc_stream: step %" PRIu64 ": the device reports neuron %" PRIu32
                        " of core %" PRIu32 " spiking, beyond the loaded system",
                        step, bad & ((1u << g->nw) - 1), bad >> g->nw);
            b->out_bad = 1;
            return -1;
        }
        idx = gi;
    }
    if (count && idx[count - 1] >= b->net_n) {
        lc_dev_fail(b->dev, LC_ERR_PROTO,
                    "lc_stream: step %" PRIu64 ": the device reports neuron %" PRIu32
                    " spiking, beyond the network's %" PRIu32 " neurons",
                    step, idx[count - 1], b->net_n);
        b->out_bad = 1;
        return -1;
    }
    return b->out_fn ? b->out_fn(b->user, step, idx, count) : 0;
}

static int pass_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    struct wire_be *b = user;
    const struct lc_link_geom *g = lc_link_geom(b->link);
    const struct lc_device *dev = b->dev;
    size_t i;
    uint32_t c = 0;
    int rc = b->in_fn(b->user, step, idx, cap, count);
    if (rc < 0 || !b->sys)
        return rc;
    /* global indices (checked below net_m by the device layer) to {core, axon} */
    for (i = 0; i < *count; i++) {
        uint32_t j = idx[i];
        if (j < dev->first_m[c] || j >= dev->first_m[c + 1])
            for (c = 0; j >= dev->first_m[c + 1]; c++)
                ;
        idx[i] = c << g->mw | (j - dev->first_m[c]);
    }
    return rc;
}

static int wire_stream(struct lc_device *dev, uint64_t steps, lc_input_fn input,
                       lc_output_fn output, void *user)
{
    struct wire_be *b = dev->be;
    int rc;
    b->dev = dev;
    b->net_n = dev->net_n;
    b->in_fn = input;
    b->out_fn = output;
    b->user = user;
    b->out_bad = 0;
    if (b->sys && !b->map) {
        b->map = malloc((size_t)lc_link_geom(b->link)->ni * sizeof *b->map);
        if (!b->map)
            return lc_dev_fail(dev, LC_ERR_MEM, "lc_stream: out of memory");
    }
    rc = lc_link_stream(b->link, steps, pass_input, guard_output, b);
    if (b->out_bad)
        return LC_ERR_PROTO;
    if (rc == LC_ERR_ARG)
        return rc; /* a callback aborted; the device layer has the detail */
    return rc != LC_OK ? link_fail(dev, rc, "lc_stream") : LC_OK;
}

static int wire_read_core_weights(struct lc_device *dev, uint32_t core, int8_t *w_in,
                                  int8_t *w_rec, uint8_t *plastic_in, uint8_t *plastic_rec)
{
    struct wire_be *b = dev->be;
    const struct lc_link_geom *g = lc_link_geom(b->link);
    uint32_t n = dev->first_n[core + 1] - dev->first_n[core];
    uint32_t m = dev->first_m[core + 1] - dev->first_m[core], span = lc_row_span(&b->geom, n);
    uint32_t rows = n + m, batch = (1u << 20) / (span ? span : 1), r0, r, c;
    uint32_t *v;
    int rc = LC_OK;
    if (batch == 0)
        batch = 1;
    if (batch > rows)
        batch = rows;
    v = scratch(b, (size_t)batch * span);
    if (!v)
        return lc_dev_fail(dev, LC_ERR_MEM, "lc_read_weights: out of memory");
    for (r0 = 0; r0 < rows && rc == LC_OK; r0 += batch) {
        uint32_t r1 = r0 + batch < rows ? r0 + batch : rows;
        for (r = r0; r < r1 && rc == LC_OK; r++) {
            uint32_t row = r < n ? r : g->n + (r - n);
            rc = lc_link_read(b->link, TGT(core) | lc_syn_addr(&b->geom, row, 0), 1, span, 2,
                              v + (size_t)(r - r0) * span);
        }
        if (rc == LC_OK)
            rc = lc_link_sync(b->link);
        for (r = r0; r < r1 && rc == LC_OK; r++) {
            const uint32_t *src = v + (size_t)(r - r0) * span;
            int8_t *w = r < n ? (w_rec ? w_rec + (size_t)r * n : NULL)
                              : (w_in ? w_in + (size_t)(r - n) * n : NULL);
            uint8_t *pl = r < n ? (plastic_rec ? plastic_rec + (size_t)r * n : NULL)
                                : (plastic_in ? plastic_in + (size_t)(r - n) * n : NULL);
            for (c = 0; c < n; c++) {
                uint32_t x = src[lc_syn_col(&b->geom, c)];
                if (w)
                    w[c] = (int8_t)(uint8_t)x;
                if (pl)
                    pl[c] = (uint8_t)(x >> LC_SYN_PLASTIC_BIT & 1);
            }
        }
    }
    return rc != LC_OK ? link_fail(dev, rc, "lc_read_weights") : LC_OK;
}

static int wire_read_weights(struct lc_device *dev, int8_t *w_in, int8_t *w_rec,
                             uint8_t *plastic_in, uint8_t *plastic_rec)
{
    return wire_read_core_weights(dev, 0, w_in, w_rec, plastic_in, plastic_rec);
}

static int32_t sext(uint32_t x, unsigned bits)
{
    uint32_t s = 1u << (bits - 1);
    x &= (s << 1) - 1;
    return (int32_t)(x ^ s) - (int32_t)s;
}

static int wire_read_core_state(struct lc_device *dev, uint32_t core,
                                struct lc_neuron_state *state, int32_t *x_in)
{
    struct wire_be *b = dev->be;
    uint32_t n = dev->first_n[core + 1] - dev->first_n[core];
    uint32_t m = dev->first_m[core + 1] - dev->first_m[core], i, T = TGT(core);
    static const unsigned bytes[LC_STATE_COUNT] = {
        BYTES(LC_STATE_U_BITS),     BYTES(LC_STATE_V_BITS), BYTES(LC_STATE_R_BITS),
        BYTES(LC_STATE_THETA_BITS), BYTES(LC_STATE_X_BITS), BYTES(LC_STATE_Y_BITS)};
    uint32_t *v = scratch(b, LC_STATE_COUNT * (size_t)n + m + 1);
    unsigned f;
    int rc = LC_OK;
    if (!v)
        return lc_dev_fail(dev, LC_ERR_MEM, "lc_read_state: out of memory");
    if (state)
        for (f = 0; f < LC_STATE_COUNT && rc == LC_OK; f++)
            rc = lc_link_read(b->link, T | (LC_REG_STATE + f), LC_NEURON_STRIDE, n, bytes[f],
                              v + (size_t)f * n);
    if (x_in && m && rc == LC_OK)
        rc = lc_link_read(b->link, T | LC_REG_XIN, 1, m, BYTES(LC_XIN_BITS),
                          v + LC_STATE_COUNT * (size_t)n);
    if (rc == LC_OK)
        rc = lc_link_sync(b->link);
    if (rc != LC_OK)
        return link_fail(dev, rc, "lc_read_state");
    if (state)
        for (i = 0; i < n; i++) {
            state[i].u = sext(v[LC_STATE_U * n + i], LC_STATE_U_BITS);
            state[i].v = sext(v[LC_STATE_V * n + i], LC_STATE_V_BITS);
            state[i].r = (int32_t)v[LC_STATE_R * n + i];
            state[i].theta = (int32_t)v[LC_STATE_THETA * n + i];
            state[i].x = (int32_t)v[LC_STATE_X * n + i];
            state[i].y = (int32_t)v[LC_STATE_Y * n + i];
        }
    if (x_in)
        for (i = 0; i < m; i++)
            x_in[i] = (int32_t)v[LC_STATE_COUNT * n + i];
    return LC_OK;
}

static int wire_read_state(struct lc_device *dev, struct lc_neuron_state *state, int32_t *x_in)
{
    return wire_read_core_state(dev, 0, state, x_in);
}

/* output selection: a system board drops the unselected cores' spikes itself (the
 * router's register 0x10), so they cost no bandwidth; a one-core board has no such
 * register (the device layer filters) */
static int wire_select_output(struct lc_device *dev, const uint8_t *sel)
{
    struct wire_be *b = dev->be;
    uint32_t mask = 0, c;
    int rc;
    if (!b->sys)
        return LC_OK;
    for (c = 0; c < b->cores; c++)
        if (!sel || c >= dev->n_cores || sel[c])
            mask |= 1u << c;
    rc = lc_link_write(b->link, TGT(b->router) | ROUTER_REGS | ROUTER_SELECT, 1, 1, 4, &mask);
    if (rc == LC_OK)
        rc = lc_link_sync(b->link);
    return rc != LC_OK ? link_fail(dev, rc, "lc_select_output") : LC_OK;
}

static int wire_counters(struct lc_device *dev, struct lc_counters *c)
{
    struct wire_be *b = dev->be;
    uint32_t all[15][CORE_NCOUNTS], lnk[LC_LINK_NCOUNTERS], *core, k;
    const struct lc_link_counts *h;
    unsigned i;
    int rc = LC_OK;
    /* a system: steps of core 0, cycles the slowest core's, spikes and drops summed */
    for (k = 0; k < b->cores && rc == LC_OK; k++)
        rc = lc_link_read(b->link, TGT(k) | (LC_REG_CORE + LC_CORE_STEPS), 1, CORE_NCOUNTS, 4,
                          all[k]);
    core = all[0];
    if (rc == LC_OK)
        rc = lc_link_read(b->link, LC_REG_LINK + LC_LINK_COUNTERS, 1, LC_LINK_NCOUNTERS, 4, lnk);
    if (rc == LC_OK)
        rc = lc_link_sync(b->link);
    if (rc != LC_OK)
        return link_fail(dev, rc, "lc_counters");
    h = lc_link_counts(b->link);
    for (i = 0; i < LC_LINK_NCOUNTERS; i++) {
        b->lnk_total[i] += (lnk[i] - b->lnk_last[i]) & LINK_CNT_MASK;
        b->lnk_last[i] = lnk[i] & LINK_CNT_MASK;
    }
#define CORE(reg) (core[(reg) - LC_CORE_STEPS])
#define CORE64(reg) (CORE(reg) | (uint64_t)CORE((reg) + 1) << 32)
#define LINK(reg) (b->lnk_total[(reg) - LC_LINK_COUNTERS])
    c->steps = CORE64(LC_CORE_STEPS);
    c->cycles = CORE64(LC_CORE_CYCLES);
    c->spikes_in = CORE64(LC_CORE_SPIKES_IN);
    c->spikes_out = CORE64(LC_CORE_SPIKES_OUT);
    c->last_step_cycles = CORE(LC_CORE_LAST_STEP_CYCLES);
    c->dropped = CORE(LC_CORE_DROPPED);
    c->crc_errors = h->crc_errors + LINK(LC_LINK_CRC_ERR);
    c->resyncs = h->resyncs + LINK(LC_LINK_RESYNC);
    c->timeouts = h->timeouts + LINK(LC_LINK_TIMEOUT);
    c->framing = LINK(LC_LINK_FRAMING);
    c->duplicates = h->duplicates + LINK(LC_LINK_DUP);
    c->gaps = h->gaps + LINK(LC_LINK_DROPPED);
    c->retransmits = h->retransmits + LINK(LC_LINK_RETRANSMIT);
#undef CORE
#undef CORE64
#undef LINK
    for (k = 1; k < b->cores; k++) {
        core = all[k];
#define CORE(reg) (core[(reg) - LC_CORE_STEPS])
#define CORE64(reg) (CORE(reg) | (uint64_t)CORE((reg) + 1) << 32)
        if (CORE64(LC_CORE_CYCLES) > c->cycles)
            c->cycles = CORE64(LC_CORE_CYCLES);
        if (CORE(LC_CORE_LAST_STEP_CYCLES) > c->last_step_cycles)
            c->last_step_cycles = CORE(LC_CORE_LAST_STEP_CYCLES);
        c->spikes_in += CORE64(LC_CORE_SPIKES_IN);
        c->spikes_out += CORE64(LC_CORE_SPIKES_OUT);
        c->dropped += CORE(LC_CORE_DROPPED);
#undef CORE
#undef CORE64
    }
    c->bytes_tx = h->bytes_tx;
    c->bytes_rx = h->bytes_rx;
    return LC_OK;
}

static int wire_clear_counters(struct lc_device *dev)
{
    struct wire_be *b = dev->be;
    uint32_t cmd = LC_CMD_CLEAR_COUNTERS, lcmd = LC_LINK_CMD_CLEAR_COUNTERS, k;
    int rc = LC_OK;
    for (k = 0; k < b->cores && rc == LC_OK; k++)
        rc = lc_link_write(b->link, TGT(k) | (LC_REG_CORE + LC_CORE_CMD), 1, 1, 1, &cmd);
    if (rc == LC_OK)
        rc = lc_link_write(b->link, LC_REG_LINK + LC_LINK_CMD, 1, 1, 1, &lcmd);
    if (rc == LC_OK)
        rc = lc_link_sync(b->link);
    if (rc != LC_OK)
        return link_fail(dev, rc, "lc_clear_counters");
    lc_link_clear_counts(b->link);
    memset(b->lnk_last, 0, sizeof b->lnk_last);
    memset(b->lnk_total, 0, sizeof b->lnk_total);
    return LC_OK;
}

static int wire_link_stats(struct lc_device *dev, struct lc_link_stats *s)
{
    struct wire_be *b = dev->be;
    const struct lc_link_counts *h = lc_link_counts(b->link);
    double bytes_per_s = (double)dev->info.baud / 10.0, t = (double)h->stream_ns * 1e-9;
    s->link_ns = h->stream_ns;
    s->payload_tx = h->payload_tx;
    s->payload_rx = h->payload_rx;
    s->frames_tx = h->frames_tx;
    s->frames_rx = h->frames_rx;
    s->load_ns = b->load_ns;
    s->resend_polls = h->resend_polls;
    s->shrinks = h->shrinks;
    s->grows = h->grows;
    s->frame_max = h->frame_max;
    s->answer_max = h->answer_max;
    s->loss_tx = h->loss_tx;
    s->loss_rx = h->loss_rx;
    s->guards = h->guards;
    s->tail_rejects = h->tail_rejects;
    if (t > 0 && bytes_per_s > 0) {
        double etx = (double)h->payload_tx / (t * bytes_per_s);
        double erx = (double)h->payload_rx / (t * bytes_per_s);
        s->wire_tx = (double)h->stream_bytes_tx / (t * bytes_per_s);
        s->wire_rx = (double)h->stream_bytes_rx / (t * bytes_per_s);
        s->efficiency = etx > erx ? etx : erx;
    }
    return LC_OK;
}

static void wire_close(struct lc_device *dev)
{
    struct wire_be *b = dev->be;
    if (!b)
        return;
    lc_link_free(b->link);
    free(b->buf);
    free(b->map);
    free(b);
    dev->be = NULL;
}

static const struct lc_dev_ops wire_ops = {
    wire_load,     wire_reset_state,    wire_stream,     wire_read_weights, wire_read_state,
    wire_counters, wire_clear_counters, wire_link_stats, wire_close,
    wire_load_system, wire_read_core_weights, wire_read_core_state, wire_select_output,
};

int lc_dev_wire_open(struct lc_device *dev, struct lc_transport *t, const char *backend,
                     uint32_t timeout_ms)
{
    struct wire_be *b;
    const struct lc_link_geom *g;
    char msg[LC_DETAIL_LEN];
    int rc;

    b = calloc(1, sizeof *b);
    if (!b) {
        t->close(t->ctx);
        return lc_dev_fail(dev, LC_ERR_MEM, "%s: out of memory", backend);
    }
    rc = lc_link_open(t, timeout_ms, &b->link, msg, sizeof msg);
    if (rc != LC_OK) {
        free(b);
        return lc_dev_fail(dev, rc, "%s", msg);
    }
    dev->be = b;
    dev->ops = &wire_ops;
    g = lc_link_geom(b->link);
    lc_geom_init(&b->geom, g->n, g->m, g->p);
    snprintf(dev->info.backend, sizeof dev->info.backend, "%s", backend);
    dev->info.protocol_version = g->protocol;
    dev->info.core_version = g->core_version;
    dev->info.n_neurons = g->n;
    dev->info.n_inputs = g->m;
    dev->info.lanes = g->p;
    dev->info.clock_hz = g->clk_hz;
    dev->info.baud = g->baud;
    dev->info.features = g->features;
    dev->info.n_cores = g->cores;
    dev->info.max_delay = g->max_delay;
    b->sys = g->protocol == LC_PROTOCOL_VERSION;
    b->cores = g->cores;
    b->router = g->cores;
    return LC_OK;
}
