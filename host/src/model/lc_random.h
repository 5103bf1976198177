/* lc_random.h : deterministic random networks and input spike trains for the
 * randomized tests (C model against the dense transcription, RTL against the
 * C model). Same seed, same network, on every platform: the generator is
 * splitmix64, never rand(). Distributions are described in lc_random.c.
 * Ownership: lc_random_net() returns a network freed by lc_net_free().
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_RANDOM_H
#define LC_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#include "lifcore_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** splitmix64: advance *state and return the next 64 random bits. */
LC_API uint64_t lc_random_next(uint64_t *state);

/** Uniform integer in 0..bound-1 (0 when bound is 0). */
LC_API uint64_t lc_random_below(uint64_t *state, uint64_t bound);

/**
 * A random network with 1..max_n neurons and 1..max_m input axons (0 inputs
 * when max_m is 0), valid under lc_net_validate().
 * @return LC_OK, LC_ERR_ARG (max_n 0, too large, NULL out) or LC_ERR_MEM.
 */
LC_API int lc_random_net(uint64_t seed, uint32_t max_n, uint32_t max_m, struct lc_net **out);

/**
 * Random input spikes: @p spikes receives steps x m bytes (row t = step t),
 * 1 where axon j spikes at step t. Each step is silent with probability 1/16,
 * fully active with probability 1/16, and otherwise every axon spikes
 * independently with probability @p rate (a negative rate draws a new rate in
 * 0..1 for each step).
 */
LC_API void lc_random_inputs(uint64_t seed, uint32_t m, uint32_t steps, double rate, uint8_t *spikes);

/**
 * Turn row @p t of a steps x m spike matrix into a list of indices, shuffled,
 * with an occasional duplicate (the model must ignore duplicates).
 * @p idx needs room for 2*m entries; returns the number written.
 */
LC_API size_t lc_random_index_list(uint64_t *state, const uint8_t *row, uint32_t m, uint32_t *idx);

#ifdef __cplusplus
}
#endif
#endif /* LC_RANDOM_H */
