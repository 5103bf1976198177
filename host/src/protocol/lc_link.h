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

#include "lc_link_types.h"
#include "lc_transport.h"
#include "lifcore.h"

struct lc_link; /* opaque */

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
