/* lc_sysref.h : the C reference model of a system of cores (internal API)
 * docs/system.md: every core is an lc_ref; routes carry spikes to input axons
 * after 1..D steps. Event-driven: a step costs the cores' lc_ref steps plus
 * one visit of each route of each neuron that spiked (routes are kept per
 * source neuron, in CSR form) plus one visit of each arrival. Arrivals wait in
 * a ring of D slots, one list of axons per core and slot; at a step the
 * arrivals of its slot are OR-ed with the external inputs, duplicates removed.
 *
 * Errors: functions returning int return LC_OK or a negative enum lc_error.
 * Ownership: lc_sysref_create() deep-copies the cores (as lc_ref_create()) and
 * the routes; lc_sysref_free() frees everything. lc_sysref_core() points into
 * the model (valid until lc_sysref_free()).
 * Thread safety: one model per thread; distinct models are independent.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_SYSREF_H
#define LC_SYSREF_H

#include <stddef.h>
#include <stdint.h>

#include "lc_ref.h"
#include "lifcore.h"

#ifdef __cplusplus
extern "C" {
#endif

struct lc_sysref; /* opaque */

/**
 * Create a model of @p sys with delays up to @p max_delay (D, 1..LC_SYSTEM_MAX_DELAY),
 * all state zero and nothing in flight. The system is checked with
 * lc_system_validate(sys, max_delay) (its message in @p msg).
 * @return LC_OK, LC_ERR_ARG, LC_ERR_RANGE or LC_ERR_MEM; *out NULL on failure.
 */
LC_API int lc_sysref_create(const struct lc_system *sys, uint32_t max_delay,
                            struct lc_sysref **out, char *msg, size_t msg_len);

/** Free a model (NULL is fine). */
LC_API void lc_sysref_free(struct lc_sysref *s);

/**
 * One system step (docs/system.md): core c's inputs are in_idx[c][0..n_in[c]-1]
 * (any order, duplicates ignored) OR the axons whose routes deliver now.
 * @param in_idx  NULL (no external input at all) or one pointer per core (NULL
 *                for a core with n_in[c] == 0 is fine).
 * @param n_in    NULL (no external input) or one count per core.
 * @param out_idx NULL, or one pointer per core receiving core c's spikes in
 *                ascending order (room for N_c; a NULL entry discards them).
 * @param n_out   NULL, or one count per core.
 * @return LC_OK, or LC_ERR_ARG (NULL model, an index >= M_c: nothing changed).
 */
LC_API int lc_sysref_step(struct lc_sysref *s, const uint32_t *const *in_idx, const size_t *n_in,
                          uint32_t *const *out_idx, size_t *n_out);

/** Clear every core's state and the spikes in flight. */
LC_API void lc_sysref_reset_state(struct lc_sysref *s);

/** Number of cores. */
LC_API uint32_t lc_sysref_n_cores(const struct lc_sysref *s);

/** D, the largest delay the model holds. */
LC_API uint32_t lc_sysref_max_delay(const struct lc_sysref *s);

/** Core @p c's model (NULL when out of range): its live network and state. */
LC_API struct lc_ref *lc_sysref_core(struct lc_sysref *s, uint32_t c);

/** Input spikes core @p c received in the last step, external and routed,
 *  duplicates removed (0 after a reset). */
LC_API size_t lc_sysref_last_inputs(const struct lc_sysref *s, uint32_t c);

/** Arrivals in flight (sent, not yet delivered; one per route and spike, so an
 *  axon reached twice in one step counts twice). */
LC_API size_t lc_sysref_in_flight(const struct lc_sysref *s);

#ifdef __cplusplus
}
#endif
#endif /* LC_SYSREF_H */
