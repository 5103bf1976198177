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

static void rx_byte(struct lc_frame_rx *rx, uint8_t b, lc_frame_fn fn, void *user);

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
        struct lc_frame f;
        if (rx->need > LC_HDR_LEN &&
            lc_crc16(rx->buf + LC_HDR_LEN, rx->need - LC_HDR_LEN, 0xFFFF) != 0) {
            rx->crc_errors++;
            rescan(rx, LC_HDR_LEN, fn, user);
            return;
        }
        f.flags = rx->buf[1];
        f.seq = (uint16_t)(rx->buf[2] | rx->buf[3] << 8);
        f.ack = (uint16_t)(rx->buf[4] | rx->buf[5] << 8);
        f.win = (uint16_t)(rx->buf[6] | rx->buf[7] << 8);
        f.len = rx->buf[8];
        memcpy(f.payload, rx->buf + LC_HDR_LEN, f.len);
        rx->n = 0;
        rx->frames++;
        fn(user, &f);
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
