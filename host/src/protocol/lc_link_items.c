/* lc_link_items.c : the device's items, matched with the pending answers (lc_link_int.h)
 * A byte-level parser (items may span frames): STEP output records (list or bitmap,
 * checked for order and range), IDENTIFY (24 or 30 bytes), SYNC echoes, READ answers
 * and ERROR items, each against the head of the FIFO of pending answers.
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lc_error.h"
#include "lc_link_int.h"

int lc_link_fail(struct lc_link *l, int code, const char *fmt, ...)
{
    if (!l->failed) {
        va_list ap;
        va_start(ap, fmt);
        l->failed = lc_verrf(l->err, sizeof l->err, code, fmt, ap);
        va_end(ap);
    }
    return l->failed;
}


static const char *pend_name(const struct pend *p)
{
    static const char *names[] = {"a STEP output", "an IDENTIFY answer", "a SYNC echo",
                                  "a READ answer", "an ERROR item"};
    return p ? names[p->kind] : "nothing";
}

struct pend *lc_link_pq_head(struct lc_link *l)
{
    return l->pq_n ? &l->pq[l->pq_head] : NULL;
}

static void pq_pop(struct lc_link *l)
{
    l->pq_head = (l->pq_head + 1) % l->pq_cap;
    l->pq_n--;
}

int lc_link_pq_push(struct lc_link *l, const struct pend *p)
{
    if (l->pq_n == l->pq_cap) {
        size_t cap = l->pq_cap ? 2 * l->pq_cap : 256, i;
        struct pend *q = malloc(cap * sizeof *q);
        if (!q)
            return lc_link_fail(l, LC_ERR_MEM, "link: out of memory");
        for (i = 0; i < l->pq_n; i++)
            q[i] = l->pq[(l->pq_head + i) % l->pq_cap];
        free(l->pq);
        l->pq = q;
        l->pq_cap = cap;
        l->pq_head = 0;
    }
    l->pq[(l->pq_head + l->pq_n) % l->pq_cap] = *p;
    l->pq[(l->pq_head + l->pq_n) % l->pq_cap].start = l->tx_end;
    l->pq_n++;
    return LC_OK;
}

static uint32_t le(const uint8_t *p, unsigned n)
{
    uint32_t v = 0;
    while (n--)
        v = v << 8 | p[n];
    return v;
}

/* a complete STEP output record in it_buf (it_op is its first byte) */
static void step_output(struct lc_link *l, struct pend *p)
{
    size_t k = 0, i;
    if (l->it_op == LC_OP_BITMAP) {
        l->c.out_bitmaps++;
        for (i = 0; i < (size_t)l->g.ni; i++)
            if (l->it_buf[i >> 3] >> (i & 7) & 1)
                l->out_idx[k++] = (uint32_t)i;
        for (i = l->g.ni; i < (size_t)l->nb * 8; i++)
            if (l->it_buf[i >> 3] >> (i & 7) & 1) {
                lc_link_fail(l, LC_ERR_PROTO, "link: step %" PRIu64 ": output bitmap has bit %zu set "
                                      "beyond its %" PRIu32 " neurons",
                     p->step, i, l->g.ni);
                return;
            }
    } else {
        l->c.out_lists++;
        for (i = 0; i < l->it_op; i++) {
            uint32_t v = le(l->it_buf + i * l->ib_n, l->ib_n);
            if (v >= l->g.ni || (k && v <= l->out_idx[k - 1])) {
                lc_link_fail(l, LC_ERR_PROTO,
                     "link: step %" PRIu64 ": output index %" PRIu32
                     " out of range or out of order",
                     p->step, v);
                return;
            }
            l->out_idx[k++] = v;
        }
    }
    l->c.payload_rx += 1 + l->it_need;
    /* the running mean of a STEP answer's bytes, x16 (weight 1/8) */
    l->step_est = (unsigned)((7 * (uint64_t)l->step_est + 16 * (1 + l->it_need)) / 8);
    l->steps_out++;
    if (l->out_fn && !l->out_abort && l->out_fn(l->out_user, p->step, l->out_idx, k) < 0)
        l->out_abort = 1;
}

static void ident_answer(struct lc_link *l)
{
    const uint8_t *b = l->it_buf;
    l->g.protocol = b[0];
    l->g.features = b[1];
    l->g.n = le(b + 2, 2);
    l->g.m = le(b + 4, 2);
    l->g.p = b[6];
    l->g.max_payload = b[7];
    l->g.clk_hz = le(b + 8, 4);
    l->g.baud = le(b + 12, 4);
    l->g.rxb = le(b + 16, 2);
    l->g.txb = le(b + 18, 2);
    l->g.rx_timeout_us = le(b + 20, 2);
    l->g.cores = 1;
    if (l->g.protocol == LC_PROTOCOL_VERSION && l->it_have >= LC_IDENTIFY_LEN_SYS) {
        l->g.cores = le(b + LC_IDENT_CORES, LC_IDENT_CORES_SIZE);
        l->g.max_delay = le(b + LC_IDENT_MAX_DELAY, LC_IDENT_MAX_DELAY_SIZE);
        l->g.routes = le(b + LC_IDENT_ROUTES, LC_IDENT_ROUTES_SIZE);
    }
}

/* the first byte of an item: check it against the head of the FIFO */
static void item_start(struct lc_link *l, uint8_t op)
{
    struct pend *p = lc_link_pq_head(l);
    l->it_op = op;
    l->it_have = 0;
    if (op == LC_ITEM_ERROR) {
        l->it = IT_FIXED;
        l->it_need = 2;
        return;
    }
    if (p && p->kind == P_REFUSED)
        goto unexpected;
    if (op <= LC_OP_BITMAP) {
        if (!p || p->kind != P_STEP)
            goto unexpected;
        l->it = IT_FIXED;
        l->it_need = op == LC_OP_BITMAP ? l->nb : (size_t)op * l->ib_n;
    } else if (op == LC_OP_IDENTIFY) {
        if (!p || p->kind != P_IDENT)
            goto unexpected;
        l->it = IT_FIXED;
        l->it_need = LC_IDENTIFY_LEN;
    } else if (op == LC_OP_SYNC) {
        if (!p || p->kind != P_SYNC)
            goto unexpected;
        l->it = IT_FIXED;
        l->it_need = 1;
    } else if (op >= LC_OP_READ1 && op <= LC_OP_READ1 + 3) {
        if (!p || p->kind != P_READ || p->bytes != op - LC_OP_READ1 + 1)
            goto unexpected;
        l->it = IT_READ_COUNT;
        l->it_need = 2;
    } else {
        goto unexpected;
    }
    if (l->it_need == 0)
        l->it = IT_FIXED; /* completed by item_byte's caller below */
    return;
unexpected:
    lc_link_fail(l, LC_ERR_PROTO, "link: device sent item 0x%02x while %s was expected", op,
         pend_name(p));
}

static void item_done(struct lc_link *l)
{
    struct pend *p = lc_link_pq_head(l);
    l->it = IT_IDLE;
    if (l->it_op == LC_ITEM_ERROR && p && p->kind == P_REFUSED) {
        p->dst[0] = l->it_buf[0];
        p->dst[1] = l->it_buf[1];
        pq_pop(l);
        return;
    }
    if (l->it_op == LC_ITEM_ERROR) {
        lc_link_fail(l, LC_ERR_PROTO, "link: device reported error %u for opcode 0x%02x (host bug)",
             l->it_buf[0], l->it_buf[1]);
        return;
    }
    switch (p->kind) {
    case P_STEP:
        step_output(l, p);
        break;
    case P_IDENT:
        if (l->it_buf[0] == LC_PROTOCOL_VERSION && l->it_need < LC_IDENTIFY_LEN_SYS) {
            /* a system's IDENTIFY (version 2) is longer: read the rest */
            l->it = IT_FIXED;
            l->it_need = LC_IDENTIFY_LEN_SYS;
            return;
        }
        ident_answer(l);
        break;
    case P_SYNC:
        if (l->it_buf[0] != p->tag) {
            lc_link_fail(l, LC_ERR_PROTO, "link: SYNC echo tag %u, expected %u", l->it_buf[0], p->tag);
            return;
        }
        l->sync_seen++;
        break;
    case P_READ:
    case P_REFUSED:
        break;
    }
    pq_pop(l);
}

void lc_link_items(struct lc_link *l, const uint8_t *b, size_t n)
{
    size_t i = 0;
    while (i < n && !l->failed) {
        switch (l->it) {
        case IT_IDLE:
            item_start(l, b[i++]);
            if (!l->failed && l->it == IT_FIXED && l->it_need == 0)
                item_done(l);
            break;
        case IT_FIXED: {
            size_t take = l->it_need - l->it_have;
            if (take > n - i)
                take = n - i;
            memcpy(l->it_buf + l->it_have, b + i, take);
            l->it_have += take;
            i += take;
            if (l->it_have == l->it_need)
                item_done(l);
            break;
        }
        case IT_READ_COUNT:
            l->it_buf[l->it_have++] = b[i++];
            if (l->it_have == 2) {
                struct pend *p = lc_link_pq_head(l);
                l->it_count = le(l->it_buf, 2);
                if (l->it_count != p->count) {
                    lc_link_fail(l, LC_ERR_PROTO, "link: READ answer of %" PRIu32 " values, asked %" PRIu32,
                         l->it_count, p->count);
                    return;
                }
                l->it_done = 0;
                l->it_val = 0;
                l->it_vb = 0;
                l->it = IT_READ_VALUES;
                if (l->it_count == 0)
                    item_done(l);
            }
            break;
        case IT_READ_VALUES: {
            struct pend *p = lc_link_pq_head(l);
            l->it_val |= (uint32_t)b[i++] << (8 * l->it_vb);
            if (++l->it_vb == p->bytes) {
                if (p->dst)
                    p->dst[l->it_done] = l->it_val;
                l->it_val = 0;
                l->it_vb = 0;
                if (++l->it_done == l->it_count)
                    item_done(l);
            }
            break;
        }
        }
    }
}
