/* lc_frame.h : frames of the link protocol (docs/protocol.md, "Frames"), internal
 * CRC-16/CCITT-FALSE, frame building, and a frame receiver that hunts for the
 * start marker, checks both CRCs and hands intact frames to a callback. Used
 * by the host engine (lc_link.c) and by the C emulation of the device
 * (lc_emu.c).
 *
 * The receiver rescans the bytes of a rejected frame for a start marker (the
 * RTL receiver skips a bad header whole; rescanning finds a frame that a
 * truncated one swallowed, one RTO sooner). A run of bytes skipped while
 * hunting counts as one resync.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_FRAME_H
#define LC_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define LC_SOF 0xA5
#define LC_FLAG_DIR 0x80       /* 1: device to host */
#define LC_FLAG_RESEND 0x01    /* host: RESEND; device: NAK */
#define LC_FLAG_CONNECT 0x02   /* host: CONNECT; device: CONNECTED */
#define LC_HDR_LEN 11          /* SOF, FLAGS, SEQ, ACK, WIN, LEN, HCRC */
#define LC_MAX_PAYLOAD 255
#define LC_MAX_FRAME (LC_HDR_LEN + LC_MAX_PAYLOAD + 2)
#define LC_PROTOCOL_VERSION 1

/* command opcodes and item first bytes */
#define LC_OP_STEP_MAX_LIST 0xEF /* list records: K = 0..239 */
#define LC_OP_BITMAP 0xF0
#define LC_OP_IDENTIFY 0xF1
#define LC_OP_SYNC 0xF2
#define LC_OP_READ1 0xF8  /* READ, B = op - 0xF7 */
#define LC_OP_WRITE1 0xFC /* WRITE, B = op - 0xFB */
#define LC_ITEM_ERROR 0xFE
#define LC_IDENTIFY_LEN 24

/* region bases of the configuration address space (architecture.md) */
#define LC_REG_CORE 0x0000000u
#define LC_REG_PARAM 0x1000000u
#define LC_REG_STATE 0x2000000u
#define LC_REG_XIN 0x3000000u
#define LC_REG_SYN 0x4000000u
#define LC_REG_LINK 0xF000000u

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
};

/* Feed received bytes; @p fn is called for every intact frame. */
void lc_frame_rx_feed(struct lc_frame_rx *rx, const uint8_t *p, size_t len, lc_frame_fn fn,
                      void *user);
/* Drop a partial frame (inter-byte timeout); returns 1 when one was dropped. */
int lc_frame_rx_abort(struct lc_frame_rx *rx);

#endif /* LC_FRAME_H */
