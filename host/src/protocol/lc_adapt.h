/* lc_adapt.h : how much the link puts in one frame, from the errors it sees (internal)
 * The protocol engine (lc_link.c) tells this policy, per direction, when a frame got
 * through (acknowledged, or received intact) and when one was lost (a NAK or a
 * retransmission timeout for the host's frames; a CRC error, a gap or a timeout for
 * the device's). The payload limit grows by LC_ADAPT_STEP bytes per frame that got
 * through and halves per frame lost (additive increase, multiplicative decrease), so
 * it settles where a frame is lost about once per L / 16 frames. With 13 bytes of
 * framing that is near the length that carries the most payload per byte on the wire,
 * L (L + 13) = 13 / q for a fraction q of bytes lost: 110 at q = 1e-3 per byte, 30 at
 * 1e-2. On a clean wire frames stay full. Host to device the limit is the host's own
 * frame size; device to host the host bounds the answer bytes it lets be in flight,
 * which bounds the device's frames (it frames what is pending, docs/protocol.md "A
 * harsh wire"), so the device needs no change.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_ADAPT_H
#define LC_ADAPT_H

#include <stdint.h>

enum lc_adapt_dir { LC_ADAPT_TX, LC_ADAPT_RX };

#define LC_ADAPT_MIN 16u /* the smallest payload limit */
#define LC_ADAPT_STEP 8u /* bytes added per frame that got through */

struct lc_adapt {
    unsigned limit[2];       /* payload per frame now */
    unsigned max;            /* the device's largest payload */
    double ok[2], lost[2];   /* frames, decayed (for the loss figure) */
    uint64_t shrinks, grows; /* changes of either limit */
};

void lc_adapt_init(struct lc_adapt *a, unsigned max_payload);
/* @p n frames of direction @p d got through */
void lc_adapt_ok(struct lc_adapt *a, enum lc_adapt_dir d, uint64_t n);
/* a frame of direction @p d was lost or rejected */
void lc_adapt_fail(struct lc_adapt *a, enum lc_adapt_dir d);
/* payload bytes per frame in direction @p d now (LC_ADAPT_MIN..max) */
unsigned lc_adapt_limit(const struct lc_adapt *a, enum lc_adapt_dir d);
/* answer bytes the host lets be in flight: 0 (no bound) while the limit is the maximum */
unsigned lc_adapt_answers(const struct lc_adapt *a);
/* the fraction of frames of direction @p d lost lately (the last few hundred) */
double lc_adapt_loss(const struct lc_adapt *a, enum lc_adapt_dir d);

#endif /* LC_ADAPT_H */
