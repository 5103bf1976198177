/* lc_link_types.h : what the protocol engine reports (internal; lc_link.h)
 * The device's geometry as IDENTIFY and the core registers give it, and the
 * engine's own counts; apart so that the engine's files can share its state
 * (lc_link_int.h) without including lc_link.h.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_LINK_TYPES_H
#define LC_LINK_TYPES_H

#include <stdint.h>

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

#endif /* LC_LINK_TYPES_H */
