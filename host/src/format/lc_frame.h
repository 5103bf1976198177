/* lc_frame.h : frames of the link protocol (docs/protocol.md, "Frames"), internal
 * CRC-16/CCITT-FALSE, frame building, and a frame receiver that hunts for the
 * start marker, checks both CRCs and hands intact frames to a callback. Used
 * by the host engine (lc_link.c) and by the C emulation of the device
 * (lc_emu.c). The protocol constants are in lc_map.h.
 *
 * The receiver rescans the bytes of a rejected frame for a start marker (the
 * RTL receiver skips a bad header whole; rescanning finds a frame that a
 * truncated one swallowed, one RTO sooner). A run of bytes skipped while
 * hunting counts as one resync.
 *
 * A harsh wire (docs/protocol.md "A harsh wire"): a dropped byte makes a frame take
 * the next byte on the line as its last, and the shifted frame passes CRC-16 about
 * once in 2^16. The next byte is usually the next frame's SOF, so a receiver with
 * check_tail set holds a frame whose last byte is SOF (or whose last two look like
 * SOF and FLAGS) until the next byte: SOF delivers it, anything else rejects it
 * (counted in tail_rejects and crc_errors) and hunts again from its tail, where the
 * next frame starts. A sender can instead follow a frame with lc_frame_guard()'s
 * byte, which the receiver skips as garbage and which no frame with one byte
 * dropped ends in validly.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_FRAME_H
#define LC_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "lc_map.h"

/* CRC-16/CCITT-FALSE of @p n bytes, continuing from @p crc (start with 0xFFFF). */
uint16_t lc_crc16(const uint8_t *p, size_t n, uint16_t crc);

struct lc_frame {
    uint8_t flags;
    uint16_t seq, ack, win;
    uint8_t len;
    uint8_t payload[LC_MAX_PAYLOAD];
};

/* Write a frame into @p out (room for LC_MAX_FRAME); returns its length. */
size_t lc_frame_build(uint8_t *out, uint8_t flags, uint16_t seq, uint16_t ack, uint16_t win,
                      const uint8_t *payload, size_t len);

typedef void (*lc_frame_fn)(void *user, const struct lc_frame *f);

struct lc_frame_rx {
    uint8_t buf[LC_MAX_FRAME];
    size_t n, need;
    int in_garbage;
    uint64_t crc_errors, resyncs, frames;
    int check_tail;  /* set by the owner: hold frames ending like a frame start */
    int held;        /* hold_buf holds such a frame (hold_n bytes) */
    size_t hold_n;
    uint8_t hold_buf[LC_MAX_FRAME];
    uint64_t tail_rejects;
};

/* Feed received bytes; @p fn is called for every intact frame. */
void lc_frame_rx_feed(struct lc_frame_rx *rx, const uint8_t *p, size_t len, lc_frame_fn fn,
                      void *user);
/* The byte to send after the frame of @p n bytes in @p frame (n >= LC_HDR_LEN): not
 * SOF, and no copy of the frame with one byte after SOF dropped, completed by it, has
 * a good CRC (its header's for a control frame, its payload's otherwise). */
uint8_t lc_frame_guard(const uint8_t *frame, size_t n);
/* Drop a partial frame (inter-byte timeout); returns 1 when one was dropped. */
int lc_frame_rx_abort(struct lc_frame_rx *rx);

#endif /* LC_FRAME_H */
