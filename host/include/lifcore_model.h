/* lifcore_model.h : network description shared by every lifcore backend
 * Parameter and state types of the arithmetic contract (docs/model.md) and the
 * in-memory network (struct lc_net) that the library loads onto a device.
 * SPDX-License-Identifier: MIT
 */
#ifndef LIFCORE_MODEL_H
#define LIFCORE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef LC_API
#define LC_API __attribute__((visibility("default")))
#endif

/** Error codes: every function returning int returns LC_OK or one of these
 *  (negative); lc_strerror() gives a message. */
enum lc_error {
    LC_OK = 0,
    LC_ERR_ARG = -1,         /**< invalid argument (NULL, bad size) */
    LC_ERR_MEM = -2,         /**< out of memory */
    LC_ERR_RANGE = -3,       /**< a parameter or weight is out of its range */
    LC_ERR_SIZE = -4,        /**< network larger than the device */
    LC_ERR_FORMAT = -5,      /**< malformed file or string */
    LC_ERR_IO = -6,          /**< operating-system I/O error */
    LC_ERR_NOTFOUND = -7,    /**< port, file or library not found */
    LC_ERR_BUSY = -8,        /**< port busy / in use */
    LC_ERR_TIMEOUT = -9,     /**< the device stopped answering */
    LC_ERR_PROTO = -10,      /**< protocol violation by the peer */
    LC_ERR_LINK = -11,       /**< unrecoverable link error (retries exhausted) */
    LC_ERR_VERSION = -12,    /**< protocol or library version mismatch */
    LC_ERR_UNSUPPORTED = -13 /**< operation not supported by this backend */
};

/** Message for an error code (static string, never NULL). */
LC_API const char *lc_strerror(int code);

/** Name of an error code, the enumerator's own spelling ("LC_OK", "LC_ERR_ARG", ...).
 * @return a static string, or NULL for a code that is not an lc_error. */
LC_API const char *lc_error_name(int code);

/** Number of error codes, LC_OK included: the codes are 0, -1, ...,
 * 1 - lc_error_count(), without gaps (bindings enumerate them this way). */
LC_API int lc_error_count(void);

/** Largest magnitude of u, v, bias, v_reset and largest vth, theta (2^23-1). */
#define LC_STATE_MAX 8388607
/** Full decay (a decay constant of 4096 forgets everything each step). */
#define LC_DECAY_MAX 4096
/** Largest trace value and trace increment. */
#define LC_TRACE_MAX 65535
/** Largest refractory period in steps. */
#define LC_TREF_MAX 63

/** Per-neuron parameters. */
struct lc_neuron_params {
    int32_t du;   /**< current decay, 0..4096 */
    int32_t dv;   /**< membrane decay, 0..4096 */
    int32_t vth;  /**< threshold, 0..2^23-1 */
    int32_t bias; /**< constant drive, -(2^23-1)..2^23-1 */
    int32_t tref; /**< refractory steps, 0..63 */
};

/** One STDP parameter set (one for input synapses, one for recurrent). */
struct lc_stdp {
    int32_t a_plus;  /**< potentiation gain, 0..255 */
    int32_t a_minus; /**< depression gain, 0..255 */
    int32_t s_plus;  /**< potentiation right shift, 0..31 */
    int32_t s_minus; /**< depression right shift, 0..31 */
    int32_t w_min;   /**< lower weight clamp, -128..127 */
    int32_t w_max;   /**< upper weight clamp, w_min..127 */
};

/** Per-core parameters. */
struct lc_core_params {
    int32_t w_shift;    /**< synaptic scale 2^w_shift, 0..15, default 6 */
    int32_t v_reset;    /**< membrane after a spike, -(2^23-1)..2^23-1 */
    int32_t theta_plus; /**< threshold rise per spike, 0..2^23-1 */
    int32_t d_theta;    /**< decay of the threshold rise, 0..4096 */
    int32_t dx;         /**< decay of pre-traces, 0..4096 */
    int32_t dy;         /**< decay of post-traces, 0..4096 */
    int32_t x_imp;      /**< pre-trace increment, 0..65535 */
    int32_t y_imp;      /**< post-trace increment, 0..65535 */
    int32_t learning;   /**< 0 or 1 */
    struct lc_stdp stdp_in;  /**< set for input synapses */
    struct lc_stdp stdp_rec; /**< set for recurrent synapses */
};

/** State of one neuron. */
struct lc_neuron_state {
    int32_t u;     /**< synaptic current, saturating at +/-(2^23-1) */
    int32_t v;     /**< membrane, saturating at +/-(2^23-1) */
    int32_t r;     /**< refractory counter, 0..63 */
    int32_t theta; /**< threshold rise, 0..2^23-1 */
    int32_t x;     /**< presynaptic trace, 0..65535 */
    int32_t y;     /**< postsynaptic trace, 0..65535 */
};

/**
 * A network: sizes, parameters, weights and plasticity bits.
 * Matrices are row-major by source: w_in[j*n_neurons + i] is input axon j to
 * neuron i, w_rec[k*n_neurons + i] is neuron k to neuron i.
 * Ownership: created by lc_net_create() (or lc_net_load()), freed by
 * lc_net_free(); every array is owned by the network.
 */
struct lc_net {
    uint32_t n_neurons;
    uint32_t n_inputs;
    struct lc_neuron_params *neuron; /**< n_neurons entries */
    struct lc_core_params core;
    int8_t *w_in;          /**< n_inputs x n_neurons */
    int8_t *w_rec;         /**< n_neurons x n_neurons */
    uint8_t *plastic_in;   /**< n_inputs x n_neurons, 0/1 */
    uint8_t *plastic_rec;  /**< n_neurons x n_neurons, 0/1 */
};

/** Largest network a host-side description may hold (neurons and input axons).
 * (Overridable when the library is built, for the fuzzers only: tests/fuzz.) */
#ifndef LC_NET_MAX_NEURONS
#define LC_NET_MAX_NEURONS 65536
#endif
#ifndef LC_NET_MAX_INPUTS
#define LC_NET_MAX_INPUTS 65536
#endif

/**
 * The two limits above, for bindings that cannot read a macro (Python checks its
 * arguments against them and names the one out of range).
 * @param[out] max_neurons  LC_NET_MAX_NEURONS (may be NULL).
 * @param[out] max_inputs   LC_NET_MAX_INPUTS (may be NULL).
 */
LC_API void lc_net_limits(uint32_t *max_neurons, uint32_t *max_inputs);

/**
 * Allocate a network of @p n_neurons neurons (1..LC_NET_MAX_NEURONS) and
 * @p n_inputs input axons (0..LC_NET_MAX_INPUTS) with the contract's defaults:
 * w_shift 6, every other parameter 0, all weights 0, nothing plastic.
 * @param[out] out  The new network (free with lc_net_free()); NULL on failure.
 * @return LC_OK, LC_ERR_ARG (bad sizes, NULL @p out) or LC_ERR_MEM.
 */
LC_API int lc_net_create(uint32_t n_neurons, uint32_t n_inputs, struct lc_net **out);

/** Free a network and every array it owns (NULL is fine). */
LC_API void lc_net_free(struct lc_net *net);

/**
 * Deep copy of @p net (parameters, weights, plasticity bits).
 * @param[out] out  The copy (free with lc_net_free()); NULL on failure.
 * @return LC_OK, LC_ERR_ARG or LC_ERR_MEM.
 */
LC_API int lc_net_copy(const struct lc_net *net, struct lc_net **out);

/**
 * Check every range of the contract (parameters, STDP sets, weights, 0/1 bits).
 * @param[out] msg  When not NULL, receives a message naming the first bad field
 *                  and index, e.g. "neuron[3].du = 5000 out of range 0..4096".
 * @return LC_OK, LC_ERR_ARG (NULL or missing arrays) or LC_ERR_RANGE.
 */
LC_API int lc_net_validate(const struct lc_net *net, char *msg, size_t msg_len);

/**
 * Load a network file (the JSON schema of tests/vectors/caseNN.json; the keys
 * steps, input_spikes, expected and note are ignored). The network is
 * validated before it is returned.
 * @param[out] out  The network (free with lc_net_free()); NULL on failure.
 * @param[out] msg  When not NULL, receives the reason of a failure (line and
 *                  field).
 * @return LC_OK, LC_ERR_ARG, LC_ERR_NOTFOUND / LC_ERR_IO (cannot read),
 *         LC_ERR_FORMAT (malformed file), LC_ERR_RANGE (a value out of range)
 *         or LC_ERR_MEM.
 */
LC_API int lc_net_load(const char *path, struct lc_net **out, char *msg, size_t msg_len);

/**
 * Save a network in the format read by lc_net_load().
 * @return LC_OK, LC_ERR_ARG or LC_ERR_IO.
 */
LC_API int lc_net_save(const struct lc_net *net, const char *path);

#ifdef __cplusplus
}
#endif
#endif /* LIFCORE_MODEL_H */
