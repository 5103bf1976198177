/* lc_frame.c : CRC-16, frame building and the frame receiver (lc_frame.h)
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "lc_frame.h"

uint16_t lc_crc16(const uint8_t *p, size_t n, uint16_t crc)
{
    size_t i;
    int b;
    for (i = 0; i < n; i++) {
        crc ^= (uint16_t)(p[i] << 8);
        for (b = 0; b < 8; b++)
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}

size_t lc_frame_build(uint8_t *out, uint8_t flags, uint16_t seq, uint16_t ack, uint16_t win,
                      const uint8_t *payload, size_t len)
{
    uint16_t crc;
    out[0] = LC_SOF;
    out[1] = flags;
    out[2] = (uint8_t)seq;
    out[3] = (uint8_t)(seq >> 8);
    out[4] = (uint8_t)ack;
    out[5] = (uint8_t)(ack >> 8);
    out[6] = (uint8_t)win;
    out[7] = (uint8_t)(win >> 8);
    out[8] = (uint8_t)len;
    crc = lc_crc16(out, 9, 0xFFFF);
    out[9] = (uint8_t)(crc >> 8);
    out[10] = (uint8_t)crc;
    if (len == 0)
        return LC_HDR_LEN;
    memcpy(out + LC_HDR_LEN, payload, len);
    crc = lc_crc16(payload, len, 0xFFFF);
    out[LC_HDR_LEN + len] = (uint8_t)(crc >> 8);
    out[LC_HDR_LEN + len + 1] = (uint8_t)crc;
    return LC_HDR_LEN + len + 2;
}

uint8_t lc_frame_guard(const uint8_t *frame, size_t n)
{
    uint8_t bad[256], inv[256];
    uint16_t pre = 0xFFFF, t[256]; /* pre: the CRC of the checked bytes before byte k */
    size_t from = n > LC_HDR_LEN ? LC_HDR_LEN : 0, k;
    unsigned g;
    memset(bad, 0, sizeof bad);
    bad[LC_SOF] = 1;
    /* one byte g after a CRC c gives (c << 8) ^ t[(c >> 8) ^ g]; the high bytes of t
     * are all different, so inv finds the only index that can cancel (c << 8) */
    for (g = 0; g < 256; g++) {
        uint8_t z = 0;
        t[g] = lc_crc16(&z, 1, (uint16_t)(g << 8));
        inv[t[g] >> 8] = (uint8_t)g;
    }
    if (from == 0)
        pre = lc_crc16(frame, 1, pre); /* SOF: a frame without it is never seen */
    /* drop byte k: the checked bytes are frame[from..n-1] without it, then the guard,
     * which one byte value at most completes to a good CRC */
    for (k = from > 0 ? from : 1; k < n; k++) {
        uint16_t crc = lc_crc16(frame + k + 1, n - k - 1, pre);
        uint16_t want = (uint16_t)(crc << 8);
        uint8_t i = inv[want >> 8];
        if (t[i] == want)
            bad[i ^ (crc >> 8)] = 1;
        pre = lc_crc16(frame + k, 1, pre);
    }
    for (g = 0; g < 256 && bad[g]; g++)
        ;
    return (uint8_t)(g < 256 ? g : 0);
}

static void rx_byte(struct lc_frame_rx *rx, uint8_t b, lc_frame_fn fn, void *user);

/* does a frame end like the start of the next one (SOF, or SOF and a FLAGS byte)? */
static int tail_like_start(const uint8_t *f, size_t n)
{
    return f[n - 1] == LC_SOF || (f[n - 2] == LC_SOF && (f[n - 1] & 0x7C) == 0);
}

static void deliver(struct lc_frame_rx *rx, const uint8_t *buf, lc_frame_fn fn, void *user)
{
    struct lc_frame f;
    f.flags = buf[1];
    f.seq = (uint16_t)(buf[2] | buf[3] << 8);
    f.ack = (uint16_t)(buf[4] | buf[5] << 8);
    f.win = (uint16_t)(buf[6] | buf[7] << 8);
    f.len = buf[8];
    memcpy(f.payload, buf + LC_HDR_LEN, f.len);
    rx->frames++;
    fn(user, &f);
}

/* a candidate was rejected: hunt again in its bytes from @p from on */
static void rescan(struct lc_frame_rx *rx, size_t from, lc_frame_fn fn, void *user)
{
    uint8_t tmp[LC_MAX_FRAME];
    size_t n = rx->n - from, i;
    memcpy(tmp, rx->buf + from, n);
    rx->n = 0;
    rx->in_garbage = 0;
    for (i = 0; i < n; i++)
        rx_byte(rx, tmp[i], fn, user);
}

static void rx_byte(struct lc_frame_rx *rx, uint8_t b, lc_frame_fn fn, void *user)
{
    if (rx->held) {
        rx->held = 0;
        if (b == LC_SOF) {
            deliver(rx, rx->hold_buf, fn, user);
        } else {
            /* its end was the next frame's start: hunt again from there */
            size_t from = rx->hold_buf[rx->hold_n - 1] == LC_SOF ? 1 : 2, i;
            uint8_t tail[2];
            rx->tail_rejects++;
            rx->crc_errors++;
            memcpy(tail, rx->hold_buf + rx->hold_n - from, from);
            for (i = 0; i < from; i++)
                rx_byte(rx, tail[i], fn, user);
        }
    }
    if (rx->n == 0) {
        if (b != LC_SOF) {
            if (!rx->in_garbage) {
                rx->in_garbage = 1;
                rx->resyncs++;
            }
            return;
        }
        rx->in_garbage = 0;
    }
    rx->buf[rx->n++] = b;
    if (rx->n == LC_HDR_LEN) {
        if (lc_crc16(rx->buf, LC_HDR_LEN, 0xFFFF) != 0) {
            rx->crc_errors++;
            rescan(rx, 1, fn, user);
            return;
        }
        rx->need = rx->buf[8] ? (size_t)LC_HDR_LEN + rx->buf[8] + 2 : LC_HDR_LEN;
    }
    if (rx->n >= LC_HDR_LEN && rx->n == rx->need) {
        if (rx->need > LC_HDR_LEN &&
            lc_crc16(rx->buf + LC_HDR_LEN, rx->need - LC_HDR_LEN, 0xFFFF) != 0) {
            rx->crc_errors++;
            rescan(rx, LC_HDR_LEN, fn, user);
            return;
        }
        if (rx->check_tail && tail_like_start(rx->buf, rx->need)) {
            memcpy(rx->hold_buf, rx->buf, rx->need);
            rx->hold_n = rx->need;
            rx->held = 1;
            rx->n = 0;
            return;
        }
        rx->n = 0;
        deliver(rx, rx->buf, fn, user);
    }
}

void lc_frame_rx_feed(struct lc_frame_rx *rx, const uint8_t *p, size_t len, lc_frame_fn fn,
                      void *user)
{
    size_t i;
    for (i = 0; i < len; i++)
        rx_byte(rx, p[i], fn, user);
}

int lc_frame_rx_abort(struct lc_frame_rx *rx)
{
    int had = rx->n > 0;
    rx->n = 0;
    return had;
}
