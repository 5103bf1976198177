/* lc_net.c : allocation, copy and range checking of struct lc_net
 * The ranges are those of the arithmetic contract (docs/model.md).
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_error.h"
#include "lifcore_model.h"

/* calloc that never returns NULL for a zero-size request */
static void *alloc_zero(size_t count, size_t size)
{
    return calloc(count ? count : 1, size);
}

LC_API void lc_net_free(struct lc_net *net)
{
    if (!net)
        return;
    free(net->neuron);
    free(net->w_in);
    free(net->w_rec);
    free(net->plastic_in);
    free(net->plastic_rec);
    free(net);
}

LC_API void lc_net_limits(uint32_t *max_neurons, uint32_t *max_inputs)
{
    if (max_neurons)
        *max_neurons = LC_NET_MAX_NEURONS;
    if (max_inputs)
        *max_inputs = LC_NET_MAX_INPUTS;
}

LC_API int lc_net_create(uint32_t n_neurons, uint32_t n_inputs, struct lc_net **out)
{
    struct lc_net *net;
    size_t n = n_neurons, m = n_inputs;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    if (n_neurons < 1 || n_neurons > LC_NET_MAX_NEURONS || n_inputs > LC_NET_MAX_INPUTS)
        return LC_ERR_ARG;
    net = calloc(1, sizeof *net);
    if (!net)
        return LC_ERR_MEM;
    net->n_neurons = n_neurons;
    net->n_inputs = n_inputs;
    net->neuron = alloc_zero(n, sizeof *net->neuron);
    net->w_in = alloc_zero(m * n, 1);
    net->w_rec = alloc_zero(n * n, 1);
    net->plastic_in = alloc_zero(m * n, 1);
    net->plastic_rec = alloc_zero(n * n, 1);
    if (!net->neuron || !net->w_in || !net->w_rec || !net->plastic_in || !net->plastic_rec) {
        lc_net_free(net);
        return LC_ERR_MEM;
    }
    net->core.w_shift = 6; /* contract default; everything else is 0 */
    *out = net;
    return LC_OK;
}

LC_API int lc_net_copy(const struct lc_net *net, struct lc_net **out)
{
    struct lc_net *copy;
    size_t n, m;
    int rc;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    if (!net || !net->neuron || !net->w_in || !net->w_rec || !net->plastic_in ||
        !net->plastic_rec)
        return LC_ERR_ARG;
    rc = lc_net_create(net->n_neurons, net->n_inputs, &copy);
    if (rc != LC_OK)
        return rc;
    n = net->n_neurons;
    m = net->n_inputs;
    memcpy(copy->neuron, net->neuron, n * sizeof *net->neuron);
    copy->core = net->core;
    memcpy(copy->w_in, net->w_in, m * n);
    memcpy(copy->w_rec, net->w_rec, n * n);
    memcpy(copy->plastic_in, net->plastic_in, m * n);
    memcpy(copy->plastic_rec, net->plastic_rec, n * n);
    *out = copy;
    return LC_OK;
}

/* ---- validation ------------------------------------------------------- */

#define CHECK(value, lo, hi, ...)                                                       \
    do {                                                                                \
        long v_ = (long)(value);                                                        \
        if (v_ < (long)(lo) || v_ > (long)(hi)) {                                       \
            char name_[64];                                                             \
            snprintf(name_, sizeof name_, __VA_ARGS__);                                 \
            return lc_errf(msg, msg_len, LC_ERR_RANGE, "%s = %ld out of range %ld..%ld", \
                           name_, v_, (long)(lo), (long)(hi));                          \
        }                                                                               \
    } while (0)

static int validate_stdp(const struct lc_stdp *s, const char *set, char *msg, size_t msg_len)
{
    CHECK(s->a_plus, 0, 255, "%s.a_plus", set);
    CHECK(s->a_minus, 0, 255, "%s.a_minus", set);
    CHECK(s->s_plus, 0, 31, "%s.s_plus", set);
    CHECK(s->s_minus, 0, 31, "%s.s_minus", set);
    CHECK(s->w_min, -128, 127, "%s.w_min", set);
    CHECK(s->w_max, -128, 127, "%s.w_max", set);
    if (s->w_min > s->w_max)
        return lc_errf(msg, msg_len, LC_ERR_RANGE, "%s.w_min = %ld greater than %s.w_max = %ld",
                       set, (long)s->w_min, set, (long)s->w_max);
    return LC_OK;
}

static int validate_bits(const uint8_t *bits, size_t rows, size_t cols, const char *name,
                         char *msg, size_t msg_len)
{
    size_t r, c;
    for (r = 0; r < rows; r++)
        for (c = 0; c < cols; c++)
            if (bits[r * cols + c] > 1)
                return lc_errf(msg, msg_len, LC_ERR_RANGE, "%s[%zu][%zu] = %d out of range 0..1",
                               name, r, c, bits[r * cols + c]);
    return LC_OK;
}

LC_API int lc_net_validate(const struct lc_net *net, char *msg, size_t msg_len)
{
    const struct lc_core_params *c;
    uint32_t i;
    int rc;

    if (msg && msg_len)
        msg[0] = '\0';
    if (!net || !net->neuron || !net->w_in || !net->w_rec || !net->plastic_in ||
        !net->plastic_rec) {
        if (msg && msg_len)
            snprintf(msg, msg_len, "network or one of its arrays is NULL");
        return LC_ERR_ARG;
    }
    CHECK(net->n_neurons, 1, LC_NET_MAX_NEURONS, "n_neurons");
    CHECK(net->n_inputs, 0, LC_NET_MAX_INPUTS, "n_inputs");
    for (i = 0; i < net->n_neurons; i++) {
        const struct lc_neuron_params *p = &net->neuron[i];
        CHECK(p->du, 0, LC_DECAY_MAX, "neuron[%u].du", i);
        CHECK(p->dv, 0, LC_DECAY_MAX, "neuron[%u].dv", i);
        CHECK(p->vth, 0, LC_STATE_MAX, "neuron[%u].vth", i);
        CHECK(p->bias, -LC_STATE_MAX, LC_STATE_MAX, "neuron[%u].bias", i);
        CHECK(p->tref, 0, LC_TREF_MAX, "neuron[%u].tref", i);
    }
    c = &net->core;
    CHECK(c->w_shift, 0, 15, "core.w_shift");
    CHECK(c->v_reset, -LC_STATE_MAX, LC_STATE_MAX, "core.v_reset");
    CHECK(c->theta_plus, 0, LC_STATE_MAX, "core.theta_plus");
    CHECK(c->d_theta, 0, LC_DECAY_MAX, "core.d_theta");
    CHECK(c->dx, 0, LC_DECAY_MAX, "core.dx");
    CHECK(c->dy, 0, LC_DECAY_MAX, "core.dy");
    CHECK(c->x_imp, 0, LC_TRACE_MAX, "core.x_imp");
    CHECK(c->y_imp, 0, LC_TRACE_MAX, "core.y_imp");
    CHECK(c->learning, 0, 1, "learning");
    rc = validate_stdp(&c->stdp_in, "stdp_in", msg, msg_len);
    if (rc != LC_OK)
        return rc;
    rc = validate_stdp(&c->stdp_rec, "stdp_rec", msg, msg_len);
    if (rc != LC_OK)
        return rc;
    /* weights are int8_t, always in -128..127 */
    rc = validate_bits(net->plastic_in, net->n_inputs, net->n_neurons, "plastic_in", msg,
                       msg_len);
    if (rc != LC_OK)
        return rc;
    return validate_bits(net->plastic_rec, net->n_neurons, net->n_neurons, "plastic_rec", msg,
                         msg_len);
}
