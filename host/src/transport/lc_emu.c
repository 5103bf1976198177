/* lc_emu.c : C emulation of the board's link in front of lc_ref (lc_emu.h)
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_emu.h"
#include "lc_frame.h"
#include "lc_geom.h"
#include "lc_random.h"
#include "lc_ref.h"

/* the emulated board has every feature */
#define EMU_FEATURES (LC_FEATURE_STDP | LC_FEATURE_HOMEOSTASIS | LC_FEATURE_STREAMING)

/* ---- a direction of the wire: bytes with their arrival times ----------- */

struct wire {
    uint8_t *b;
    uint64_t *t;
    size_t head, n, cap;
    uint64_t free_at; /* when the line is free for the next byte */
};

static int wire_push(struct wire *w, uint8_t byte, uint64_t now, uint64_t byte_ns)
{
    uint64_t start = w->free_at > now ? w->free_at : now;
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 4096, i;
        uint8_t *b = malloc(cap);
        uint64_t *t = malloc(cap * sizeof *t);
        if (!b || !t) {
            free(b);
            free(t);
            return LC_ERR_MEM;
        }
        for (i = 0; i < w->n; i++) {
            b[i] = w->b[(w->head + i) % w->cap];
            t[i] = w->t[(w->head + i) % w->cap];
        }
        free(w->b);
        free(w->t);
        w->b = b;
        w->t = t;
        w->cap = cap;
        w->head = 0;
    }
    w->free_at = start + byte_ns;
    w->b[(w->head + w->n) % w->cap] = byte;
    w->t[(w->head + w->n) % w->cap] = w->free_at;
    w->n++;
    return LC_OK;
}

static uint64_t wire_head_t(const struct wire *w)
{
    return w->n ? w->t[w->head] : UINT64_MAX;
}

static uint8_t wire_pop(struct wire *w)
{
    uint8_t b = w->b[w->head];
    w->head = (w->head + 1) % w->cap;
    w->n--;
    return b;
}

/* ---- the emulator ------------------------------------------------------- */

enum xstate { X_OP, X_LIST, X_BITMAP, X_SYNC, X_HDR, X_WRITE, X_READ };

struct emu {
    struct lc_emu_opts o;
    uint64_t now, byte_ns, rng;
    struct wire h2d, d2h;
    uint64_t frames_h2d, frames_d2h;
    /* core */
    struct lc_ref *ref;
    struct lc_geom geom; /* synapse addresses */
    uint32_t ib_m, ib_nw, mb, nb;
    uint64_t c_steps, c_spk_in, c_spk_out, c_dropped;
    uint8_t *seen; /* M flags for one step's inputs */
    uint32_t *in_idx, *out_idx;
    /* link: receiver */
    struct lc_frame_rx rx;
    uint64_t last_rx_byte;
    uint16_t rx_expect;          /* host stream offset wanted next */
    uint8_t *ib;                 /* input ring of rxb bytes */
    size_t ib_head, ib_n;
    int nak, news, resend, connected_flag;
    uint16_t last_win_sent, last_ack_sent;
    /* link: transmitter (device stream) */
    uint8_t *ob;                 /* output ring of txb bytes */
    uint16_t ob_base;            /* stream offset of the oldest unacknowledged byte */
    size_t ob_head;              /* its place in the ring */
    size_t ob_n, ob_sent;        /* bytes held; of which framed */
    /* link counters (LC_REG_LINK + LC_LINK_COUNTERS..) */
    uint32_t lc[LC_LINK_NCOUNTERS];
    /* executor */
    enum xstate xs;
    uint8_t xop, xbuf[1100];
    size_t xneed, xhave;
    uint32_t xaddr, xcount, xdone;
    unsigned xb, xstride;
};

enum { L_RX_OK, L_CRC, L_RESYNC, L_TIMEOUT, L_FRAMING, L_DUP, L_DROPPED, L_RETX, L_BAD_CMD };

static double urand(struct emu *e)
{
    return (double)(lc_random_next(&e->rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* put a frame on a wire through the hook and the random faults */
static int emit(struct emu *e, int to_device, uint8_t *frame, size_t len)
{
    uint8_t buf[2 * LC_MAX_FRAME];
    uint64_t idx = to_device ? e->frames_h2d++ : e->frames_d2h++;
    struct wire *w = to_device ? &e->h2d : &e->d2h;
    int copies = 1, c;
    size_t i;
    memcpy(buf, frame, len);
    if (e->o.hook)
        copies = e->o.hook(e->o.hook_user, to_device, idx, buf, &len);
    for (c = 0; c < copies; c++)
        for (i = 0; i < len; i++) {
            uint8_t b = buf[i];
            if (e->o.drop > 0 && urand(e) < e->o.drop)
                continue;
            if (e->o.ber > 0) {
                int bit;
                for (bit = 0; bit < 8; bit++)
                    if (urand(e) < e->o.ber)
                        b ^= (uint8_t)(1u << bit);
            }
            if (wire_push(w, b, e->now, e->byte_ns) != LC_OK)
                return LC_ERR_MEM;
        }
    return LC_OK;
}

/* ---- the core's address space ------------------------------------------ */

static int32_t sext(uint32_t x, unsigned bits)
{
    uint32_t s = 1u << (bits - 1);
    x &= (s << 1) - 1;
    return (int32_t)(x ^ s) - (int32_t)s;
}

/* synapse of a region-4 offset, or NULL when the address is not one */
static int syn_at(struct emu *e, uint32_t off, int8_t **w, uint8_t **pl)
{
    struct lc_net *net = lc_ref_net(e->ref);
    uint32_t row, col;
    if (!lc_syn_decode(&e->geom, off, &row, &col) || col >= e->o.n || row >= e->o.n + e->o.m)
        return 0;
    if (row < e->o.n) {
        *w = &net->w_rec[(size_t)row * e->o.n + col];
        *pl = &net->plastic_rec[(size_t)row * e->o.n + col];
    } else {
        *w = &net->w_in[(size_t)(row - e->o.n) * e->o.n + col];
        *pl = &net->plastic_in[(size_t)(row - e->o.n) * e->o.n + col];
    }
    return 1;
}

static int32_t *core_reg(struct emu *e, uint32_t off, unsigned *bits, int *sign)
{
    struct lc_core_params *c = &lc_ref_net(e->ref)->core;
    struct lc_stdp *s = off >= LC_CORE_STDP_REC ? &c->stdp_rec : &c->stdp_in;
    *sign = 0;
    switch (off) {
    case LC_CORE_W_SHIFT: *bits = LC_CORE_W_SHIFT_BITS; return &c->w_shift;
    case LC_CORE_V_RESET: *bits = LC_CORE_V_RESET_BITS; *sign = 1; return &c->v_reset;
    case LC_CORE_THETA_PLUS: *bits = LC_CORE_THETA_PLUS_BITS; return &c->theta_plus;
    case LC_CORE_D_THETA: *bits = LC_CORE_D_THETA_BITS; return &c->d_theta;
    case LC_CORE_DX: *bits = LC_CORE_DX_BITS; return &c->dx;
    case LC_CORE_DY: *bits = LC_CORE_DY_BITS; return &c->dy;
    case LC_CORE_X_IMP: *bits = LC_CORE_X_IMP_BITS; return &c->x_imp;
    case LC_CORE_Y_IMP: *bits = LC_CORE_Y_IMP_BITS; return &c->y_imp;
    case LC_CORE_LEARNING: *bits = LC_CORE_LEARNING_BITS; return &c->learning;
    case LC_CORE_STDP_IN_A_PLUS: case LC_CORE_STDP_REC_A_PLUS:
        *bits = LC_CORE_STDP_IN_A_PLUS_BITS; return &s->a_plus;
    case LC_CORE_STDP_IN_A_MINUS: case LC_CORE_STDP_REC_A_MINUS:
        *bits = LC_CORE_STDP_IN_A_MINUS_BITS; return &s->a_minus;
    case LC_CORE_STDP_IN_S_PLUS: case LC_CORE_STDP_REC_S_PLUS:
        *bits = LC_CORE_STDP_IN_S_PLUS_BITS; return &s->s_plus;
    case LC_CORE_STDP_IN_S_MINUS: case LC_CORE_STDP_REC_S_MINUS:
        *bits = LC_CORE_STDP_IN_S_MINUS_BITS; return &s->s_minus;
    case LC_CORE_STDP_IN_W_MIN: case LC_CORE_STDP_REC_W_MIN:
        *bits = LC_CORE_STDP_IN_W_MIN_BITS; *sign = 1; return &s->w_min;
    case LC_CORE_STDP_IN_W_MAX: case LC_CORE_STDP_REC_W_MAX:
        *bits = LC_CORE_STDP_IN_W_MAX_BITS; *sign = 1; return &s->w_max;
    default: return NULL;
    }
}

static uint32_t cfg_read(struct emu *e, uint32_t addr)
{
    uint32_t reg = LC_REG_REGION(addr), off = addr & LC_OFFSET_MASK;
    uint32_t i = off / LC_NEURON_STRIDE, f = off % LC_NEURON_STRIDE;
    struct lc_net *net = lc_ref_net(e->ref);
    unsigned bits;
    int sign;
    int32_t *r;
    int8_t *w;
    uint8_t *pl;
    switch (reg) {
    case LC_REG_CORE:
        switch (off) {
        case LC_CORE_N: return e->o.n;
        case LC_CORE_M: return e->o.m;
        case LC_CORE_P: return e->o.p;
        case LC_CORE_VERSION: return LC_CORE_VERSION_VALUE;
        case LC_CORE_VARIANT: return 0;
        case LC_CORE_STEPS: return (uint32_t)e->c_steps;
        case LC_CORE_STEPS + 1: return (uint32_t)(e->c_steps >> 32);
        case LC_CORE_CYCLES: case LC_CORE_CYCLES + 1: return 0; /* cycles: not emulated */
        case LC_CORE_SPIKES_IN: return (uint32_t)e->c_spk_in;
        case LC_CORE_SPIKES_IN + 1: return (uint32_t)(e->c_spk_in >> 32);
        case LC_CORE_SPIKES_OUT: return (uint32_t)e->c_spk_out;
        case LC_CORE_SPIKES_OUT + 1: return (uint32_t)(e->c_spk_out >> 32);
        case LC_CORE_LAST_STEP_CYCLES: return 0;
        case LC_CORE_DROPPED: return (uint32_t)e->c_dropped;
        }
        r = core_reg(e, off, &bits, &sign);
        return r ? (uint32_t)*r : 0;
    case LC_REG_PARAM:
        if (i >= e->o.n || f >= LC_PARAM_COUNT)
            return 0;
        return (uint32_t)(&net->neuron[i].du)[f];
    case LC_REG_STATE:
        if (i >= e->o.n || f >= LC_STATE_COUNT)
            return 0;
        return (uint32_t)(&lc_ref_state(e->ref)[i].u)[f];
    case LC_REG_XIN:
        return off < e->o.m ? (uint32_t)lc_ref_x_in(e->ref)[off] : 0;
    case LC_REG_SYN:
        return syn_at(e, off, &w, &pl) ? (uint32_t)(uint8_t)*w | (uint32_t)*pl << LC_SYN_PLASTIC_BIT : 0;
    case LC_REG_LINK:
        switch (off) {
        case LC_LINK_VERSION: return e->o.protocol;
        case LC_LINK_FEATURES: return EMU_FEATURES;
        case LC_LINK_CLK_HZ: return e->o.clk_hz;
        case LC_LINK_BAUD: return e->o.baud;
        case LC_LINK_RXB: return e->o.rxb;
        case LC_LINK_TXB: return e->o.txb;
        case LC_LINK_RX_TIMEOUT_US: return e->o.rx_timeout_us;
        }
        if (off >= LC_LINK_COUNTERS && off < LC_LINK_COUNTERS + LC_LINK_NCOUNTERS)
            /* LC_LINK_COUNTER_BITS wide, as LCNT_W in rtl/link/lc_link.v */
            return e->lc[off - LC_LINK_COUNTERS] & ((1u << LC_LINK_COUNTER_BITS) - 1);
        return 0;
    }
    return 0;
}

static void cfg_write(struct emu *e, uint32_t addr, uint32_t v)
{
    static const unsigned pbits[LC_PARAM_COUNT] = {LC_PARAM_DU_BITS, LC_PARAM_DV_BITS,
                                                   LC_PARAM_VTH_BITS, LC_PARAM_BIAS_BITS,
                                                   LC_PARAM_TREF_BITS};
    static const unsigned sbits[LC_STATE_COUNT] = {LC_STATE_U_BITS,     LC_STATE_V_BITS,
                                                   LC_STATE_R_BITS,     LC_STATE_THETA_BITS,
                                                   LC_STATE_X_BITS,     LC_STATE_Y_BITS};
    uint32_t reg = LC_REG_REGION(addr), off = addr & LC_OFFSET_MASK;
    uint32_t i = off / LC_NEURON_STRIDE, f = off % LC_NEURON_STRIDE;
    struct lc_net *net = lc_ref_net(e->ref);
    unsigned bits;
    int sign;
    int32_t *r;
    int8_t *w;
    uint8_t *pl;
    switch (reg) {
    case LC_REG_CORE:
        if (off == LC_CORE_CMD) {
            if (v & LC_CMD_CLEAR_COUNTERS)
                e->c_steps = e->c_spk_in = e->c_spk_out = e->c_dropped = 0;
            if (v & LC_CMD_CLEAR_ALL) {
                /* clear everything: weights, plasticity bits, parameters, state */
                size_t nn = (size_t)e->o.n * e->o.n, nm = (size_t)e->o.m * e->o.n;
                memset(net->w_rec, 0, nn);
                memset(net->plastic_rec, 0, nn);
                memset(net->w_in, 0, nm);
                memset(net->plastic_in, 0, nm);
                memset(net->neuron, 0, (size_t)e->o.n * sizeof *net->neuron);
                lc_ref_reset_state(e->ref);
            } else if (v & LC_CMD_RESET_STATE) {
                lc_ref_reset_state(e->ref);
            }
            return;
        }
        r = core_reg(e, off, &bits, &sign);
        if (r)
            *r = sign ? sext(v, bits) : (int32_t)(v & ((1u << bits) - 1));
        return;
    case LC_REG_PARAM:
        if (i < e->o.n && f < LC_PARAM_COUNT)
            (&net->neuron[i].du)[f] = f == LC_PARAM_BIAS ? sext(v, LC_PARAM_BIAS_BITS) : (int32_t)(v & ((1u << pbits[f]) - 1));
        return;
    case LC_REG_STATE:
        if (i < e->o.n && f < LC_STATE_COUNT)
            (&lc_ref_state(e->ref)[i].u)[f] =
                f <= LC_STATE_V ? sext(v, sbits[f]) : (int32_t)(v & ((1u << sbits[f]) - 1));
        return;
    case LC_REG_XIN:
        if (off < e->o.m)
            lc_ref_x_in(e->ref)[off] = (int32_t)(v & ((1u << LC_XIN_BITS) - 1));
        return;
    case LC_REG_SYN:
        if (syn_at(e, off, &w, &pl)) {
            *w = (int8_t)(uint8_t)v;
            *pl = (uint8_t)(v >> LC_SYN_PLASTIC_BIT & 1);
        }
        return;
    case LC_REG_LINK:
        if (off == LC_LINK_CMD && (v & LC_LINK_CMD_CLEAR_COUNTERS))
            memset(e->lc, 0, sizeof e->lc);
        return;
    }
}

/* ---- device stream out -------------------------------------------------- */

static size_t ob_free(const struct emu *e)
{
    return e->o.txb - e->ob_n;
}

static void ob_put(struct emu *e, uint8_t b)
{
    e->ob[(e->ob_head + e->ob_n) % e->o.txb] = b;
    e->ob_n++;
}

/* ---- executor ----------------------------------------------------------- */

static uint8_t ib_peek(const struct emu *e, size_t k)
{
    return e->ib[(e->ib_head + k) % e->o.rxb];
}

static void ib_drop(struct emu *e, size_t k)
{
    e->ib_head = (e->ib_head + k) % e->o.rxb;
    e->ib_n -= k;
}

static uint32_t le_ib(const struct emu *e, size_t at, unsigned n)
{
    uint32_t v = 0;
    while (n--)
        v = v << 8 | ib_peek(e, at + n);
    return v;
}

static void put_le(struct emu *e, uint32_t v, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++)
        ob_put(e, (uint8_t)(v >> (8 * i)));
}

static void run_step(struct emu *e, size_t k_list, int bitmap)
{
    size_t n_in = 0, n_out = 0, i;
    if (bitmap) {
        for (i = 0; i < e->o.m; i++)
            if (ib_peek(e, 1 + (i >> 3)) >> (i & 7) & 1)
                e->in_idx[n_in++] = (uint32_t)i;
    } else {
        for (i = 0; i < k_list; i++) {
            uint32_t j = le_ib(e, 1 + i * e->ib_m, e->ib_m);
            if (j >= e->o.m) {
                e->c_dropped++;
                continue;
            }
            if (!e->seen[j]) {
                e->seen[j] = 1;
                e->in_idx[n_in++] = j;
            }
        }
        for (i = 0; i < n_in; i++)
            e->seen[e->in_idx[i]] = 0;
    }
    lc_ref_step(e->ref, e->in_idx, n_in, e->out_idx, &n_out);
    e->c_steps++;
    e->c_spk_in += n_in;
    e->c_spk_out += n_out;
    if (n_out * e->ib_nw < e->nb && n_out <= LC_OP_STEP_MAX_LIST) {
        ob_put(e, (uint8_t)n_out);
        for (i = 0; i < n_out; i++)
            put_le(e, e->out_idx[i], e->ib_nw);
    } else {
        uint8_t bm[512];
        memset(bm, 0, e->nb);
        for (i = 0; i < n_out; i++)
            bm[e->out_idx[i] >> 3] |= (uint8_t)(1u << (e->out_idx[i] & 7));
        ob_put(e, LC_OP_BITMAP);
        for (i = 0; i < e->nb; i++)
            ob_put(e, bm[i]);
    }
}

/* execute what the input buffer holds, as far as the output buffer allows */
static void execute(struct emu *e)
{
    for (;;) {
        uint8_t op;
        if (e->xs == X_WRITE) {
            while (e->xdone < e->xcount && e->ib_n >= e->xb) {
                cfg_write(e, e->xaddr + e->xdone * e->xstride, le_ib(e, 0, e->xb));
                ib_drop(e, e->xb);
                e->xdone++;
            }
            if (e->xdone < e->xcount)
                return;
            e->xs = X_OP;
            continue;
        }
        if (e->xs == X_READ) {
            while (e->xdone < e->xcount && ob_free(e) >= e->xb) {
                put_le(e, cfg_read(e, e->xaddr + e->xdone * e->xstride), e->xb);
                e->xdone++;
            }
            if (e->xdone < e->xcount)
                return;
            e->xs = X_OP;
            continue;
        }
        if (e->ib_n == 0)
            return;
        op = ib_peek(e, 0);
        if (op <= LC_OP_STEP_MAX_LIST || op == LC_OP_BITMAP) {
            size_t len = op == LC_OP_BITMAP ? 1 + e->mb : 1 + (size_t)op * e->ib_m;
            if (e->ib_n < len || ob_free(e) < 1 + (size_t)e->nb)
                return;
            run_step(e, op == LC_OP_BITMAP ? 0 : op, op == LC_OP_BITMAP);
            ib_drop(e, len);
        } else if (op == LC_OP_IDENTIFY) {
            if (ob_free(e) < 1 + LC_IDENTIFY_LEN)
                return;
            ib_drop(e, 1);
            ob_put(e, LC_OP_IDENTIFY);
            ob_put(e, (uint8_t)e->o.protocol);
            ob_put(e, EMU_FEATURES);
            put_le(e, e->o.n, 2);
            put_le(e, e->o.m, 2);
            ob_put(e, (uint8_t)e->o.p);
            ob_put(e, LC_MAX_PAYLOAD);
            put_le(e, e->o.clk_hz, 4);
            put_le(e, e->o.baud, 4);
            put_le(e, e->o.rxb, 2);
            put_le(e, e->o.txb, 2);
            put_le(e, e->o.rx_timeout_us, 2);
            put_le(e, 0, 2);
        } else if (op == LC_OP_SYNC) {
            if (e->ib_n < 2 || ob_free(e) < 2)
                return;
            ob_put(e, LC_OP_SYNC);
            ob_put(e, ib_peek(e, 1));
            ib_drop(e, 2);
        } else if (op >= LC_OP_READ1) {
            int write = op >= LC_OP_WRITE1;
            if (e->ib_n < 8 || (!write && ob_free(e) < 3))
                return;
            e->xb = write ? op - LC_OP_WRITE1 + 1u : op - LC_OP_READ1 + 1u;
            e->xaddr = le_ib(e, 1, 4) & 0x0FFFFFFF;
            e->xstride = ib_peek(e, 5);
            e->xcount = le_ib(e, 6, 2);
            e->xdone = 0;
            ib_drop(e, 8);
            if (!write) {
                ob_put(e, op);
                put_le(e, e->xcount, 2);
            }
            e->xs = write ? X_WRITE : X_READ;
        } else {
            if (ob_free(e) < 3)
                return;
            ib_drop(e, 1);
            e->lc[L_BAD_CMD]++;
            ob_put(e, LC_ITEM_ERROR);
            ob_put(e, 1);
            ob_put(e, op);
        }
    }
}

/* ---- device frames ------------------------------------------------------ */

static uint16_t win(const struct emu *e)
{
    return (uint16_t)(e->o.rxb - e->ib_n);
}

static int send_dev_frame(struct emu *e, const uint8_t *payload, size_t len, uint16_t seq)
{
    uint8_t f[LC_MAX_FRAME];
    uint8_t flags = LC_FLAG_DIR;
    size_t n;
    if (e->nak)
        flags |= LC_FLAG_RESEND;
    if (e->connected_flag)
        flags |= LC_FLAG_CONNECT;
    n = lc_frame_build(f, flags, seq, e->rx_expect, win(e), payload, len);
    e->nak = e->news = e->resend = e->connected_flag = 0;
    e->last_win_sent = win(e);
    e->last_ack_sent = e->rx_expect;
    return emit(e, 0, f, n);
}

/* send the unframed output, or a control frame when there is news */
static int device_send(struct emu *e)
{
    int sent = 0, rc;
    while (e->ob_sent < e->ob_n) {
        uint8_t p[LC_MAX_PAYLOAD];
        size_t len = e->ob_n - e->ob_sent, i;
        if (len > LC_MAX_PAYLOAD)
            len = LC_MAX_PAYLOAD;
        for (i = 0; i < len; i++)
            p[i] = e->ob[(e->ob_head + e->ob_sent + i) % e->o.txb];
        rc = send_dev_frame(e, p, len, (uint16_t)(e->ob_base + e->ob_sent));
        if (rc != LC_OK)
            return rc;
        e->ob_sent += len;
        sent = 1;
    }
    if (!sent && (e->news || e->nak || e->resend || e->connected_flag ||
                  e->rx_expect != e->last_ack_sent ||
                  (uint16_t)(win(e) - e->last_win_sent) >= e->o.rxb / 4 ||
                  (e->ib_n == 0 && win(e) != e->last_win_sent)))
        return send_dev_frame(e, NULL, 0, (uint16_t)(e->ob_base + e->ob_sent));
    return LC_OK;
}

static void on_host_frame(void *user, const struct lc_frame *f)
{
    struct emu *e = user;
    uint16_t d;
    if ((f->flags & LC_FLAG_DIR) || ((f->flags & LC_FLAG_CONNECT) && f->len)) {
        e->lc[L_DROPPED]++;
        e->nak = 1;
        return;
    }
    e->lc[L_RX_OK]++;
    if (f->flags & LC_FLAG_CONNECT) {
        e->rx_expect = 0;
        e->ib_n = e->ib_head = 0;
        e->ob_base = 0;
        e->ob_head = e->ob_n = e->ob_sent = 0;
        e->xs = X_OP;
        e->connected_flag = 1;
        return;
    }
    /* ACK of the device stream */
    d = (uint16_t)(f->ack - e->ob_base);
    if (d <= e->ob_sent) {
        e->ob_base = (uint16_t)(e->ob_base + d);
        e->ob_head = (e->ob_head + d) % e->o.txb;
        e->ob_n -= d;
        e->ob_sent -= d;
    }
    if (f->flags & LC_FLAG_RESEND) {
        e->lc[L_RETX]++;
        e->ob_sent = 0; /* go back to the host's ACK */
        e->resend = 1;
    }
    if (f->len) {
        uint16_t behind = (uint16_t)(e->rx_expect - f->seq);
        size_t i;
        if (behind != 0) {
            if (behind < 32768)
                e->lc[L_DUP]++;
            else {
                e->lc[L_DROPPED]++;
                e->nak = 1;
            }
            e->news = 1;
            return;
        }
        if (f->len > e->o.rxb - e->ib_n) {
            e->lc[L_DROPPED]++;
            e->nak = 1;
            return;
        }
        for (i = 0; i < f->len; i++)
            e->ib[(e->ib_head + e->ib_n + i) % e->o.rxb] = f->payload[i];
        e->ib_n += f->len;
        e->rx_expect = (uint16_t)(e->rx_expect + f->len);
    }
}

/* the device receives the bytes that have arrived by time @p t */
static int device_run_until(struct emu *e, uint64_t t)
{
    uint64_t crc0, resync0;
    while (wire_head_t(&e->h2d) <= t) {
        uint64_t at = wire_head_t(&e->h2d);
        uint8_t b = wire_pop(&e->h2d);
        if (e->rx.n > 0 && at - e->last_rx_byte > (uint64_t)e->o.rx_timeout_us * 1000u) {
            lc_frame_rx_abort(&e->rx);
            e->lc[L_TIMEOUT]++;
            e->nak = 1;
        }
        e->last_rx_byte = at;
        e->now = at > e->now ? at : e->now;
        crc0 = e->rx.crc_errors;
        resync0 = e->rx.resyncs;
        lc_frame_rx_feed(&e->rx, &b, 1, on_host_frame, e);
        e->lc[L_CRC] += (uint32_t)(e->rx.crc_errors - crc0);
        e->lc[L_RESYNC] += (uint32_t)(e->rx.resyncs - resync0);
        if (e->rx.crc_errors != crc0)
            e->nak = 1;
        if (e->rx.n == 0) { /* a frame ended (or was rejected): act on it */
            int rc;
            execute(e);
            rc = device_send(e);
            if (rc != LC_OK)
                return rc;
        }
    }
    if (e->rx.n > 0 && t - e->last_rx_byte > (uint64_t)e->o.rx_timeout_us * 1000u &&
        t > e->last_rx_byte) {
        lc_frame_rx_abort(&e->rx);
        e->lc[L_TIMEOUT]++;
        e->nak = 1;
        e->now = e->last_rx_byte + (uint64_t)e->o.rx_timeout_us * 1000u;
        return device_send(e);
    }
    return LC_OK;
}

/* ---- the transport ------------------------------------------------------ */

static int emu_write(void *ctx, const uint8_t *buf, size_t len, char *err, size_t err_len)
{
    struct emu *e = ctx;
    uint8_t f[2 * LC_MAX_FRAME];
    if (len > LC_MAX_FRAME) {
        snprintf(err, err_len, "emu: frame of %zu bytes", len);
        return LC_ERR_ARG;
    }
    memcpy(f, buf, len);
    if (emit(e, 1, f, len) != LC_OK) {
        snprintf(err, err_len, "emu: out of memory");
        return LC_ERR_MEM;
    }
    return LC_OK;
}

static int emu_read(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint64_t timeout_us,
                    char *err, size_t err_len)
{
    struct emu *e = ctx;
    uint64_t until = e->now + timeout_us * 1000u;
    size_t n = 0;
    int rc;
    for (;;) {
        rc = device_run_until(e, e->now);
        if (rc != LC_OK) {
            snprintf(err, err_len, "emu: out of memory");
            return rc;
        }
        while (n < cap && wire_head_t(&e->d2h) <= e->now)
            buf[n++] = wire_pop(&e->d2h);
        if (n > 0 || e->now >= until)
            break;
        {
            uint64_t next = wire_head_t(&e->d2h), h = wire_head_t(&e->h2d);
            if (h < next)
                next = h;
            if (e->rx.n > 0) {
                uint64_t to = e->last_rx_byte + (uint64_t)e->o.rx_timeout_us * 1000u + 1;
                if (to < next)
                    next = to;
            }
            e->now = next < until ? (next > e->now ? next : e->now) : until;
        }
    }
    *got = n;
    return LC_OK;
}

static uint64_t emu_now(void *ctx)
{
    return ((struct emu *)ctx)->now;
}

static void emu_close(void *ctx)
{
    struct emu *e = ctx;
    if (!e)
        return;
    lc_ref_free(e->ref);
    free(e->h2d.b);
    free(e->h2d.t);
    free(e->d2h.b);
    free(e->d2h.t);
    free(e->seen);
    free(e->in_idx);
    free(e->out_idx);
    free(e->ib);
    free(e->ob);
    free(e);
}

void lc_emu_defaults(struct lc_emu_opts *o)
{
    memset(o, 0, sizeof *o);
    o->n = 64;
    o->m = 32;
    o->p = 4;
    o->rxb = 1024;
    o->txb = 1024;
    o->baud = 3000000;
    o->clk_hz = 12000000;
    o->protocol = LC_PROTOCOL_VERSION_CORE;
    o->rx_timeout_us = 2000;
    o->seed = 1;
}

LC_API int lc_emu_transport(const struct lc_emu_opts *o, struct lc_transport *t)
{
    struct emu *e = calloc(1, sizeof *e);
    struct lc_net *net = NULL;
    int rc;
    if (!e)
        return LC_ERR_MEM;
    e->o = *o;
    if (e->o.n < 1 || e->o.n > 4096 || e->o.m < 1 || e->o.m > 4096 || e->o.p < 1 ||
        e->o.p > 64 || e->o.rxb < 600 || e->o.rxb > 65535 || e->o.txb < 600 ||
        e->o.txb > 65535 || e->o.baud == 0) {
        free(e);
        return LC_ERR_ARG;
    }
    e->byte_ns = 10000000000ull / e->o.baud;
    e->rng = e->o.seed;
    rc = lc_net_create(e->o.n, e->o.m, &net);
    if (rc == LC_OK)
        rc = lc_ref_create(net, &e->ref);
    lc_net_free(net);
    e->seen = calloc(e->o.m, 1);
    e->in_idx = malloc(e->o.m * sizeof *e->in_idx);
    e->out_idx = malloc(e->o.n * sizeof *e->out_idx);
    e->ib = malloc(e->o.rxb);
    e->ob = malloc(e->o.txb);
    if (rc != LC_OK || !e->seen || !e->in_idx || !e->out_idx || !e->ib || !e->ob) {
        emu_close(e);
        return rc != LC_OK ? rc : LC_ERR_MEM;
    }
    lc_geom_init(&e->geom, e->o.n, e->o.m, e->o.p);
    e->ib_m = e->o.m <= 256 ? 1 : 2;
    e->ib_nw = e->o.n <= 256 ? 1 : 2;
    e->mb = (e->o.m + 7) / 8;
    e->nb = (e->o.n + 7) / 8;
    e->last_win_sent = (uint16_t)e->o.rxb;
    memset(t, 0, sizeof *t);
    t->ctx = e;
    t->name = "emu";
    t->write = emu_write;
    t->read = emu_read;
    t->now_ns = emu_now;
    t->close = emu_close;
    t->baud = e->o.baud;
    t->clock_hz = e->o.clk_hz;
    return LC_OK;
}
