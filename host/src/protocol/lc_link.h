/* lc_link.h : the host side of the link protocol (docs/protocol.md), internal
 * Two reliable byte streams over a transport: commands go out in frames within
 * the device's credit, are kept until acknowledged and sent again (go-back-N)
 * on NAK or timeout; items come back in order, with RESEND on a gap or a
 * timeout. Answers are matched to the commands by order (a FIFO of pending
 * answers). lc_link_stream() pipelines STEP records as far ahead as the credit
 * allows, so the wire stays busy.
 *
 * Errors: LC_ERR_TIMEOUT (no progress for timeout_ms of transport time),
 * LC_ERR_PROTO (the device broke the protocol), LC_ERR_VERSION, LC_ERR_LINK
 * (session lost: the device restarted), LC_ERR_IO and the transport's own;
 * lc_link_error() gives the detail. Once a link has failed every call returns
 * the same error. Ownership: the link owns the transport (closed by
 * lc_link_free(), also when lc_link_create() fails).
 * Thread safety: one thread at a time.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_LINK_H
#define LC_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "lc_transport.h"
#include "lifcore.h"

struct lc_link; /* opaque */

/* What IDENTIFY and the core registers 0x20..0x24 say. n, m, p: one core's (a
 * system's cores share them). A version 2 device is a system: cores, max_delay and
 * routes from its IDENTIFY, and STEP records carry {core, index} with nw and mw low
 * bits (ni, mi: the sizes of these index spaces, docs/protocol.md); a version 1
 * device has cores 1, nw = mw = 0, ni = n, mi = m. */
struct lc_link_geom {
    uint32_t protocol, features, n, m, p, max_payload, clk_hz, baud, rxb, txb, rx_timeout_us;
    uint32_t core_version, wmem_1port;
    uint32_t cores, max_delay, routes;
    uint32_t nw, mw, ni, mi;
};

/* Host-side event counts (the device's own are merged by the caller). */
struct lc_link_counts {
    uint64_t crc_errors, resyncs, retransmits, duplicates, gaps, timeouts, resend_polls;
    uint64_t bytes_tx, bytes_rx, frames_tx, frames_rx;
    /* output records received as lists and as bitmaps */
    uint64_t out_lists, out_bitmaps;
    /* spent in lc_link_stream(): STEP record bytes, all bytes, transport time */
    uint64_t payload_tx, payload_rx, stream_bytes_tx, stream_bytes_rx, stream_ns;
    /* the frame-size policy (lc_adapt.h): changes, the limits now, the loss estimates */
    uint64_t shrinks, grows, guards, tail_rejects;
    uint32_t frame_max, answer_max;
    double loss_tx, loss_rx;
};

/* Take over @p t (copied), connect (CONNECT, CONNECTED), IDENTIFY, read the
 * core's geometry and check the protocol version. */
int lc_link_open(const struct lc_transport *t, uint32_t timeout_ms, struct lc_link **out,
                 char *err, size_t err_len);
void lc_link_free(struct lc_link *l);
const char *lc_link_error(const struct lc_link *l);
const struct lc_link_geom *lc_link_geom(const struct lc_link *l);
const struct lc_link_counts *lc_link_counts(struct lc_link *l);
void lc_link_clear_counts(struct lc_link *l);
uint64_t lc_link_now_ns(struct lc_link *l);

/* Queue a WRITE of @p count values (B bytes each) at addr, addr+stride, ...
 * (may exchange frames to make room). */
int lc_link_write(struct lc_link *l, uint32_t addr, uint8_t stride, uint32_t count,
                  unsigned bytes, const uint32_t *values);
/* Queue a READ; @p dst (count entries, may be NULL) receives the values
 * (zero-extended) by the time lc_link_sync() returns. */
int lc_link_read(struct lc_link *l, uint32_t addr, uint8_t stride, uint32_t count,
                 unsigned bytes, uint32_t *dst);
/* Queue @p len bytes of a command the device must refuse (for tests of the
 * device): its ERROR item is the answer, code and opcode in dst[0], dst[1] by the
 * time lc_link_sync() returns; any other answer is LC_ERR_PROTO. */
int lc_link_refused(struct lc_link *l, const uint8_t *cmd, size_t len, uint32_t *dst);
/* SYNC: returns when every command queued before has finished. */
int lc_link_sync(struct lc_link *l);
/* Run @p steps STEP records, inputs requested ahead, outputs in order (indices in
 * the device's index spaces, below mi and ni of lc_link_geom). A
 * callback's negative return aborts (the steps in flight are drained) and
 * gives LC_ERR_ARG. */
int lc_link_stream(struct lc_link *l, uint64_t steps, lc_input_fn input, lc_output_fn output,
                   void *user);

#endif /* LC_LINK_H */
