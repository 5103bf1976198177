/* lc_link.c : host side of the link protocol (lc_link.h, docs/protocol.md)
 * Host to device: a ring of stream bytes [tx_base, tx_end); tx_base is the
 * device's ACK, tx_sent the next byte to put in a frame, credit the right edge
 * ACK + WIN. Device to host: rx_expect is the next stream offset wanted; the
 * accepted bytes go through a byte-level item parser (lc_link_items.c) that
 * matches them with the FIFO of pending answers. Offsets are kept as 64-bit
 * counts and cut to 16 bits on the wire. On a harsh wire the frames shrink
 * (lc_adapt.c): the host's own, and the device's through a bound on the answer
 * bytes in flight (each pending answer's worst-case size; commands beyond it
 * wait, READs are cut to fit); a guard byte follows each frame and device frames
 * that end like a frame start are checked (lc_frame.h).
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_clock.h"
#include "lc_error.h"
#include "lc_link.h"
#include "lc_link_int.h"

#define TX_RING (1u << 17) /* > the largest credit (65535) plus a frame */
#define RTO_MIN_NS 4000000u /* 4 ms of transport time, plus the wire time in flight */
/* after recent losses: twice the measured round trip, at least 0.5 ms, plus the wire time
 * of what is in flight (frames are short then, and waiting costs more than a poll) */
#define RTO_HARSH_NS 500000u
#define INFLIGHT_FRAMES 4u /* new data in flight then, in frames of the limit */
#define ANSWER_FRAMES 2u /* answers in flight then, in device frames of the limit */
#define DEFAULT_BAUD 3000000u
/* The link gives up after timeout_ms without progress and at least RETRY_MIN
 * retransmission timeouts in a row, both times 1 / (1 - f) for the fraction f of
 * frames lost lately (at most RETRY_SCALE): a budget of tries that grows on a harsh
 * wire, where a frame may need many; a device that stops answering after a good
 * session is given up after about RETRY_MIN tries, as its losses are recent. */
#define RETRY_MIN 16u
#define RETRY_SCALE 16.0

uint64_t lc_link_now_ns(struct lc_link *l)
{
    return l->t.now_ns ? l->t.now_ns(l->t.ctx) : lc_mono_ns();
}

const char *lc_link_error(const struct lc_link *l)
{
    return l->err;
}
const struct lc_link_geom *lc_link_geom(const struct lc_link *l)
{
    return &l->g;
}
const struct lc_link_counts *lc_link_counts(struct lc_link *l)
{
    l->c.crc_errors = l->rx.crc_errors;
    l->c.resyncs = l->rx.resyncs;
    l->c.tail_rejects = l->rx.tail_rejects;
    l->c.shrinks = l->ad.shrinks;
    l->c.grows = l->ad.grows;
    l->c.frame_max = lc_adapt_limit(&l->ad, LC_ADAPT_TX);
    l->c.answer_max = lc_adapt_answers(&l->ad);
    l->c.loss_tx = lc_adapt_loss(&l->ad, LC_ADAPT_TX);
    l->c.loss_rx = lc_adapt_loss(&l->ad, LC_ADAPT_RX);
    return &l->c;
}
void lc_link_clear_counts(struct lc_link *l)
{
    memset(&l->c, 0, sizeof l->c);
    l->rx.crc_errors = l->rx.resyncs = l->rx.tail_rejects = 0;
    l->crc_seen = 0;
    l->ad.shrinks = l->ad.grows = 0;
}

/* wire time of @p bytes at the link's baud (10 bits a byte) */
static uint64_t wire_ns(const struct lc_link *l, uint64_t bytes)
{
    uint64_t baud = l->g.baud ? l->g.baud : (l->t.baud ? l->t.baud : DEFAULT_BAUD);
    return bytes * 10u * 1000000000u / baud;
}

static uint64_t rto_ns(const struct lc_link *l)
{
    uint64_t floor = RTO_MIN_NS, frame = LC_MAX_FRAME;
    if (lc_adapt_answers(&l->ad)) { /* device frames are being lost: they are short */
        unsigned a = lc_adapt_answers(&l->ad), t = lc_adapt_limit(&l->ad, LC_ADAPT_TX);
        floor = 2 * l->srtt_ns > RTO_HARSH_NS ? 2 * l->srtt_ns : RTO_HARSH_NS;
        if (floor > RTO_MIN_NS)
            floor = RTO_MIN_NS;
        frame = 13 + (a > t ? a : t);
        if (frame > LC_MAX_FRAME)
            frame = LC_MAX_FRAME;
    }
    return floor + 2 * wire_ns(l, (l->tx_sent - l->tx_base) + 2 * frame);
}

static int outstanding(const struct lc_link *l)
{
    return !l->connected || l->tx_end > l->tx_base || l->pq_n > 0;
}

/* ---- sending ------------------------------------------------------------ */

static int send_frame(struct lc_link *l, uint8_t flags, uint64_t seq, const uint8_t *payload,
                      size_t len)
{
    uint8_t f[LC_MAX_FRAME + 1];
    char msg[ERR_LEN - 64];
    size_t n = lc_frame_build(f, flags, (uint16_t)seq, (uint16_t)l->rx_expect, 0, payload, len);
    if (lc_adapt_limit(&l->ad, LC_ADAPT_TX) < l->maxpl && n < LC_MAX_FRAME) {
        /* frames are being lost: a guard byte, so that a frame with a byte dropped
         * takes it, not the next frame's SOF, and fails its check (lc_frame.h) */
        f[n] = lc_frame_guard(f, n);
        n++;
        l->c.guards++;
    }
    int rc = l->t.write(l->t.ctx, f, n, msg, sizeof msg);
    if (l->trace)
        fprintf(stderr, "lc_link %s: tx flags %02x seq %u ack %u len %zu\n", l->t.name, flags,
                (unsigned)(uint16_t)seq, (unsigned)(uint16_t)l->rx_expect, len);
    if (rc != LC_OK)
        return lc_link_fail(l, rc, "%s", msg);
    l->c.bytes_tx += n;
    l->c.frames_tx++;
    l->ack_sent = l->rx_expect;
    return LC_OK;
}

static int send_control(struct lc_link *l, uint8_t flags)
{
    return send_frame(l, flags, l->tx_sent, NULL, 0);
}

static const struct pend *pq_at(const struct lc_link *l, size_t i)
{
    return &l->pq[(l->pq_head + i) % l->pq_cap];
}

static uint32_t pend_ans(const struct lc_link *l, const struct pend *p)
{
    /* a STEP's answer: half as much again as the mean, at most a bitmap */
    uint32_t est = (3 * l->step_est / 2 + 15) / 16;
    if (p->kind != P_STEP)
        return p->ans;
    return est > 1u + l->nb ? 1u + l->nb : est;
}

/* The stream offset new bytes may reach: the first command not yet sent whose answer
 * would take the answers of the new commands beyond the policy's bound W (the device
 * frames what a frame of commands produced, so its frames stay near W), or all the
 * answers in flight beyond ANSWER_FRAMES W (a loss is then followed by another frame,
 * which shows the gap at once; a go-back resends them in one frame). None on a clean
 * wire; a first answer always goes, however long. */
static uint64_t answer_edge(const struct lc_link *l)
{
    unsigned win = lc_adapt_answers(&l->ad);
    uint64_t acc = 0, fresh = 0;
    size_t i;
    if (!win)
        return UINT64_MAX;
    for (i = 0; i < l->pq_n; i++) {
        const struct pend *p = pq_at(l, i);
        uint32_t a = pend_ans(l, p);
        if (p->start >= l->tx_hi) {
            if (acc > 0 && (fresh + a > win || acc + a > ANSWER_FRAMES * win))
                return p->start;
            fresh += a;
        }
        acc += a;
    }
    return UINT64_MAX;
}

/* length of the next data frame, 0 when none should go now */
static size_t next_frame_len(const struct lc_link *l)
{
    uint64_t avail, queued, edge;
    size_t len, maxpl = lc_adapt_limit(&l->ad, LC_ADAPT_TX);
    if (!l->connected || l->tx_sent >= l->tx_end || l->tx_sent >= l->credit)
        return 0;
    if (maxpl > l->maxpl)
        maxpl = l->maxpl;
    queued = l->tx_end - l->tx_sent;
    edge = answer_edge(l);
    if (edge < l->tx_hi)
        edge = l->tx_hi; /* resending what went before is always allowed */
    if (edge - l->tx_sent < queued)
        queued = edge - l->tx_sent;
    if (queued == 0)
        return 0; /* wait for answers */
    avail = l->credit - l->tx_sent;
    if (maxpl < l->maxpl && l->tx_sent >= l->tx_hi) {
        /* frames are lost: a few short frames in flight at most, as a loss makes the
         * device drop every later one (it accepts frames in order only) */
        uint64_t most = INFLIGHT_FRAMES * (uint64_t)maxpl, out = l->tx_sent - l->tx_base;
        if (out >= most)
            return 0;
        if (avail > most - out)
            avail = most - out;
    }
    len = maxpl;
    if (queued < len)
        len = (size_t)queued;
    if (avail < len) {
        /* a small frame cut by the credit: wait for more credit while some is
         * in flight (the device reports credit as its buffer drains) */
        if (avail < maxpl / 2 && l->tx_sent > l->tx_base)
            return 0;
        len = (size_t)avail;
    }
    return len;
}

static int send_data(struct lc_link *l)
{
    size_t len;
    while ((len = next_frame_len(l)) > 0) {
        uint8_t p[LC_MAX_PAYLOAD];
        size_t i;
        int rc;
        for (i = 0; i < len; i++)
            p[i] = l->tx[(l->tx_sent + i) & (TX_RING - 1)];
        if (l->tx_sent < l->tx_hi)
            l->c.retransmits++;
        rc = send_frame(l, 0, l->tx_sent, p, len);
        if (rc != LC_OK)
            return rc;
        if (!l->rtt_mark && l->tx_sent >= l->tx_hi) {
            l->rtt_mark = l->tx_sent + len;
            l->rtt_t0 = lc_link_now_ns(l);
        }
        l->tx_sent += len;
        if (l->tx_sent > l->tx_hi)
            l->tx_hi = l->tx_sent;
    }
    return LC_OK;
}

/* ---- receiving ---------------------------------------------------------- */

static void progress(struct lc_link *l)
{
    l->last_progress_ns = l->last_rx_ns;
    l->tries = 0;
}

static void on_frame(void *user, const struct lc_frame *f)
{
    struct lc_link *l = user;
    uint64_t d;
    int nak;
    if (l->trace)
        fprintf(stderr, "lc_link %s: rx flags %02x seq %u ack %u win %u len %u (expect %u)\n",
                l->t.name, f->flags, f->seq, f->ack, f->win, f->len, (unsigned)(uint16_t)l->rx_expect);
    if (l->failed || !(f->flags & LC_FLAG_DIR))
        return; /* a host frame (an echo on the line): not ours */
    l->c.frames_rx++;
    l->last_rx_ns = lc_link_now_ns(l);
    if (f->len) /* a data frame got through (control frames are short: no news) */
        lc_adapt_ok(&l->ad, LC_ADAPT_RX, 1);
    if (f->flags & LC_FLAG_CONNECT) {
        /* A board sends CONNECTED after its reset as well as in answer to
         * CONNECT: until the session has moved, the latest one starts it (the
         * bytes queued since are sent again from offset 0). */
        if (l->connected && (l->tx_base > 0 || l->rx_expect > 0)) {
            lc_link_fail(l, LC_ERR_LINK, "link: the device restarted its session (CONNECTED during a "
                                 "session): commands in flight are lost");
            return;
        }
        l->connected = 1;
        l->tx_base = l->tx_sent = l->tx_hi = 0;
        l->credit = 0;
        l->rtt_mark = 0;
        l->rx_expect = l->ack_sent = 0;
        l->goback = l->gap_reported = 0;
        progress(l);
    } else if (!l->connected) {
        return; /* a frame of an earlier session */
    }
    nak = (f->flags & LC_FLAG_RESEND) && !l->goback;
    /* ACK: within what was sent, else ignored */
    d = (uint16_t)(f->ack - (uint16_t)l->tx_base);
    if (d <= l->tx_hi - l->tx_base) {
        uint64_t edge;
        if (d > 0) {
            unsigned fl = lc_adapt_limit(&l->ad, LC_ADAPT_TX);
            lc_adapt_ok(&l->ad, LC_ADAPT_TX, (d + fl - 1) / fl); /* about that many frames */
            l->tx_base += d;
            if (l->rtt_mark && l->tx_base >= l->rtt_mark) { /* Karn: sent once */
                uint64_t r = l->last_rx_ns - l->rtt_t0;
                l->srtt_ns = l->srtt_ns ? (7 * l->srtt_ns + r) / 8 : r;
                l->rtt_mark = 0;
            }
            if (l->tx_sent < l->tx_base)
                l->tx_sent = l->tx_base;
            if (l->goback && l->tx_base > l->goback_mark)
                l->goback = 0;
            progress(l);
        }
        edge = l->tx_base + f->win;
        if (edge > l->credit) {
            l->credit = edge;
            progress(l);
        }
    }
    if (nak && l->tx_sent > l->tx_base) {
        lc_adapt_fail(&l->ad, LC_ADAPT_TX); /* a frame of ours was lost */
        l->rtt_mark = 0;
        l->goback = 1;
        l->goback_mark = l->tx_base;
        l->tx_sent = l->tx_base;
    }
    if (f->len) {
        uint16_t behind = (uint16_t)((uint16_t)l->rx_expect - f->seq);
        size_t skip;
        if (behind >= 32768) {
            l->c.gaps++;
            if (!l->gap_reported) {
                l->gap_reported = 1;
                l->want_resend = 1;
                if (!l->rx_bad) /* a device frame was lost unseen (else counted already) */
                    lc_adapt_fail(&l->ad, LC_ADAPT_RX);
            }
            return;
        }
        if (behind >= f->len) {
            l->c.duplicates++;
            return;
        }
        skip = behind;
        l->rx_expect += f->len - skip;
        l->gap_reported = l->rx_bad = 0;
        progress(l);
        lc_link_items(l, f->payload + skip, f->len - skip);
    }
}

static int on_rto(struct lc_link *l, uint64_t now)
{
    int rc;
    l->last_rx_ns = now;
    if (!outstanding(l))
        return LC_OK;
    l->c.timeouts++;
    l->tries++;
    /* lost: a frame of ours (or its acknowledgement), else one of the device's */
    lc_adapt_fail(&l->ad, l->tx_sent > l->tx_base ? LC_ADAPT_TX : LC_ADAPT_RX);
    if (!l->connected)
        return send_control(l, LC_FLAG_CONNECT);
    l->rtt_mark = 0;
    l->goback = 0;
    l->tx_sent = l->tx_base; /* go back: resend everything unacknowledged */
    l->c.resend_polls++;
    rc = send_control(l, LC_FLAG_RESEND);
    return rc != LC_OK ? rc : send_data(l);
}

static int gave_up(const struct lc_link *l, uint64_t now)
{
    double f = lc_adapt_loss(&l->ad, LC_ADAPT_TX), scale;
    if (lc_adapt_loss(&l->ad, LC_ADAPT_RX) > f)
        f = lc_adapt_loss(&l->ad, LC_ADAPT_RX);
    scale = f < 1 - 1 / RETRY_SCALE ? 1 / (1 - f) : RETRY_SCALE;
    return (double)(now - l->last_progress_ns) > (double)l->timeout_ns * scale &&
           (double)l->tries >= RETRY_MIN * scale;
}

/* One round: send what may go, read what came (waiting up to the RTO when
 * nothing can be sent), acknowledge, detect timeouts. */
static int pump(struct lc_link *l)
{
    uint8_t buf[4096];
    size_t got = 0;
    uint64_t now, wait = 0;
    int rc, block;
    char msg[ERR_LEN - 64];

    if (l->failed)
        return l->failed;
    rc = send_data(l);
    if (rc == LC_OK && l->want_resend) {
        l->want_resend = 0;
        l->c.resend_polls++;
        rc = send_control(l, LC_FLAG_RESEND);
    }
    if (rc != LC_OK)
        return rc;
    now = lc_link_now_ns(l);
    /* device frames are being lost: hold those that end like a frame start (lc_frame.h) */
    l->rx.check_tail = lc_adapt_answers(&l->ad) != 0;
    block = next_frame_len(l) == 0;
    if (block) {
        uint64_t deadline = l->last_rx_ns + rto_ns(l);
        wait = deadline > now ? deadline - now : 0;
    }
    rc = l->t.read(l->t.ctx, buf, sizeof buf, &got, (wait + 999) / 1000, msg, sizeof msg);
    if (rc != LC_OK)
        return lc_link_fail(l, rc, "%s", msg);
    now = lc_link_now_ns(l);
    if (got) {
        l->c.bytes_rx += got;
        lc_frame_rx_feed(&l->rx, buf, got, on_frame, l);
        if (l->failed)
            return l->failed;
        for (; l->crc_seen < l->rx.crc_errors; l->crc_seen++) {
            lc_adapt_fail(&l->ad, LC_ADAPT_RX);
            l->rx_bad = 1;
        }
    } else if (block && now >= l->last_rx_ns + rto_ns(l)) {
        rc = on_rto(l, now);
        if (rc != LC_OK)
            return rc;
    }
    /* acknowledge device data that no data frame is about to carry */
    if (l->connected && l->rx_expect != l->ack_sent && next_frame_len(l) == 0 &&
        (got == 0 || l->rx_expect - l->ack_sent >= l->ack_every || l->tx_sent == l->tx_base)) {
        rc = send_control(l, 0);
        if (rc != LC_OK)
            return rc;
    }
    if (outstanding(l) && gave_up(l, now))
        return lc_link_fail(l, LC_ERR_TIMEOUT,
                    "link %s: the device stopped answering: no progress for %" PRIu64
                    " ms and %u tries (%s; %" PRIu64 " bytes unacknowledged, %zu answers "
                    "pending, %" PRIu64 " timeouts so far)",
                    l->t.name, (now - l->last_progress_ns) / 1000000, l->tries,
                    l->connected ? "connected" : "waiting for CONNECTED",
                    l->tx_end - l->tx_base, l->pq_n, l->c.timeouts);
    return LC_OK;
}

/* ---- commands ----------------------------------------------------------- */

/* append stream bytes, making room by exchanging frames */
static int append(struct lc_link *l, const uint8_t *b, size_t n)
{
    size_t i;
    if (l->failed)
        return l->failed;
    if (!outstanding(l))
        l->last_progress_ns = l->last_rx_ns = lc_link_now_ns(l);
    while (l->tx_end + n - l->tx_base > TX_RING - LC_MAX_FRAME) {
        int rc = pump(l);
        if (rc != LC_OK)
            return rc;
    }
    for (i = 0; i < n; i++)
        l->tx[(l->tx_end + i) & (TX_RING - 1)] = b[i];
    l->tx_end += n;
    return LC_OK;
}

static void put_le(uint8_t *p, uint32_t v, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

int lc_link_write(struct lc_link *l, uint32_t addr, uint8_t stride, uint32_t count,
                  unsigned bytes, const uint32_t *values)
{
    uint8_t chunk[4096];
    uint32_t done = 0;
    while (done < count || (count == 0 && done == 0)) {
        uint32_t n = count - done > 65535 ? 65535 : count - done, k;
        uint8_t h[8];
        int rc;
        h[0] = (uint8_t)(LC_OP_WRITE1 + bytes - 1);
        put_le(h + 1, addr + done * stride, 4);
        h[5] = stride;
        put_le(h + 6, n, 2);
        rc = append(l, h, 8);
        for (k = 0; k < n && rc == LC_OK;) {
            size_t len = 0;
            while (k < n && len + bytes <= sizeof chunk) {
                put_le(chunk + len, values[done + k], bytes);
                len += bytes;
                k++;
            }
            rc = append(l, chunk, len);
        }
        if (rc != LC_OK)
            return rc;
        done += n;
        if (count == 0)
            break;
    }
    return LC_OK;
}

int lc_link_read(struct lc_link *l, uint32_t addr, uint8_t stride, uint32_t count,
                 unsigned bytes, uint32_t *dst)
{
    uint32_t done = 0, most = 65535, win = lc_adapt_answers(&l->ad);
    /* on a harsh wire, READs small enough that each answer fits the answer bound */
    if (win && bytes && (win - 3) / bytes < most)
        most = win > 3 + bytes ? (win - 3) / bytes : 1;
    while (done < count) {
        uint32_t n = count - done > most ? most : count - done;
        struct pend p;
        uint8_t h[8];
        int rc;
        h[0] = (uint8_t)(LC_OP_READ1 + bytes - 1);
        put_le(h + 1, addr + done * stride, 4);
        h[5] = stride;
        put_le(h + 6, n, 2);
        memset(&p, 0, sizeof p);
        p.kind = P_READ;
        p.bytes = (uint8_t)bytes;
        p.count = n;
        p.ans = 3 + n * bytes;
        p.dst = dst ? dst + done : NULL;
        rc = lc_link_pq_push(l, &p);
        if (rc == LC_OK)
            rc = append(l, h, 8);
        if (rc != LC_OK)
            return rc;
        done += n;
    }
    return LC_OK;
}

int lc_link_refused(struct lc_link *l, const uint8_t *cmd, size_t len, uint32_t *dst)
{
    struct pend p;
    int rc;
    memset(&p, 0, sizeof p);
    p.kind = P_REFUSED;
    p.dst = dst;
    p.ans = 3;
    rc = lc_link_pq_push(l, &p);
    return rc == LC_OK ? append(l, cmd, len) : rc;
}

int lc_link_sync(struct lc_link *l)
{
    struct pend p;
    uint8_t cmd[2];
    int rc;
    memset(&p, 0, sizeof p);
    p.kind = P_SYNC;
    p.tag = ++l->sync_tag;
    p.ans = 2;
    cmd[0] = LC_OP_SYNC;
    cmd[1] = p.tag;
    rc = lc_link_pq_push(l, &p);
    if (rc == LC_OK)
        rc = append(l, cmd, 2);
    while (rc == LC_OK && l->pq_n > 0)
        rc = pump(l);
    return rc;
}

/* ---- streaming ---------------------------------------------------------- */

/* encode one STEP record, the shorter of list and bitmap */
static size_t encode_step(const struct lc_link *l, const uint32_t *idx, size_t k, uint8_t *out)
{
    size_t i;
    if (k <= LC_OP_STEP_MAX_LIST && k * l->ib_m < l->mb) {
        out[0] = (uint8_t)k;
        for (i = 0; i < k; i++)
            put_le(out + 1 + i * l->ib_m, idx[i], l->ib_m);
        return 1 + k * l->ib_m;
    }
    out[0] = LC_OP_BITMAP;
    memset(out + 1, 0, l->mb);
    for (i = 0; i < k; i++)
        out[1 + (idx[i] >> 3)] |= (uint8_t)(1u << (idx[i] & 7));
    return 1 + l->mb;
}

int lc_link_stream(struct lc_link *l, uint64_t steps, lc_input_fn input, lc_output_fn output,
                   void *user)
{
    uint32_t *idx;
    uint8_t *rec;
    size_t cap = 2 * (size_t)l->g.mi + 1;
    uint64_t gen = 0, t0, b_tx, b_rx;
    int rc = l->failed, in_abort = 0;

    if (rc)
        return rc;
    idx = malloc(cap * sizeof *idx);
    rec = malloc(2 + (size_t)l->g.mi * 2 + l->mb);
    if (!idx || !rec) {
        free(idx);
        free(rec);
        return lc_link_fail(l, LC_ERR_MEM, "link: out of memory");
    }
    l->out_fn = output;
    l->out_user = user;
    l->out_abort = 0;
    l->steps_out = 0;
    t0 = lc_link_now_ns(l);
    b_tx = l->c.bytes_tx;
    b_rx = l->c.bytes_rx;
    while (rc == LC_OK) {
        /* queue records until the credit and one more frame are covered */
        while (gen < steps && !in_abort && !l->out_abort) {
            uint64_t avail = l->credit > l->tx_sent ? l->credit - l->tx_sent : 0;
            size_t k = 0, len;
            struct pend p;
            if (l->tx_end - l->tx_sent >= avail + l->maxpl)
                break;
            if (input(user, gen, idx, cap, &k) < 0) {
                in_abort = 1;
                break;
            }
            len = encode_step(l, idx, k, rec);
            memset(&p, 0, sizeof p);
            p.kind = P_STEP;
            p.step = gen;
            rc = lc_link_pq_push(l, &p);
            if (rc == LC_OK)
                rc = append(l, rec, len);
            if (rc != LC_OK)
                break;
            l->c.payload_tx += len;
            gen++;
        }
        if (rc != LC_OK)
            break;
        if ((gen == steps || in_abort || l->out_abort) && l->steps_out == gen)
            break; /* every record queued has its output */
        rc = pump(l);
    }
    l->c.stream_ns += lc_link_now_ns(l) - t0;
    l->c.stream_bytes_tx += l->c.bytes_tx - b_tx;
    l->c.stream_bytes_rx += l->c.bytes_rx - b_rx;
    l->out_fn = NULL;
    free(idx);
    free(rec);
    if (rc != LC_OK)
        return rc;
    return (in_abort || l->out_abort) ? LC_ERR_ARG : LC_OK;
}

/* ---- opening ------------------------------------------------------------ */

static unsigned index_bytes(uint32_t size)
{
    return size <= 256 ? 1 : 2;
}

int lc_link_open(const struct lc_transport *t, uint32_t timeout_ms, struct lc_link **out,
                 char *err, size_t err_len)
{
    struct lc_link *l = calloc(1, sizeof *l);
    uint32_t core[5];
    struct pend p;
    uint8_t op = LC_OP_IDENTIFY;
    int rc;

    *out = NULL;
    if (!l || !(l->tx = malloc(TX_RING))) {
        free(l);
        t->close(t->ctx);
        return lc_errf(err, err_len, LC_ERR_MEM, "link: out of memory");
    }
    l->t = *t;
    l->trace = getenv("LC_LINK_TRACE") && strcmp(getenv("LC_LINK_TRACE"), "1") == 0;
    l->timeout_ns = (uint64_t)timeout_ms * 1000000u;
    l->maxpl = LC_MAX_PAYLOAD;
    l->ack_every = 64;
    lc_adapt_init(&l->ad, LC_MAX_PAYLOAD);
    l->last_rx_ns = l->last_progress_ns = lc_link_now_ns(l);
    /* CONNECT until CONNECTED */
    rc = send_control(l, LC_FLAG_CONNECT);
    while (rc == LC_OK && !l->connected)
        rc = pump(l);
    if (rc == LC_ERR_TIMEOUT)
        snprintf(l->err, sizeof l->err,
                 "%s: no answer to CONNECT within %" PRIu32 " ms (%" PRIu64
                 " tries; is the board programmed with lifcore, at the same baud?)",
                 t->name, timeout_ms, l->c.timeouts + 1);
    /* IDENTIFY and the core's geometry registers */
    if (rc == LC_OK) {
        memset(&p, 0, sizeof p);
        p.kind = P_IDENT;
        p.ans = 1 + LC_IDENTIFY_LEN_SYS;
        rc = lc_link_pq_push(l, &p);
        if (rc == LC_OK)
            rc = append(l, &op, 1);
        if (rc == LC_OK)
            rc = lc_link_sync(l);
    }
    if (rc == LC_OK && l->g.protocol != LC_PROTOCOL_VERSION &&
        l->g.protocol != LC_PROTOCOL_VERSION_CORE)
        rc = lc_link_fail(l, LC_ERR_VERSION,
                  "%s: the device speaks link protocol version %" PRIu32
                  ", this library versions %d (one core) and %d (a system of cores)",
                  t->name, l->g.protocol, LC_PROTOCOL_VERSION_CORE, LC_PROTOCOL_VERSION);
    if (rc == LC_OK && (l->g.cores == 0 || l->g.cores > 15 ||
                        (l->g.cores > 1 && (l->g.max_delay == 0 || l->g.routes == 0))))
        rc = lc_link_fail(l, LC_ERR_PROTO, "%s: IDENTIFY gave an impossible system (%" PRIu32
                                   " cores, D %" PRIu32 ", %" PRIu32 " routes)",
                  t->name, l->g.cores, l->g.max_delay, l->g.routes);
    if (rc == LC_OK && (l->g.n == 0 || l->g.m == 0 || l->g.p == 0 || l->g.rxb == 0 ||
                        l->g.txb == 0 || l->g.max_payload == 0))
        rc = lc_link_fail(l, LC_ERR_PROTO, "%s: IDENTIFY gave an impossible geometry (N %" PRIu32
                                   ", M %" PRIu32 ", P %" PRIu32 ", RXB %" PRIu32
                                   ", TXB %" PRIu32 ")",
                  t->name, l->g.n, l->g.m, l->g.p, l->g.rxb, l->g.txb);
    if (rc == LC_OK) {
        l->maxpl = l->g.max_payload;
        l->ack_every = l->g.txb / 4 ? l->g.txb / 4 : 1;
        if (l->g.protocol == LC_PROTOCOL_VERSION) { /* a system: {core, index} */
            while ((1u << l->g.nw) < l->g.n)
                l->g.nw++;
            while ((1u << l->g.mw) < l->g.m)
                l->g.mw++;
            l->g.ni = l->g.cores << l->g.nw;
            l->g.mi = l->g.cores << l->g.mw;
        } else {
            l->g.ni = l->g.n;
            l->g.mi = l->g.m;
        }
        l->ib_m = index_bytes(l->g.mi);
        l->ib_n = index_bytes(l->g.ni);
        l->mb = (l->g.mi + 7) / 8;
        l->nb = (l->g.ni + 7) / 8;
        l->step_est = 16 * (1 + l->nb);
        if (l->nb > sizeof l->it_buf || 240u * l->ib_n > sizeof l->it_buf)
            rc = lc_link_fail(l, LC_ERR_PROTO, "%s: N = %" PRIu32 " too large", t->name, l->g.ni);
    }
    if (rc == LC_OK) {
        l->out_idx = malloc((size_t)l->g.ni * sizeof *l->out_idx);
        if (!l->out_idx)
            rc = lc_link_fail(l, LC_ERR_MEM, "link: out of memory");
    }
    if (rc == LC_OK)
        rc = lc_link_read(l, LC_REG_CORE + 0x20, 1, 5, 4, core);
    if (rc == LC_OK)
        rc = lc_link_sync(l);
    if (rc == LC_OK) {
        if (core[0] != l->g.n || core[1] != l->g.m || core[2] != l->g.p)
            rc = lc_link_fail(l, LC_ERR_PROTO,
                      "%s: IDENTIFY says N %" PRIu32 " M %" PRIu32 " P %" PRIu32
                      ", the core registers N %" PRIu32 " M %" PRIu32 " P %" PRIu32,
                      t->name, l->g.n, l->g.m, l->g.p, core[0], core[1], core[2]);
        l->g.core_version = core[3];
        l->g.wmem_1port = core[4];
    }
    if (rc != LC_OK) {
        snprintf(err, err_len, "%s", l->err);
        lc_link_free(l);
        return rc;
    }
    *out = l;
    return LC_OK;
}

void lc_link_free(struct lc_link *l)
{
    if (!l)
        return;
    if (l->t.close)
        l->t.close(l->t.ctx);
    free(l->tx);
    free(l->pq);
    free(l->out_idx);
    free(l);
}
