/* lifcore.h : the lifcore host library, one API over a board, the Verilator model and the C model
 * Programs networks, streams spikes and reads back weights, state and counters.
 * C99; link with -llifcore (pkg-config lifcore).
 * SPDX-License-Identifier: MIT
 */
#ifndef LIFCORE_H
#define LIFCORE_H

/**
 * @file lifcore.h
 *
 * @section errors Errors
 * Every function returning int returns LC_OK (0) or a negative ::lc_error.
 * lc_strerror() turns a code into a static message; lc_last_error() gives the
 * detail of the last failure on a device (which port, which field, which step).
 * Out-pointers are set to NULL (or zeroed) on failure.
 *
 * @section ownership Ownership
 * Whoever allocates documents who frees. lc_open() is paired with lc_close(),
 * lc_net_create()/lc_net_load()/lc_net_copy() with lc_net_free(),
 * lc_system_create()/lc_system_load() with lc_system_free(),
 * lc_list_ports() with lc_free_ports(). The library keeps no pointer to caller
 * memory after a call returns; lc_load() copies the network, lc_load_system()
 * the system.
 *
 * @section threads Thread safety
 * A device handle must be used by one thread at a time (calls on one handle are
 * not serialised by the library). Distinct handles are independent, and the
 * functions without a handle (lc_strerror, lc_version, lc_net_*) are reentrant.
 *
 * @section devices Device strings
 * - `ref` : the C reference model in process; options `n=`, `m=` give its
 *   capacity per core (default 1024 neurons, 1024 inputs), e.g. `ref?n=256&m=128`;
 *   `cores=` the most cores of a system (default 1024), `delay=` its D (default 64).
 * - `sim` : the Verilator model of the board, driven through the RTL's UART
 *   pins; options `ber=` (bit-error rate on the wire), `drop=` (byte-drop rate),
 *   `seed=`, `trace=file.fst`, `lib=path/to/liblcsim.so`, `timeout_ms=` (500).
 *   The model is build/sim/liblcsim.so (make -C sim), loaded at run time from
 *   `lib=`, else $LIFCORE_SIM_LIB, else next to liblifcore (and ../sim/ from
 *   there), else the build tree liblifcore was built in. Its time is simulated:
 *   timeouts and link figures are in the board's clock, not the host's.
 * - `emu` : a C emulation of the board's link in front of the C model, over a
 *   simulated wire (for testing without the RTL); options `n=`, `m=`, `p=`,
 *   `rxb=`, `txb=`, `baud=`, `ber=`, `drop=`, `seed=`, `version=`, `timeout_ms=`.
 * - `serial:/dev/ttyUSB1?baud=3000000&timeout_ms=500` : a real board, 8N1, no
 *   flow control, locked against other lifcore processes. A missing port gives
 *   LC_ERR_NOTFOUND, a port in use LC_ERR_BUSY, a pseudo-terminal or a path
 *   that is not a character device LC_ERR_ARG, a baud the driver cannot set
 *   LC_ERR_ARG, permission denied LC_ERR_IO.
 *
 * A misspelt option is an error (LC_ERR_ARG naming it). Wire devices (sim,
 * emu, serial) retransmit lost or corrupted frames by themselves; a device
 * that makes no progress for timeout_ms gives LC_ERR_TIMEOUT, after which
 * the handle only fails (close it and open again).
 */

#include <stddef.h>
#include <stdint.h>

#include "lifcore_map.h" /* LC_FEATURE_* and the address map */
#include "lifcore_model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LIFCORE_VERSION_MAJOR 0
#define LIFCORE_VERSION_MINOR 1
#define LIFCORE_VERSION_PATCH 0

/** Library version string, e.g. "0.1.0". */
LC_API const char *lc_version(void);
/** Library version as (major << 16) | (minor << 8) | patch. */
LC_API uint32_t lc_version_number(void);

/** An open device (opaque). */
struct lc_device;

/** What a device is and can hold. */
struct lc_info {
    char backend[16];           /**< "ref", "sim" or "serial" */
    uint32_t protocol_version;  /**< link protocol version (0 for ref) */
    uint32_t core_version;      /**< core RTL version (0x00010000 = 1.0) */
    uint32_t n_neurons;         /**< neurons the device holds (N) */
    uint32_t n_inputs;          /**< input axons the device holds (M) */
    uint32_t lanes;             /**< synapses per weight word (P) */
    uint32_t clock_hz;          /**< core clock (0 for ref) */
    uint32_t baud;              /**< UART baud rate (0 for ref) */
    uint32_t features;          /**< LC_FEATURE_* bits */
    uint32_t n_cores;           /**< cores a system may have on this device (1: one core) */
    uint32_t max_delay;         /**< D, the largest route delay in steps (0: no routes) */
};

/* LC_FEATURE_STDP (on-chip STDP), LC_FEATURE_HOMEOSTASIS (adaptive thresholds) and
 * LC_FEATURE_STREAMING (credit-based spike streaming) are defined once, in the
 * generated lifcore_map.h (from rtl/include/lc_map.toml), included above. */

/** Statistics of a device and its link. */
struct lc_counters {
    uint64_t steps;            /**< timesteps run since the last clear */
    uint64_t cycles;           /**< core clock cycles spent stepping (0 for ref) */
    uint64_t spikes_in;        /**< input spikes delivered (duplicates removed) */
    uint64_t spikes_out;       /**< output spikes produced */
    uint64_t last_step_cycles; /**< cycles of the last step */
    uint64_t dropped;          /**< input spikes the core rejected (index >= M) */
    uint64_t crc_errors;       /**< frames rejected for a bad CRC (both ends) */
    uint64_t resyncs;          /**< receiver resynchronisations (both ends) */
    uint64_t retransmits;      /**< frames sent again by the host */
    uint64_t duplicates;       /**< repeated frames recognised and not re-executed */
    uint64_t timeouts;         /**< host waits that expired */
    uint64_t bytes_tx;         /**< bytes the host sent */
    uint64_t bytes_rx;         /**< bytes the host received */
    uint64_t gaps;             /**< intact frames discarded because an earlier one was lost,
                                    or over the credit (both ends) */
    uint64_t framing;          /**< bytes received with a bad stop bit (device) */
};

/* ---- systems of cores (docs/system.md) --------------------------------- */

/**
 * A system (opaque): cores, each a network (struct lc_net) of its own size,
 * joined by routes. Created by lc_system_create() or lc_system_load(), freed
 * by lc_system_free(); it owns deep copies of its networks. One thread at a
 * time per system.
 */
struct lc_system;

/**
 * A route (a, k, b, j, d): the spikes of neuron @c k of core @c a reach input
 * axon @c j of core @c b after @c d steps (1 <= d <= D of the device).
 */
struct lc_route {
    uint32_t a, k, b, j, d;
};

/** Most cores a host-side system may hold. */
#define LC_SYSTEM_MAX_CORES 65536
/** Largest delay a host-side route may have; a device's D (lc_info) may be smaller. */
#define LC_SYSTEM_MAX_DELAY 65535

/**
 * A system of @p n_cores cores (1..LC_SYSTEM_MAX_CORES), core c a deep copy of
 * @p nets[c], and no routes. The networks are checked by lc_system_validate()
 * and when the system is loaded, not here.
 * @param[out] out  The system (free with lc_system_free()); NULL on failure.
 * @return LC_OK, LC_ERR_ARG (NULL, n_cores out of range, a network or one of
 *         its arrays NULL) or LC_ERR_MEM.
 */
LC_API int lc_system_create(const struct lc_net *const *nets, uint32_t n_cores,
                            struct lc_system **out);

/** Free a system and its networks (NULL is fine). */
LC_API void lc_system_free(struct lc_system *sys);

/**
 * Add the route (a, k, b, j, d). A route already there is the same route
 * (nothing changes).
 * @param[out] msg  When not NULL, receives why a route is rejected, naming it:
 *                  "route (0, 5, 7, 3, 2): core 7 does not exist (2 cores)".
 * @return LC_OK, LC_ERR_ARG (NULL @p sys), LC_ERR_RANGE (a core, neuron or
 *         axon that does not exist, d outside 1..LC_SYSTEM_MAX_DELAY; the
 *         system is unchanged) or LC_ERR_MEM.
 */
LC_API int lc_system_add_route(struct lc_system *sys, uint32_t a, uint32_t k, uint32_t b,
                               uint32_t j, uint32_t d, char *msg, size_t msg_len);

/**
 * Add @p count routes, all or none: the first bad one is named in @p msg
 * ("routes[3] = (0, 5, 7, 3, 2): core 7 does not exist (2 cores)") and no
 * route of the call is added. @p routes may be NULL when @p count is 0.
 * @return as lc_system_add_route().
 */
LC_API int lc_system_add_routes(struct lc_system *sys, const struct lc_route *routes,
                                size_t count, char *msg, size_t msg_len);

/** Number of cores (0 for NULL). */
LC_API uint32_t lc_system_n_cores(const struct lc_system *sys);

/**
 * Core @p c's network, owned by the system (NULL when out of range). Its
 * parameters and weights may be edited (not its sizes) and stay valid until
 * lc_system_free().
 */
LC_API struct lc_net *lc_system_core(struct lc_system *sys, uint32_t c);

/**
 * The routes, sorted by (a, k, b, j, d), each once; *count gets their number.
 * Valid until the next change of the system. NULL (count 0) when there are none.
 */
LC_API const struct lc_route *lc_system_routes(const struct lc_system *sys, size_t *count);

/**
 * Check every core (lc_net_validate(), the message prefixed "core C: ") and
 * every route against the cores and against @p max_delay (a device's D).
 * @return LC_OK, LC_ERR_ARG (NULL) or LC_ERR_RANGE (message in @p msg).
 */
LC_API int lc_system_validate(const struct lc_system *sys, uint32_t max_delay, char *msg,
                              size_t msg_len);

/**
 * Load a system file (docs/formats.md: {"cores": [...], "routes": [...]}).
 * A network file is a system file too: a system of one core without routes.
 * Errors are reported as lc_net_load() does ("FILE: line L, column C: PATH: what").
 * @param[out] out  The system (free with lc_system_free()); NULL on failure.
 * @return LC_OK, LC_ERR_ARG, LC_ERR_NOTFOUND / LC_ERR_IO, LC_ERR_FORMAT,
 *         LC_ERR_RANGE or LC_ERR_MEM.
 */
LC_API int lc_system_load(const char *path, struct lc_system **out, char *msg, size_t msg_len);

/**
 * Save a system file (cores written inline) readable by lc_system_load().
 * @return LC_OK, LC_ERR_ARG, LC_ERR_RANGE (invalid core) or LC_ERR_IO.
 */
LC_API int lc_system_save(const struct lc_system *sys, const char *path);

/**
 * Open a device (see @ref devices).
 * @return LC_OK; LC_ERR_ARG (bad string), LC_ERR_NOTFOUND (no such port or
 *         library), LC_ERR_BUSY (port in use), LC_ERR_IO, LC_ERR_TIMEOUT (no
 *         answer), LC_ERR_VERSION (protocol mismatch), LC_ERR_MEM.
 *         *out is NULL on failure.
 */
LC_API int lc_open(const char *device, struct lc_device **out);

/** Close a device; NULL is fine. */
LC_API void lc_close(struct lc_device *dev);

/** Detail of the last error on @p dev (never NULL; "" when none). NULL dev: last lc_open failure. */
LC_API const char *lc_last_error(const struct lc_device *dev);

/** Describe the device. @return LC_OK, LC_ERR_ARG, link errors. */
LC_API int lc_info(struct lc_device *dev, struct lc_info *info);

/**
 * Load a network: parameters, weights and plasticity bits; resets the state.
 * Neurons and inputs beyond the network's size stay silent (zero parameters
 * and weights). The device's counters are not cleared.
 * On a wire device the first load of a session writes every synapse of the
 * device (its previous content is unknown); later loads write only what the
 * previous network could have changed and what the new one needs.
 * @return LC_OK; LC_ERR_ARG (NULL); LC_ERR_RANGE (a value out of the
 *         contract's ranges, detail in lc_last_error: field and index);
 *         LC_ERR_SIZE (larger than the device); link errors (LC_ERR_TIMEOUT,
 *         LC_ERR_LINK, LC_ERR_PROTO, LC_ERR_IO). A network rejected with
 *         LC_ERR_RANGE or LC_ERR_SIZE changes nothing (a network loaded before
 *         stays loaded); after a link error no network is loaded.
 */
LC_API int lc_load(struct lc_device *dev, const struct lc_net *net);

/**
 * Load a system: every core's network and the routes; resets the state (no
 * spikes in flight). Core c's axons and neurons are numbered after those of
 * cores 0..c-1 in lc_run() and lc_stream() (global indices); lc_run_system()
 * takes one array per core. A system of one core without routes is the same
 * as lc_load() of its network, on every backend.
 * @return LC_OK; LC_ERR_ARG (NULL); LC_ERR_RANGE (a core out of the
 *         contract's ranges, or a route naming a core, neuron or axon that
 *         does not exist or with a delay outside 1..D: lc_last_error names the
 *         route); LC_ERR_SIZE (more cores than the device has, a core larger
 *         than the device's); LC_ERR_UNSUPPORTED (the backend runs one core
 *         without routes only); link errors as lc_load().
 */
LC_API int lc_load_system(struct lc_device *dev, const struct lc_system *sys);

/**
 * Run @p steps steps of the loaded system.
 * @param in   NULL (no input), or one pointer per core: in[c] is steps x M_c
 *             bytes, nonzero where an input axon of core c spikes (in[c] may be
 *             NULL: no external input to core c).
 * @param out  NULL, or one pointer per core: out[c] receives steps x N_c bytes,
 *             0/1 where a neuron of core c spiked (out[c] may be NULL).
 * @return as lc_run().
 */
LC_API int lc_run_system(struct lc_device *dev, size_t steps, const uint8_t *const *in,
                         uint8_t *const *out);

/** Number of cores of the loaded system or network (0: nothing loaded). */
LC_API uint32_t lc_loaded_cores(const struct lc_device *dev);

/**
 * lc_read_weights() of core @p core of the loaded system (core 0 of a
 * network). @return LC_OK, LC_ERR_ARG (nothing loaded, no such core), link errors.
 */
LC_API int lc_read_core_weights(struct lc_device *dev, uint32_t core, int8_t *w_in,
                                int8_t *w_rec, uint8_t *plastic_in, uint8_t *plastic_rec);

/** lc_read_state() of core @p core of the loaded system. */
LC_API int lc_read_core_state(struct lc_device *dev, uint32_t core,
                              struct lc_neuron_state *state, int32_t *x_in);

/**
 * Output selection: choose which cores' output spikes come back to the host.
 * @p select has @p n entries, one per core of what is loaded (n = lc_loaded_cores());
 * core c's spikes are reported by lc_run(), lc_run_system() and lc_stream() only when
 * select[c] is nonzero; NULL (n 0) selects every core. Routing and learning are not
 * affected: an unselected core's spikes still travel its routes. A board of a system
 * of cores drops the unselected spikes on the device (the router's register 0x10), so
 * they take no link bandwidth; other backends drop them in the library. A load selects
 * every core again.
 * @return LC_OK, LC_ERR_ARG (nothing loaded, n is not the number of cores), link errors.
 */
LC_API int lc_select_output(struct lc_device *dev, const uint8_t *select, uint32_t n);

/** Clear u, v, r, theta, traces and previous spikes (and the spikes in flight
 *  of a system); keep parameters and weights. */
LC_API int lc_reset_state(struct lc_device *dev);

/**
 * Run @p steps timesteps with the given input spikes.
 * @param in   steps x n_inputs bytes (of the loaded network), nonzero where an input
 *             spikes (may be NULL when the network has no inputs). With a system
 *             loaded, n_inputs and n_neurons are those of all its cores, in global
 *             indices (core c's after those of cores 0..c-1; see lc_load_system()).
 * @param out  steps x n_neurons bytes, set to 0/1 where a neuron spiked (may be NULL).
 * @return LC_OK; LC_ERR_ARG (no network loaded, NULL @p in); LC_ERR_TIMEOUT;
 *         LC_ERR_LINK; LC_ERR_PROTO; LC_ERR_IO. Runs lc_stream().
 */
LC_API int lc_run(struct lc_device *dev, size_t steps, const uint8_t *in, uint8_t *out);

/**
 * Supplies the input spikes of step @p step: write up to @p cap axon indices
 * to @p idx and their number to *count. Return 0 to go on, a negative value to
 * abort the stream (lc_stream then returns LC_ERR_ARG).
 */
typedef int (*lc_input_fn)(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count);
/**
 * Receives the output spikes of step @p step (ascending indices, valid during
 * the call only). Return 0 to go on, negative to abort.
 */
typedef int (*lc_output_fn)(void *user, uint64_t step, const uint32_t *idx, size_t count);

/**
 * Stream @p steps timesteps: inputs are requested ahead of time (as far as the
 * device's credit allows) and outputs delivered in step order as they arrive.
 * Memory use does not grow with @p steps. Steps are numbered from 0 in each
 * call. Duplicate input indices are removed before the device sees them.
 * With a system loaded the indices are global (see lc_load_system()).
 * @return LC_OK; LC_ERR_ARG (no network loaded, NULL @p input, an index >=
 *         n_inputs, more indices than @p cap, or a callback aborted: the steps
 *         already sent are run and their outputs discarded; detail names the
 *         step); LC_ERR_TIMEOUT; LC_ERR_LINK; LC_ERR_PROTO; LC_ERR_IO.
 */
LC_API int lc_stream(struct lc_device *dev, uint64_t steps, lc_input_fn input,
                     lc_output_fn output, void *user);

/**
 * Read the weights and plasticity bits of the loaded network (shapes as in
 * struct lc_net). Any pointer may be NULL to skip that matrix.
 */
LC_API int lc_read_weights(struct lc_device *dev, int8_t *w_in, int8_t *w_rec,
                           uint8_t *plastic_in, uint8_t *plastic_rec);

/** Read the state: @p state has n_neurons entries, @p x_in n_inputs (either may be NULL).
 *  With a system loaded, lc_read_weights() and lc_read_state() read core 0. */
LC_API int lc_read_state(struct lc_device *dev, struct lc_neuron_state *state, int32_t *x_in);

/** Read the counters of the device and its link. */
LC_API int lc_counters(struct lc_device *dev, struct lc_counters *counters);

/** Zero the counters. */
LC_API int lc_clear_counters(struct lc_device *dev);

/**
 * Time and payload of the link since the last lc_clear_counters() (wire
 * devices). Wire fractions count bytes against baud / 10 bytes per second
 * (8N1), so 100% is a line sending back to back.
 */
struct lc_link_stats {
    uint64_t link_ns;     /**< transport time spent streaming (simulated time for sim) */
    uint64_t payload_tx;  /**< bytes of spike data the host sent (inside frames) */
    uint64_t payload_rx;  /**< bytes of spike data the host received */
    uint64_t frames_tx;   /**< frames the host sent, retransmissions included */
    uint64_t frames_rx;   /**< good frames the host received */
    double wire_tx;       /**< fraction of the host-to-device wire time in use (bytes_tx) */
    double wire_rx;       /**< fraction of the device-to-host wire time in use (bytes_rx) */
    double efficiency;    /**< fraction of the wire time carrying spike payload, busiest direction */
    uint64_t load_ns;     /**< transport time of the last lc_load() (simulated time for sim) */
    /* how the link adapted to the errors on the wire (docs/protocol.md, "A harsh wire") */
    uint64_t resend_polls; /**< RESEND requests the host sent (device frames lost or late) */
    uint64_t shrinks;      /**< times the host halved its frames or the answers in flight (a loss) */
    uint64_t grows;        /**< times it let them grow again (frames that got through) */
    uint32_t frame_max;    /**< payload bytes per host frame now (255 on a clean wire) */
    uint32_t answer_max;   /**< answer bytes the host lets be in flight now (0: no bound) */
    double loss_tx;        /**< fraction of the host's frames lost lately (the last few hundred) */
    double loss_rx;        /**< fraction of the device's frames lost lately */
    uint64_t guards;       /**< guard bytes sent after frames (the device counts them as resyncs) */
    uint64_t tail_rejects; /**< device frames with a good CRC refused: they ended like a frame
                                start, the sign of a dropped byte (also in crc_errors) */
};

/**
 * Link statistics of a wire device (sim, serial); the ref device returns all zero.
 * @return LC_OK, LC_ERR_ARG.
 */
LC_API int lc_link_stats(struct lc_device *dev, struct lc_link_stats *stats);

/**
 * List the serial ports of this machine.
 * @param[out] names  NULL-terminated array of strings; free with lc_free_ports().
 * @param[out] count  number of ports (may be NULL).
 * @return LC_OK, LC_ERR_UNSUPPORTED (built without libserialport), LC_ERR_IO, LC_ERR_MEM.
 */
LC_API int lc_list_ports(char ***names, size_t *count);
/** Free a list from lc_list_ports(); NULL is fine. */
LC_API void lc_free_ports(char **names);

#ifdef __cplusplus
}
#endif
#endif /* LIFCORE_H */
