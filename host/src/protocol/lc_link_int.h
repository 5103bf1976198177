/* lc_link_int.h : the protocol engine's state, shared by its two files (internal)
 * lc_link.c runs the streams (frames, credit, recovery, the commands); lc_link_items.c
 * parses the device's items and matches them with the FIFO of pending answers. Only
 * these two include this header.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_LINK_INT_H
#define LC_LINK_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lc_adapt.h"
#include "lc_frame.h"
#include "lc_link_types.h"
#include "lc_transport.h"
#include "lifcore.h"

#define ERR_LEN 512 /* the detail, as long as a device's */

enum pend_kind { P_STEP, P_IDENT, P_SYNC, P_READ, P_REFUSED };

struct pend {
    uint8_t kind, bytes, tag;
    uint32_t count;
    uint32_t *dst;
    uint64_t step;
    uint64_t start; /* host stream offset of the command's first byte */
    uint32_t ans;   /* most bytes its answer takes (a STEP's: the estimate at send time) */
};

enum item_state { IT_IDLE, IT_FIXED, IT_READ_COUNT, IT_READ_VALUES };

struct lc_link {
    struct lc_transport t;
    uint64_t timeout_ns;
    struct lc_link_geom g;
    unsigned ib_m, ib_n, mb, nb, maxpl, ack_every;
    int connected, failed, trace; /* trace: LC_LINK_TRACE=1 logs frames to stderr */
    /* host to device stream */
    uint8_t *tx;
    uint64_t tx_base, tx_sent, tx_hi, tx_end, credit, goback_mark;
    int goback;
    /* device to host stream */
    struct lc_frame_rx rx;
    uint64_t rx_expect, ack_sent;
    int gap_reported, want_resend;
    uint64_t crc_seen; /* rx.crc_errors already told to the policy */
    int rx_bad;        /* a CRC error since the last frame accepted: its gap is no news */
    struct lc_adapt ad;
    unsigned step_est; /* 16 x the running mean of a STEP answer's bytes */
    /* item parser */
    enum item_state it;
    uint8_t it_op, it_buf[1024];
    size_t it_need, it_have;
    uint32_t it_count, it_done, it_val;
    unsigned it_vb;
    /* pending answers */
    struct pend *pq;
    size_t pq_cap, pq_head, pq_n;
    uint8_t sync_tag;
    uint64_t sync_seen; /* SYNC echoes matched */
    /* output of STEP records */
    lc_output_fn out_fn;
    void *out_user;
    int out_abort;
    uint64_t steps_out;
    uint32_t *out_idx;
    /* timers (transport time, ns) */
    uint64_t last_rx_ns, last_progress_ns;
    unsigned tries; /* retransmission timeouts since the last progress */
    /* round trip: a frame sent once (ending at rtt_mark, sent at rtt_t0) until its ACK */
    uint64_t rtt_mark, rtt_t0, srtt_ns;
    struct lc_link_counts c;
    char err[ERR_LEN];
};

/* Fail the link with @p code (the first failure stays); returns the link's error. */
int lc_link_fail(struct lc_link *l, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* the FIFO of pending answers */
struct pend *lc_link_pq_head(struct lc_link *l);
int lc_link_pq_push(struct lc_link *l, const struct pend *p);
/* bytes of the device stream, in order: items, matched with the pending answers */
void lc_link_items(struct lc_link *l, const uint8_t *b, size_t n);

#endif /* LC_LINK_INT_H */
