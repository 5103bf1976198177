/* lc_dev.h : internals of the device layer (lifcore.h) shared with its backends
 * lc_device.c implements the public API once: argument checks, network
 * validation, size checks, the error detail, lc_run over lc_stream. A backend
 * fills a struct lc_dev_ops: 'ref' (lc_dev_ref.c, the C model in process) and
 * the wire backend (lc_dev_wire.c, the link protocol over any transport) used by
 * 'sim', 'emu' and 'serial:' (lc_dev_links.c opens their transports).
 *
 * Errors: backends return LC_OK or a negative lc_error and set the detail with
 * lc_dev_fail() (lc_dev.c). Ownership: the device owns its backend state (be),
 * freed by ops->close. Thread safety: as a device handle (one thread at a time).
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_DEV_H
#define LC_DEV_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "lc_opts.h"
#include "lifcore.h"

#define LC_DETAIL_LEN 512

/* Operations of a backend. The device layer has checked the arguments: dev is
 * open, a network is loaded where one is needed (dev->net_n > 0), and the
 * network given to load is valid and fits the device. */
struct lc_dev_ops {
    int (*load)(struct lc_device *dev, const struct lc_net *net);
    int (*reset_state)(struct lc_device *dev);
    /* input indices have been checked against the network's n_inputs by the
     * device layer's wrapper of @p input */
    int (*stream)(struct lc_device *dev, uint64_t steps, lc_input_fn input,
                  lc_output_fn output, void *user);
    int (*read_weights)(struct lc_device *dev, int8_t *w_in, int8_t *w_rec,
                        uint8_t *plastic_in, uint8_t *plastic_rec);
    int (*read_state)(struct lc_device *dev, struct lc_neuron_state *state, int32_t *x_in);
    int (*counters)(struct lc_device *dev, struct lc_counters *counters);
    int (*clear_counters)(struct lc_device *dev);
    int (*link_stats)(struct lc_device *dev, struct lc_link_stats *stats); /* may be NULL */
    void (*close)(struct lc_device *dev);
    /* Systems of cores (may be NULL: the backend runs one core without routes,
     * through load, and read_weights/read_state read core 0). The system is
     * valid for the device's D and fits it; stream then takes global indices
     * (core c's axons and neurons after those of cores 0..c-1). */
    int (*load_system)(struct lc_device *dev, const struct lc_system *sys);
    int (*read_core_weights)(struct lc_device *dev, uint32_t core, int8_t *w_in, int8_t *w_rec,
                             uint8_t *plastic_in, uint8_t *plastic_rec);
    int (*read_core_state)(struct lc_device *dev, uint32_t core, struct lc_neuron_state *state,
                           int32_t *x_in);
    /* Output selection (may be NULL): @p select (n_cores flags, NULL: all) as
     * lc_select_output() gives it; the device layer also drops unselected cores'
     * spikes itself, so a backend may drop them earlier or not at all. */
    int (*select_output)(struct lc_device *dev, const uint8_t *select);
};

struct lc_device {
    const struct lc_dev_ops *ops;
    void *be;                  /* backend state */
    struct lc_info info;       /* filled by the backend's open */
    uint32_t net_n, net_m;     /* sizes of the loaded network (a system: all its cores'
                                  neurons and axons); net_n 0: none */
    uint32_t n_cores;          /* cores of what is loaded (1 for a network; 0: none) */
    uint32_t *first_n, *first_m; /* n_cores + 1: global index of core c's neuron 0, axon 0 */
    uint8_t *out_sel;          /* n_cores flags of lc_select_output(); NULL: every core */
    char detail[LC_DETAIL_LEN];
};

/* Set the detail of @p dev (or of the thread's last lc_open failure when dev is
 * NULL) and return @p code. */
int lc_dev_fail(struct lc_device *dev, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int lc_dev_vfail(struct lc_device *dev, int code, const char *fmt, va_list ap);

/* The thread's detail of the last lc_open failure (LC_DETAIL_LEN bytes). */
char *lc_dev_open_detail(void);

/* Backends' open functions, the rows of the table in api/lc_device.c: fill
 * dev->ops, dev->be and dev->info, or fail with the detail set on dev. @p arg is
 * what follows a prefix entry's name ("serial:" PORT), else "". */
int lc_dev_ref_open(struct lc_device *dev, const char *arg, struct lc_opts *opts);
/* sim, emu and serial: open their transport and hand it to the wire backend */
int lc_dev_sim_open(struct lc_device *dev, const char *arg, struct lc_opts *opts);
int lc_dev_emu_open(struct lc_device *dev, const char *arg, struct lc_opts *opts);
int lc_dev_serial_open(struct lc_device *dev, const char *arg, struct lc_opts *opts);
struct lc_transport;
/* The byte pipe of a "sim?..." or "emu?..." device string, without the protocol
 * on top (lifcore serve): LC_ERR_ARG (another device, a bad option), or the
 * transport's error, with msg. The caller closes *t. */
int lc_dev_link_transport(const char *device, struct lc_transport *t, char *msg, size_t msg_len);

struct lc_transport;
/* The wire backend over an open transport (taken over: closed on failure
 * too): identifies the device and fills dev->info. @p timeout_ms bounds every
 * wait for an answer (transport time); @p backend names it in messages. */
int lc_dev_wire_open(struct lc_device *dev, struct lc_transport *t, const char *backend,
                     uint32_t timeout_ms);

#endif /* LC_DEV_H */
