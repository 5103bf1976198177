/* test_directed.c : directed tests of the reference model and the network API
 * Each test sets up a tiny network whose result is worked out by hand from the
 * contract (docs/model.md) and checks the exact values.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_random.h"
#include "lc_ref.h"
#include "test_util.h"

#define MAXV LC_STATE_MAX

/* a network with every neuron set to the same parameters */
static struct lc_net *make_net(uint32_t n, uint32_t m, int32_t du, int32_t dv, int32_t vth,
                               int32_t bias, int32_t tref)
{
    struct lc_net *net = NULL;
    uint32_t i;
    if (lc_net_create(n, m, &net) != LC_OK)
        abort();
    for (i = 0; i < n; i++) {
        net->neuron[i].du = du;
        net->neuron[i].dv = dv;
        net->neuron[i].vth = vth;
        net->neuron[i].bias = bias;
        net->neuron[i].tref = tref;
    }
    return net;
}

static struct lc_ref *make_ref(const struct lc_net *net)
{
    struct lc_ref *ref = NULL;
    if (lc_ref_create(net, &ref) != LC_OK)
        abort();
    return ref;
}

/* one step; returns the number of output spikes, or -1 on error */
static int step(struct lc_ref *ref, const uint32_t *in, size_t n_in, uint32_t *out)
{
    uint32_t scratch[64];
    size_t n_out = 0;
    if (lc_ref_step(ref, in, n_in, out ? out : scratch, &n_out) != LC_OK)
        return -1;
    return (int)n_out;
}

static int same_state(struct lc_ref *a, struct lc_ref *b)
{
    const struct lc_net *na = lc_ref_net(a), *nb = lc_ref_net(b);
    size_t n = na->n_neurons, m = na->n_inputs, ca, cb;
    const uint32_t *pa = lc_ref_prev_spikes(a, &ca), *pb = lc_ref_prev_spikes(b, &cb);
    return memcmp(lc_ref_state(a), lc_ref_state(b), n * sizeof(struct lc_neuron_state)) == 0 &&
           memcmp(lc_ref_x_in(a), lc_ref_x_in(b), m * sizeof(int32_t)) == 0 &&
           memcmp(na->w_in, nb->w_in, m * n) == 0 && memcmp(na->w_rec, nb->w_rec, n * n) == 0 &&
           ca == cb && memcmp(pa, pb, ca * sizeof *pa) == 0;
}

/* ---- neuron dynamics --------------------------------------------------- */

static int test_refractory_holds_v(void)
{
    /* u follows the input (du 4096), v integrates bias 100 against vth 150 */
    struct lc_net *net = make_net(1, 1, 4096, 0, 150, 100, 3);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    const int want_spikes[8] = {0, 1, 0, 0, 0, 0, 1, 0};
    const int32_t want_v[8] = {100, 7, 7, 7, 7, 107, 7, 7};
    const int32_t want_r[8] = {0, 3, 2, 1, 0, 0, 3, 2};
    const int32_t want_u[8] = {0, 0, 5, 0, 0, 0, 0, 0};
    int t;
    net->core.w_shift = 0;
    net->core.v_reset = 7;
    net->w_in[0] = 5;
    ref = make_ref(net);
    for (t = 0; t < 8; t++) {
        /* an input during the refractory period moves u but not v */
        CHECK_EQ(step(ref, &in0, t == 2 ? 1 : 0, NULL), want_spikes[t]);
        CHECK_EQ(lc_ref_state(ref)[0].u, want_u[t]);
        CHECK_EQ(lc_ref_state(ref)[0].v, want_v[t]);
        CHECK_EQ(lc_ref_state(ref)[0].r, want_r[t]);
    }
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_decay_truncates_toward_zero(void)
{
    struct lc_net *net = make_net(3, 1, 2048, 2048, MAXV, 0, 0);
    struct lc_ref *ref;
    struct lc_neuron_state *st;
    net->neuron[1].du = 1;
    net->neuron[1].dv = 4095;
    net->neuron[2].du = 0;
    net->neuron[2].dv = 4096;
    ref = make_ref(net);
    st = lc_ref_state(ref);
    st[0].u = -5;      /* -2.5 -> -2, not -3 */
    st[0].v = 5;       /* 2.5 -> 2, then + u */
    st[1].u = -MAXV;   /* * 4095/4096 -> -8386559 */
    st[1].v = MAXV;    /* * 1/4096 -> 2047, then + u */
    st[2].u = -1234;   /* decay 0 keeps it */
    st[2].v = 99999;   /* decay 4096 forgets it */
    CHECK_EQ(step(ref, NULL, 0, NULL), 0);
    CHECK_EQ(st[0].u, -2);
    CHECK_EQ(st[0].v, 0);
    CHECK_EQ(st[1].u, -8386559);
    CHECK_EQ(st[1].v, 2047 - 8386559);
    CHECK_EQ(st[2].u, -1234);
    CHECK_EQ(st[2].v, -1234);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_saturation_u(void)
{
    /* 4 inputs of 127 with w_shift 15: 508 * 32768 > 2^23 - 1 */
    struct lc_net *net = make_net(2, 4, 0, 4096, MAXV, 0, 0);
    struct lc_ref *ref;
    const uint32_t all[4] = {0, 1, 2, 3};
    int k;
    net->core.w_shift = 15;
    for (k = 0; k < 4; k++) {
        net->w_in[k * 2 + 0] = 127;
        net->w_in[k * 2 + 1] = -128;
    }
    ref = make_ref(net);
    CHECK_EQ(step(ref, all, 4, NULL), 0);
    CHECK_EQ(lc_ref_state(ref)[0].u, MAXV);
    CHECK_EQ(lc_ref_state(ref)[1].u, -MAXV); /* symmetric: not -2^23 */
    CHECK_EQ(lc_ref_state(ref)[0].v, MAXV);  /* v = sat(0 + u + 0) */
    CHECK_EQ(lc_ref_state(ref)[1].v, -MAXV);
    CHECK_EQ(step(ref, all, 4, NULL), 0);    /* still saturated, no wrap */
    CHECK_EQ(lc_ref_state(ref)[0].u, MAXV);
    CHECK_EQ(lc_ref_state(ref)[1].u, -MAXV);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_saturation_v(void)
{
    /* v = sat(decay(v) + u + bias) with u and bias both at the limit */
    struct lc_net *net = make_net(2, 1, 0, 0, MAXV, MAXV, 0);
    struct lc_ref *ref;
    net->neuron[1].bias = -MAXV;
    ref = make_ref(net);
    lc_ref_state(ref)[0].u = MAXV;
    lc_ref_state(ref)[1].u = -MAXV;
    lc_ref_state(ref)[0].v = MAXV;
    lc_ref_state(ref)[1].v = -MAXV;
    CHECK_EQ(step(ref, NULL, 0, NULL), 0); /* MAXV > MAXV + 0 is false */
    CHECK_EQ(lc_ref_state(ref)[0].v, MAXV);
    CHECK_EQ(lc_ref_state(ref)[1].v, -MAXV);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_spike_compare_no_overflow(void)
{
    /* vth + theta = 2^24 - 2 must not wrap; vth = 2^23 - 2 lets v = max spike */
    struct lc_net *net = make_net(2, 1, 0, 4096, MAXV, MAXV, 0);
    struct lc_ref *ref;
    uint32_t out[2];
    net->neuron[1].vth = MAXV - 1;
    ref = make_ref(net);
    lc_ref_state(ref)[0].theta = MAXV; /* d_theta 0 keeps it */
    CHECK_EQ(step(ref, NULL, 0, out), 1);
    CHECK_EQ(out[0], 1);
    CHECK_EQ(lc_ref_state(ref)[0].v, MAXV);
    CHECK_EQ(lc_ref_state(ref)[0].theta, MAXV);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_theta_decays_before_spike_test(void)
{
    /* theta 100 decays to 50 first, so v = 1060 > 1000 + 50 spikes */
    struct lc_net *net = make_net(1, 1, 0, 4096, 1000, 1060, 0);
    struct lc_ref *ref;
    net->core.d_theta = 2048;
    net->core.theta_plus = 7;
    ref = make_ref(net);
    lc_ref_state(ref)[0].theta = 100;
    CHECK_EQ(step(ref, NULL, 0, NULL), 1);
    CHECK_EQ(lc_ref_state(ref)[0].theta, 57);
    CHECK_EQ(step(ref, NULL, 0, NULL), 1); /* 1060 > 1000 + 28 */
    CHECK_EQ(lc_ref_state(ref)[0].theta, 35);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_theta_saturates(void)
{
    struct lc_net *net = make_net(1, 1, 0, 4096, 0, MAXV, 0);
    struct lc_ref *ref;
    net->core.theta_plus = MAXV - 10;
    ref = make_ref(net);
    CHECK_EQ(step(ref, NULL, 0, NULL), 1); /* MAXV > 0 */
    CHECK_EQ(lc_ref_state(ref)[0].theta, MAXV - 10);
    CHECK_EQ(step(ref, NULL, 0, NULL), 1); /* MAXV > MAXV - 10 */
    CHECK_EQ(lc_ref_state(ref)[0].theta, MAXV); /* not 2 * (MAXV - 10) */
    CHECK_EQ(step(ref, NULL, 0, NULL), 0);      /* MAXV > 0 + MAXV is false */
    CHECK_EQ(lc_ref_state(ref)[0].theta, MAXV);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_trace_saturates(void)
{
    struct lc_net *net = make_net(1, 1, 0, 4096, 0, 1, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    net->core.x_imp = 40000;
    net->core.y_imp = 30000;
    net->core.dy = 2048;
    ref = make_ref(net);
    CHECK_EQ(step(ref, &in0, 1, NULL), 1);
    CHECK_EQ(lc_ref_x_in(ref)[0], 40000);
    CHECK_EQ(lc_ref_state(ref)[0].x, 40000);
    CHECK_EQ(lc_ref_state(ref)[0].y, 30000);
    CHECK_EQ(step(ref, &in0, 1, NULL), 1);
    CHECK_EQ(lc_ref_x_in(ref)[0], 65535);
    CHECK_EQ(lc_ref_state(ref)[0].x, 65535);
    CHECK_EQ(lc_ref_state(ref)[0].y, 45000); /* 15000 + 30000 */
    CHECK_EQ(step(ref, NULL, 0, NULL), 1);   /* the input stays silent */
    CHECK_EQ(lc_ref_x_in(ref)[0], 65535);
    CHECK_EQ(lc_ref_state(ref)[0].y, 52500);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_recurrent_one_step_delay(void)
{
    struct lc_net *net = make_net(2, 1, 4096, 4096, 10, 0, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    uint32_t out[2];
    net->neuron[1].vth = MAXV;
    net->w_in[0] = 100;     /* input 0 -> neuron 0 */
    net->w_rec[0 * 2 + 1] = 50; /* neuron 0 -> neuron 1 */
    net->w_rec[0 * 2 + 0] = -3; /* self-connection, also delayed */
    ref = make_ref(net);
    CHECK_EQ(step(ref, &in0, 1, out), 1);
    CHECK_EQ(out[0], 0);
    CHECK_EQ(lc_ref_state(ref)[1].u, 0);
    CHECK_EQ(step(ref, NULL, 0, out), 0);
    CHECK_EQ(lc_ref_state(ref)[1].u, 50 * 64);
    CHECK_EQ(lc_ref_state(ref)[0].u, -3 * 64);
    CHECK_EQ(step(ref, NULL, 0, out), 0);
    CHECK_EQ(lc_ref_state(ref)[1].u, 0);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

/* ---- inputs and outputs ------------------------------------------------ */

static int test_duplicate_inputs_ignored(void)
{
    struct lc_net *net = make_net(3, 4, 100, 100, 5000, 10, 1);
    struct lc_ref *a, *b;
    const uint32_t dup[7] = {3, 1, 3, 3, 1, 0, 0}, once[3] = {0, 1, 3};
    size_t k;
    int t;
    for (k = 0; k < 12; k++) {
        net->w_in[k] = (int8_t)(10 + (int)k);
        net->plastic_in[k] = 1;
    }
    net->core.learning = 1;
    net->core.x_imp = 100;
    net->core.y_imp = 100;
    net->core.stdp_in = (struct lc_stdp){10, 10, 4, 4, -128, 127};
    a = make_ref(net);
    b = make_ref(net);
    for (t = 0; t < 20; t++) {
        CHECK(step(a, dup, 7, NULL) >= 0);
        CHECK(step(b, once, 3, NULL) >= 0);
        CHECK(same_state(a, b));
    }
    CHECK(lc_ref_x_in(a)[3] == 100 * 20 && lc_ref_x_in(a)[2] == 0);
    lc_ref_free(a);
    lc_ref_free(b);
    lc_net_free(net);
    return 0;
}

static int test_bad_input_index_rejected(void)
{
    struct lc_net *net = make_net(2, 4, 100, 100, 100, 10, 0);
    struct lc_ref *a, *b;
    const uint32_t bad[3] = {0, 1, 4}, huge[1] = {0xFFFFFFFFu}, good[2] = {0, 1};
    size_t n_out = 99;
    memset(net->w_in, 20, 8);
    a = make_ref(net);
    b = make_ref(net);
    CHECK(step(a, good, 2, NULL) >= 0);
    CHECK(step(b, good, 2, NULL) >= 0);
    CHECK_EQ(lc_ref_step(a, bad, 3, NULL, &n_out), LC_ERR_ARG);
    CHECK_EQ(n_out, 0);
    CHECK_EQ(lc_ref_step(a, huge, 1, NULL, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_ref_step(a, NULL, 2, NULL, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_ref_step(NULL, good, 2, NULL, NULL), LC_ERR_ARG);
    CHECK(same_state(a, b)); /* the rejected calls changed nothing */
    CHECK(step(a, good, 2, NULL) >= 0);
    CHECK(step(b, good, 2, NULL) >= 0);
    CHECK(same_state(a, b));
    lc_ref_free(a);
    lc_ref_free(b);
    lc_net_free(net);
    return 0;
}

static int test_empty_steps(void)
{
    struct lc_net *net = make_net(3, 2, 2048, 0, 1000, 0, 0);
    struct lc_ref *ref;
    const struct lc_neuron_state zero = {0, 0, 0, 0, 0, 0};
    size_t n_out = 99;
    int t, i;
    memset(net->w_in, 100, 6);
    ref = make_ref(net);
    for (t = 0; t < 5; t++) {
        CHECK_EQ(lc_ref_step(ref, NULL, 0, NULL, &n_out), LC_OK);
        CHECK_EQ(n_out, 0);
        for (i = 0; i < 3; i++)
            CHECK(memcmp(&lc_ref_state(ref)[i], &zero, sizeof zero) == 0);
    }
    /* an empty step still decays: u 100 -> 50, and v integrates it */
    lc_ref_state(ref)[1].u = 100;
    CHECK_EQ(step(ref, NULL, 0, NULL), 0);
    CHECK_EQ(lc_ref_state(ref)[1].u, 50);
    CHECK_EQ(lc_ref_state(ref)[1].v, 50);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_full_activity(void)
{
    struct lc_net *net = make_net(5, 3, 0, 0, 0, 1, 0);
    struct lc_ref *ref;
    const uint32_t all[3] = {2, 0, 1};
    uint32_t out[5];
    const uint32_t *prev;
    size_t count;
    int t, i;
    ref = make_ref(net);
    for (t = 0; t < 10; t++) {
        CHECK_EQ(step(ref, all, 3, out), 5);
        for (i = 0; i < 5; i++)
            CHECK_EQ(out[i], i);
        prev = lc_ref_prev_spikes(ref, &count);
        CHECK_EQ(count, 5);
        CHECK(memcmp(prev, out, sizeof out) == 0);
    }
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_output_ascending(void)
{
    /* neurons 6, 2, 4 fire: the list is 2 4 6 */
    struct lc_net *net = make_net(8, 1, 0, 0, MAXV, 0, 0);
    struct lc_ref *ref;
    uint32_t out[8];
    net->neuron[6].vth = net->neuron[2].vth = net->neuron[4].vth = 0;
    net->neuron[6].bias = net->neuron[2].bias = net->neuron[4].bias = 1;
    ref = make_ref(net);
    CHECK_EQ(step(ref, NULL, 0, out), 3);
    CHECK(out[0] == 2 && out[1] == 4 && out[2] == 6);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_reset_state_keeps_weights(void)
{
    struct lc_net *net = NULL, *learned = NULL;
    struct lc_ref *ref, *fresh;
    const uint32_t in[2] = {0, 1};
    size_t count, i;
    int t, changed = 0;
    net = make_net(3, 2, 100, 100, 200, 150, 0);
    net->core.learning = 1;
    net->core.x_imp = net->core.y_imp = 5000;
    net->core.stdp_in = (struct lc_stdp){100, 50, 6, 6, -100, 100};
    net->core.stdp_rec = net->core.stdp_in;
    memset(net->plastic_in, 1, 6);
    memset(net->plastic_rec, 1, 9);
    ref = make_ref(net);
    for (t = 0; t < 10; t++)
        CHECK(step(ref, in, 2, NULL) >= 0);
    for (i = 0; i < 6; i++)
        changed += lc_ref_net(ref)->w_in[i] != net->w_in[i];
    CHECK(changed > 0);
    CHECK(lc_ref_prev_spikes(ref, &count) && count > 0);
    CHECK(lc_net_copy(lc_ref_net(ref), &learned) == LC_OK);
    lc_ref_reset_state(ref);
    for (i = 0; i < 3; i++) {
        const struct lc_neuron_state *s = &lc_ref_state(ref)[i];
        CHECK(!s->u && !s->v && !s->r && !s->theta && !s->x && !s->y);
    }
    CHECK(lc_ref_x_in(ref)[0] == 0 && lc_ref_x_in(ref)[1] == 0);
    lc_ref_prev_spikes(ref, &count);
    CHECK_EQ(count, 0);
    CHECK(memcmp(lc_ref_net(ref)->w_in, learned->w_in, 6) == 0);
    CHECK(memcmp(lc_ref_net(ref)->w_rec, learned->w_rec, 9) == 0);
    /* after the reset it behaves like a new model of the learned network */
    fresh = make_ref(learned);
    for (t = 0; t < 5; t++) {
        CHECK(step(ref, in, 2, NULL) >= 0);
        CHECK(step(fresh, in, 2, NULL) >= 0);
        CHECK(same_state(ref, fresh));
    }
    lc_ref_free(fresh);
    lc_ref_free(ref);
    lc_net_free(learned);
    lc_net_free(net);
    return 0;
}

static int test_edit_weights_between_steps(void)
{
    struct lc_net *net = make_net(1, 1, 4096, 4096, MAXV, 0, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    ref = make_ref(net);
    CHECK_EQ(step(ref, &in0, 1, NULL), 0);
    CHECK_EQ(lc_ref_state(ref)[0].u, 0);
    lc_ref_net(ref)->w_in[0] = -7;
    lc_ref_net(ref)->core.w_shift = 2;
    CHECK_EQ(step(ref, &in0, 1, NULL), 0);
    CHECK_EQ(lc_ref_state(ref)[0].u, -28);
    CHECK_EQ(net->w_in[0], 0); /* lc_ref_create made a deep copy */
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

/* ---- learning ---------------------------------------------------------- */

static int test_stdp_clamps_at_w_max(void)
{
    /* neuron 0 fires every step; neuron 1 never fires */
    struct lc_net *net = make_net(2, 3, 4096, 4096, 0, 1, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    net->neuron[1].vth = MAXV;
    net->neuron[1].bias = -100;
    net->core.learning = 1;
    net->core.x_imp = 1000;
    net->core.stdp_in = (struct lc_stdp){255, 0, 0, 0, -10, 10};
    net->w_in[0 * 2 + 0] = 8;  net->plastic_in[0 * 2 + 0] = 1; /* potentiated to 10 */
    net->w_in[1 * 2 + 0] = 50; net->plastic_in[1 * 2 + 0] = 1; /* touched: clamped */
    net->w_in[2 * 2 + 0] = 50;                                 /* not plastic */
    net->w_in[1 * 2 + 1] = 50; net->plastic_in[1 * 2 + 1] = 1; /* never touched */
    net->w_in[0 * 2 + 1] = -60; net->plastic_in[0 * 2 + 1] = 1; /* touched by pre */
    ref = make_ref(net);
    /* step 0: the input and neuron 0 spike; traces are still 0: delta 0 */
    CHECK_EQ(step(ref, &in0, 1, NULL), 1);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 8);
    CHECK_EQ(lc_ref_net(ref)->w_in[2], 10);
    CHECK_EQ(lc_ref_net(ref)->w_in[4], 50);
    CHECK_EQ(lc_ref_net(ref)->w_in[3], 50);
    CHECK_EQ(lc_ref_net(ref)->w_in[1], -10);
    /* step 1: neuron 0 spikes, x_in = 1000: 8 + 255000 clamps to 10 */
    CHECK_EQ(step(ref, NULL, 0, NULL), 1);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 10);
    CHECK_EQ(lc_ref_net(ref)->w_in[4], 50);
    CHECK_EQ(lc_ref_net(ref)->w_in[3], 50);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_stdp_clamps_at_w_min(void)
{
    /* depression only: the pre input spikes, the post neuron has y = 30000 */
    struct lc_net *net = make_net(1, 1, 4096, 4096, MAXV, 0, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    net->core.learning = 1;
    net->core.stdp_in = (struct lc_stdp){0, 200, 0, 10, -20, 20};
    net->w_in[0] = 0;
    net->plastic_in[0] = 1;
    ref = make_ref(net);
    lc_ref_state(ref)[0].y = 300; /* (200 * 300) >> 10 = 58 */
    CHECK_EQ(step(ref, &in0, 1, NULL), 0);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], -20);
    lc_ref_state(ref)[0].y = 10; /* (200 * 10) >> 10 = 1 */
    lc_ref_net(ref)->w_in[0] = 5;
    CHECK_EQ(step(ref, &in0, 1, NULL), 0);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 4);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_stdp_both_spiked_counted_once(void)
{
    /* pre and post spike together: delta = 62 - 31 exactly once */
    struct lc_net *net = make_net(1, 1, 4096, 4096, 0, 1, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    net->core.learning = 1;
    net->core.stdp_in = (struct lc_stdp){1, 1, 4, 4, -128, 127};
    net->plastic_in[0] = 1;
    ref = make_ref(net);
    lc_ref_x_in(ref)[0] = 1000; /* 1000 >> 4 = 62 */
    lc_ref_state(ref)[0].y = 500; /* 500 >> 4 = 31 */
    CHECK_EQ(step(ref, &in0, 1, NULL), 1);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 31);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_stdp_uses_traces_before_increment(void)
{
    struct lc_net *net = make_net(1, 1, 4096, 4096, 0, 1, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    net->core.learning = 1;
    net->core.x_imp = net->core.y_imp = 1000;
    net->core.stdp_in = (struct lc_stdp){2, 1, 4, 4, -128, 127};
    net->plastic_in[0] = 1;
    ref = make_ref(net);
    CHECK_EQ(step(ref, &in0, 1, NULL), 1); /* traces 0 during learning */
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 0);
    CHECK_EQ(step(ref, &in0, 1, NULL), 1); /* 2000>>4 - 1000>>4 = 125 - 62 */
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 63);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_stdp_uses_decayed_traces(void)
{
    struct lc_net *net = make_net(1, 1, 4096, 4096, 0, 1, 0);
    struct lc_ref *ref;
    net->core.learning = 1;
    net->core.dx = 2048;
    net->core.stdp_in = (struct lc_stdp){1, 0, 4, 0, -128, 127};
    net->plastic_in[0] = 1;
    ref = make_ref(net);
    lc_ref_x_in(ref)[0] = 1000; /* decays to 500 first: 500 >> 4 = 31 */
    CHECK_EQ(step(ref, NULL, 0, NULL), 1);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 31);
    CHECK_EQ(lc_ref_x_in(ref)[0], 500);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_stdp_sets_input_vs_recurrent(void)
{
    /* neuron 1 fires alone; both its input and recurrent synapses potentiate,
     * each with its own set: 1600 >> 4 = 100 (stdp_in), 1600 >> 5 = 50 (stdp_rec) */
    struct lc_net *net = make_net(2, 1, 4096, 4096, 0, 1, 0);
    struct lc_ref *ref;
    uint32_t out[2];
    net->neuron[0].bias = -1;
    net->core.learning = 1;
    net->core.stdp_in = (struct lc_stdp){1, 0, 4, 0, -128, 127};
    net->core.stdp_rec = (struct lc_stdp){1, 0, 5, 0, -128, 127};
    net->plastic_in[1] = 1;
    net->plastic_rec[0 * 2 + 1] = 1;
    ref = make_ref(net);
    lc_ref_x_in(ref)[0] = 1600;
    lc_ref_state(ref)[0].x = 1600;
    CHECK_EQ(step(ref, NULL, 0, out), 1);
    CHECK_EQ(out[0], 1);
    CHECK_EQ(lc_ref_net(ref)->w_in[1], 100);
    CHECK_EQ(lc_ref_net(ref)->w_rec[1], 50);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_stdp_recurrent_pre_is_this_step(void)
{
    /* neuron 0 fires now: its outgoing synapse 0->1 is depressed by y[1] in the
     * same step (pre = this step's spike, not the previous step's) */
    struct lc_net *net = make_net(2, 1, 4096, 4096, 0, 1, 0);
    struct lc_ref *ref;
    net->neuron[1].bias = -1;
    net->core.learning = 1;
    net->core.stdp_rec = (struct lc_stdp){0, 1, 0, 2, -128, 127};
    net->plastic_rec[0 * 2 + 1] = 1;
    ref = make_ref(net);
    lc_ref_state(ref)[1].y = 40; /* 40 >> 2 = 10 */
    CHECK_EQ(step(ref, NULL, 0, NULL), 1);
    CHECK_EQ(lc_ref_net(ref)->w_rec[1], -10);
    lc_ref_state(ref)[1].y = 40;
    lc_ref_net(ref)->neuron[0].bias = -1; /* neuron 0 silent now */
    CHECK_EQ(step(ref, NULL, 0, NULL), 0);
    CHECK_EQ(lc_ref_net(ref)->w_rec[1], -10);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

static int test_learning_off_weights_fixed(void)
{
    struct lc_net *net = make_net(1, 1, 4096, 4096, 0, 1, 0);
    struct lc_ref *ref;
    const uint32_t in0 = 0;
    int t;
    net->core.x_imp = net->core.y_imp = 1000;
    net->core.stdp_in = (struct lc_stdp){255, 255, 0, 0, -5, 5};
    net->w_in[0] = 100;
    net->plastic_in[0] = 1;
    ref = make_ref(net);
    for (t = 0; t < 5; t++)
        CHECK_EQ(step(ref, &in0, 1, NULL), 1);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 100);
    lc_ref_net(ref)->core.learning = 1; /* switched on between steps */
    CHECK_EQ(step(ref, &in0, 1, NULL), 1);
    CHECK_EQ(lc_ref_net(ref)->w_in[0], 5);
    lc_ref_free(ref);
    lc_net_free(net);
    return 0;
}

/* ---- network API ------------------------------------------------------- */

static int test_create_defaults(void)
{
    struct lc_net *net = NULL;
    size_t i;
    CHECK_EQ(lc_net_create(3, 2, &net), LC_OK);
    CHECK_EQ(net->core.w_shift, 6);
    CHECK(net->core.v_reset == 0 && net->core.learning == 0 && net->core.stdp_in.w_max == 0);
    for (i = 0; i < 6; i++)
        CHECK(net->w_in[i] == 0 && net->plastic_in[i] == 0);
    CHECK(net->neuron[2].du == 0 && net->neuron[2].vth == 0);
    CHECK_EQ(lc_net_validate(net, NULL, 0), LC_OK);
    lc_net_free(net);
    net = (struct lc_net *)1;
    CHECK_EQ(lc_net_create(0, 2, &net), LC_ERR_ARG);
    CHECK(net == NULL);
    CHECK_EQ(lc_net_create(LC_NET_MAX_NEURONS + 1, 2, &net), LC_ERR_ARG);
    CHECK_EQ(lc_net_create(3, 2, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_net_create(1, 0, &net), LC_OK); /* no inputs is allowed */
    lc_net_free(net);
    lc_net_free(NULL);
    return 0;
}

static int test_copy_is_deep(void)
{
    struct lc_net *a = make_net(4, 3, 1, 2, 3, 4, 5), *b = NULL;
    a->w_in[5] = -9;
    a->plastic_rec[7] = 1;
    a->core.stdp_rec.w_max = 12;
    CHECK_EQ(lc_net_copy(a, &b), LC_OK);
    CHECK(b->w_in[5] == -9 && b->plastic_rec[7] == 1 && b->core.stdp_rec.w_max == 12);
    CHECK(b->neuron[3].tref == 5);
    CHECK(b->w_in != a->w_in && b->neuron != a->neuron);
    a->w_in[5] = 1;
    CHECK_EQ(b->w_in[5], -9);
    lc_net_free(b);
    CHECK_EQ(lc_net_copy(NULL, &b), LC_ERR_ARG);
    CHECK(b == NULL);
    lc_net_free(a);
    return 0;
}

struct range_case {
    const char *name; /* as it appears in the message */
    size_t off;       /* int32 field: byte offset in the network's neuron[3] or core */
    int per_neuron;
    long lo, hi;
};

static int test_validate_ranges(void)
{
#define NF(f) #f, offsetof(struct lc_neuron_params, f), 1
#define CF(n, f) n, offsetof(struct lc_core_params, f), 0
    static const struct range_case cases[] = {
        {NF(du), 0, 4096}, {NF(dv), 0, 4096}, {NF(vth), 0, MAXV},
        {NF(bias), -MAXV, MAXV}, {NF(tref), 0, 63},
        {CF("core.w_shift", w_shift), 0, 15}, {CF("core.v_reset", v_reset), -MAXV, MAXV},
        {CF("core.theta_plus", theta_plus), 0, MAXV}, {CF("core.d_theta", d_theta), 0, 4096},
        {CF("core.dx", dx), 0, 4096}, {CF("core.dy", dy), 0, 4096},
        {CF("core.x_imp", x_imp), 0, 65535}, {CF("core.y_imp", y_imp), 0, 65535},
        {CF("learning", learning), 0, 1},
        {CF("stdp_in.a_plus", stdp_in.a_plus), 0, 255},
        {CF("stdp_in.a_minus", stdp_in.a_minus), 0, 255},
        {CF("stdp_in.s_plus", stdp_in.s_plus), 0, 31},
        {CF("stdp_in.s_minus", stdp_in.s_minus), 0, 31},
        {CF("stdp_rec.a_plus", stdp_rec.a_plus), 0, 255},
        {CF("stdp_rec.a_minus", stdp_rec.a_minus), 0, 255},
        {CF("stdp_rec.s_plus", stdp_rec.s_plus), 0, 31},
        {CF("stdp_rec.s_minus", stdp_rec.s_minus), 0, 31},
    };
#undef NF
#undef CF
    struct lc_net *net = make_net(5, 2, 0, 0, 0, 0, 0);
    char msg[160], want[160];
    size_t k;
    int b;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const struct range_case *c = &cases[k];
        int32_t *field = (int32_t *)((char *)(c->per_neuron ? (void *)&net->neuron[3]
                                                            : (void *)&net->core) + c->off);
        int32_t saved = *field;
        for (b = 0; b < 4; b++) {
            long v = b == 0 ? c->lo : b == 1 ? c->hi : b == 2 ? c->lo - 1 : c->hi + 1;
            *field = (int32_t)v;
            if (b < 2) {
                if (lc_net_validate(net, msg, sizeof msg) != LC_OK) {
                    printf("    %s = %ld rejected: %s\n", c->name, v, msg);
                    return 1;
                }
                continue;
            }
            CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_ERR_RANGE);
            if (c->per_neuron)
                snprintf(want, sizeof want, "neuron[3].%s = %ld out of range %ld..%ld", c->name,
                         v, c->lo, c->hi);
            else
                snprintf(want, sizeof want, "%s = %ld out of range %ld..%ld", c->name, v, c->lo,
                         c->hi);
            if (strcmp(msg, want) != 0) {
                printf("    message \"%s\", expected \"%s\"\n", msg, want);
                return 1;
            }
        }
        *field = saved;
        CHECK_EQ(lc_net_validate(net, NULL, 0), LC_OK);
    }
    net->neuron[3].du = 5000;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strcmp(msg, "neuron[3].du = 5000 out of range 0..4096") == 0);
    net->neuron[3].du = 0;
    /* the clamps: each within -128..127, and w_min <= w_max */
    net->core.stdp_rec.w_min = 5;
    net->core.stdp_rec.w_max = 5;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_OK);
    net->core.stdp_rec.w_min = 6;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strstr(msg, "stdp_rec.w_min") != NULL);
    net->core.stdp_rec.w_min = -129;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strstr(msg, "stdp_rec.w_min = -129") != NULL);
    net->core.stdp_rec.w_min = -128;
    net->core.stdp_in.w_max = 128;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strstr(msg, "stdp_in.w_max = 128") != NULL);
    net->core.stdp_in.w_max = 0;
    /* plasticity bits are 0/1 */
    net->plastic_rec[1 * 5 + 4] = 2;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strcmp(msg, "plastic_rec[1][4] = 2 out of range 0..1") == 0);
    net->plastic_rec[1 * 5 + 4] = 1;
    net->plastic_in[1 * 5 + 0] = 255;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_ERR_RANGE);
    CHECK(strstr(msg, "plastic_in[1][0]") != NULL);
    net->plastic_in[1 * 5 + 0] = 0;
    CHECK_EQ(lc_net_validate(net, msg, sizeof msg), LC_OK);
    CHECK_EQ(lc_net_validate(NULL, msg, sizeof msg), LC_ERR_ARG);
    lc_net_free(net);
    return 0;
}

static int test_ref_create_rejects_invalid(void)
{
    struct lc_net *net = make_net(2, 2, 0, 0, 0, 0, 0);
    struct lc_ref *ref = (struct lc_ref *)1;
    net->core.stdp_in.s_plus = 32;
    CHECK_EQ(lc_ref_create(net, &ref), LC_ERR_RANGE);
    CHECK(ref == NULL);
    CHECK_EQ(lc_ref_create(NULL, &ref), LC_ERR_ARG);
    CHECK_EQ(lc_ref_create(net, NULL), LC_ERR_ARG);
    lc_ref_free(NULL);
    lc_net_free(net);
    return 0;
}

static int test_strerror_all_codes(void)
{
    int code, other;
    for (code = LC_OK; code >= LC_ERR_UNSUPPORTED; code--) {
        const char *s = lc_strerror(code);
        CHECK(s != NULL && s[0] != '\0');
        CHECK(strcmp(s, lc_strerror(1)) != 0);
        for (other = code - 1; other >= LC_ERR_UNSUPPORTED; other--)
            CHECK(strcmp(s, lc_strerror(other)) != 0);
    }
    CHECK(lc_strerror(-1000) != NULL);
    return 0;
}

/* ---- random generator -------------------------------------------------- */

static int test_random_net_deterministic_and_varied(void)
{
    int decay0 = 0, decay4096 = 0, wmin_eq_wmax = 0, outside = 0, learn_on = 0, learn_off = 0,
        homeo_on = 0, homeo_off = 0, tref63 = 0, full_size = 0, size1 = 0, partial_plastic = 0;
    uint64_t s;
    for (s = 1; s <= 400; s++) {
        struct lc_net *a = NULL, *b = NULL;
        uint32_t i, n, m;
        size_t k, np = 0;
        char msg[128];
        CHECK_EQ(lc_random_net(s, 30, 20, &a), LC_OK);
        CHECK_EQ(lc_random_net(s, 30, 20, &b), LC_OK);
        if (lc_net_validate(a, msg, sizeof msg) != LC_OK) {
            printf("    seed %llu: %s\n", (unsigned long long)s, msg);
            return 1;
        }
        n = a->n_neurons;
        m = a->n_inputs;
        CHECK(n >= 1 && n <= 30 && m >= 1 && m <= 20);
        CHECK(b->n_neurons == n && b->n_inputs == m);
        CHECK(memcmp(a->neuron, b->neuron, n * sizeof *a->neuron) == 0);
        CHECK(memcmp(&a->core, &b->core, sizeof a->core) == 0);
        CHECK(memcmp(a->w_rec, b->w_rec, (size_t)n * n) == 0);
        CHECK(memcmp(a->plastic_in, b->plastic_in, (size_t)m * n) == 0);
        for (i = 0; i < n; i++) {
            decay0 += a->neuron[i].du == 0 || a->neuron[i].dv == 0;
            decay4096 += a->neuron[i].du == 4096 || a->neuron[i].dv == 4096;
            tref63 += a->neuron[i].tref == 63;
        }
        wmin_eq_wmax += a->core.stdp_in.w_min == a->core.stdp_in.w_max;
        for (k = 0; k < (size_t)m * n; k++) {
            outside += a->w_in[k] < a->core.stdp_in.w_min || a->w_in[k] > a->core.stdp_in.w_max;
            np += a->plastic_in[k];
        }
        partial_plastic += np > 0 && np < (size_t)m * n;
        learn_on += a->core.learning == 1;
        learn_off += a->core.learning == 0;
        homeo_on += a->core.theta_plus > 0;
        homeo_off += a->core.theta_plus == 0;
        full_size += n == 30;
        size1 += n == 1;
        lc_net_free(a);
        lc_net_free(b);
    }
    CHECK(decay0 > 0 && decay4096 > 0 && wmin_eq_wmax > 0 && outside > 0 && tref63 > 0);
    CHECK(learn_on > 0 && learn_off > 0 && homeo_on > 0 && homeo_off > 0);
    CHECK(full_size > 0 && size1 > 0 && partial_plastic > 0);
    {
        struct lc_net *a = NULL, *b = NULL;
        CHECK_EQ(lc_random_net(1, 30, 20, &a), LC_OK);
        CHECK_EQ(lc_random_net(2, 30, 20, &b), LC_OK);
        CHECK(a->n_neurons != b->n_neurons || a->n_inputs != b->n_inputs ||
              memcmp(a->neuron, b->neuron, a->n_neurons * sizeof *a->neuron) != 0);
        lc_net_free(a);
        lc_net_free(b);
    }
    CHECK_EQ(lc_random_net(1, 0, 20, NULL), LC_ERR_ARG);
    return 0;
}

static int test_random_inputs_silent_and_full_steps(void)
{
    const uint32_t m = 50, steps = 400;
    uint8_t *a = malloc(m * steps), *b = malloc(m * steps);
    uint32_t t, j, silent = 0, full = 0, ones = 0;
    CHECK(a && b);
    lc_random_inputs(7, m, steps, 0.1, a);
    lc_random_inputs(7, m, steps, 0.1, b);
    CHECK(memcmp(a, b, m * steps) == 0);
    for (t = 0; t < steps; t++) {
        uint32_t c = 0;
        for (j = 0; j < m; j++)
            c += a[t * m + j];
        silent += c == 0;
        full += c == m;
        ones += c;
    }
    CHECK(silent > 5 && full > 5);
    /* 7/8 of the steps at 10 %, 1/16 full */
    CHECK(ones > steps * m * 0.1 && ones < steps * m * 0.25);
    free(a);
    free(b);
    return 0;
}

int main(void)
{
    RUN(test_refractory_holds_v);
    RUN(test_decay_truncates_toward_zero);
    RUN(test_saturation_u);
    RUN(test_saturation_v);
    RUN(test_spike_compare_no_overflow);
    RUN(test_theta_decays_before_spike_test);
    RUN(test_theta_saturates);
    RUN(test_trace_saturates);
    RUN(test_recurrent_one_step_delay);
    RUN(test_duplicate_inputs_ignored);
    RUN(test_bad_input_index_rejected);
    RUN(test_empty_steps);
    RUN(test_full_activity);
    RUN(test_output_ascending);
    RUN(test_reset_state_keeps_weights);
    RUN(test_edit_weights_between_steps);
    RUN(test_stdp_clamps_at_w_max);
    RUN(test_stdp_clamps_at_w_min);
    RUN(test_stdp_both_spiked_counted_once);
    RUN(test_stdp_uses_traces_before_increment);
    RUN(test_stdp_uses_decayed_traces);
    RUN(test_stdp_sets_input_vs_recurrent);
    RUN(test_stdp_recurrent_pre_is_this_step);
    RUN(test_learning_off_weights_fixed);
    RUN(test_create_defaults);
    RUN(test_copy_is_deep);
    RUN(test_validate_ranges);
    RUN(test_ref_create_rejects_invalid);
    RUN(test_strerror_all_codes);
    RUN(test_random_net_deterministic_and_varied);
    RUN(test_random_inputs_silent_and_full_steps);
    return tu_summary("directed tests");
}
