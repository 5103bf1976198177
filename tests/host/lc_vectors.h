/* lc_vectors.h : the conformance-vector loader (tests/vectors/caseNN.json),
 * for the host tests and the core test bench (sim/core_tb.cpp)
 * A vector is a network file (lc_net_load reads it) plus steps, input_spikes
 * and the expected results. lc_vector_load() returns a vector freed by
 * lc_vector_free(); msg receives "FILE: line L, column C: PATH: ..." on failure.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_VECTORS_H
#define LC_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "lifcore_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A conformance vector: the network, its inputs and what the contract gives. */
struct lc_vector {
    struct lc_net *net;             /**< the initial network */
    uint32_t steps;
    uint32_t **input_spikes;        /**< per step, the input axons that spike */
    size_t *n_input_spikes;
    uint32_t **output_spikes;       /**< per step, expected output spikes */
    size_t *n_output_spikes;
    int8_t *w_in;                   /**< expected weights after the last step */
    int8_t *w_rec;
    struct lc_neuron_state *state;  /**< expected state after the last step */
    int32_t *x_in;                  /**< expected input traces */
    char note[256];
};

/** Load a conformance vector; msg receives the reason of a failure. */
int lc_vector_load(const char *path, struct lc_vector **out, char *msg, size_t msg_len);
/** Free a vector (NULL is fine). */
void lc_vector_free(struct lc_vector *vec);

#ifdef __cplusplus
}
#endif
#endif /* LC_VECTORS_H */
