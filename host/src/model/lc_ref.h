/* lc_ref.h : the C reference model of the arithmetic contract (internal API)
 * The golden model that every other backend is compared with, and the engine
 * of the 'ref' transport. Event-driven: a step costs O(N + M) for the neuron and
 * trace pass, plus N per source spike for synaptic input, plus one visit of each
 * synapse touched by learning (rows of spiking sources, columns of spiking
 * neurons, each synapse once).
 *
 * Errors: functions returning int return LC_OK or a negative enum lc_error.
 * Ownership: lc_ref_create() deep-copies the network; lc_ref_free() frees the
 * copy and the state. The pointers returned by lc_ref_net(), lc_ref_state(),
 * lc_ref_x_in() and lc_ref_prev_spikes() point into the model and stay valid
 * until lc_ref_free(). The caller may edit parameters and weights through them
 * between steps (not the sizes) and must keep them in the contract's ranges.
 * Thread safety: one model per thread; distinct models are independent.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_REF_H
#define LC_REF_H

#include <stddef.h>
#include <stdint.h>

#include "lifcore_model.h"

#ifdef __cplusplus
extern "C" {
#endif

struct lc_ref; /* opaque */

/**
 * Create a model of @p net (deep copy, checked with lc_net_validate()) with
 * all state zero and no previous spikes.
 * @return LC_OK, LC_ERR_ARG (NULL), LC_ERR_RANGE (net out of the contract's
 *         ranges) or LC_ERR_MEM. *out is NULL on failure.
 */
LC_API int lc_ref_create(const struct lc_net *net, struct lc_ref **out);

/** Free a model (NULL is fine). */
LC_API void lc_ref_free(struct lc_ref *ref);

/**
 * Run one timestep (contract steps 1-9).
 * @param in_idx  the input axons spiking this step, any order; duplicates are
 *                ignored (NULL is fine when @p n_in is 0).
 * @param out_idx receives the neurons that spiked, in ascending order; room
 *                for n_neurons entries (may be NULL to discard them).
 * @param n_out   receives the number of output spikes (may be NULL).
 * @return LC_OK, or LC_ERR_ARG when @p ref is NULL or an index is >= n_inputs
 *         (then nothing has changed).
 */
LC_API int lc_ref_step(struct lc_ref *ref, const uint32_t *in_idx, size_t n_in,
                       uint32_t *out_idx, size_t *n_out);

/** Clear the state and the previous spikes; parameters and weights are kept. */
LC_API void lc_ref_reset_state(struct lc_ref *ref);

/** The live network: weights change with learning; editable between steps. */
LC_API struct lc_net *lc_ref_net(struct lc_ref *ref);

/** The live state, n_neurons entries, writable. */
LC_API struct lc_neuron_state *lc_ref_state(struct lc_ref *ref);

/** The live input traces x_in, n_inputs entries, writable. */
LC_API int32_t *lc_ref_x_in(struct lc_ref *ref);

/** The previous step's output spikes (ascending), *count of them. */
LC_API const uint32_t *lc_ref_prev_spikes(struct lc_ref *ref, size_t *count);

#ifdef __cplusplus
}
#endif
#endif /* LC_REF_H */
